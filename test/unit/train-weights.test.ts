// Per-example training weights (issue 15, self-training): a coded line's `weight`, else its
// `confidence` (a traced label), reaches the prototypes and the thématique/kind training texts.
// Unweighted training is unchanged: classify-train.test.ts reproduces data/model.json byte for byte.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/errors.js';
import { codedRow, parseCoded, readCoded } from '../../src/io/coded.js';
import { loadReport } from '../../src/io/report.js';
import { buildTaxonomy, codedExamples, withExamples } from '../../src/classify/taxonomy.js';
import { centroid, protoNodes } from '../../src/classify/prototypes.js';
import { groupDocs, schemeDocs } from '../../src/classify/training-set.js';
import { run } from '../helpers/cli.mjs';

const line = { id: 'x', text: 'Manque de médecins', status: 'ok', thematique: 't1', kind: 'probleme' };

describe('the weight of a coded line', () => {
  it('is its "weight", else its "confidence", else absent (1 when trained)', () => {
    expect(parseCoded({ ...line, confidence: 0.8 }, 1, 'f.jsonl').weight).toBe(0.8);
    expect(parseCoded({ ...line, weight: 0.3, confidence: 0.8 }, 1, 'f.jsonl').weight).toBe(0.3);
    expect(parseCoded({ ...line, weight: 1 }, 1, 'f.jsonl').weight).toBe(1);
    expect(parseCoded(line, 1, 'f.jsonl').weight).toBeUndefined();
    expect(parseCoded({ ...line, confidence: null }, 1, 'f.jsonl').weight).toBeUndefined();
    const ex = codedExamples([
      parseCoded({ ...line, group: 't1.probleme.g01', idea: null, confidence: 0.6 }, 1, 'f.jsonl'),
      parseCoded({ ...line, id: 'y', group: 't1.probleme.g01', idea: null }, 2, 'f.jsonl'),
    ]);
    expect(ex.map((e) => e.weight)).toEqual([0.6, 1]);
  });
  it('outside (0, 1] is refused with the file and line', () => {
    for (const bad of [
      { weight: 0 },
      { weight: 1.5 },
      { weight: -0.2 },
      { weight: '0.5' },
      { confidence: 0 },
      { confidence: 2 },
      { weight: 2, confidence: 0.5 },
    ]) {
      let err: unknown;
      try {
        parseCoded({ ...line, ...bad }, 7, 'traced.jsonl');
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(bad)).toBeInstanceOf(InputError);
      const e = err as InputError;
      expect(e.oneLine).toMatch(/^traced\.jsonl:7: "(weight|confidence)" \(the line's training weight\) must be a number in \(0, 1\]/);
      expect(e.oneLine).not.toContain('\n');
    }
  });
  it('is read from a "weight" column of a corrected table (a decimal comma too)', () => {
    expect(codedRow({ text: 'a', group_id: 't1.probleme.g01', weight: '0,5' }, 2, 't.csv').coded!.weight).toBe(0.5);
    expect(codedRow({ text: 'a', group_id: 't1.probleme.g01' }, 2, 't.csv').coded!.weight).toBeUndefined();
    expect(() => codedRow({ text: 'a', group_id: 't1.probleme.g01', weight: 'high' }, 3, 't.csv')).toThrow(/t\.csv|must be a number/);
  });
  it('a bad weight in a JSONL file: InputError naming the file and the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnr-weights-'));
    try {
      const f = join(dir, 'traced.jsonl');
      writeFileSync(f, `${JSON.stringify({ ...line, confidence: 0.9 })}\n${JSON.stringify({ ...line, confidence: 1.2 })}\n`);
      await expect(readCoded(f)).rejects.toMatchObject({ line: 2, file: expect.stringContaining('traced.jsonl') as unknown });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a weighted example in the prototypes', () => {
  // Two unit directions: a on rows 0–1, b on row 2.
  const a = { idx: Int32Array.of(0, 1), val: Float32Array.of(3, 4) };
  const b = { idx: Int32Array.of(2), val: Float32Array.of(2) };
  it('at weight 0.5 moves the centroid half as far as at weight 1', () => {
    const c1 = centroid([a, b]);
    const cHalf = centroid([a, { ...b, weight: 0.5 }]);
    // Before normalisation the sum is a/|a| + w b/|b|: b's share against a's halves.
    expect(cHalf.get(2)! / cHalf.get(0)!).toBeCloseTo((c1.get(2)! / c1.get(0)!) * 0.5, 12);
    // a + ½ b points where 2a + b does.
    const twice = centroid([a, a, b]);
    for (const k of [0, 1, 2]) expect(cHalf.get(k)!).toBeCloseTo(twice.get(k)!, 12);
    // Weight 1 is the unweighted centroid, to the bit.
    expect([...centroid([a, { ...b, weight: 1 }])]).toEqual([...c1]);
  });
});

const tax = buildTaxonomy(await loadReport(fileURLToPath(new URL('../../data/cnr-sante-nouvelle-aquitaine-2022.txt', import.meta.url))));

describe('a weighted example in the training texts', () => {
  const idea = tax.branches[0]!.groups[0]!.ideas[0]!;
  const group = tax.branches[0]!.groups[0]!;
  const t = withExamples(tax, [
    { id: 'a', text: 'exemple pondéré de l’idée', group: group.id, idea: idea.id, weight: 0.5 },
    { id: 'b', text: 'exemple entier du groupe', group: group.id, idea: null, weight: 1 },
  ]);
  it('joins its idea prototype at its weight, the scheme texts at 1', () => {
    const node = protoNodes(t).find((n) => n.id === idea.id)!;
    expect(node.texts.at(-1)).toBe('exemple pondéré de l’idée');
    expect(node.weights.at(-1)).toBe(0.5);
    expect(node.weights.slice(0, -1).every((w) => w === 1)).toBe(true);
    expect(
      protoNodes(t)
        .find((n) => n.id === group.id)!
        .weights.at(-1),
    ).toBe(1);
  });
  it('is a thématique/kind text at schemeWeight × its weight, and a group-head text at its weight', () => {
    const docs = schemeDocs(t, 2);
    expect(docs.find((d) => d.text === 'exemple pondéré de l’idée')!.weight).toBe(1);
    expect(docs.find((d) => d.text === 'exemple entier du groupe')!.weight).toBe(2);
    expect(docs.find((d) => d.text === idea.label)!.weight).toBe(2);
    expect(groupDocs(t).find((d) => d.text === 'exemple pondéré de l’idée')!.weight).toBe(0.5);
  });
});

describe('train --examples with a bad weight', () => {
  it('exits 2 with one line naming the file and the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnr-weights-'));
    try {
      const f = join(dir, 'traced.jsonl');
      writeFileSync(f, `${JSON.stringify({ ...line, group: 't1.probleme.g01', idea: null, weight: 3 })}\n`);
      const r = run(['train', '--examples', f, '-o', join(dir, 'model.json')]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/traced\.jsonl:1: "weight" .* must be a number in \(0, 1\]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
