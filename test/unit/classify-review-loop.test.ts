// The review loop end to end, as users run it (the built bin/cnr-synth in child processes):
// classify → XLSX with a "review" sheet → an analyst corrects group_id / idea_id → train --examples
// → classify again: the corrected items come out as corrected; eval --labels scores the file.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toXlsx } from '../../src/render/xlsx.js';
import { readCodedWorkbook } from '../../src/io/excel.js';
import { ROOT, run as cli, sh, tempDir } from '../helpers/cli.mjs';

const run = (args: string[], input?: string) => cli(args, { input });
const tmp = tempDir('cnr-review-');
const tax = JSON.parse(readFileSync(join(ROOT, 'data', 'taxonomy.json'), 'utf8')) as { branches: { groups: { id: string; ideas: { id: string }[] }[] }[] };
const groups = tax.branches.flatMap((b) => b.groups);

describe('review loop: classify → correct → train → classify', () => {
  it('corrected items come out as corrected after retraining', async () => {
    const xlsx = join(tmp, 'classified.xlsx');
    const c = run(['classify', '--format', 'xlsx', '-o', xlsx]);
    expect(c.status, c.stderr).toBe(0);
    const review = (await readCodedWorkbook(xlsx)).sheet.rows.map((r) => r.record);
    expect(review.length).toBeGreaterThan(50);
    expect(review.every((r) => r.group_id === undefined || /^t[1-4]\.(probleme|solution)\.g\d\d$/.test(String(r.group_id)))).toBe(true);
    // The dropdowns: a list validation over the scheme's group ids on the group_id cells.
    const sheetXml = sh(`unzip -p '${xlsx}' xl/worksheets/sheet2.xml`).stdout;
    if (sheetXml) expect(sheetXml).toMatch(/<dataValidation type="list"[^>]*sqref="F2:F\d+">\s*<formula1>scheme!\$A\$2:\$A\$29/);

    // The analyst moves five rows to another group (seven groups further in print order) and its first idea.
    const corrected = review.slice(0, 5).map((r) => {
      const k = groups.findIndex((g) => g.id === r.group_id);
      const g = groups[(Math.max(0, k) + 7) % groups.length]!;
      return { id: r.id, text: r.text, group_id: g.id, idea_id: g.ideas[0]?.id ?? '' };
    });
    const fixed = join(tmp, 'corrected.xlsx');
    const cols = ['id', 'text', 'group_id', 'idea_id'].map((key) => ({ key, kind: 'text' as const }));
    writeFileSync(fixed, await toXlsx([{ name: 'review', columns: cols, rows: corrected }]));

    const model = join(tmp, 'model.json');
    const t = run(['train', '--examples', fixed, '--folds', '2', '-o', model]);
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/\(5 coded examples\)/);

    const input = corrected.map((r) => JSON.stringify({ id: r.id, text: r.text })).join('\n');
    const again = run(['classify', '-', '--input', 'ndjson', '--format', 'ndjson', '--model', model], input);
    expect(again.status, again.stderr).toBe(0);
    const got = again.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { group: { id: string } | null; idea: { id: string } | null });
    expect(got.map((r) => r.group?.id)).toEqual(corrected.map((r) => r.group_id));
    expect(got.map((r) => r.idea?.id ?? '')).toEqual(corrected.map((r) => r.idea_id));

    // eval --labels reads the same corrected file.
    const e = run(['eval', '--labels', fixed, '--model', model, '--format', 'json']);
    expect(e.status, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout).group).toMatchObject({ n: 5, accuracy: 1 });
  }, 600_000);

  it('a corrected row with an unknown group id is refused with its line (exit 2)', () => {
    const bad = join(tmp, 'bad.csv');
    writeFileSync(bad, 'text,group_id,idea_id\nIl manque des médecins,t1.probleme.g01,\nAutre ligne,t9.solution.g01,\n');
    const r = run(['train', '--examples', bad, '-o', join(tmp, 'never.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.csv:3: "t9\.solution\.g01" is not a group id/);
  });
});

describe('the "scheme" sheet of the review workbook', () => {
  it('lists groups and ideas apart, each idea with the group it belongs to (review 12, #5)', async () => {
    const { reviewSheets } = await import('../../src/render/xlsx-review.js');
    const sheets = reviewSheets([], tax as never);
    const scheme = sheets.find((s) => s.name === 'scheme')!;
    expect(scheme.columns.map((c) => c.key)).toEqual(['group_id', 'group_label', 'idea_id', 'idea_label', 'idea_group_id']);
    const ideas = scheme.rows.filter((r) => r.idea_id !== undefined);
    expect(ideas).toHaveLength(groups.reduce((n, g) => n + g.ideas.length, 0));
    for (const r of ideas) expect(String(r.idea_id).startsWith(`${String(r.idea_group_id)}.`), String(r.idea_id)).toBe(true);
  });
});
