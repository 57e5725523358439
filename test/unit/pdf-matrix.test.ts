/**
 * The PDF matrix: PDFs of the report made by this test's own scripts, in layouts that do not
 * follow the text extraction's conventions, must give the text's tables exactly.
 *  - the whole report, through the CLI (`tables --format ndjson`, byte-identical to the text's
 *    output once `line`/`page` are dropped, 1,527 count rows, nothing on stderr):
 *      LibreOffice exports of a flat ODT written from the model (test/helpers/make-fodt.ts):
 *        A4 sans with the footer at the bottom; Letter serif, footer at the top, narrow label column,
 *        "▪" bullets;
 *      pdfkit (test/helpers/make-pdf.ts): Letter, serif, ZapfDingbats bullets, footer at the top,
 *        narrow column, lines re-wrapped;
 *  - the regional synthesis (section 1: 376 rows of sujets, groups and ideas, with quotes) in
 *    more pdfkit layouts, in process: page size, font, bullet glyph / symbol font / dingbat /
 *    none, column width, footer top or bottom, empty lines, small spacing or nothing at all
 *    between paragraphs;
 *  - a misread PDF warns (and --strict exits 1); a scan (no text layer) is refused.
 * LibreOffice cases are skipped, with a message, where soffice is not installed.
 * Each PDF is made once, in beforeAll, in a temporary directory.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { makeReportPdf, type MakeReportPdfOptions } from '../helpers/make-pdf.js';
import { fodtToPdf, hasSoffice, makeReportFodt, type MakeFodtOptions } from '../helpers/make-fodt.js';
import { bundled, parseText, REPORT_TEXT } from '../helpers/report.js';
import { loadReport } from '../../src/io/report.js';
import { publishedRows } from '../../src/aggregate/tables.js';
import { checkIntegrity } from '../../src/ingest/integrity.js';
import { runAsync as cli, tempDir } from '../helpers/cli.mjs';

const dir = tempDir('cnr-pdf-matrix-');

/** NDJSON rows without their provenance (`line`, `page`), as text. */
const withoutProvenance = (ndjson: string): string =>
  ndjson
    .trimEnd()
    .split('\n')
    .map((l) => {
      const { line: _l, page: _p, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify(rest);
    })
    .join('\n');

const LETTER = { width: 612, height: 792 };
const soffice = hasSoffice();
if (!soffice) console.warn('pdf-matrix: soffice (LibreOffice) not found: the office-suite PDF cases are skipped (apt-get install libreoffice-writer-nogui)');

let textRows: string;
beforeAll(async () => {
  const r = await cli(['tables', '--format', 'ndjson']);
  expect(r.status).toBe(0);
  textRows = withoutProvenance(r.stdout);
  expect(textRows.split('\n')).toHaveLength(1527);
}, 60_000);

describe('the whole report: tables --format ndjson as from the text', () => {
  const office: Array<[string, MakeFodtOptions]> = [
    ['office-a4', {}],
    ['office-letter-serif-top-narrow-square-bullets', { page: 'Letter', font: 'serif', footer: 'top', labelWidth: 10, bulletChar: '▪' }],
  ];
  const pdfkit: Array<[string, MakeReportPdfOptions]> = [
    ['pdfkit-letter-serif-dingbat-top-narrow', { ...LETTER, width: 480, bullet: 'dingbat', font: 'serif', footerAt: 'top', wrap: true }],
  ];
  const files = new Map<string, string>();
  beforeAll(async () => {
    for (const [name, o] of pdfkit) {
      const f = join(dir, `${name}.pdf`);
      writeFileSync(f, await makeReportPdf(REPORT_TEXT, o));
      files.set(name, f);
    }
    if (soffice) {
      const fodts = office.map(([name, o]) => {
        const f = join(dir, `${name}.fodt`);
        writeFileSync(f, makeReportFodt(bundled(), o));
        return f;
      });
      fodtToPdf(fodts, dir).forEach((pdf, i) => files.set(office[i]![0], pdf));
    }
  }, 180_000);

  it.each(pdfkit.map(([n]) => n))(
    '%s',
    async (name) => {
      const r = await cli(['tables', files.get(name)!, '--format', 'ndjson']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(withoutProvenance(r.stdout)).toBe(textRows);
      expect(r.stdout).toContain('"page":');
    },
    60_000,
  );
  it.skipIf(!soffice).each(office.map(([n]) => n))(
    '%s (LibreOffice export)',
    async (name) => {
      const r = await cli(['tables', files.get(name)!, '--format', 'ndjson']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(withoutProvenance(r.stdout)).toBe(textRows);
    },
    60_000,
  );
});

// Section 1 of the report: the regional synthesis (no département sections).
const SECTION1 = REPORT_TEXT.split('\n').slice(0, 1289).join('\n');
const strip = (rows: ReturnType<typeof publishedRows>) => rows.map(({ line: _l, page: _p, ...rest }) => rest);

describe('the regional synthesis in more pdfkit layouts', () => {
  const expected = strip(publishedRows(parseText(SECTION1)));
  const variants: Array<[string, MakeReportPdfOptions]> = [
    ['A4 sans, • bullets, one line per line, small spacing instead of empty lines', { bullet: 'glyph', blank: 'space' }],
    ['A4 sans, • bullets, re-wrapped, small spacing', { bullet: 'glyph', wrap: true, blank: 'space' }],
    ['A4 serif, symbol-font bullets, re-wrapped, footer at the top', { bullet: 'symbol', font: 'serif', wrap: true, footerAt: 'top' }],
    ['A4 sans, no bullet glyph (indentation only), re-wrapped, narrow column', { bullet: 'none', wrap: true, width: 460 }],
    ['Letter sans, dingbat bullets, one line per line, footer at the top', { ...LETTER, bullet: 'dingbat', footerAt: 'top', width: undefined }],
    ['Letter serif, no bullet glyph, re-wrapped, small spacing', { ...LETTER, bullet: 'none', font: 'serif', wrap: true, blank: 'space' }],
    ['Letter sans, • bullets, re-wrapped, wide column, no footer', { ...LETTER, bullet: 'glyph', wrap: true, footer: false }],
    ['Letter serif, symbol-font bullets, one line per line, small spacing', { ...LETTER, bullet: 'symbol', font: 'serif', blank: 'space', width: undefined }],
    ['A4 sans, • bullets, one line per line, no spacing and no empty lines at all', { bullet: 'glyph', blank: 'none' }],
    ['A4 sans, no bullet glyph, re-wrapped, narrow column, no empty lines (paragraph spacing only)', { bullet: 'none', wrap: true, width: 460, blank: 'none' }],
  ];
  expect(expected.length).toBe(376);
  it.each(variants)(
    '%s',
    async (name, o) => {
      const file = join(dir, `s1-${variants.findIndex(([n]) => n === name)}.pdf`);
      writeFileSync(file, await makeReportPdf(SECTION1, o));
      const report = await loadReport(file);
      expect(strip(publishedRows(report))).toEqual(expected);
      expect(checkIntegrity(report).total).toBe(0);
    },
    60_000,
  );
});

describe('never silent on a misread PDF; a scan is refused', () => {
  it('a PDF whose idea count does not add up: one warning line; --strict exits 1', async () => {
    const lines = SECTION1.split('\n');
    const k = lines.findIndex((l) => l.includes("n'ont pas la possibilité de choisir  23"));
    lines[k] = lines[k]!.replace('choisir  23', 'choisir  24');
    const file = join(dir, 'misread.pdf');
    writeFileSync(file, await makeReportPdf(lines.join('\n'), { bullet: 'glyph', wrap: true }));
    const r = await cli(['tables', file, '--format', 'ndjson']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("cnr-synth: misread.pdf: warning: 1 of the report's published sums and tables do not hold (1 group ≠ Σ ideas)");
    expect(r.stderr).toContain('run "cnr-synth audit misread.pdf"');
    const strict = await cli(['--strict', 'tables', file, '--format', 'ndjson']);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toBe('');
  }, 60_000);

  it('a scan: exit 2, one line saying to run OCR first', async () => {
    const doc = new PDFDocument({ autoFirstPage: false, info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    doc.addPage({ size: 'A4' });
    doc.rect(60, 60, 400, 600).fill('#777777');
    doc.end();
    await ended;
    const file = join(dir, 'scan.pdf');
    writeFileSync(file, Buffer.concat(chunks));
    const r = await cli(['tables', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cnr-synth: scan\.pdf: no text layer: is it a scan\? run OCR first .*\n$/);
    expect(r.stderr.split('\n')).toHaveLength(2);
  }, 60_000);
});
