/**
 * Text decoding: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, Windows-1252 (the encoding
 * of Word and Excel exports on Windows). Detection: BOM first, then strict UTF-8 validity, else
 * Windows-1252. `--encoding` forces one.
 */
import { createRequire } from 'node:module';
import { InputError, UsageError } from '../errors.js';

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export interface Decoded {
  text: string;
  encoding: Encoding;
  bom: boolean;
}

const ALIASES: Record<string, Encoding> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  utf16le: 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  utf16be: 'utf-16be',
  'utf-16be': 'utf-16be',
  cp1252: 'windows-1252',
  'windows-1252': 'windows-1252',
  win1252: 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'latin-1': 'windows-1252',
};

export function parseEncoding(name: string): Encoding {
  const e = ALIASES[name.toLowerCase()];
  if (!e) throw new UsageError(`unknown --encoding "${name}" (use one of: ${ENCODINGS.join(', ')})`);
  return e;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * iconv-lite, loaded on first use: UTF-8 input (the common case) never needs it (~4 ms of every
 * start-up otherwise). The only module that loads it.
 */
let iconv: typeof import('iconv-lite') | undefined;
export function iconvLite(): typeof import('iconv-lite') {
  iconv ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
  return iconv;
}

/**
 * Drop an incomplete UTF-8 sequence at the end of the bytes, so that cutting a valid UTF-8 file
 * (a sniffed prefix) in the middle of "é" does not make it look like Windows-1252.
 */
export function trimPartialUtf8(b: Buffer): Buffer {
  const n = b.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const c = b[n - back]!;
    if (c < 0x80) return b; // ASCII: complete
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return need > back ? b.subarray(0, n - back) : b;
    }
    // continuation byte: keep looking for the lead byte
  }
  return b;
}

/** The refusal for UTF-8 text cut inside its last character (one wording for every reader). */
export const TRUNCATED_UTF8 = 'ends in the middle of a UTF-8 character (a truncated file?): download or export it again';

function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function lineAt(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * The encoding of bytes without --encoding: BOM, else strict UTF-8, else Windows-1252. `complete`
 * false (a sniffed prefix): an incomplete sequence at the end is dropped first (the rest of the
 * character is in the next bytes). Bytes that are not one encoding are refused here, before any
 * guess is said, with an InputError naming `file` when given (else the plain answer is returned):
 *  - whole bytes that are UTF-8 with non-ASCII text except for a cut sequence at the very end: a
 *    truncated UTF-8 file (a lone 0xE9 after ASCII only stays Windows-1252 "é");
 *  - UTF-8 letters and bytes that cannot be UTF-8 (mixedEncodings).
 */
export function detectEncoding(bytes: Uint8Array, opts: { complete?: boolean; file?: string } = {}): { encoding: Encoding; bom: boolean } {
  const complete = opts.complete ?? true;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // UTF-8 by its BOM (Excel's "CSV UTF-8"): still refuse one cut at the end of the whole file.
    if (complete && opts.file !== undefined && !isUtf8(bytes)) {
      const cut = trimPartialUtf8(asBuffer(bytes));
      if (cut.length < bytes.length && isUtf8(cut)) throw new InputError(TRUNCATED_UTF8, opts.file, lineAt(bytes, cut.length));
    }
    return { encoding: 'utf-8', bom: true };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const probe = complete ? bytes : trimPartialUtf8(asBuffer(bytes));
  if (isUtf8(probe)) return { encoding: 'utf-8', bom: false };
  const file = opts.file;
  if (file !== undefined && !looksBinary(asBuffer(probe).toString('latin1'))) {
    const problem = encodingProblem(probe, complete);
    if (problem) throw new InputError(problem.message, file, problem.line);
  }
  return { encoding: 'windows-1252', bom: false };
}

/**
 * Why bytes that are not valid UTF-8 are not Windows-1252 either, or null: a truncated UTF-8 file
 * (`complete` only), or mixed encodings.
 */
export function encodingProblem(bytes: Uint8Array, complete: boolean): { message: string; line?: number } | null {
  if (complete) {
    const cut = trimPartialUtf8(asBuffer(bytes));
    if (cut.length < bytes.length && isUtf8(cut) && cut.some((b) => b >= 0x80)) return { message: TRUNCATED_UTF8, line: lineAt(bytes, cut.length) };
  }
  const mixed = mixedEncodings(bytes);
  if (mixed)
    return {
      message: `mixed encodings: line ${mixed.utf8Line} is UTF-8, line ${mixed.otherLine} is not (Windows-1252?): re-save the file in one encoding (UTF-8)`,
    };
  return null;
}

/**
 * Decode bytes to text. Rejects binary data (NUL bytes or mostly control characters) with an
 * InputError naming the file, since a report, CSV or NDJSON is always text.
 */
export function decodeText(bytes: Uint8Array, forced: string | undefined, file: string, opts: { complete?: boolean } = {}): Decoded {
  const complete = opts.complete ?? true;
  // Without --encoding, detectEncoding refuses a truncated or mixed file (binary data is refused below).
  const det = forced ? { encoding: parseEncoding(forced), bom: false } : detectEncoding(bytes, { complete, file });
  const src = !complete && det.encoding === 'utf-8' ? trimPartialUtf8(asBuffer(bytes)) : asBuffer(bytes);
  let text: string;
  if (det.encoding === 'utf-8') text = src.toString('utf8');
  else text = iconvLite().decode(src, det.encoding);
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    det.bom = true;
  }
  if (!det.encoding.startsWith('utf-16') && looksBinary(text)) {
    const utf16 = forced ? null : utf16WithoutBom(src);
    if (utf16 !== null)
      throw new InputError(
        `binary data, or UTF-16 ${utf16 === 'utf-16le' ? 'LE' : 'BE'} text without a byte-order mark (a NUL byte at every other place): if it is text, pass --encoding ${utf16}`,
        file,
      );
    throw new InputError('binary data, not text (expected a UTF-8, UTF-16 or Windows-1252 text file; a PDF must end in .pdf)', file);
  }
  const moji = mojibake(text);
  if (moji) throw new InputError(MOJIBAKE(moji.lines, moji.sample), file, moji.line);
  return { text, encoding: det.encoding, bom: det.bom };
}

