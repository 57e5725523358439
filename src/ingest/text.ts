/** Small pure helpers on French text as extracted from the report. */

/** Collapse whitespace runs to one space and trim: labels are kept "exactly as printed" modulo this. */
export function clean(s: string): string {
  return s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** "S y n t h è s e  r é g i o n a l e" → "Synthèse régionale" (letter-spaced headings). */
export function unLetterSpace(s: string): string {
  return clean(
    s
      .trim()
      .split(/\s{2,}/)
      .map((w) => w.replace(/ /g, ''))
      .join(' '),
  );
}

/** True when most tokens of a line are single characters (a letter-spaced heading). */
export function isLetterSpaced(s: string): boolean {
  const toks = s.trim().split(/\s+/);
  if (toks.length < 6) return false;
  const single = toks.filter((t) => [...t].length === 1).length;
  return single / toks.length > 0.7;
}

const foldCache = new Map<string, string>();

/** Fold accents, apostrophes, case and spacing: the key under which labels are compared (memoised). */
export function foldKey(s: string): string {
  let k = foldCache.get(s);
  if (k === undefined) {
    if (foldCache.size > 50_000) foldCache.clear();
    k = computeFoldKey(s);
    foldCache.set(s, k);
  }
  return k;
}

function computeFoldKey(s: string): string {
  return clean(
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[’‘`´]/g, "'")
      .replace(/[«»"“”]/g, '"')
      .replace(/œ/g, 'oe')
      .replace(/[–—]/g, '-')
      .toLowerCase()
      // spacing around punctuation varies between tables ("para -médicaux", "zone "surdense" ")
      .replace(/\s*([,;:.!?()/'"-])\s*/g, '$1')
      .replace(/[.\s]+$/, ''),
  );
}

const NUMBER_WORDS: Record<string, number> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
};

/** "Trois" → 3, "12" → 12, else null. */
export function frenchNumber(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[foldKey(word)] ?? null;
}

/** "1 811" → 1811 (thousands separated by a space or a narrow no-break space). */
export function parseCount(s: string): number {
  return Number(s.replace(/[\s\u00a0\u202f]/g, ''));
}

export const MONTHS = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'] as const;

const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'] as const;

/** Regex source matching a date as the report prints it ("Lundi 5 décembre 2022", "1er", "21/11/22"). */
export const DATE_SOURCE =
  '(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\\s+)?\\d{1,2}(?:er)?\\s+' +
  '(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)' +
  '(?:\\s+\\d{4})?|\\d{1,2}/\\d{1,2}/\\d{2,4}';

export interface ParsedDate {
  /** ISO YYYY-MM-DD when the year is printed, else null. */
  iso: string | null;
  day: number;
  month: number;
  year: number | null;
  /** Weekday as printed, lower-case and unaccented, if any. */
  weekday: string | null;
}

/** Parse a printed date; null when it is not one. */
export function parseFrenchDate(raw: string): ParsedDate | null {
  const s = foldKey(raw);
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})$/.exec(s);
  if (m) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    let year = Number(m[3]);
    if (year < 100) year += 2000;
    return mk(day, month, year, null);
  }
  m = /^(?:(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) )?(\d{1,2})(?:er)? ([a-z]+)(?: (\d{4}))?$/.exec(s);
  if (!m) return null;
  const month = (MONTHS as readonly string[]).indexOf(m[3]!) + 1;
  if (month === 0) return null;
  return mk(Number(m[2]), month, m[4] ? Number(m[4]) : null, m[1] ?? null);
}

function mk(day: number, month: number, year: number | null, weekday: string | null): ParsedDate | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const iso = year === null ? null : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { iso, day, month, year, weekday };
}

/** Weekday name (lower-case, unaccented) of an ISO date. */
export function weekdayOf(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  return WEEKDAYS[d.getUTCDay()]!;
}
