/**
 * The thread on which pdf.js parses a PDF (its worker half, src/io/pdf-thread.ts), started as
 * early as the command line shows a PDF to read: `prestartPdfThread()` from the CLI's preAction
 * hook, so that the thread boots and compiles pdf.js's worker module while this thread loads the
 * command; `takePdfThread()` from readPdf (src/io/pdf.ts) hands it over, or starts one then.
 *
 * A thread started and never taken (the command failed before reading) is unref'd: it never
 * keeps the process alive. Null when no thread can run (from the TypeScript sources, as in unit
 * tests, or pdfjs-dist not where pdf-parse resolves it; CNR_SYNTH_PDF_THREAD=0 turns it off):
 * readPdf then runs pdf.js on the calling thread, pdf.js's own default in Node.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

/** The parsing thread failed to start or died: readPdf reads again without it. */
export class ThreadLost extends Error {}

export interface PdfThread {
  /** pdf.js's main-side PDFWorker on this thread's port (to call once pdf-parse is loaded). */
  pdfWorker(): Promise<{ destroy(): unknown }>;
  /** Rejects (ThreadLost) if the thread fails or exits: raced with every wait on pdf.js. */
  lost: Promise<never>;
  close(): void;
}

interface Started {
  worker: Worker;
  port: MessagePort;
  /** Resolves pdfjs-dist's modules as pdf-parse does. */
  fromPdfParse: NodeJS.Require;
  lost: Promise<never>;
  /** Set by close(): the thread's exit is then expected. */
  state: { closed: boolean };
}

let prestarted: Started | null = null;

/** Start the thread ahead of readPdf (no-op if one is waiting already or none can run). */
export function prestartPdfThread(): void {
  if (prestarted) return;
  prestarted = start();
  prestarted?.worker.unref();
  prestarted?.port.unref();
}

/** The prestarted thread, or a new one; null when none can run. */
export function takePdfThread(): PdfThread | null {
  const s = prestarted ?? start();
  prestarted = null;
  if (!s) return null;
  s.worker.ref();
  s.port.ref();
  // Nothing of the thread's may reach our stdout (it carries data): its stdout is its own stream,
  // drained here. (Drained only once taken: a flowing stream would keep the process alive.)
  s.worker.stdout.resume();
  return {
    lost: s.lost,
    async pdfWorker() {
      const href = pathToFileURL(s.fromPdfParse.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
      const { PDFWorker } = (await import(href)) as {
        PDFWorker: new (p: { port: unknown; verbosity: number }) => { destroy(): unknown };
      };
      return new PDFWorker({ port: s.port, verbosity: 0 });
    },
    close() {
      s.state.closed = true;
      s.port.close();
      void s.worker.terminate();
    },
  };
}

function start(): Started | null {
  if (process.env['CNR_SYNTH_PDF_THREAD'] === '0') return null;
  const entry = new URL('./pdf-thread.js', import.meta.url);
  let fromPdfParse: NodeJS.Require;
  let src: string;
  try {
    if (!existsSync(entry)) return null;
    // pdfjs-dist as pdf-parse itself resolves it: the very module its fake worker would load,
    // so both halves of pdf.js are one version.
    fromPdfParse = createRequire(createRequire(import.meta.url).resolve('pdf-parse'));
    src = pathToFileURL(fromPdfParse.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href;
  } catch {
    return null;
  }
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(entry, { workerData: { src, port: port2 }, transferList: [port2], stdout: true });
  const state = { closed: false };
  const lost = new Promise<never>((_, reject) => {
    worker.once('error', (e) => reject(new ThreadLost(e instanceof Error ? e.message : String(e))));
    worker.once('exit', (code) => {
      if (!state.closed) reject(new ThreadLost(`exited with code ${code}`));
    });
  });
  lost.catch(() => undefined);
  return { worker, port: port1, fromPdfParse, lost, state };
}
