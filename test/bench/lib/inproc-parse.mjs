/**
 * In-process text parse time: import dist/ingest/lines.js + parse.js once, then time
 * textToLines + parseReport on the bundled report (decoded once, UTF-8) RUNS times.
 * Prints JSON: {import_ms, cold_ms, warm: [ms…], verbatims, rows}.
 *   node test/bench/lib/inproc-parse.mjs [RUNS]
 */
import { readFileSync } from 'node:fs';

const runs = Number(process.argv[2] ?? 30);
const dist = new URL('../../../dist/', import.meta.url);
const t0 = performance.now();
const { textToLines } = await import(new URL('ingest/lines.js', dist).href);
const { parseReport } = await import(new URL('ingest/parse.js', dist).href);
const importMs = performance.now() - t0;
const text = readFileSync(new URL('../../../data/cnr-sante-nouvelle-aquitaine-2022.txt', import.meta.url), 'utf8');
const source = { file: 'cnr-sante-nouvelle-aquitaine-2022.txt', sha256: '', kind: 'text', pages: null, encoding: 'utf-8' };
const once = () => {
  const t = performance.now();
  const r = parseReport(textToLines(text), source);
  return [performance.now() - t, r];
};
const [coldMs, report] = once();
const warm = [];
for (let i = 0; i < runs; i++) warm.push(once()[0]);
process.stdout.write(`${JSON.stringify({ import_ms: importMs, cold_ms: coldMs, warm, verbatims: report.verbatims.length, lines: report.source.lines })}\n`);
