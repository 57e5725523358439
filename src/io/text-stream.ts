/**
 * Streaming text input shared by the readers (src/io/csv.ts, ndjson.ts, lines-read.ts):
 *  - `openText` decodes a byte stream in constant memory. The encoding is detected on the first
 *    64 KB with `detectEncoding`/`decodeText` of ./encoding.ts (which also reject binary data),
 *    then the whole stream is decoded incrementally (a multi-byte character split across chunks
 *    is handled). UTF-8 is decoded strictly: invalid bytes are an InputError naming the line,
 *    except when everything before them was plain ASCII and the encoding was detected, not
 *    forced: then the file is Windows-1252 whose first accent comes after the sniffed prefix, and
 *    decoding switches to Windows-1252 (the same answer `decodeText` gives on the whole file).
 *  - `LineSplitter` cuts decoded text into physical lines without quadratic behaviour: a line
 *    spread over many chunks is kept as a list of pieces and joined once; a line longer than a
 *    limit is reported (`tooLong`) as soon as the limit is crossed, so memory stays bounded.
 */
import { TextDecoder } from 'node:util';
import { InputError } from '../errors.js';
import { TRUNCATED_UTF8, decodeText, iconvLite, trimPartialUtf8, type Encoding } from './encoding.js';

/** What the readers accept: a Node stream (fs.createReadStream, process.stdin) or any async iterable. */
export type TextInput = NodeJS.ReadableStream | AsyncIterable<Buffer | Uint8Array | string>;

/** Bytes read before deciding the encoding (and, for CSV, the delimiter). */
export const SNIFF_BYTES = 64 * 1024;

export interface OpenedText {
  encoding: Encoding;
  bom: boolean;
  /** The decoded start of the input (at least SNIFF_BYTES bytes when the input is longer), BOM removed. */
  head: string;
  /** The whole decoded text (head included), BOM removed, as chunks. Iterate once. */
  chunks: AsyncGenerator<string, void, undefined>;
}

function toBuffer(c: Buffer | Uint8Array | string): Buffer {
  if (typeof c === 'string') return Buffer.from(c, 'utf8');
  return Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
}

export { trimPartialUtf8 };

const VALID_MULTIBYTE = /[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}/;

/** The bytes of an incomplete UTF-8 sequence at the end of `b` (empty when it ends on a whole character). */
function partialTail(b: Buffer): Buffer {
  return b.subarray(trimPartialUtf8(b).length);
}

function countLineBreaks(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Open a text stream: read the first SNIFF_BYTES, detect (or force) the encoding, and return the
 * decoded chunks. Errors (binary data, invalid UTF-8) are InputErrors naming `file`.
 */
export async function openText(input: TextInput, opts: { file: string; encoding?: string; sniffBytes?: number }): Promise<OpenedText> {
  const sniffBytes = opts.sniffBytes ?? SNIFF_BYTES;
  const it = (input as AsyncIterable<Buffer | Uint8Array | string>)[Symbol.asyncIterator]();
  const first: Buffer[] = [];
  let got = 0;
  let ended = false;
  while (got < sniffBytes) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    const b = toBuffer(r.value);
    first.push(b);
    got += b.length;
  }
  const prefix = Buffer.concat(first);
  // decodeText: encoding detection (BOM, strict UTF-8, else Windows-1252; a prefix cut inside "é"
  // is still UTF-8), binary rejection, and (whole input) a truncated or mixed-encoding file refused.
  const dec = decodeText(prefix, opts.encoding, opts.file, { complete: ended });
  const forced = opts.encoding !== undefined;
  const file = opts.file;

  async function* chunks(): AsyncGenerator<string, void, undefined> {
    let encoding: Encoding = dec.encoding;
    let utf8: TextDecoder | null = encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : null;
    let other = utf8 ? null : iconvLite().getDecoder(encoding);
    /** Text other than ASCII decoded as UTF-8 so far (evidence that the input is UTF-8). */
    let sawNonAscii = false;
    /** The last bytes decoded as UTF-8 (up to 3): an incomplete character there is held by the decoder. */
    let last: Buffer = Buffer.alloc(0);
    let lines = 0; // line breaks in the text given out so far (for error messages)

    const decode = (b: Buffer): string => {
      if (utf8) {
        try {
          const s = utf8.decode(b, { stream: true });
          if (!sawNonAscii && /[^\x00-\x7f]/.test(s)) sawNonAscii = true;
          last = b.length >= 3 ? b.subarray(b.length - 3) : Buffer.concat([last, b]).subarray(-3);
          return s;
        } catch {
          if (!forced && !sawNonAscii && !VALID_MULTIBYTE.test(b.toString('latin1'))) {
            // Only ASCII so far: a Windows-1252 file whose first accent lies beyond the prefix.
            utf8 = null;
            encoding = 'windows-1252';
            other = iconvLite().getDecoder(encoding);
            return other.write(Buffer.concat([partialTail(last), b]));
          }
          const lossy = b.toString('utf8');
          const at = lossy.indexOf('\ufffd');
          const line = lines + 1 + countLineBreaks(lossy.slice(0, at < 0 ? lossy.length : at));
          throw new InputError(
            forced
              ? 'not valid UTF-8 on this line; pass the right --encoding (e.g. windows-1252)'
              : 'not valid UTF-8 on this line although the start of the file is (mixed encodings); ' +
                  're-save the file as UTF-8, or pass --encoding windows-1252',
            file,
            line,
          );
        }
      }
      return other!.write(b);
    };
    const flush = (): string => {
      if (utf8) {
        try {
          return utf8.decode();
        } catch {
          // ASCII, then a last byte such as 0xE9: a Windows-1252 file ending in "é" (as decodeText says).
          if (!forced && !sawNonAscii) return iconvLite().decode(partialTail(last), 'windows-1252');
          throw new InputError(TRUNCATED_UTF8, file, lines + 1);
        }
      }
      return other!.end() ?? '';
    };

    try {
      let s = decode(prefix);
      if (s) {
        lines += countLineBreaks(s);
        yield s;
      }
      if (!ended) {
        for (;;) {
          const r = await it.next();
          if (r.done) break;
          s = decode(toBuffer(r.value));
          if (s) {
            lines += countLineBreaks(s);
            yield s;
          }
        }
      }
      s = flush();
      if (s) yield s;
    } finally {
      // Early exit by the consumer: release the underlying stream.
      if (!ended) await it.return?.();
    }
  }

  return { encoding: dec.encoding, bom: dec.bom, head: dec.text, chunks: chunks() };
}

