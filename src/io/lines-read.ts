/**
 * Plain-text records: one non-empty line = one record (e.g. one verbatim per line for
 * `classify`). Streamed in constant memory; encoding detected on the first 64 KB (see
 * ./text-stream.ts); LF, CRLF and CR line endings; blank lines are skipped but counted, so `line`
 * is the line an editor shows. `text` is the line with surrounding whitespace removed (a form feed
 * too: `onFormFeed` hears of each line that held one, blank or not: a page break of a PDF's text
 * dump).
 */
import { InputError } from '../errors.js';
import { LineSplitter, formatSize, openText, type TextInput } from './text-stream.js';

export const DEFAULT_MAX_TEXT_LINE_LENGTH = 16 * 1024 * 1024;

export interface ReadTextLinesOptions {
  file: string;
  /** Force the encoding (see parseEncoding); detected by default. */
  encoding?: string;
  /** Longest accepted line in characters (default 16 Mi). */
  maxLineLength?: number;
  /** Called with the number of each line holding a form feed (page break). */
  onFormFeed?: (line: number) => void;
}

export async function* readTextLines(input: TextInput, opts: ReadTextLinesOptions): AsyncGenerator<{ line: number; text: string }, void, undefined> {
  const maxLength = opts.maxLineLength ?? DEFAULT_MAX_TEXT_LINE_LENGTH;
  const opened = await openText(input, { file: opts.file, ...(opts.encoding ? { encoding: opts.encoding } : {}) });
  const splitter = new LineSplitter({ crIsBreak: true, maxLength });
  const onFormFeed = opts.onFormFeed;
  const emit = function* (lines: ReturnType<LineSplitter['push']>) {
    for (const l of lines) {
      if (l.tooLong) {
        throw new InputError(
          `line too long (over ${formatSize(maxLength)}); expected one record per line, is this really a text file of records?`,
          opts.file,
          l.line,
        );
      }
      if (onFormFeed !== undefined && l.text.includes('\f')) onFormFeed(l.line);
      const text = l.text.trim();
      if (text) yield { line: l.line, text };
    }
  };
  for await (const chunk of opened.chunks) yield* emit(splitter.push(chunk));
  yield* emit(splitter.end());
}
