/**
 * CSV reader, streamed in constant memory (one record at a time), tolerant of what Excel writes:
 *
 *  - encoding detected on the first 64 KB (UTF-8 ± BOM, UTF-16 with BOM, Windows-1252: see
 *    ./text-stream.ts and ./encoding.ts), or forced with `encoding`;
 *  - delimiter detected from the header line (the most frequent of `;` `,` tab outside quotes;
 *    ties go to `;`, the French Excel separator), or forced with `delimiter`;
 *  - RFC 4180 quoting ("" inside quotes), quoted cells spanning lines, LF / CRLF / CR endings;
 *    a stray quote inside an unquoted cell is kept as text (csv-parse `relax_quotes`);
 *  - the first record is the header, or the record `headerAt` (title rows above it are skipped;
 *    src/io/header-row.ts finds it), and SurveyMonkey's second header row under it with
 *    `skipSubHeader` (names trimmed; an empty name becomes `column<N>`, a repeated
 *    one gets a `_2`, `_3`… suffix); blank lines and rows whose cells are all empty (Excel's
 *    ";;;" rows) are skipped (`onEmptyRow` hears of each ";;;" row);
 *  - a row with more or fewer cells than the header, or a quote that is never closed, is an
 *    InputError naming the line.
 *
 * Parsing is csv-parse's. Line numbers are not: csv-parse counts CR and LF of a CRLF inside a
 * quoted cell as two lines, so a small scanner (`RecordLines`) follows the same record boundaries
 * on the same text and records the physical line where each record — and each open quote —
 * starts. `line` is therefore the line an editor shows for the first line of the record, and `row`
 * the row a spreadsheet shows (the header is row 1, a multi-line cell is one row, a blank line is
 * a row): the same as `line` until a cell spans lines, then smaller.
 */
import { Readable, pipeline } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { InputError, UsageError } from '../errors.js';
import { normalizeColumnName } from './columns.js';
import { detectEncoding, iconvLite, type Encoding } from './encoding.js';
import { excelConstant } from './excel-text.js';
import { openText, trimPartialUtf8, type TextInput } from './text-stream.js';
import { firstFew } from '../wording.js';

export type CsvDelimiter = ';' | ',' | '\t';

export interface CsvSniff {
  delimiter: CsvDelimiter;
  encoding: Encoding;
  bom: boolean;
}

export interface ReadCsvOptions {
  /** Name shown in errors. */
  file: string;
  /** One character; "tab" and "\t" are accepted for a tab. Detected by default. */
  delimiter?: string;
  /** Force the encoding (see parseEncoding); detected by default. */
  encoding?: string;
  /** Records are always keyed by the header's column names (the only mode). */
  columns?: true;
  /** Called once with the column names, before the first record (also for a header-only file), and the repeated names made unique. */
  onHeader?: (headers: string[], renamed: Renamed[]) => void;
  /** The header is this record (0-based; default 0): the records above it (a title) are skipped, whatever their cells. */
  headerAt?: number;
  /** The record under the header is a second header row (SurveyMonkey's): skipped. */
  skipSubHeader?: boolean;
  /** Called with the spreadsheet row of each skipped row whose cells are all empty (";;;"). */
  onEmptyRow?: (row: number) => void;
  /** Largest accepted record, in bytes (default 64 MiB): protects memory from an unclosed quote. */
  maxRecordSize?: number;
}

export interface CsvRecord {
  /** Physical line (1-based) where the record starts; the header is line 1 in a plain file. */
  line: number;
  /** Spreadsheet row (1-based, the header is row 1): physical lines minus the breaks inside cells. */
  row: number;
  record: Record<string, string>;
}

export const DEFAULT_MAX_RECORD_SIZE = 64 * 1024 * 1024;

const CANDIDATES: readonly CsvDelimiter[] = [';', ',', '\t'];

/**
 * Guess the delimiter from decoded text: count `;`, `,` and tab outside quotes on the header
 * line; the most frequent wins, ties in the order `;` `,` tab. A header without any (one column)
 * gets the candidate that appears least in the sample, so that data cells are not split.
 */
