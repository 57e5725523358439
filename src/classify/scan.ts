/**
 * The tokenizer of the hot path: one pass over the text, no regular expression, no token string
 * for a token already seen. It gives exactly the tokens of the reference pipeline
 *
 *   natural's AggressiveTokenizerFr.tokenize(normalise(text)), each with its leading and
 *   trailing hyphens trimmed, empty ones dropped
 *
 * (normalise: see text.ts), which stays the definition: `referenceTokens` below, and a test that
 * compares the two on every verbatim and scheme text of the report and on random strings.
 *
 * How each step of the reference is reproduced on `plainChars(text).normalize('NFC').toLowerCase()`
 * (plainChars: the invisible characters dropped, the ligatures spelled out; both it and NFC are
 * skipped for a text that `scanReady` shows they leave unchanged, as almost all are):
 *   - natural splits on anything outside [a-z0-9äâàéèëêïîöôùüûœç-] (flag i): `TOKEN_CHAR`, a
 *     table built once by testing every UTF-16 code unit against natural's own character class;
 *   - ’ ‘ ʼ ` ´ are apostrophes; œ → "oe", æ → "ae"; the guillemets and dashes that normalise
 *     turns into spaces are separators anyway;
 *   - elisions: a regex `\b(particle)'` can only match when the particle is the whole run of
 *     \w characters ([a-z0-9_]) before the apostrophe (a \b inside a \w run is impossible), so
 *     the scanner keeps the length of that run: run "n" → the token gets "ne" (negation kept);
 *     run in {jusqu lorsqu puisqu quoiqu qu l d j s c m t} → the run is cut from the token;
 *     any other apostrophe is a separator.
 */
import { plainChars } from './text.js';

/**
 * natural's token characters: [a-z0-9äâàéèëêïîöôùüûœç-] with the flag i, i.e. those, A-Z and the
 * upper-case forms of the accented letters (a test checks this list against natural's regex on
 * every UTF-16 code unit: `naturalTokenChars`).
 */
export const TOKEN_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-äâàéèëêïîöôùüûœçÄÂÀÉÈËÊÏÎÖÔÙÜÛŒÇ';

/** The code units natural's tokenizer keeps, by testing its own character class on each (slow). @internal a test proves the scanner keeps the same */
export function naturalTokenChars(): string {
  const re = /[a-z0-9äâàéèëêïîöôùüûœç-]/i;
  let out = '';
  for (let c = 0; c < 65536; c++) if (re.test(String.fromCharCode(c))) out += String.fromCharCode(c);
  return out;
}

/** Punctuation above U+02FF that NFC never changes (see NFC_STABLE). @internal the tests check it */
export const NFC_STABLE_PUNCTUATION = [
  0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2022, 0x2026, 0x202f, 0x2030, 0x2039, 0x203a, 0x20ac,
];

const APOSTROPHES = new Set([0x27, 0x2019, 0x2018, 0x2bc, 0x60, 0xb4]);
const PARTICLES = new Set(['jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'qu', 'l', 'd', 'j', 's', 'c', 'm', 't']);

/** Character class of the scanner: 0 separator, 1 token char that is \w, 2 token char not \w, 3 apostrophe, 4 œ, 5 æ, 6 "_". */
const CLASS = (() => {
  const t = new Uint8Array(65536);
  for (let i = 0; i < TOKEN_CHARS.length; i++) {
    const c = TOKEN_CHARS.charCodeAt(i);
    t[c] = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) ? 1 : 2;
  }
  for (const c of APOSTROPHES) t[c] = 3;
  t[0x153] = 4; // œ
  t[0xe6] = 5; // æ
  t[0x5f] = 6; // _
  return t;
})();

/** A run that can no longer be a particle (it contains "_" or is too long). */
const NO_RUN = 1 << 20;

/**
 * Calls `emit(buf, start, end)` for each token of `text` (the token is `buf[start, end)`, code
 * units; valid only during the call). `buf` is reused: give one of at least text.length * 2 + 2
 * code units, or let `scan` grow the one it is given (it returns the buffer it used).
 */
export function scanTokens(text: string, buf: Uint16Array, emit: (buf: Uint16Array, start: number, end: number) => void): Uint16Array {
  const s = (scanReady(text) ? text : plainChars(text).normalize('NFC')).toLowerCase();
  const n = s.length;
  if (buf.length < 2 * n + 2) buf = new Uint16Array(2 * n + 16);
  let len = 0; // current token: buf[0, len)
  let run = 0; // trailing \w run of the normalised stream, in code units (NO_RUN: not a particle)
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    switch (CLASS[c]) {
      case 1:
        buf[len++] = c;
        run++;
        break;
      case 2:
        buf[len++] = c;
        run = 0;
        break;
      case 4: // œ → oe
        buf[len++] = 0x6f;
        buf[len++] = 0x65;
        run += 2;
        break;
      case 5: // æ → ae
        buf[len++] = 0x61;
        buf[len++] = 0x65;
        run += 2;
        break;
      case 3: {
        if (run > 0 && run <= 6) {
          if (run === 1 && buf[len - 1] === 0x6e)
            buf[len++] = 0x65; // n' → ne
          else if (isParticle(buf, len - run, len)) len -= run;
        }
        if (len > 0) flush(buf, len, emit);
        len = 0;
        run = 0;
        break;
      }
      case 6: // "_": a separator for natural, a word character for \b
        if (len > 0) flush(buf, len, emit);
        len = 0;
        run = NO_RUN;
        break;
      default:
        if (len > 0) flush(buf, len, emit);
        len = 0;
        run = 0;
    }
  }
  if (len > 0) flush(buf, len, emit);
  return buf;
}

