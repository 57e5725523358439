// XLSX: the workbook writer, and `--format xlsx` of tables and audit read back with exceljs and
// compared row by row with the NDJSON of the same command.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT, run, tempDir } from '../helpers/cli.mjs';
import { FLAT_COLUMNS } from '../helpers/classify-columns.js';
import { classifyRowsToSheet, FIXED_DATE, sheetName, toXlsx, type Sheet } from '../../src/render/xlsx.js';

const tmp = tempDir('cnr-xlsx-');

async function readBook(bytes: Buffer | string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(typeof bytes === 'string' ? readFileSync(bytes) : bytes);
  return wb;
}

/** A sheet as records keyed by its header row; empty cells → null. */
function records(ws: ExcelJS.Worksheet): Array<Record<string, unknown>> {
  const head = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Array<Record<string, unknown>> = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    // Date cells (the workshops' dates) read back as the ISO day NDJSON prints.
    out.push(
      Object.fromEntries(
        head.map((h, i) => {
          const v = row.getCell(i + 1).value ?? null;
          return [h, v instanceof Date ? v.toISOString().slice(0, 10) : v];
        }),
      ),
    );
  }
  return out;
}

const ndjson = (s: string) =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const PCT = new Set(['percent', 'percent_lr', 'percent_exact', 'percent_recomputed']);
const round = (x: number) => Math.round(x * 1e8) / 1e8;

/** Compare an xlsx sheet with NDJSON rows: same rows, same order, every column of the sheet. */
function expectSameRows(
  sheetRows: Array<Record<string, unknown>>,
  rows: Array<Record<string, unknown>>,
  fix: (k: string, v: unknown) => unknown = (_, v) => v,
) {
  expect(sheetRows).toHaveLength(rows.length);
  sheetRows.forEach((got, i) => {
    const want = rows[i]!;
    for (const [k, v] of Object.entries(got)) {
      const w = fix(k, want[k] ?? null);
      const g = PCT.has(k) && typeof v === 'number' ? round(v * 100) : v;
      expect(g, `row ${i + 2} column ${k}`).toEqual(w === '' ? null : w);
    }
    for (const k of Object.keys(want)) if (!(k in got)) expect(want[k], `column ${k} missing from the sheet`).toBeUndefined();
  });
}

describe('tables --format xlsx', () => {
  for (const args of [[], ['--table', 'contributions', '--recompute'], ['--table', 'workshops'], ['--recompute']]) {
    it(`round-trips every row of: tables ${args.join(' ')}`, async () => {
      const file = join(tmp, `t${args.join('')}.xlsx`);
      const x = run(['tables', ...args, '--format', 'xlsx', '-o', file]);
      expect(x.status, x.stderr).toBe(0);
      expect(x.stdout).toBe('');
      const n = run(['tables', ...args, '--format', 'ndjson']);
      const wb = await readBook(file);
      const table = args.includes('--table') ? args[args.indexOf('--table') + 1]! : 'counts';
      expect(wb.worksheets.map((w) => w.name)).toEqual([table, 'meta']);
      expectSameRows(records(wb.getWorksheet(table)!), ndjson(n.stdout));
      const meta = Object.fromEntries(records(wb.getWorksheet('meta')!).map((r) => [r.key, r.value]));
      expect(meta).toMatchObject({ tool: 'cnr-synth', 'input.file': 'cnr-sante-nouvelle-aquitaine-2022.txt', table });
    }, 30_000);
  }

  it('is a usable sheet: bold frozen header, autofilter, numbers as numbers, percents as percents, widths, French labels', async () => {
    const wb = await readBook(join(tmp, 't.xlsx'));
    const ws = wb.getWorksheet('counts')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:L1');
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    const row = ws.getRow(51);
    expect(row.getCell(7).value).toBe("Encourager l'installation en territoires sous-denses");
    expect(row.getCell(9).value).toBe(187);
    expect(row.getCell(10).value).toBe(0.254);
    expect(row.getCell(10).numFmt).toBe('0.0%');
    expect(ws.getColumn(7).width).toBe(60);
    expect(ws.getColumn(4).width).toBeGreaterThanOrEqual(8);
    const labels = records(ws).map((r) => r.label as string);
    expect(labels).toContain('Accès à des médecins ou autres professionnels de santé à tarif conventionnel secteur 1');
  });

  it('is byte-identical on two runs (and `-o -` writes the same bytes to a pipe)', () => {
    const a = run(['tables', '--format', 'xlsx', '-o', '-'], { encoding: 'buffer' });
    expect(a.status).toBe(0);
    expect(a.stdout.equals(readFileSync(join(tmp, 't.xlsx')))).toBe(true);
  }, 30_000);

  it('needs -o FILE: exit 2 with one line', () => {
    for (const cmd of ['tables', 'audit']) {
      const r = run([cmd, '--format', 'xlsx']);
      expect(r.status, cmd).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('cnr-synth: --format xlsx writes a binary file: add -o FILE.xlsx\n');
    }
  }, 30_000);
});