export function sniffDelimiter(text: string): CsvDelimiter {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let inQuote = false;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"')
      inQuote = !inQuote; // "" toggles twice: fine for counting
    else if (!inQuote && (c === '\n' || c === '\r')) break;
    else if (!inQuote && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best: CsvDelimiter = ';';
  let bestN = -1;
  for (const c of CANDIDATES) {
    const n = counts.get(c)!;
    if (n > bestN) [best, bestN] = [c, n];
  }
  if (bestN > 0) return best;
  let least: CsvDelimiter = ';';
  let leastN = Infinity;
  for (const c of CANDIDATES) {
    const n = text.split(c).length - 1;
    if (n < leastN) [least, leastN] = [c, n];
  }
  return least;
}

/**
 * Sniff a CSV from its first bytes (up to 64 KB is plenty): encoding (detectEncoding: BOM, strict
 * UTF-8, else Windows-1252) and delimiter (see sniffDelimiter). Pure; never throws.
 */
export function sniffCsv(firstBytes: Buffer): CsvSniff {
  const probe = trimPartialUtf8(firstBytes);
  const det = detectEncoding(probe);
  let text = det.encoding === 'utf-8' ? probe.toString('utf8') : iconvLite().decode(probe, det.encoding);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { delimiter: sniffDelimiter(text), encoding: det.encoding, bom: det.bom };
}

/** A --delimiter value as one character ("tab" → a tab); a UsageError for anything else. */
export function normalizeDelimiter(d: string): string {
  const lower = d.toLowerCase();
  if (lower === 'tab' || d === '\\t') return '\t';
  if (lower === 'semicolon') return ';';
  if (lower === 'comma') return ',';
  if ([...d].length !== 1 || d === '"' || d === '\n' || d === '\r') {
    throw new UsageError(`--delimiter takes one character such as ";" "," or "tab", got "${d}"`);
  }
  return d;
}

function showDelimiter(d: string): string {
  return d === '\t' ? 'tab' : `"${d}"`;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Follows csv-parse's record boundaries (options used below: quote `"`, escape `"`, relax_quotes,
 * skip_empty_lines, record delimiter auto-detected as the first CRLF, LF or CR outside quotes)
 * and records the physical line where each emitted record starts. Physical lines end at LF, CRLF
 * or a lone CR, wherever they are. It stops before a character whose meaning depends on text not
 * received yet; csv-parse holds back at least as much, so this scanner is never behind it.
 */
export class RecordLines {
  private starts: number[] = [];
  private rows: number[] = [];
  /** Line breaks inside cells so far (a spreadsheet shows them inside one row). */
  private inner = 0;
  private recRow = 1;
  private first = 0; // ordinal of starts[head]
  private head = 0;
  private carry = '';
  private line = 1;
  private crPending = false;
  private innerPending = false;
  private inQuote = false;
  private fieldEmpty = true;
  private recHas = false;
  private recStart = 1;
  private quoteLine = 0;
  private rd = '';
  private readonly delim: number;

  constructor(delimiter: string) {
    this.delim = delimiter.charCodeAt(0);
  }

  feed(chunk: string): void {
    this.run(this.carry + chunk, false);
  }

  finish(): void {
    this.run(this.carry, true);
    this.carry = '';
    if (!this.inQuote && this.recHas) this.push();
  }

  /** Start line of the record with this ordinal (0 = header), or undefined if not scanned. */
  startOf(ordinal: number): number | undefined {
    return this.starts[this.head + ordinal - this.first];
  }

  /** Spreadsheet row of the record with this ordinal (0 = header), or undefined if not scanned. */
  rowOf(ordinal: number): number | undefined {
    return this.rows[this.head + ordinal - this.first];
  }

  /** Forget records before `ordinal` (they have been consumed). */
  release(ordinal: number): void {
    while (this.first < ordinal && this.head < this.starts.length) {
      this.head++;
      this.first++;
    }
    if (this.head > 4096 && this.head * 2 > this.starts.length) {
      this.starts = this.starts.slice(this.head);
      this.rows = this.rows.slice(this.head);
      this.head = 0;
    }
  }

  /** Line where the quote that is still open was opened, or null. */
  get openQuoteLine(): number | null {
    return this.inQuote ? this.quoteLine : null;
  }

  private push(): void {
    this.starts.push(this.recStart);
    this.rows.push(this.recRow);
    this.recHas = false;
  }

  private begin(): void {
    if (!this.recHas) {
      this.recHas = true;
      this.recStart = this.line;
      this.recRow = this.line - this.inner;
    }
  }

  private run(s: string, end: boolean): void {
    const n = s.length;
    const d = this.delim;
    let i = 0;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (this.crPending) {
        this.crPending = false;
        if (c !== LF) {
          this.line++;
          if (this.innerPending) this.inner++;
        }
        this.innerPending = false;
      }
      if (this.inQuote) {
        if (c === QUOTE) {
          if (i + 1 >= n) {
            if (!end) break;
            this.inQuote = false; // closing quote at the end of the input
            i++;
            continue;
          }
          const next = s.charCodeAt(i + 1);
          if (next === QUOTE) {
            i += 2; // "" = an escaped quote
            continue;
          }
          let closes: boolean;
          if (next === d) closes = true;
          else if (next === LF) closes = this.rd === '' || this.rd === '\n';
          else if (next === CR) {
            if (this.rd === '\r\n') {
              if (i + 2 >= n && !end) break;
              closes = s.charCodeAt(i + 2) === LF;
            } else closes = this.rd === '' || this.rd === '\r';
          } else closes = false;
          this.inQuote = false;
          if (!closes) this.fieldEmpty = false; // relax_quotes: the quote becomes text
          i++;
          continue;
        }
        this.countBreak(s, i, c, end, true);
        i++;
        continue;
      }
      if (this.rd === '' && (c === CR || c === LF)) {
        if (c === CR) {
          if (i + 1 >= n && !end) break;
          this.rd = s.charCodeAt(i + 1) === LF ? '\r\n' : '\r';
        } else this.rd = '\n';
      }
      if (c === QUOTE && this.fieldEmpty) {
        this.begin();
        this.inQuote = true;
        this.quoteLine = this.line;
        this.fieldEmpty = false;
        i++;
        continue;
      }
      if (this.rd !== '' && c === this.rd.charCodeAt(0)) {
        if (this.rd === '\r\n' && i + 1 >= n && !end) break;
        if (this.rd.length === 1 || s.charCodeAt(i + 1) === LF) {
          if (this.recHas) this.push();
          this.fieldEmpty = true;
          if (this.rd === '\r\n') {
            this.line++;
            i += 2;
          } else {
            this.countBreak(s, i, c, end);
            i++;
          }
          continue;
        }
      }
      if (c === d) {
        this.begin();
        this.fieldEmpty = true;
        i++;
        continue;
      }
      this.begin();
      this.fieldEmpty = false;
      this.countBreak(s, i, c, end, true);
      i++;
    }
    this.carry = s.slice(i);
  }

  private countBreak(s: string, i: number, c: number, end: boolean, inCell = false): void {
    const before = this.line;
    if (c === LF) this.line++;
    else if (c === CR) {
      if (i + 1 < s.length) {
        if (s.charCodeAt(i + 1) !== LF) this.line++;
      } else if (end) this.line++;
      else this.crPending = true; // counted on the next character, always as a break inside a cell or a record break
    }
    if (inCell) {
      this.inner += this.line - before;
      if (this.crPending) this.innerPending = true;
    }
  }
}

