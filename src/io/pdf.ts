/**
 * Reading PDF reports. The ONLY module that imports pdf-parse (2.x, on pdf.js), and only lazily
 * (`await import('pdf-parse')` inside `readPdf`), so that commands which never read a PDF
 * (`--help`, text input) never load it.
 *
 * `readPdf` reads pdf.js's text content once per page (the items getText() would read, with their
 * position, width, size and font; pdf.js parses them on a thread of its own when one can run, see
 * src/io/pdf-thread-host.ts, a few pages ahead) and lays each page out as positioned lines with
 * src/ingest/pdf-layout.ts (`layout`, and their texts as `pages`). When pdf.js's document is not
 * reachable through pdf-parse, or with `layout: false`, it falls back to `getText()` (texts
 * only). `pdfPagesToLines` (src/ingest/pdf-lines.ts) turns either into the line stream; pass it
 * the whole result: `pdfPagesToLines(await readPdf(bytes, { file }))`. A PDF without any text
 * (a scan) is refused.
 *
 * Every failure is an `InputError` naming the file, with a one-line actionable message. Nothing
 * pdf.js prints reaches stdout (stdout carries JSON data): console output is muted while pdf.js
 * runs (set CNR_SYNTH_DEBUG=1 to see it on stderr).
 */
import { InputError } from '../errors.js';
import { prestartPdfThread, takePdfThread, ThreadLost, type PdfThread } from './pdf-thread-host.js';
import { layoutPage, type PdfItem, type PdfPageItems, type PdfPageLayout } from '../ingest/pdf-layout.js';

export type { PdfPageLayout };

export interface ReadPdfOptions {
  /** File name for messages (as shown to the user). */
  file: string;
  /** Password of an encrypted PDF. */
  password?: string;
  /** Also return the positioned lines (default true); false: pdf-parse's getText() only. */
  layout?: boolean;
}

export interface ReadPdfResult {
  /**
   * Text of each page (index 0 = page 1), its lines joined with "\n" ("\t" between cells; no
   * "-- N of M --" markers; leading indentation is lost): the words getText() gives, in order.
   */
  pages: string[];
  pageCount: number;
  /**
   * The same pages as positioned lines: `layout[i].lines.map(l => l.text).join('\n') ===
   * pages[i]`. Null when not asked for (`layout: false`) or when pdf.js's text content could not
   * be reached through pdf-parse (then tables, indentation-only bullets and blank lines cannot
   * be recovered, see pdf-lines.ts).
   */
  layout: PdfPageLayout[] | null;
}

/** Minimal structural views of the pdf.js objects we use (pdfjs-dist is not our dependency). */
interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
  fontName?: string;
}
interface ViewportLike {
  width: number;
  height: number;
  convertToViewportPoint(x: number, y: number): number[];
}
interface PageLike {
  getViewport(p: { scale: number }): ViewportLike;
  getTextContent(p: { includeMarkedContent: boolean; disableNormalization: boolean }): Promise<{
    items: unknown[];
  }>;
  cleanup(): unknown;
}
interface DocLike {
  numPages: number;
  getPage(n: number): Promise<PageLike>;
}

/**
 * Get ready to read a PDF (the command line names one): start pdf.js's parsing thread and load
 * pdf-parse now, while the command's own modules load; readPdf then finds both ready. Measured:
 * −25 ms of a 1 s `tables x.pdf` for the import, on top of the thread's own gain (README,
 * Performance). Nothing is read and nothing can fail here: errors surface in readPdf.
 */
export function prestartPdf(): void {
  prestartPdfThread();
  import('pdf-parse').catch(() => undefined);
}

/** Read a PDF report's text. `bytes` is not modified. */
export async function readPdf(bytes: Uint8Array, opts: ReadPdfOptions): Promise<ReadPdfResult> {
  checkBytes(bytes, opts.file);
  guardStrayRejections();
  const thread = opts.layout === false ? null : takePdfThread();
  try {
    return await quietly(() => readWith(bytes, opts, thread));
  } catch (e) {
    if (!(e instanceof ThreadLost)) throw e;
    // The parsing thread could not start or died (not the file's fault as a rule: its errors
    // come back as messages): read again on this thread, as pdf.js does by default in Node.
    if (process.env['CNR_SYNTH_DEBUG']) process.stderr.write(`cnr-synth: pdf.js thread lost (${firstLine(e)}); reading on the main thread\n`);
    return quietly(() => readWith(bytes, opts, null));
  } finally {
    thread?.close();
  }
}

/** Pages requested ahead of the one being laid out, when pdf.js parses on its own thread. */
const PAGES_AHEAD = 4;

