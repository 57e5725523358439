/**
 * CSV writer. Pure: returns the text (with its BOM in Excel mode); the caller writes it.
 *
 * Plain CSV (the default, for scripts and pipes): RFC 4180 quoting with `,`, but records end
 * with LF, not the CRLF of RFC 4180: this output goes to Unix pipes, diffs and committed `--check`
 * files, and every CSV reader (csv-parse, Python, R, pandas, Excel, LibreOffice) accepts LF.
 * No BOM. Numbers as JavaScript prints them ("12", "33.3"). Cells are never altered: plain CSV
 * round-trips exactly.
 *
 * `excelFr` (for French Excel, double-click to open): `;` delimiter, UTF-8 BOM (without it Excel
 * reads UTF-8 as Windows-1252: "Ã©"), CRLF, decimal comma for non-integer numbers ("33,3"), and
 * CSV-injection neutralisation (OWASP "CSV Injection"): a text cell starting with `=`, `+`, `-`,
 * `@`, tab or CR — which Excel would evaluate as a formula — gets a leading `'`. Numbers are not
 * touched (-3 stays -3). To keep this reversible, a text cell that already starts with `'`
 * followed (after any further `'`) by one of those characters gets one more `'`; `restoreFormula`
 * removes exactly one, so `restoreFormula(neutralizeFormula(s)) === s` for every string.
 * Neutralisation is applied in excelFr mode only: plain CSV is for programs, which do not
 * evaluate formulas and must get the data unchanged.
 *
 * excelFr also keeps text as text (review 12, findings 2 and 3): a text cell that a spreadsheet
 * would turn into a number, a date, a time, a percentage, a fraction or a boolean when it opens
 * the file — section "2.1.2" → 02/01/2002, id "007" → 7, "12/03" → a date, "1,5" → 1.5, "50 %" →
 * 0.5, "Lundi 5 décembre 2022" → a date, "VRAI" → a boolean, all seen in LibreOffice Calc fr-FR —
 * is written as a formula of a constant string, `="2.1.2"`, which Excel and LibreOffice show
 * as the text 2.1.2 (`looksLikeValue` decides, `keepText` writes). Numbers (JS numbers in the
 * record: counts, percents, scores) are not touched. The formula rule comes first: a text starting
 * with `=`, `+`, `-` or `@` gets its `'` and never the `="…"` form, so a verbatim "=1+1" is never
 * made a live formula; and the `="…"` form holds only digits, separators and date words, no `"`.
 * `restoreFormula` undoes both, for reading an excelFr CSV back (`tables --check`).
 *
 * Both modes: a cell is quoted when it contains the delimiter, `"`, CR or LF (`"` doubled).
 * null/undefined → empty cell; booleans → true/false; Date → ISO 8601; arrays and objects → their
 * compact JSON; NaN/±Infinity → empty cell (as null in JSON).
 */
import { stringify } from 'csv-stringify/sync';
import { excelConstant } from '../io/excel-text.js';

export interface CsvColumn {
  key: string;
  /** Header text; defaults to `key`. */
  header?: string;
}

export interface CsvOptions {
  /** French Excel dialect, see the module comment. */
  excelFr?: boolean;
}

const FORMULA = /^'*[=+\-@\t\r]/;
const NEUTRALIZED = /^'+[=+\-@\t\r]/;

/** Prefix `'` to a text cell that a spreadsheet would run as a formula (see module comment). */
export function neutralizeFormula(s: string): string {
  return FORMULA.test(s) ? `'${s}` : s;
}