/** A header name made unique: column `column` (1-based) is named `name`, as column `first`, and is read as `as`. */
export interface Renamed {
  name: string;
  as: string;
  column: number;
  first: number;
}

/**
 * Column names from a header row (also a sheet's: src/io/excel.ts); see the module comment.
 * `renamed` hears of each repeated name made unique; `sheet` words the refusal of an empty row for
 * a workbook.
 */
export function makeHeaders(fields: string[], file: string, line: number, o: { sheet?: boolean; renamed?: Renamed[] } = {}): string[] {
  const names = fields.map((f) => f.replace(/^\ufeff/, '').trim());
  if (names.every((n) => n === '')) {
    if (o.sheet)
      throw new InputError(
        `row ${line} of the sheet has no column names; the header must be the first row with something in it (delete the empty rows above it), or export the sheet as CSV`,
        file,
      );
    throw new InputError('the first line has no column names; the first row of the CSV must be the header', file, line);
  }
  const seen = new Map<string, number>();
  const firstAt = new Map<string, number>();
  const used = new Set(names);
  return names.map((n, i) => {
    let name = n === '' ? `column${i + 1}` : n;
    const k = (seen.get(name) ?? 0) + 1;
    seen.set(name, k);
    if (k === 1) firstAt.set(name, i + 1);
    else {
      let j = k;
      while (used.has(`${name}_${j}`)) j++;
      o.renamed?.push({ name, as: `${name}_${j}`, column: i + 1, first: firstAt.get(name)! });
      name = `${name}_${j}`;
      used.add(name);
    }
    return name;
  });
}