async function readWith(bytes: Uint8Array, opts: ReadPdfOptions, thread: PdfThread | null): Promise<ReadPdfResult> {
  const { file } = opts;
  let PDFParse: typeof import('pdf-parse').PDFParse;
  let pdfWorker: { destroy(): unknown } | undefined;
  try {
    ({ PDFParse } = await import('pdf-parse'));
    if (thread) pdfWorker = await thread.pdfWorker();
  } catch (e) {
    if (e instanceof ThreadLost) throw e;
    throw withCause(new InputError(`cannot load the PDF reader (pdf-parse: ${firstLine(e)}); reinstall cnr-synth`, file), e);
  }
  const race = <T>(p: Promise<T>): Promise<T> => (thread ? Promise.race([p, thread.lost]) : p);
  const parser = new PDFParse({
    // A copy: pdf.js may take ownership of (detach) the array it is given.
    data: new Uint8Array(bytes),
    ...(opts.password !== undefined ? { password: opts.password } : {}),
    ...(pdfWorker ? { worker: pdfWorker } : {}),
    verbosity: 0, // errors only
    isEvalSupported: false,
    stopAtErrors: false,
  } as ConstructorParameters<typeof PDFParse>[0]);
  try {
    // Loads the document: password and structure errors surface here. pdf-parse's (private)
    // load() does only that; getInfo() would also read the outline, metadata and page labels.
    const loader = (parser as unknown as { load?: () => Promise<unknown> }).load;
    if (typeof loader === 'function') await race(loader.call(parser));
    else await race(parser.getInfo());
    const doc = opts.layout === false ? null : reachDoc(parser);
    if (doc) {
      const n = doc.numPages;
      // With a parsing thread, keep it busy: the next pages are parsed there while this thread
      // lays out the current one. Without, one page at a time (requests ahead gain nothing).
      const ahead = thread ? PAGES_AHEAD : 1;
      const inflight: Array<Promise<PdfPageItems> | undefined> = [];
      let next = 1;
      const request = (i: number): void => {
        const p = doc.getPage(i).then(async (page) => {
          try {
            return await pageItems(page);
          } finally {
            page.cleanup();
          }
        });
        p.catch(() => undefined); // awaited in order below; not an unhandled rejection meanwhile
        inflight[i] = p;
      };
      const layout: PdfPageLayout[] = [];
      let text = false;
      for (let i = 1; i <= n; i++) {
        while (next <= n && next < i + ahead) request(next++);
        const page = await race(inflight[i]!);
        inflight[i] = undefined;
        if (page.items.length) text = true;
        layout.push({ width: page.width, height: page.height, lines: layoutPage(page) });
      }
      if (!text) throw noTextLayer(opts.file, n);
      return {
        pages: layout.map((p) => p.lines.map((l) => l.text).join('\n')),
        pageCount: n,
        layout,
      };
    }
    const text = await race(parser.getText());
    if (text.pages.every((p) => p.text.trim() === '')) throw noTextLayer(opts.file, text.total);
    return { pages: text.pages.map((p) => p.text), pageCount: text.total, layout: null };
  } catch (e) {
    if (e instanceof ThreadLost) throw e;
    throw pdfError(e, opts);
  } finally {
    await race(parser.destroy()).catch(() => undefined);
    pdfWorker?.destroy();
  }
}

/**
 * pdf.js's own exceptions (its `BaseException` names). On a PDF damaged in the middle, pdf.js
 * leaves some of its internal promises rejected with no handler, often after readPdf has
 * already refused the file: Node would then crash (exit 1, a stack trace) after our one line.
 */
const PDFJS_EXCEPTIONS = new Set([
  'FormatError',
  'XRefEntryException',
  'XRefParseException',
  'MissingDataException',
  'InvalidPDFException',
  'UnknownErrorException',
  'PasswordException',
  'AbortException',
  'ResponseException',
  'ParserEOFException',
]);

let guarded = false;

/**
 * From the first readPdf on, for the rest of the process: an unhandled rejection by a pdf.js
 * exception is dropped (said on stderr with CNR_SYNTH_DEBUG=1); any other is rethrown, which is
 * what Node does without a handler.
 */
function guardStrayRejections(): void {
  if (guarded) return;
  guarded = true;
  process.on('unhandledRejection', (reason) => {
    const name = (reason as { name?: unknown } | null)?.name;
    if (typeof name === 'string' && PDFJS_EXCEPTIONS.has(name)) {
      if (process.env['CNR_SYNTH_DEBUG']) process.stderr.write(`cnr-synth: pdf.js: unhandled ${name}: ${firstLine(reason)}\n`);
      return;
    }
    throw reason;
  });
}