export type SplitLine = { line: number; text: string; tooLong?: false } | { line: number; tooLong: true };

/**
 * Cut text chunks into lines. `\n` and `\r\n` end a line; a lone `\r` too when `crIsBreak`
 * (text files), otherwise it stays in the line (NDJSON, where a trailing `\r` is then stripped).
 * A final line without newline is returned by `end()`. Line numbers are 1-based.
 */
export class LineSplitter {
  private pieces: string[] = [];
  private pendingLen = 0;
  private line = 1;
  private discarding = false;
  private skipLF = false;

  constructor(private readonly opts: { crIsBreak: boolean; maxLength: number }) {}

  push(chunk: string): SplitLine[] {
    const out: SplitLine[] = [];
    let pos = 0;
    if (this.skipLF) {
      this.skipLF = false;
      if (chunk.charCodeAt(0) === 10) pos = 1;
    }
    const n = chunk.length;
    let nextLF = -2; // -2: not searched yet; -1: none left in this chunk
    let nextCR = this.opts.crIsBreak ? -2 : -1;
    while (pos < n) {
      if (nextLF !== -1 && nextLF < pos) nextLF = chunk.indexOf('\n', pos);
      if (nextCR !== -1 && nextCR < pos) nextCR = chunk.indexOf('\r', pos);
      let end = nextLF;
      let brk = 1;
      if (nextCR !== -1 && (end === -1 || nextCR < end)) {
        end = nextCR;
        if (end + 1 < n) brk = chunk.charCodeAt(end + 1) === 10 ? 2 : 1;
        else this.skipLF = true; // "\r" at the end of the chunk: a "\n" may follow
      }
      if (end === -1) {
        this.add(chunk.slice(pos), out);
        break;
      }
      this.add(chunk.slice(pos, end), out);
      this.finishLine(out);
      pos = end + brk;
    }
    return out;
  }

  end(): SplitLine[] {
    const out: SplitLine[] = [];
    if (this.pendingLen > 0 || this.pieces.length > 0 || this.discarding) this.finishLine(out);
    return out;
  }

  private add(piece: string, out: SplitLine[]): void {
    if (this.discarding || piece.length === 0) return;
    if (this.pendingLen + piece.length > this.opts.maxLength) {
      out.push({ line: this.line, tooLong: true });
      this.pieces = [];
      this.pendingLen = 0;
      this.discarding = true;
      return;
    }
    this.pieces.push(piece);
    this.pendingLen += piece.length;
  }

  private finishLine(out: SplitLine[]): void {
    if (!this.discarding) {
      let text = this.pieces.length === 1 ? this.pieces[0]! : this.pieces.join('');
      if (!this.opts.crIsBreak && text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
      out.push({ line: this.line, text });
    }
    this.pieces = [];
    this.pendingLen = 0;
    this.discarding = false;
    this.line++;
  }
}

/** "128 MiB", "1 KiB", "100 bytes" for messages about limits. */
export function formatSize(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} characters`;
}