/**
 * Code units that NFC leaves alone in any context: everything below U+0300 (no combining mark,
 * nothing that composes with a neighbour below it) and the typographic punctuation of French
 * text (’ “ ” – — … € …), which has no decomposition and does not combine. A test checks every
 * pair of them against String.prototype.normalize. The soft hyphen (U+00AD) is the one of them
 * that plainChars removes (the zero-width characters and ligatures are above U+0300 and not here).
 */
const NFC_STABLE = (() => {
  const t = new Uint8Array(0x2100);
  t.fill(1, 0, 0x300);
  for (const c of NFC_STABLE_PUNCTUATION) t[c] = 1;
  return t;
})();

/**
 * True when plainChars and normalize('NFC') would both return the text unchanged (checked
 * without calling them: ICU's pass costs more than this loop).
 */
export function scanReady(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x300 ? c >= 0x2100 || NFC_STABLE[c] !== 1 : c === 0xad) return false;
  }
  return true;
}

function isParticle(buf: Uint16Array, a: number, b: number): boolean {
  // Particles are 1, 2, 5 or 6 letters long; only then build the (tiny) string.
  const l = b - a;
  if (l !== 1 && l !== 2 && l !== 5 && l !== 6) return false;
  let s = '';
  for (let k = a; k < b; k++) s += String.fromCharCode(buf[k]!);
  return PARTICLES.has(s);
}

function flush(buf: Uint16Array, len: number, emit: (buf: Uint16Array, start: number, end: number) => void): void {
  let a = 0;
  let b = len;
  while (a < b && buf[a] === 0x2d) a++;
  while (b > a && buf[b - 1] === 0x2d) b--;
  if (b > a) emit(buf, a, b);
}

/** The tokens as strings (allocates). @internal the tests compare them with natural's */
export function scanTokenStrings(text: string): string[] {
  const out: string[] = [];
  scanTokens(text, new Uint16Array(2 * text.length + 16), (b, s, e) => {
    out.push(String.fromCharCode(...b.subarray(s, e)));
  });
  return out;
}

/** FNV-1a over code units, then a murmur finaliser (the key hash of the intern table). */
export function hashUnits(buf: Uint16Array, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let k = a; k < b; k++) h = Math.imul(h ^ buf[k]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}

/**
 * Interning of token strings to dense ids, looked up by code units (no string is built for a
 * token already seen). Open addressing, linear probing, power-of-two capacity. `clear()` forgets
 * everything (the caller bounds the size).
 */
export class InternTable {
  private hashes: Int32Array;
  private slots: Int32Array;
  private mask: number;
  keys: string[] = [];

  constructor(capacity = 1 << 12) {
    let c = 16;
    while (c < capacity * 2) c <<= 1;
    this.hashes = new Int32Array(c);
    this.slots = new Int32Array(c).fill(-1);
    this.mask = c - 1;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Id of `buf[a, b)`, or −1; `h` is hashUnits(buf, a, b). */
  find(buf: Uint16Array, a: number, b: number, h: number): number {
    const len = b - a;
    for (let p = h & this.mask; ; p = (p + 1) & this.mask) {
      const id = this.slots[p]!;
      if (id < 0) return -1;
      if (this.hashes[p] !== h) continue;
      const k = this.keys[id]!;
      if (k.length !== len) continue;
      let same = true;
      for (let j = 0; j < len; j++)
        if (k.charCodeAt(j) !== buf[a + j]) {
          same = false;
          break;
        }
      if (same) return id;
    }
  }

  /** Adds a key known to be absent; returns its id. */
  add(key: string, h: number): number {
    if ((this.keys.length + 1) * 2 > this.slots.length) this.grow();
    const id = this.keys.length;
    this.keys.push(key);
    this.put(id, h);
    return id;
  }

  clear(): void {
    this.slots.fill(-1);
    this.keys = [];
  }

  private put(id: number, h: number): void {
    let p = h & this.mask;
    while (this.slots[p]! >= 0) p = (p + 1) & this.mask;
    this.slots[p] = id;
    this.hashes[p] = h;
  }

  private grow(): void {
    const old = this.keys;
    const c = this.slots.length * 2;
    this.hashes = new Int32Array(c);
    this.slots = new Int32Array(c).fill(-1);
    this.mask = c - 1;
    for (let id = 0; id < old.length; id++) {
      const k = old[id]!;
      const b = new Uint16Array(k.length);
      for (let j = 0; j < k.length; j++) b[j] = k.charCodeAt(j);
      this.put(id, hashUnits(b, 0, b.length));
    }
  }
}