/**
 * Read a CSV as `{ line, record }`, record keyed by header names. See the module comment.
 * Errors: InputError naming the file and line (ragged row, unclosed quote, bad encoding, binary
 * data, empty file); UsageError for a bad `delimiter` option.
 */
export async function* readCsv(input: TextInput, opts: ReadCsvOptions): AsyncGenerator<CsvRecord, void, undefined> {
  const { file } = opts;
  const forcedDelimiter = opts.delimiter !== undefined ? normalizeDelimiter(opts.delimiter) : undefined;
  const opened = await openText(input, { file, ...(opts.encoding ? { encoding: opts.encoding } : {}) });
  const delimiter = forcedDelimiter ?? sniffDelimiter(opened.head);
  const tracker = new RecordLines(delimiter);
  const maxRecordSize = opts.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;

  async function* text(): AsyncGenerator<string> {
    for await (const chunk of opened.chunks) {
      tracker.feed(chunk);
      yield chunk;
    }
    tracker.finish();
  }

  let headerLength: number | null = null; // known to csv-parse before any record reaches us
  const headerAt = opts.headerAt ?? 0;
  const parser = parse({
    on_record: (record: string[]) => {
      headerLength ??= headerAt === 0 ? record.length : null;
      return record;
    },
    delimiter,
    bom: true,
    // With title rows above the header (other cell counts), the count is checked below against the header's.
    relax_column_count: headerAt > 0,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: maxRecordSize,
  });
  // Errors of the source (decoding) destroy the parser with that same error: they surface below.
  pipeline(Readable.from(text()), parser, () => {});

  // A ";" table is the spreadsheet form (French Excel, --excel-fr): its ="…" cells are text
  // (excel-text.ts). A "," table is a program's, read exactly as written (the plain CSV round trip).
  const excelFr = delimiter === ';';
  let ordinal = 0;
  let headers: string[] | null = null;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const line = tracker.startOf(ordinal) ?? 0;
      const row = tracker.rowOf(ordinal) ?? line;
      const at = ordinal;
      tracker.release(++ordinal);
      if (headers === null) {
        if (at < headerAt) continue;
        headerLength = fields.length;
        const renamed: Renamed[] = [];
        headers = makeHeaders(fields, file, line, { renamed });
        opts.onHeader?.(headers, renamed);
        continue;
      }
      if (fields.length !== headerLength) throw raggedRow(fields.length, headerLength, delimiter, file, line);
      if (opts.skipSubHeader && at === headerAt + 1) continue;
      if (fields.every((f) => f === '')) {
        opts.onEmptyRow?.(row);
        continue;
      }
      const record = Object.fromEntries(headers.map((h, i) => [h, excelFr ? excelConstant(fields[i] ?? '') : (fields[i] ?? '')])) as Record<string, string>;
      yield { line, row, record };
    }
  } catch (e) {
    throw csvError(e, { tracker, file, delimiter, headerLength, maxRecordSize });
  } finally {
    parser.destroy();
  }
  if (headers === null) throw new InputError('empty CSV: expected a header line with column names', file);
}