// Words that make a date when the rest of the cell is digits and separators (LibreOffice fr-FR reads
// "5 décembre 2022", "Lundi 5 décembre 2022", "mars 2022", "12 mars" as dates; Excel also "déc-22"),
// compared without accents and case: French and English months and weekdays, full and short.
const DATE_WORDS = new Set(
  (
    'janvier janv jan fevrier fevr fev mars mar avril avr mai juin juillet juil aout aou septembre sept sep octobre oct ' +
    'novembre nov decembre dec january february feb march april apr may june jun july jul august aug september ' +
    'october november december lundi mardi mercredi jeudi vendredi samedi dimanche lun mer jeu ven sam dim monday ' +
    'tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun am pm'
  ).split(' '),
);
// Letters right after a digit that still read as a number, a time or an ordinal: 1e5, 1E+05,
// 2022-12-05T10:00, 19h30, 1er, 2e, 3ème, 1re, 2nd, 1st, 3rd, 4th.
const AFTER_DIGIT = new Set(['e', 't', 'h', 'er', 're', 'ere', 'eme', 'nd', 'st', 'rd', 'th']);
// What is left once those words are gone: digits, spaces (also no-break and thin), signs, the
// decimal, thousands, date and time separators, %, parentheses (accounting negatives), currencies.
const VALUE_CHARS = /^[0-9 \u00a0\u2007\u2009\u202f.,/:+\-\u2212%()€$£¥]*$/;
/** Excel's limit on a string constant in a formula: a longer `="…"` would be an error. */
const FORMULA_TEXT_MAX = 255;

/**
 * Would a spreadsheet opening a CSV read this text as something other than text (a number, a
 * date, a time, a percentage, a fraction, a boolean)? Conservative: any cell with a digit that is
 * made only of digits, separators and date words counts, whatever a given locale makes of it;
 * words alone (labels, verbatims) do not, except the bare booleans VRAI, FAUX, TRUE, FALSE.
 */
export function looksLikeValue(s: string): boolean {
  if (s.length > FORMULA_TEXT_MAX || /[\r\n\t"]/.test(s)) return false;
  if (/^\s*(vrai|faux|true|false)\s*$/i.test(s)) return true;
  if (!/[0-9]/.test(s)) return false;
  const folded = s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const rest = folded.replace(/\p{L}+\.?/gu, (word, at: number) => {
    const w = word.replace(/\.$/, '');
    const afterDigit = at > 0 && /[0-9]/.test(folded[at - 1]!);
    return DATE_WORDS.has(w) || (afterDigit && AFTER_DIGIT.has(w)) ? (word.endsWith('.') ? '.' : '') : '\u0000';
  });
  return VALUE_CHARS.test(rest);
}

/** `="s"`: a formula whose value is the text s, shown as s by Excel and LibreOffice. */
export function keepText(s: string): string {
  return `="${s.replace(/"/g, '""')}"`;
}

/** A text cell of an excelFr CSV: formula-like text neutralised, value-like text kept as text. */
export function excelText(s: string): string {
  if (FORMULA.test(s)) return `'${s}`;
  return looksLikeValue(s) ? keepText(s) : s;
}

/** Inverse of excelText, for reading back an excelFr CSV. @internal a round-trip test */
export function restoreFormula(s: string): string {
  return NEUTRALIZED.test(s) ? s.slice(1) : excelConstant(s);
}

function formatNumber(n: number, excelFr: boolean): string {
  if (!Number.isFinite(n)) return '';
  const s = String(n);
  return excelFr && !Number.isInteger(n) ? s.replace('.', ',') : s;
}

/** The text of one cell, before quoting. */
export function csvCell(v: unknown, excelFr = false): string {
  if (v === null || v === undefined) return '';
  switch (typeof v) {
    case 'string':
      return excelFr ? excelText(v) : v;
    case 'number':
      return formatNumber(v, excelFr);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      break;
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  const json = JSON.stringify(v) ?? '';
  return excelFr ? neutralizeFormula(json) : json;
}

export function toCsv(rows: Record<string, unknown>[], columns: CsvColumn[], opts: CsvOptions = {}): string {
  const excelFr = opts.excelFr ?? false;
  const records: string[][] = [columns.map((c) => csvCell(c.header ?? c.key, excelFr))];
  for (const row of rows) records.push(columns.map((c) => csvCell(row[c.key], excelFr)));
  return stringify(records, {
    delimiter: excelFr ? ';' : ',',
    record_delimiter: excelFr ? '\r\n' : '\n',
    bom: excelFr,
    // csv-stringify quotes on the delimiter, quote and the record delimiter; also quote any CR or
    // LF, or a lone CR in a cell would end the record for a CRLF/CR-sniffing reader.
    quoted_match: /[\r\n]/,
    eof: true,
  });
}
