// Rows a sheet hides (a filter left on, or hidden by hand) are read like the others, and said:
// by classify for its input sheet, by train and eval for a corrected workbook (review 11, C8).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { run as cli, tempDir } from '../helpers/cli.mjs';
import { loadExcelJS } from '../../src/io/excel.js';

const tmp = tempDir('cnr-xlsx-hidden-');
const run = (args: string[]) => cli(args, { cwd: tmp });

/** A sheet `name` with a header and rows; the rows of `hide` (sheet row numbers) hidden. */
async function workbook(file: string, name: string, header: string[], rows: string[][], hide: number[]): Promise<string> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  for (const r of hide) ws.getRow(r).hidden = true;
  await wb.xlsx.writeFile(join(tmp, file));
  return join(tmp, file);
}

describe('hidden rows of a workbook', () => {
  it('classify reads them and says which', async () => {
    const f = await workbook(
      'in.xlsx',
      'Réponses',
      ['id', 'texte'],
      [
        ['1', 'Plus de médecins en Creuse'],
        ['2', 'Constituer un CLSM'],
        ['3', 'Améliorer la gestion des lits'],
      ],
      [3],
    );
    const r = run(['classify', f, '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(r.stderr).toContain(
      'in.xlsx: 1 row hidden in sheet "Réponses" (a filter, or hidden by hand: row 3) was read like the others; delete it to leave it out',
    );
    const none = await workbook('plain.xlsx', 'Réponses', ['id', 'texte'], [['1', 'Plus de médecins en Creuse']], []);
    expect(run(['classify', none, '--format', 'ndjson']).stderr).not.toContain('hidden');
  });
  it('train --examples and eval --labels read them and say which', async () => {
    const f = await workbook(
      'review.xlsx',
      'review',
      ['text', 'group_id', 'idea_id'],
      [
        ['Il manque des médecins généralistes dans nos villages', 't1.probleme.g01', ''],
        ['Merci de votre attention', '', ''],
        ['Les urgences sont saturées le week-end', 't2.probleme.g01', ''],
      ],
      [2, 4],
    );
    const line =
      'review.xlsx: 2 rows hidden in sheet "review" (a filter, or hidden by hand: rows 2, 4) were read like the others; delete them to leave them out';
    const e = run(['eval', '--labels', f]);
    expect(e.status, e.stderr).toBe(0);
    expect(e.stderr).toContain(line);
    const t = run(['train', '--examples', f, '--folds', '2', '-o', join(tmp, 'm.json')]);
    expect(t.status, t.stderr).toBe(0);
    expect(t.stderr).toContain(line);
  }, 180_000);
});