describe('audit --format xlsx', () => {
  it('round-trips every finding, exit 1 as with the other formats', async () => {
    const file = join(tmp, 'audit.xlsx');
    const x = run(['audit', '--format', 'xlsx', '-o', file]);
    expect(x.status).toBe(1);
    const rows = ndjson(run(['audit', '--format', 'ndjson']).stdout);
    const wb = await readBook(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['findings', 'meta']);
    const got = records(wb.getWorksheet('findings')!);
    expect(Object.keys(got[0]!)).toEqual(['code', 'severity', 'section', 'lines', 'message', 'expected', 'found', 'detail']);
    expectSameRows(got, rows, (k, v) => (k === 'lines' ? (v as number[]).join(', ') : k === 'detail' ? (v === null ? null : JSON.stringify(v)) : v));
    expect(got.find((r) => r.section === '2.5.4' && r.code === 'participants-total')).toMatchObject({
      code: 'participants-total',
      lines: '4694, 4706',
      expected: 105,
      found: 104,
    });
  }, 30_000);
});

describe('toXlsx', () => {
  afterEach(() => vi.useRealTimers());
  const sheet: Sheet = {
    name: 'Tableau: T1/T2 [région] avec un nom bien trop long pour Excel',
    columns: [
      { key: 'label', header: 'libellé' },
      { key: 'n', kind: 'int' },
      { key: 'p', kind: 'percent' },
      { key: 'x', kind: 'number', numFmt: '0.000' },
      { key: 'f' },
    ],
    rows: [
      { label: 'Accès à un médecin « traitant »', n: 908, p: 50.14, x: 0.5, f: '=1+1' },
      { label: null, n: null, p: null, x: 1 / 3, f: true },
    ],
  };

  it('gives the same bytes whatever the clock says (zip entry times are fixed)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-03-05T10:11:12Z'));
    const a = await toXlsx([sheet]);
    vi.setSystemTime(new Date('2031-12-31T23:59:58Z'));
    const b = await toXlsx([sheet]);
    expect(a.equals(b)).toBe(true);
    const wb = await readBook(a);
    expect(wb.created.toISOString()).toBe(FIXED_DATE.toISOString());
    expect(wb.creator).toBe('cnr-synth');
  });

  it('writes values with their types and formats; a leading "=" stays text', async () => {
    const wb = await readBook(await toXlsx([sheet]));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Tableau_ T1_T2 _région_ avec un');
    expect(records(ws)).toEqual([
      { libellé: 'Accès à un médecin « traitant »', n: 908, p: 0.5014, x: 0.5, f: '=1+1' },
      { libellé: null, n: null, p: null, x: 1 / 3, f: true },
    ]);
    expect(ws.getRow(2).getCell(3).numFmt).toBe('0.0%');
    expect(ws.getRow(2).getCell(4).numFmt).toBe('0.000');
  });

  it('names sheets as Excel accepts them, unique', () => {
    const taken = new Set<string>();
    expect(sheetName('counts', taken)).toBe('counts');
    expect(sheetName('Counts', taken)).toBe('Counts_2');
    expect(sheetName('a/b:c?d*e[f]', taken)).toBe('a_b_c_d_e_f_');
    expect(sheetName('', taken)).toBe('Sheet');
  });
});

describe('classifyRowsToSheet', () => {
  const recs = ndjson(readFileSync(join(ROOT, 'fixtures/classified/sample.ndjson'), 'utf8'));
  it('one row per verbatim: the input columns first, then the classification', async () => {
    const s = classifyRowsToSheet(recs);
    expect(s.name).toBe('classify');
    expect(s.columns.map((c) => c.header)).toEqual(['commune', 'atelier', ...FLAT_COLUMNS]);
    const got = records((await readBook(await toXlsx([s]))).worksheets[0]!);
    expect(got).toHaveLength(6);
    expect(got[0]).toMatchObject({
      commune: 'Guéret',
      id: 'v-001',
      thematique_id: 't1',
      thematique_score: 0.992,
      kind: 'probleme',
      group_id: 't1.probleme.g02',
      idea_score: 0.55,
      needs_review: false,
      status: 'ok',
      explanation: 'sous-denses',
    });
    expect(got[4]).toMatchObject({ commune: '=SOMME(A1:A2)', thematique_id: '4', needs_review: true, status: 'uncertain', idea_id: null });
    expect(got[3]).toMatchObject({ sujet: 'Urgences', sujet_score: 0.6 });
  });
  it('an input column named like a classification column gets the prefix cnr_', () => {
    const s = classifyRowsToSheet([{ ...recs[0]!, input: { id: 'row-1', text: 'brut' } }]);
    expect(s.columns.slice(0, 4).map((c) => c.header)).toEqual(['id', 'text', 'cnr_id', 'cnr_text']);
    expect(s.rows[0]).toMatchObject({ 'in:id': 'row-1', 'in:text': 'brut', cnr_id: 'v-001' });
  });
});
