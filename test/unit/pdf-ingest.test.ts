// A PDF of the report gives the same model as its text: same tables, same verbatims, pages added.
import { describe, expect, it, beforeAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeReportPdf, type BulletRendering } from '../helpers/make-pdf.js';
import { loadReport, loadReportLines } from '../../src/io/report.js';
import { publishedRows, workshopRows } from '../../src/aggregate/tables.js';
import { audit } from '../../src/aggregate/audit.js';
import type { Report } from '../../src/model.js';
import { bundled, REPORT_TEXT } from '../helpers/report.js';
import { reportOtherLines } from '../../src/classify/report-lines.js';
import { buildTaxonomy } from '../../src/classify/taxonomy.js';
import { tempDir } from '../helpers/cli.mjs';

const text = bundled();
const dir = tempDir('cnr-pdf-');
const strip = <T extends Record<string, unknown>>(rows: T[]) => rows.map(({ line: _l, page: _p, ...rest }) => rest);

const cases: Array<[BulletRendering, boolean]> = [
  ['glyph', false],
  ['symbol', true],
  ['none', false],
  ['none', true],
];

describe.each(cases)('PDF, bullets %s, rewrapped %s', (bullet, wrap) => {
  let pdf: Report;
  const file = join(dir, `report-${bullet}-${wrap}.pdf`);
  beforeAll(async () => {
    writeFileSync(file, await makeReportPdf(REPORT_TEXT, { bullet, wrap, footer: true }));
    pdf = await loadReport(file);
  }, 120_000);
  it('gives the same published tables as the text', () => {
    expect(pdf.source).toMatchObject({ kind: 'pdf' });
    expect(pdf.source.pages).toBeGreaterThan(150);
    expect(strip(publishedRows(pdf) as never)).toEqual(strip(publishedRows(text) as never));
    expect(strip(workshopRows(pdf) as never)).toEqual(strip(workshopRows(text) as never));
    expect(pdf.region.contributions.map((c) => c.count)).toEqual([908, 345, 243, 315]);
    expect(pdf.notes).toEqual([]);
  });
  it('gives the same verbatims, with page numbers', () => {
    expect(pdf.verbatims.map((v) => [v.id, v.text])).toEqual(text.verbatims.map((v) => [v.id, v.text]));
    expect(pdf.verbatims.every((v) => typeof v.prov.page === 'number')).toBe(true);
  });
  it.runIf(bullet === 'glyph')("gives train the report's own non-verbatim lines as negatives of the statement head, as the text does", async () => {
    const tax = buildTaxonomy(text);
    const fromText = new Set(reportOtherLines(REPORT_TEXT.split('\n'), text, tax));
    const fromPdf = reportOtherLines((await loadReportLines(file)).lines, pdf, tax);
    expect(fromPdf.length).toBeGreaterThan(500);
    expect(fromPdf.filter((l) => fromText.has(l)).length / fromPdf.length).toBeGreaterThan(0.6);
    const verbatims = new Set(text.verbatims.map((v) => v.text));
    expect(fromPdf.some((l) => verbatims.has(l))).toBe(false);
  });
  it('gives the same audit codes, with pages', () => {
    const codes = (r: Report) => audit(r).map((f) => `${f.code} ${f.section} ${String(f.expected)} ${String(f.found)}`);
    expect(codes(pdf)).toEqual(codes(text));
    expect(audit(pdf).find((f) => f.code === 'participants-total')?.pages?.length).toBeGreaterThan(0);
  });
});
