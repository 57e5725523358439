/**
 * NDJSON reader: one JSON object per line, streamed in constant memory (one line at a time).
 *
 *  - Encoding: detected like every text input (UTF-8 with or without BOM, UTF-16 with BOM from
 *    Windows PowerShell redirections, Windows-1252); see ./text-stream.ts.
 *  - Lines end with LF or CRLF; blank (whitespace-only) lines are skipped but counted, so line
 *    numbers are those of an editor. A last line without newline is read.
 *  - A line that is not JSON, or not a JSON object, is an InputError naming the line, unless
 *    `skipInvalid`: then it is reported to `onSkip(line, reason)` and skipped.
 *  - A very long line is read without quadratic cost (chunks are kept and joined once), but a
 *    line longer than `maxLineLength` (default 128 Mi characters: enough for a 100 MB record, well
 *    under V8's maximum string length) is an error, or a skip under `skipInvalid`: its bytes are
 *    dropped as they arrive, so memory stays bounded.
 */
import { InputError } from '../errors.js';
import { LineSplitter, formatSize, openText, type SplitLine, type TextInput } from './text-stream.js';
import { clip } from '../wording.js';

export const DEFAULT_MAX_LINE_LENGTH = 128 * 1024 * 1024;

export interface ReadNdjsonOptions {
  /** Name shown in errors. */
  file: string;
  skipInvalid?: boolean;
  onSkip?: (line: number, reason: string) => void;
  /** Longest accepted line, in characters (UTF-16 code units, ≈ bytes for JSON). */
  maxLineLength?: number;
  /** Force the encoding (see parseEncoding); detected by default. */
  encoding?: string;
}

export interface NdjsonRecord {
  line: number;
  value: Record<string, unknown>;
}

const BLANK = /^[ \t\r\n\f\v\u00a0\ufeff]*$/;

/** JSON.parse's message, short, with "position N" turned into an editor column. */
function jsonReason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return clip(
    m.replace(/ in JSON at position (\d+)(?: \(line \d+ column \d+\))?/, (_, p: string) => ` at column ${Number(p) + 1}`),
    120,
    '...',
  );
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

export async function* readNdjson(input: TextInput, opts: ReadNdjsonOptions): AsyncGenerator<NdjsonRecord, void, undefined> {
  for await (const batch of readNdjsonBatches(input, opts)) yield* batch;
}

/** The records of `readNdjson`, one array per input chunk (no per-record async step: for hot loops). */
export async function* readNdjsonBatches(input: TextInput, opts: ReadNdjsonOptions): AsyncGenerator<NdjsonRecord[], void, undefined> {
  const { file } = opts;
  const maxLength = opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const opened = await openText(input, { file, ...(opts.encoding ? { encoding: opts.encoding } : {}) });
  const splitter = new LineSplitter({ crIsBreak: false, maxLength });

  const skip = (line: number, reason: string): void => {
    if (!opts.skipInvalid) throw new InputError(`invalid JSON on this line (${reason}); fix it or pass --skip-invalid`, file, line);
    opts.onSkip?.(line, reason);
  };

  let first = true;
  /** A first line that opens a JSON document ("[", "{" alone, "[{…},") is the whole file's mistake, not one bad line. */
  const documentStart = (text: string, parsed: boolean, value?: unknown): void => {
    const t = text.trim();
    if (t.startsWith('[') || (!parsed && /^\{\s*$|[[{,]$/.test(t)) || Array.isArray(value))
      throw new InputError("a JSON document, not NDJSON (one JSON object per line): convert it, e.g. jq -c '.[]' FILE > FILE.ndjson", file, l1);
  };
  let l1 = 1;

  function* handle(lines: SplitLine[]): Generator<NdjsonRecord> {
    for (const l of lines) {
      if (l.tooLong) {
        const reason = `line longer than ${formatSize(maxLength)}`;
        if (!opts.skipInvalid) {
          throw new InputError(
            `line too long (over ${formatSize(maxLength)}): NDJSON needs one record per line; is this one big JSON document rather than NDJSON? Fix it or pass --skip-invalid`,
            file,
            l.line,
          );
        }
        skip(l.line, reason);
        continue;
      }
      if (BLANK.test(l.text)) continue;
      let value: unknown;
      const isFirst = first;
      first = false;
      l1 = l.line;
      try {
        value = JSON.parse(l.text);
      } catch (e) {
        if (isFirst) documentStart(l.text, false);
        skip(l.line, jsonReason(e));
        continue;
      }
      if (isFirst) documentStart(l.text, true, value);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        skip(l.line, `expected an object {...}, got ${kindOf(value)}`);
        continue;
      }
      yield { line: l.line, value: value as Record<string, unknown> };
    }
  }

  for await (const chunk of opened.chunks) {
    const batch = [...handle(splitter.push(chunk))];
    if (batch.length) yield batch;
  }
  const last = [...handle(splitter.end())];
  if (last.length) yield last;
}