/** A PDF whose pages carry no text at all: images of pages (a scan). */
function noTextLayer(file: string, pages: number): InputError {
  return new InputError(
    `no text layer: is it a scan? run OCR first (e.g. ocrmypdf in.pdf out.pdf), then read the OCR'd PDF (${pages} page${pages > 1 ? 's' : ''}, no text)`,
    file,
  );
}

/** Cheap checks pdf.js would report less clearly (or not at all: it recovers truncated files). */
function checkBytes(bytes: Uint8Array, file: string): void {
  if (bytes.length === 0) throw new InputError('empty file (0 bytes); expected a PDF report', file);
  const head = latin1(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) {
    throw new InputError('not a PDF (no %PDF header); a text report must not end in .pdf', file);
  }
  const tail = latin1(bytes.subarray(Math.max(0, bytes.length - 1024)));
  if (!tail.includes('%%EOF') && !latin1(bytes).includes('%%EOF')) {
    throw new InputError('truncated PDF (no %%EOF end marker): the file is incomplete; download or export it again', file);
  }
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

/** Map a pdf.js / pdf-parse failure to an InputError. */
function pdfError(e: unknown, opts: ReadPdfOptions): InputError {
  if (e instanceof InputError) return e;
  const err = e as { name?: string; code?: number; cause?: { code?: number } } | undefined;
  if (err?.name === 'PasswordException') {
    const code = err.cause?.code ?? err.code;
    const wrong = code === 2 || (code === undefined && opts.password !== undefined);
    return withCause(
      new InputError(
        wrong ? 'wrong password for this encrypted PDF (check the value given with --password)' : 'encrypted PDF: pass its password with --password <password>',
        opts.file,
      ),
      e,
    );
  }
  return withCause(new InputError(`corrupt or truncated PDF (${firstLine(e)}); download or export it again`, opts.file), e);
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return (m.split('\n')[0] ?? '').trim() || 'unknown error';
}

function withCause<T extends Error>(err: T, cause: unknown): T {
  (err as { cause?: unknown }).cause = cause;
  return err;
}

/**
 * pdf-parse 2.x keeps the loaded pdf.js document in its (TypeScript-private) `doc` field after
 * any getter ran. It is the only way to the text items' positions; if a later version moves it,
 * readPdf falls back to getText() and `layout` is null.
 */
function reachDoc(parser: object): DocLike | null {
  const doc = (parser as { doc?: unknown }).doc as Partial<DocLike> | undefined;
  if (doc && typeof doc.getPage === 'function' && typeof doc.numPages === 'number') return doc as DocLike;
  return null;
}

function isTextItem(item: unknown): item is TextItemLike {
  return typeof item === 'object' && item !== null && 'str' in item;
}

/**
 * One page's text items with their geometry, in one pass over pdf.js's text content (the same
 * content getText() reads: no second extraction). Whitespace-only items are dropped: pdf.js
 * synthesises them across gaps, and gaps are measured from the items' own edges.
 */
async function pageItems(page: PageLike): Promise<PdfPageItems> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
  const items: PdfItem[] = [];
  for (const item of content.items) {
    if (!isTextItem(item) || item.str.trim() === '') continue;
    const tm = item.transform;
    const [x = 0, y = 0] = viewport.convertToViewportPoint(tm[4] ?? 0, tm[5] ?? 0);
    const size = Math.hypot(tm[2] ?? 0, tm[3] ?? 0) || item.height;
    items.push({ str: item.str, x, y, w: item.width, size, font: item.fontName ?? '' });
  }
  return { width: viewport.width, height: viewport.height, items };
}

// ---------------------------------------------------------------------------------------------
// Muting console output while pdf.js runs (re-entrant).

let muteDepth = 0;
let saved: Pick<Console, 'log' | 'info' | 'warn' | 'debug' | 'error'> | null = null;

async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  if (muteDepth++ === 0) {
    saved = { log: console.log, info: console.info, warn: console.warn, debug: console.debug, error: console.error };
    const debug = Boolean(process.env['CNR_SYNTH_DEBUG']);
    const sink = debug
      ? (...args: unknown[]): void => {
          process.stderr.write(`pdf.js: ${args.map(String).join(' ')}\n`);
        }
      : (): void => undefined;
    console.log = sink;
    console.info = sink;
    console.warn = sink;
    console.debug = sink;
    console.error = sink;
  }
  try {
    return await fn();
  } finally {
    if (--muteDepth === 0 && saved) {
      Object.assign(console, saved);
      saved = null;
    }
  }
}