/** A row whose cell count is not the header's: the refusal names the line and the fix. */
function raggedRow(got: number | undefined, expected: number | null, delimiter: string, file: string, line: number | undefined): InputError {
  const d = showDelimiter(delimiter);
  const cells = (k: number | null | undefined, other: string) => (typeof k === 'number' ? `${k} cell${k === 1 ? '' : 's'}` : other);
  return new InputError(
    `this row has ${cells(got, 'a different number of cells')} but the header line has ${cells(expected, 'another number')} ` +
      `(separator ${d}); quote the cells that contain ${d}, or fix the row`,
    file,
    line,
  );
}

function csvError(e: unknown, ctx: { tracker: RecordLines; file: string; delimiter: string; headerLength: number | null; maxRecordSize: number }): unknown {
  if (!(e instanceof CsvError)) return e; // our InputErrors, or a bug (kept with its stack)
  const { tracker, file, delimiter } = ctx;
  const info = e as CsvError & { records?: number; record?: unknown[] };
  const recordLine = typeof info.records === 'number' ? tracker.startOf(info.records) : undefined;
  switch (e.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return raggedRow(Array.isArray(info.record) ? info.record.length : undefined, ctx.headerLength, delimiter, file, recordLine);
    case 'CSV_QUOTE_NOT_CLOSED':
      return new InputError(
        'unclosed quote: the quoted cell that starts on this line never ends; add the closing " or remove the stray one',
        file,
        tracker.openQuoteLine ?? recordLine,
      );
    case 'CSV_MAX_RECORD_SIZE': {
      const q = tracker.openQuoteLine;
      const mib = `${Math.round(ctx.maxRecordSize / (1024 * 1024))} MiB`;
      return q !== null
        ? new InputError(
            `the quoted cell that starts on this line runs over ${mib}: probably an unclosed quote; add the closing " or remove the stray one`,
            file,
            q,
          )
        : new InputError(`the row that starts on this line is larger than ${mib}; is this really a CSV file?`, file, recordLine);
    }
    default:
      return new InputError(`cannot read the CSV (${e.message}); check the file is a valid CSV`, file, recordLine);
  }
}

export { normalizeColumnName };

/**
 * Choose a column: `wanted` (the user's --<what>-column) if given, else the first of `defaults`
 * present. Matching is case- and accent-insensitive; an exact match wins. Returns the header as
 * spelled in the file. Errors list the columns found and name the option.
 */
export function pickColumn(headers: string[], wanted: string | undefined, defaults: string[], what: string, file: string): string {
  const flag = `--${what.trim().toLowerCase().replace(/\s+/g, '-')}-column`;
  const shown = headers.length > 20 ? `${firstFew(headers, 20)} (${headers.length} in all)` : firstFew(headers, 20);
  const found = headers.length ? `columns found: ${shown}` : 'no columns found';
  if (wanted !== undefined) {
    const exact = headers.find((h) => h === wanted);
    if (exact !== undefined) return exact;
    const w = normalizeColumnName(wanted);
    const loose = headers.find((h) => normalizeColumnName(h) === w);
    if (loose !== undefined) return loose;
    throw new UsageError(`no column "${wanted}" (${found}); pass ${flag} with one of them`, file);
  }
  for (const d of defaults) {
    const n = normalizeColumnName(d);
    const h = headers.find((x) => normalizeColumnName(x) === n);
    if (h !== undefined) return h;
  }
  throw new InputError(`no ${what} column (${found}); pass ${flag} NAME`, file);
}
