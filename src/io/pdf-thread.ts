/**
 * Entry of the worker thread that runs pdf.js's own worker half (parsing: content streams, fonts,
 * text items) while the main thread lays out the pages it has already received (src/io/pdf.ts).
 * In Node, pdf.js runs both halves on the calling thread (its "fake worker"); this gives the
 * parsing half a thread of its own through pdf.js's documented port protocol
 * (`new PDFWorker({ port })` on the main side, `WorkerMessageHandler.initializeFromPort(port)`
 * here). `src` is pdfjs-dist's worker module as pdf-parse resolves it (the same file its fake
 * worker would load), so the two halves are always the same pdf.js version.
 *
 * Console output is muted: this thread's console would reach the parent's stdout, which carries
 * data (CNR_SYNTH_DEBUG=1 sends it to stderr).
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

const debug = Boolean(process.env['CNR_SYNTH_DEBUG']);
const sink = debug
  ? (...args: unknown[]): void => {
      process.stderr.write(`pdf.js (thread): ${args.map(String).join(' ')}\n`);
    }
  : (): void => undefined;
Object.assign(console, { log: sink, info: sink, warn: sink, debug: sink, error: sink });

// pdf.js leaves some of its own promises rejected with no handler on a damaged file (after the
// error that matters has reached the main thread): they must not kill the thread.
process.on('unhandledRejection', (reason) => sink('unhandled rejection:', reason));

// A thread that dies as it starts (tests of readPdf's fallback: CNR_SYNTH_PDF_THREAD=die).
if (process.env['CNR_SYNTH_PDF_THREAD'] === 'die') process.exit(3);

const { src, port } = workerData as { src: string; port: MessagePort };
const { WorkerMessageHandler } = (await import(src)) as { WorkerMessageHandler: { initializeFromPort(port: MessagePort): void } };
WorkerMessageHandler.initializeFromPort(port);
