// `cnr-synth trace` as users run it: formats, --count, --summary, the coded export, refusals,
// byte-identical output.
import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseCoded } from '../../src/io/coded.js';
import { makeReportPdf } from '../helpers/make-pdf.js';
import { REPORT_TEXT } from '../helpers/report.js';
import { writeFileSync } from 'node:fs';
import { run, tempDir } from '../helpers/cli.mjs';

const tmp = tempDir('cnr-trace-');

describe('trace formats', () => {
  const nd = run(['trace', '--format', 'ndjson']);
  it('NDJSON: one row per verbatim, byte-identical on a second run', () => {
    expect(nd.status, nd.stderr).toBe(0);
    const rows = nd.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.length).toBe(1918);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1918);
    const c = rows.find((r) => r.status === 'counted');
    expect(Object.keys(c)).toEqual([
      'id',
      'departement',
      'workshop',
      'line',
      'thematique',
      'kind',
      'status',
      'group_id',
      'group',
      'idea_id',
      'idea',
      'confidence',
      'margin',
      'second_idea_id',
      'second_idea',
      'alternative_idea_id',
      'alternative_idea',
      'cross_branch',
      'text',
    ]);
    expect(rows.filter((r) => r.status === 'not_counted').every((r) => r.idea_id === null)).toBe(true);
    expect(run(['trace', '--format', 'ndjson']).stdout).toBe(nd.stdout);
  }, 60_000);
  it('--summary CSV: one row per published idea count; attributed matches the NDJSON rows', () => {
    const r = run(['trace', '--summary', '--format', 'csv', '--departement', '33']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('departement,thematique,kind,group_id,group,idea_id,idea,line,printed,attributed,gap');
    expect(lines.length - 1).toBe(87);
    const rows = nd.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((x) => x.departement === '33');
    const n = rows.filter((x) => x.idea_id).length + rows.filter((x) => x.second_idea_id).length;
    const sum = lines.slice(1).reduce((a, l) => a + Number(l.split(',').at(-2)), 0);
    expect(sum).toBe(n);
  }, 60_000);
  it('--count lists the verbatims behind one idea count (and a group count is the union of its ideas)', () => {
    const idea = run(['trace', '--count', 't1.probleme.g01.i01', '--departement', '47', '--format', 'json']);
    expect(idea.status, idea.stderr).toBe(0);
    const j = JSON.parse(idea.stdout);
    expect(j.rows.length).toBeGreaterThan(0);
    expect(j.rows.length).toBeLessThanOrEqual(11); // printed: 11 (line 7232)
    expect(
      j.rows.every(
        (r: { idea_id: string; second_idea_id: string | null }) => r.idea_id === 't1.probleme.g01.i01' || r.second_idea_id === 't1.probleme.g01.i01',
      ),
    ).toBe(true);
    const group = JSON.parse(run(['trace', '--count', 't1.probleme.g01', '--departement', '47', '--format', 'json']).stdout);
    expect(group.rows.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(j.rows.map((r: { id: string }) => r.id)));
    const table = run(['trace', '--count', 't1.probleme.g01.i01', '--departement', '47', '--format', 'table']);
    expect(table.stdout.split('\n')[0]).toContain('Le nombre de professionnels de santé sur le territoire est insuffisant');
  }, 60_000);
  it('xlsx: the rows read back as the NDJSON has them', async () => {
    const file = join(tmp, 'trace.xlsx');
    const r = run(['trace', '--departement', '16', '--format', 'xlsx', '-o', file]);
    expect(r.status, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file));
    const ws = wb.getWorksheet('trace')!;
    const rows = nd.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((x) => x.departement === '16');
    expect(ws.rowCount - 1).toBe(rows.length);
    expect(ws.getRow(2).getCell(1).value).toBe(rows[0].id);
  }, 60_000);
  it('--format coded: lines in the coded-examples format, one per counted verbatim', () => {
    const r = run(['trace', '--format', 'coded', '--departement', '79']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const coded = lines.map((l, i) => parseCoded(JSON.parse(l), i + 1, 'traced.jsonl'));
    expect(coded.every((c) => c.status === 'ok' && c.group && c.idea && c.idea.startsWith(c.group) && c.id!.startsWith('2.'))).toBe(true);
    expect(coded.length).toBeGreaterThan(150);
  }, 60_000);
});

describe('trace of a PDF report', () => {
  it('gives each verbatim and each published count its page', async () => {
    const pdf = join(tmp, 'report.pdf');
    writeFileSync(pdf, await makeReportPdf(REPORT_TEXT, { bullet: 'glyph', wrap: true, footer: true }));
    const rows = run(['trace', pdf, '--departement', '23', '--format', 'ndjson']);
    expect(rows.status, rows.stderr).toBe(0);
    const rs = rows.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rs.length).toBe(60);
    expect(rs.every((r) => Number.isInteger(r.page) && r.page > 1)).toBe(true);
    const sum = run(['trace', pdf, '--departement', '23', '--summary', '--format', 'ndjson']);
    expect(
      sum.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .every((r) => Number.isInteger(r.page)),
    ).toBe(true);
    const html = run(['report', pdf, '--trace', '-o', join(tmp, 'report.html')]);
    expect(html.status, html.stderr).toBe(0);
    const page = readFileSync(join(tmp, 'report.html'), 'utf8');
    expect(page).toContain('<section id="tracabilite">');
    expect(page).toContain('href="#tracabilite"');
    expect(page).toMatch(/l\.\u00a0\d+, p\.\u00a0\d+/);
  }, 120_000);
});

describe('trace refusals (exit 2, one line)', () => {
  it.each([
    [['trace', '--count', 't1.probleme.g01'], /--count needs --departement/],
    [['trace', '--count', 't9.x', '--departement', '16'], /no published count "t9.x" in département 16/],
    [['trace', '--departement', '99'], /no département "99"/],
    [['trace', '--classifier-weight', 'much'], /--classifier-weight takes a number ≥ 0, got "much"/],
    [['trace', '--summary', '--format', 'xlsx'], /xlsx/],
    [['trace', 'no-such-file.txt'], /no-such-file.txt/],
  ])(
    '%j',
    (args, msg) => {
      const r = run(args as string[]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n').length).toBe(1);
      expect(r.stderr).toMatch(msg as RegExp);
    },
    60_000,
  );
  it('writes no partial file on a refusal', () => {
    const out = join(tmp, 'never.csv');
    expect(run(['trace', '--count', 'x', '--departement', '16', '-o', out]).status).toBe(2);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

// trace's --help examples run in test/unit/help-examples.test.ts, with every other command's.
