/**
 * readPdf (src/io/pdf.ts): what it returns, that it matches pdf-parse's own getText(), that it
 * keeps stdout clean, and that every bad input is one InputError with an actionable message.
 * Static bad PDFs (made with test/helpers/make-pdf.ts from the bundled report):
 *   fixtures/bad/empty.pdf        0 bytes
 *   fixtures/bad/text-report.pdf  the first lines of the text report, named .pdf
 *   fixtures/bad/truncated.pdf    the first half of a 2-page report PDF
 *   fixtures/bad/encrypted.pdf    a report PDF with the user password "cnr-sante"
 *   fixtures/bad/scan.pdf         one page of shapes and no text (as a scan without OCR), pdfkit
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../src/errors.js';
import { pdfPagesToLines } from '../../src/ingest/pdf-lines.js';
import { readPdf } from '../../src/io/pdf.js';
import { makeReportPdf, reportFragment } from '../helpers/make-pdf.js';

const ROOT = new URL('../../', import.meta.url);
const fixture = (name: string): Buffer => readFileSync(new URL(`fixtures/bad/${name}`, ROOT));

// Section 1's first pages: ~6 pages with bullets, tables, accents, « », ’, œ, –, ….
const SMALL = reportFragment(0, 400);

let plain: Buffer;
let encrypted: Buffer;
beforeAll(async () => {
  plain = await makeReportPdf(SMALL, { bullet: 'glyph' });
  encrypted = await makeReportPdf(SMALL, { bullet: 'glyph', userPassword: 's3cret' });
}, 30_000);

afterEach(() => {
  vi.restoreAllMocks();
});

/** The InputError `fn` rejects with, checked for the one-line contract. */
async function inputError(fn: () => Promise<unknown>, file: string): Promise<InputError> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InputError);
  const err = caught as InputError;
  expect(err.file).toBe(file);
  expect(err.exitCode).toBe(2);
  expect(err.oneLine).toBe(`${file}: ${err.message}`);
  expect(err.oneLine).not.toMatch(/\n/);
  return err;
}

describe('readPdf', () => {
  it('returns the page texts, the page count and the positioned lines', async () => {
    const r = await readPdf(plain, { file: 'small.pdf' });
    expect(r.pageCount).toBeGreaterThanOrEqual(5);
    expect(r.pages).toHaveLength(r.pageCount);
    expect(r.layout).not.toBeNull();
    expect(r.layout!).toHaveLength(r.pageCount);
    r.layout!.forEach((p, i) => {
      expect(p.lines.map((l) => l.text).join('\n')).toBe(r.pages[i]);
      expect(p.width).toBeGreaterThanOrEqual(595);
      for (const l of p.lines.filter((x) => x.text.trim() !== '')) {
        expect(l.x).toBeGreaterThan(50);
        expect(l.xEnd).toBeGreaterThan(l.x);
        expect(l.y).toBeGreaterThan(0);
        expect(l.y).toBeLessThan(p.height);
        expect(l.size).toBeGreaterThan(5);
      }
    });
    expect(r.pages[0]).toMatch(/^•\t1 S y n t h è s e r é g i o n a l e\n1\.1 Introduction\n/);
    // pdf-parse's page markers are not in the page texts.
    expect(r.pages.join('\n')).not.toMatch(/-- \d+ of \d+ --/);
  });

  // The lines are built from the items' geometry (src/ingest/pdf-layout.ts), not by pdf-parse's
  // getText(): the same words in the same order; only the spacing between cells may differ.
  it('gives the words of pdf-parse getText(), in its order', async () => {
    const { PDFParse } = await import('pdf-parse');
    const parser = new PDFParse({ data: new Uint8Array(plain) });
    try {
      const t = await parser.getText();
      const r = await readPdf(plain, { file: 'small.pdf' });
      const words = (pages: string[]): string[] => pages.map((p) => p.split(/\s+/).filter(Boolean).join(' '));
      expect(words(r.pages)).toEqual(words(t.pages.map((p) => p.text)));
    } finally {
      await parser.destroy();
    }
  });

  it('without layout: the same pages, from pdf-parse getText()', async () => {
    const full = await readPdf(plain, { file: 'small.pdf' });
    const textOnly = await readPdf(plain, { file: 'small.pdf', layout: false });
    expect(textOnly.layout).toBeNull();
    expect(textOnly.pageCount).toBe(full.pageCount);
    const words = (pages: string[]): string[] => pages.map((p) => p.split(/\s+/).filter(Boolean).join(' '));
    expect(words(textOnly.pages)).toEqual(words(full.pages));
    // Glyph bullets are in the text: the same line stream, blank lines aside.
    const nonBlank = (r: typeof full): string[] =>
      pdfPagesToLines(r)
        .map((l) => l.text)
        .filter((t) => t !== '');
    expect(nonBlank(textOnly)).toEqual(nonBlank(full));
  });

  it('keeps French typography through the round trip', async () => {
    const text = (await readPdf(plain, { file: 'small.pdf' })).pages.join('\n');
    const samples = ['mettre en œuvre', 'l’exercice', '24 – Dordogne', '« surdense »', 'Français', '(MSP, CPTS…) 20'];
    for (const s of samples) {
      expect(text, s).toContain(s);
    }
  });

  it('leaves the input bytes alone', async () => {
    const copy = Buffer.from(plain);
    const view = new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
    await readPdf(view, { file: 'small.pdf' });
    expect(view.byteLength).toBe(copy.byteLength);
    expect(Buffer.compare(Buffer.from(view), copy)).toBe(0);
  });

  it('reads an encrypted PDF given the right password, and ignores a password elsewhere', async () => {
    const a = await readPdf(encrypted, { file: 'enc.pdf', password: 's3cret' });
    const b = await readPdf(plain, { file: 'small.pdf', password: 'unused' });
    expect(a.pages).toEqual(b.pages);
    expect(pdfPagesToLines(a)).toEqual(pdfPagesToLines(b));
  });

  it('writes nothing on stdout or the console, even when pdf.js has warnings, and restores console', async () => {
    // A wrong startxref offset: pdf.js rebuilds the cross-reference table ("Warning: Indexing all
    // PDF objects" when verbose) and reads the file.
    const damaged = Buffer.from(plain.toString('latin1').replace(/startxref\s+\d+/, 'startxref\n99999999'), 'latin1');
    const write = vi.spyOn(process.stdout, 'write');
    const log = vi.spyOn(console, 'log');
    const warn = vi.spyOn(console, 'warn');
    const r = await readPdf(damaged, { file: 'damaged.pdf' });
    await readPdf(encrypted, { file: 'enc.pdf' }).catch(() => undefined);
    expect(r.pageCount).toBe((await readPdf(plain, { file: 'small.pdf' })).pageCount);
    expect(write).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    expect(console.log).toBe(log);
    expect(console.warn).toBe(warn);
  });

  it('reads two PDFs at once', async () => {
    const log = console.log;
    const [a, b] = await Promise.all([readPdf(plain, { file: 'a.pdf' }), readPdf(encrypted, { file: 'b.pdf', password: 's3cret' })]);
    expect(a.pages).toEqual(b.pages);
    expect(console.log).toBe(log);
  });
});

