/**
 * PDF ingest vs bare pdf-parse getText() on the same file, in one process, alternating runs
 * (medians): readPdf (one pass over pdf.js text content + the layout of src/ingest/pdf-layout.ts)
 * + pdfPagesToLines + parseReport, against `new PDFParse({ data }).getText()`.
 *   npm run build && node test/bench/lib/pdf-ingest-ratio.mjs FILE.pdf [RUNS]
 * Prints JSON: {file, pages, runs, gettext_ms, readpdf_ms, lines_ms, parse_ms, ingest_ms, ratio}.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const file = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
if (!file) {
  process.stderr.write('usage: node test/bench/lib/pdf-ingest-ratio.mjs FILE.pdf [RUNS]\n');
  process.exit(2);
}
const bytes = readFileSync(file);
const { PDFParse } = await import('pdf-parse');
const { readPdf } = await import('../../../dist/io/pdf.js');
const { pdfPagesToLines } = await import('../../../dist/ingest/pdf-lines.js');
const { parseReport } = await import('../../../dist/ingest/parse.js');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bare = [];
const read = [];
const lines = [];
const parse = [];
let pages = 0;
for (let i = 0; i < runs + 1; i++) {
  let t = performance.now();
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    const r = await parser.getText();
    pages = r.total;
  } finally {
    await parser.destroy();
  }
  const tBare = performance.now() - t;
  t = performance.now();
  const pdf = await readPdf(bytes, { file: basename(file) });
  const tRead = performance.now() - t;
  t = performance.now();
  const ls = pdfPagesToLines(pdf);
  const tLines = performance.now() - t;
  t = performance.now();
  parseReport(ls, { file: basename(file), sha256: '', kind: 'pdf', pages: pdf.pageCount, encoding: 'binary' });
  const tParse = performance.now() - t;
  if (i === 0) continue; // warm-up
  bare.push(tBare);
  read.push(tRead);
  lines.push(tLines);
  parse.push(tParse);
}
const ingest = median(read.map((r, i) => r + lines[i]));
const out = {
  file: basename(file),
  pages,
  runs,
  gettext_ms: Math.round(median(bare)),
  readpdf_ms: Math.round(median(read)),
  lines_ms: Math.round(median(lines)),
  parse_ms: Math.round(median(parse)),
  ingest_ms: Math.round(ingest),
  ratio: Math.round((ingest / median(bare)) * 100) / 100,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
