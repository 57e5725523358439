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

/** iconv-lite, loaded on first use: UTF-8 input (the common case) never needs it. */
let iconv: typeof import('iconv-lite') | undefined;
function iconvLite(): typeof import('iconv-lite') {
  iconv ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
  return iconv;
}

export function detectEncoding(bytes: Uint8Array): { encoding: Encoding; bom: boolean } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  try {
    utf8Strict.decode(bytes);
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'windows-1252', bom: false };
  }
}

/**
 * Decode bytes to text. Rejects binary data (NUL bytes or mostly control characters) with an
 * InputError naming the file, since a report, CSV or NDJSON is always text.
 */
export function decodeText(bytes: Uint8Array, forced: string | undefined, file: string): Decoded {
  const det = forced ? { encoding: parseEncoding(forced), bom: false } : detectEncoding(bytes);
  let text: string;
  if (det.encoding === 'utf-8') text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  else text = iconvLite().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), det.encoding);
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    det.bom = true;
  }
  if (!det.encoding.startsWith('utf-16') && looksBinary(text)) {
    throw new InputError('binary data, not text (expected a UTF-8, UTF-16 or Windows-1252 text file; a PDF must end in .pdf)', file);
  }
  if (!forced && det.encoding === 'windows-1252') {
    const mixed = mixedEncodings(bytes);
    if (mixed)
      throw new InputError(
        `mixed encodings: line ${mixed.utf8Line} is UTF-8, line ${mixed.otherLine} is not (Windows-1252?): re-save the file in one encoding (UTF-8)`,
        file,
      );
  }
  return { text, encoding: det.encoding, bom: det.bom };
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