/** A 2-page "scan": pages drawn as vector shapes (as an image would be), no text at all. */
async function scanPdf(): Promise<Buffer> {
  const PDFDocument = (await import('pdfkit')).default;
  const doc = new PDFDocument({ autoFirstPage: false, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (let i = 0; i < 2; i++) {
    doc.addPage({ size: 'A4' });
    for (let k = 0; k < 30; k++) doc.rect(60, 60 + k * 20, 300 + ((k * 37) % 150), 8).fill('#333333');
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

describe('readPdf errors', () => {
  it('a scan (no text layer): one line saying to run OCR first', async () => {
    const bytes = await scanPdf();
    const e = await inputError(() => readPdf(bytes, { file: 'scan.pdf' }), 'scan.pdf');
    expect(e.message).toMatch(/^no text layer: is it a scan\? run OCR first/);
    expect(e.message).toContain('2 pages');
    const e2 = await inputError(() => readPdf(bytes, { file: 'scan.pdf', layout: false }), 'scan.pdf');
    expect(e2.message).toBe(e.message);
  });

  it('zero-byte file', async () => {
    const e = await inputError(() => readPdf(new Uint8Array(0), { file: 'empty.pdf' }), 'empty.pdf');
    expect(e.message).toBe('empty file (0 bytes); expected a PDF report');
  });

  it('not a PDF: the text report under a .pdf name', async () => {
    const e = await inputError(() => readPdf(Buffer.from(SMALL, 'utf8'), { file: 'report.pdf' }), 'report.pdf');
    expect(e.message).toBe('not a PDF (no %PDF header); a text report must not end in .pdf');
  });

  it('not a PDF: other bytes', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const e = await inputError(() => readPdf(png, { file: 'image.pdf' }), 'image.pdf');
    expect(e.message).toMatch(/^not a PDF \(no %PDF header\)/);
  });

  it('truncated: the first half of a real PDF', async () => {
    const half = plain.subarray(0, plain.length >> 1);
    const e = await inputError(() => readPdf(half, { file: 'half.pdf' }), 'half.pdf');
    expect(e.message).toBe('truncated PDF (no %%EOF end marker): the file is incomplete; download or export it again');
  });

  it('corrupt: a truncated PDF with an end marker, and garbage after the header', async () => {
    const patched = Buffer.concat([plain.subarray(0, plain.length >> 1), Buffer.from('\n%%EOF\n')]);
    const e1 = await inputError(() => readPdf(patched, { file: 'patched.pdf' }), 'patched.pdf');
    expect(e1.message).toMatch(/^corrupt or truncated PDF \(.+\); download or export it again$/);
    const garbage = Buffer.from('%PDF-1.4\nthis is not a PDF body\n%%EOF\n');
    const e2 = await inputError(() => readPdf(garbage, { file: 'garbage.pdf' }), 'garbage.pdf');
    expect(e2.message).toMatch(/^corrupt or truncated PDF \(Invalid PDF structure\.\); download or export it again$/);
    expect(e2.cause).toBeInstanceOf(Error);
  });

  it('encrypted, no password', async () => {
    const e = await inputError(() => readPdf(encrypted, { file: 'enc.pdf' }), 'enc.pdf');
    expect(e.message).toBe('encrypted PDF: pass its password with --password <password>');
  });

  it('encrypted, wrong password', async () => {
    const e = await inputError(() => readPdf(encrypted, { file: 'enc.pdf', password: 'nope' }), 'enc.pdf');
    expect(e.message).toBe('wrong password for this encrypted PDF (check the value given with --password)');
  });

  it('the static bad fixtures', async () => {
    const cases: [string, RegExp, string?][] = [
      ['empty.pdf', /^empty file/],
      ['text-report.pdf', /^not a PDF \(no %PDF header\)/],
      ['truncated.pdf', /^truncated PDF/],
      ['encrypted.pdf', /^encrypted PDF: pass its password with --password/],
      ['encrypted.pdf', /^wrong password/, 'cnr-sante-2022'],
      ['scan.pdf', /^no text layer: is it a scan\? run OCR first .*\(1 page, no text\)$/],
    ];
    for (const [name, re, password] of cases) {
      const opts = { file: name, ...(password !== undefined ? { password } : {}) };
      const e = await inputError(() => readPdf(fixture(name), opts), name);
      expect(e.message, name).toMatch(re);
    }
    const ok = await readPdf(fixture('encrypted.pdf'), { file: 'encrypted.pdf', password: 'cnr-sante' });
    expect(ok.pages[0]).toMatch(/^•\t1 S y n t h è s e r é g i o n a l e/);
  });
});

describe('the PDF builder (test/helpers/make-pdf.ts)', () => {
  it('is deterministic, also when encrypting', async () => {
    expect(Buffer.compare(await makeReportPdf(SMALL, { bullet: 'glyph' }), plain)).toBe(0);
    const again = await makeReportPdf(SMALL, { bullet: 'glyph', userPassword: 's3cret' });
    expect(Buffer.compare(again, encrypted)).toBe(0);
    expect(encrypted.toString('latin1')).toMatch(/\/Encrypt/);
  });
});

describe('pdf-parse stays behind src/io/pdf.ts', () => {
  const srcDir = new URL('src/', ROOT).pathname;
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));

  it('is imported by src/io/pdf.ts only, and only lazily', () => {
    const rel = (f: string): string => f.slice(srcDir.length);
    const importers = files(srcDir).filter((f) => /import\(\s*['"]pdf-parse['"]|from\s+['"]pdf-parse['"]/.test(readFileSync(f, 'utf8')));
    expect(importers.map(rel)).toEqual(['io/pdf.ts']);
    // pdf.js itself (pdfjs-dist, pdf-parse's dependency) is reached only by the parsing thread's
    // two modules, resolved from pdf-parse: the thread's host and the thread's entry.
    const pdfjs = files(srcDir).filter((f) => /pdfjs-dist/.test(readFileSync(f, 'utf8')));
    expect(pdfjs.map(rel).filter((f) => f !== 'io/pdf.ts')).toEqual(['io/pdf-thread-host.ts', 'io/pdf-thread.ts']);
    expect(readFileSync(join(srcDir, 'io/pdf-thread-host.ts'), 'utf8')).not.toMatch(/^\s*import\s[^;]*from\s+['"](pdf-parse|pdfjs-dist)/m);
    const pdfTs = readFileSync(join(srcDir, 'io/pdf.ts'), 'utf8');
    expect(pdfTs).not.toMatch(/^\s*import\s[^;]*from\s+['"]pdf-parse['"]/m);
    expect(pdfTs).toMatch(/await import\('pdf-parse'\)/);
  });
});
