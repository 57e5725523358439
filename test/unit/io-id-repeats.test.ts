// Ids repeated in a classify input (src/io/id-repeats.ts): exact against a Set of the strings,
// through the table's growth, and said by classify for CSV, NDJSON and JSON inputs.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IdRepeats, MAX_KEPT } from '../../src/io/id-repeats.js';
import { run as cli, tempDir } from '../helpers/cli.mjs';

describe('IdRepeats', () => {
  it('counts exactly the records whose id came before (a Set of the strings as oracle), past many growths', () => {
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const r = new IdRepeats();
    const seen = new Set<string>();
    let expected = 0;
    const first: Array<{ id: string; at: number }> = [];
    for (let i = 1; i <= 60_000; i++) {
      // About 1 in 10 ids is drawn again from the earlier ones.
      const id = rnd() < 0.1 && i > 1 ? `R-${Math.floor(rnd() * (i - 1))}` : `R-${i - 1}`;
      const again = seen.has(id);
      if (again) {
        expected++;
        if (first.length < 3) first.push({ id, at: i });
      }
      seen.add(id);
      r.see(id, i);
    }
    expect(expected).toBeGreaterThan(1000);
    expect(r.repeated).toBe(expected);
    expect(r.examples).toEqual(first);
  });
  it('keeps MAX_KEPT ids: later ones are compared with those, not kept, and that is said', () => {
    const r = new IdRepeats();
    for (let i = 0; i < MAX_KEPT + 10; i++) r.see(`id-${i}`, i + 1);
    expect([r.repeated, r.unkept]).toEqual([0, 10]);
    r.see('id-0', 1); // a kept id: found
    r.see(`id-${MAX_KEPT + 3}`, 2); // a later id: not kept, not found
    expect([r.repeated, r.unkept]).toEqual([1, 11]);
    expect(r.summary('x.ndjson', 'line', 'field "id"')[1]).toBe(
      `x.ndjson: ids were compared for repeats with the first ${MAX_KEPT} only (a memory bound): 11 later ids were not compared with each other`,
    );
  });
  it('says nothing without repeats, one line with them', () => {
    const r = new IdRepeats();
    for (const id of ['a', 'b', 'é', 'e', '1', '01']) r.see(id, 1);
    expect(r.summary('x.csv', 'row', 'column "id"')).toEqual([]);
    r.see('é', 9);
    expect(r.summary('x.csv', 'row', 'column "id"')).toEqual([
      'x.csv: 1 record repeats the id of an earlier record (column "id": "é" at row 9); each is classified, in input order, but a join on the id would pair them wrongly: give each record its own id',
    ]);
  });
});

describe('classify says repeated ids', () => {
  const tmp = tempDir('cnr-id-repeats-');
  const run = (args: string[]) => cli(args, { cwd: tmp });
  const count = (s: string) => s.trim().split('\n').length;
  it('a CSV id column: every record kept, the repeats named with their rows, exit 0', () => {
    writeFileSync(join(tmp, 'a.csv'), 'id;texte\nA;Plus de médecins\nB;Constituer un CLSM\nA;Améliorer la gestion des lits\nA;Moins d’attente aux urgences\n');
    const r = run(['classify', 'a.csv', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(count(r.stdout)).toBe(4);
    expect(r.stderr).toContain('a.csv: 2 records repeat the ids of earlier records (column "id": "A" at row 4, "A" at row 5)');
  });
  it('NDJSON: a number and its string are the same id in the output; records without an id are not compared', () => {
    writeFileSync(
      join(tmp, 'b.ndjson'),
      '{"id":1,"text":"Plus de médecins"}\n{"id":"1","text":"Constituer un CLSM"}\n{"text":"Moins d’attente"}\n{"text":"Améliorer la gestion des lits"}\n',
    );
    const r = run(['classify', 'b.ndjson', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('b.ndjson: 1 record repeats the id of an earlier record (field "id": "1" at line 2)');
  });
  it('a JSON document names records; ids made from row numbers never repeat', () => {
    writeFileSync(join(tmp, 'c.json'), '[{"id":"x","text":"Plus de médecins"},{"id":"x","text":"Constituer un CLSM"}]');
    const r = run(['classify', 'c.json', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('c.json: 1 record repeats the id of an earlier record (field "id": "x" at record 2)');
    writeFileSync(join(tmp, 'd.csv'), 'texte\nPlus de médecins\nPlus de médecins\n');
    const d = run(['classify', 'd.csv', '--format', 'ndjson']);
    expect(d.status, d.stderr).toBe(0);
    expect(d.stderr).not.toContain('repeat');
  });
});
