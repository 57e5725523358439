/**
 * The PDF baseline: bare pdf-parse on a file, as a process of its own (so its wall time is
 * comparable with the CLI's: Node start-up + importing pdf-parse + getText()).
 * Prints JSON: {import_ms, gettext_ms, pages, chars}.
 *   node test/bench/lib/bare-pdf-parse.mjs FILE.pdf
 */
import { readFileSync } from 'node:fs';

const t0 = performance.now();
const { PDFParse } = await import('pdf-parse');
const t1 = performance.now();
const parser = new PDFParse({ data: new Uint8Array(readFileSync(process.argv[2])), verbosity: 0 });
const r = await parser.getText();
const t2 = performance.now();
await parser.destroy();
process.stdout.write(`${JSON.stringify({ import_ms: t1 - t0, gettext_ms: t2 - t1, pages: r.total, chars: r.text.length })}\n`);