/** The refusal for UTF-8 text that was read as Latin-1 and saved again ("Ã©" for "é"). */
export const MOJIBAKE = (lines: number, sample: string) =>
  `holds UTF-8 read as Latin-1 ("${sample}"… on ${lines} lines, "Ã©" for "é", "â€™" for "’"): the file was opened as Latin-1 and saved: re-open the original as UTF-8 (LibreOffice: Character set "Unicode (UTF-8)") and save it again`;

/**
 * The classic sequences of UTF-8 decoded as Latin-1 / Windows-1252 and saved again: "Ã" then a
 * character of U+0080–U+00BF or of Windows-1252's 0x80–0x9F ("Ã©" é, "Ã " à, "Ã¨" è, "Ã§" ç), "â€"
 * (’ “ ” – …), "Â" before a no-break space, « or ». French text never holds them. On 2 lines or
 * more (one stray pair is left alone): the first such line, the count and a sample.
 */
const MOJI =
  /Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|â€|Â[\u00a0«»°]/;
export function mojibake(text: string): { line: number; lines: number; sample: string } | null {
  // One scan of the whole text first: French text has "â" and "Â", never these pairs.
  if (!MOJI.test(text)) return null;
  let first = 0;
  let lines = 0;
  let sample = '';
  text.split('\n').forEach((l, i) => {
    const m = MOJI.exec(l);
    if (!m) return;
    lines++;
    if (!first) {
      first = i + 1;
      sample = l.slice(Math.max(0, m.index - 12), m.index + 8).trim();
    }
  });
  return lines >= 2 ? { line: first, lines, sample } : null;
}

/**
 * Bytes that are not valid UTF-8 but hold UTF-8 text too: the first line with a UTF-8 letter or
 * typographic sign (é, œ, ’, «, …: a two- or three-byte sequence decoding to U+00A0–U+017F,
 * U+2010–U+2026 or €) and the first line with a byte that cannot be UTF-8; null when there is no
 * such UTF-8 sequence (a plain Windows-1252 file). Windows-1252 text almost never holds those byte
 * pairs ("Ã©", "â€™" are what UTF-8 looks like when misread), so a file that does is a UTF-8
 * file with lines pasted in from elsewhere, and decoding it either way garbles some lines.
 * The caller has already found the bytes invalid as UTF-8.
 */
export function mixedEncodings(bytes: Uint8Array): { utf8Line: number; otherLine: number } | null {
  let line = 1;
  let utf8Line = 0;
  let otherLine = 0;
  const n = bytes.length;
  for (let i = 0; i < n && (utf8Line === 0 || otherLine === 0); i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      line++;
      continue;
    }
    if (b < 0x80) continue;
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0 && i + need < n;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (!ok) {
      // A cut sequence at the very end of a prefix is not evidence either way.
      if (need > 0 && i + need >= n) break;
      otherLine ||= line;
      continue;
    }
    const cp =
      need === 1 ? ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f) : need === 2 ? ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f) : -1;
    if ((cp >= 0xa0 && cp <= 0x17f) || (cp >= 0x2010 && cp <= 0x2026) || cp === 0x20ac) utf8Line ||= line;
    i += need;
  }
  return utf8Line && otherLine ? { utf8Line, otherLine } : null;
}

/**
 * UTF-16 without a BOM, by its NUL bytes: the high byte of Latin text is 0, so most of the bytes
 * at odd places (LE) or at even places (BE) are NUL, and almost none of the others.
 */
function utf16WithoutBom(b: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 8192) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.5 && even <= pairs * 0.02) return 'utf-16le';
  if (even >= pairs * 0.5 && odd <= pairs * 0.02) return 'utf-16be';
  return null;
}

function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 8192);
  if (n === 0) return false;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) ctrl++;
  }
  return ctrl / n > 0.05;
}
