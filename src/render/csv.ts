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
 * Both modes: a cell is quoted when it contains the delimiter, `"`, CR or LF (`"` doubled).
 * null/undefined → empty cell; booleans → true/false; Date → ISO 8601; arrays and objects → their
 * compact JSON; NaN/±Infinity → empty cell (as null in JSON).
 */
import { stringify } from 'csv-stringify/sync';

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

/** Inverse of neutralizeFormula, for reading back an excelFr CSV. @internal a round-trip test */
export function restoreFormula(s: string): string {
  return NEUTRALIZED.test(s) ? s.slice(1) : s;
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
      return excelFr ? neutralizeFormula(v) : v;
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
