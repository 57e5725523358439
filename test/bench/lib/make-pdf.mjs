/**
 * The bench PDF: test/helpers/make-pdf.ts (transpiled with the project's TypeScript to
 * test/bench/out/pdf/make-pdf.gen.mjs, no tsx needed) lays the bundled text report out as an A4
 * PDF, cached as test/bench/out/pdf/report.pdf with a manifest keyed by the sha256 of make-pdf.ts,
 * the report text, the options and the pdfkit version.
 *
 * Run directly (`node test/bench/lib/make-pdf.mjs`) it prints JSON {file, bytes, generated, ms}.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDir, OUT, REPORT_TXT, ROOT } from './util.mjs';

export const PDF_OPTIONS = { bullet: 'glyph', wrap: true, footer: true };
const HELPER = join(ROOT, 'test', 'helpers', 'make-pdf.ts');

export async function benchPdf() {
  if (!existsSync(HELPER)) throw new Error('test/helpers/make-pdf.ts is missing');
  const dir = ensureDir(join(OUT, 'pdf'));
  const file = join(dir, 'report.pdf');
  const manifestPath = join(dir, 'manifest.json');
  const require = createRequire(join(ROOT, 'package.json'));
  const src = readFileSync(HELPER, 'utf8');
  const text = readFileSync(REPORT_TXT, 'utf8');
  const pdfkitVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'pdfkit', 'package.json'), 'utf8')).version;
  const key = createHash('sha256').update(src).update('\0').update(text).update('\0').update(JSON.stringify(PDF_OPTIONS)).update(pdfkitVersion).digest('hex');
  if (existsSync(file) && existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (m.key === key) return { file, bytes: m.bytes, generated: false, ms: 0, options: PDF_OPTIONS };
  }
  const ts = require('typescript');
  const js = ts.transpileModule(src, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: 'make-pdf.ts',
  }).outputText;
  const gen = join(dir, 'make-pdf.gen.mjs');
  writeFileSync(gen, js);
  const t0 = performance.now();
  const { makeReportPdf } = await import(`${pathToFileURL(gen).href}?k=${key.slice(0, 12)}`);
  const buf = await makeReportPdf(text, PDF_OPTIONS);
  const ms = performance.now() - t0;
  writeFileSync(file, buf);
  writeFileSync(manifestPath, `${JSON.stringify({ key, bytes: buf.length, options: PDF_OPTIONS, pdfkit: pdfkitVersion }, null, 2)}\n`);
  return { file, bytes: buf.length, generated: true, ms, options: PDF_OPTIONS };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await benchPdf())}\n`);
}
