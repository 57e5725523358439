/**
 * XLSX workbooks (`--format xlsx`), written with exceljs (loaded lazily, on first use, by
 * src/io/excel.ts: the one module that imports it).
 *
 * Each sheet: a bold header row, frozen, with an autofilter; numbers stored as numbers; percents
 * stored as fractions with a percent format (a row's `percent: 50.1`, percent points as in every
 * other output, becomes the cell value 0.501 shown "50.1%" — "50,1 %" in a French Excel); column
 * widths from the content; text as is (French labels intact; a text that starts with "=" is a
 * string cell, never a formula).
 *
 * Deterministic bytes: the workbook's creator and dates are fixed (`FIXED_DATE`), and so are the
 * zip entries' timestamps (exceljs zips with JSZip, which stamps every entry with the current
 * time: `fixZipTimestamps` rewrites those fields after the fact, headers only, the data and CRCs
 * untouched). Two runs give the same bytes.
 */

import { UsageError } from '../errors.js';
import { PARTICIPANT_FIELDS } from '../model.js';
import { loadExcelJS } from '../io/excel.js';
import { note } from '../io/stdio.js';
import { classifyColumns, flattenClassified, inputColumnsOf, type ClassRecordLike } from './classify-flat.js';

export type ColumnKind = 'text' | 'int' | 'percent' | 'number' | 'date';

export interface SheetColumn {
  key: string;
  header?: string;
  kind?: ColumnKind;
  /** Excel number format, overriding the kind's ('0' int, '0.0%' percent). */
  numFmt?: string;
}

export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: Record<string, unknown>[];
  /** Called with the written worksheet (data validation of the review sheet: xlsx-review.ts). */
  validate?: (ws: { dataValidations: { add(range: string, validation: unknown): void } }) => void;
}

/** The workbook's creation and modification date, and every zip entry's (2000-01-01 00:00 UTC). */
export const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));
const CREATOR = 'cnr-synth';
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Excel's limit on the characters of one cell: a longer cell makes Excel "repair" the file. */
export const EXCEL_CELL_MAX = 32_767;

/** A text cut to Excel's limit (never between the two halves of a surrogate pair). */
function cutToExcel(v: string): string {
  const end = /[\uD800-\uDBFF]/.test(v[EXCEL_CELL_MAX - 1]!) ? EXCEL_CELL_MAX - 1 : EXCEL_CELL_MAX;
  return v.slice(0, end);
}

/** Sheet names as Excel accepts them: ≤ 31 characters, none of : \ / ? * [ ], unique (case-insensitive). */
export function sheetName(name: string, taken: Set<string>): string {
  let base =
    name
      .replace(/[:\\/?*[\]]/g, '_')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  base = base.slice(0, 31);
  let n = base;
  for (let i = 2; taken.has(n.toLowerCase()); i++) n = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(n.toLowerCase());
  return n;
}

/** "2022-11-25" → that day at 00:00 UTC (what Excel stores as a date serial); anything else null. */
function isoDate(v: unknown): Date | null {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

function cellValue(v: unknown, kind: ColumnKind | undefined): string | number | boolean | Date | null {
  if (v === null || v === undefined || v === '') return null;
  if (kind === 'date') return isoDate(v) ?? String(v);
  if (kind === 'percent') return typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1e8) / 1e10 : String(v);
  if (kind === 'int' || kind === 'number') return typeof v === 'number' && Number.isFinite(v) ? v : String(v);
  if (kind === 'text') return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  return JSON.stringify(v);
}

function shownLength(v: string | number | boolean | Date | null, kind: ColumnKind | undefined): number {
  if (v === null) return 0;
  if (v instanceof Date) return 'dd/mm/yyyy'.length;
  if (kind === 'percent' && typeof v === 'number') return `${(v * 100).toFixed(1)}%`.length;
  return String(v)
    .split('\n')
    .reduce((a, l) => Math.max(a, l.length), 0);
}

/**
 * A workbook with one worksheet per sheet, in order; deterministic bytes. A text longer than
 * Excel's 32 767 characters is cut there, in the workbook only, and one line on stderr says how
 * many cells were cut and where the first is (`output`: the file named in that line).
 */
export async function toXlsx(sheets: Sheet[], opts: { output?: string | undefined } = {}): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = CREATOR;
  wb.lastModifiedBy = CREATOR;
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const taken = new Set<string>();
  let cut = 0;
  let firstCut = '';
  for (const s of sheets) {
    const name = sheetName(s.name, taken);
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    const widths = s.columns.map((c) => (c.header ?? c.key).length);
    const values = s.rows.map((r, row) =>
      s.columns.map((c, i) => {
        let v = cellValue(r[c.key], c.kind);
        if (typeof v === 'string' && v.length > EXCEL_CELL_MAX) {
          v = cutToExcel(v);
          if (cut++ === 0) firstCut = `sheet ${name}, row ${row + 2}`;
        }
        widths[i] = Math.max(widths[i]!, shownLength(v, c.kind));
        return v;
      }),
    );
    ws.columns = s.columns.map((c, i) => ({
      header: c.header ?? c.key,
      key: c.key,
      width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widths[i]! + 2)),
      ...(numFmt(c) ? { style: { numFmt: numFmt(c)! } } : {}),
    }));
    for (const v of values) ws.addRow(v);
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.numFmt = 'General';
      cell.alignment = { vertical: 'top' };
    });
    s.validate?.(ws as never);
    if (s.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: s.columns.length } };
  }
  const out = Buffer.from(await wb.xlsx.writeBuffer());
  if (cut > 0) {
    const file = !opts.output || opts.output === '-' ? '<stdout>' : opts.output;
    note(`${file}: ${cut} cell(s) longer than Excel's 32 767 characters were cut (first: ${firstCut}); the CSV/NDJSON outputs keep them whole`);
  }
  return fixZipTimestamps(out, FIXED_DATE);
}

function numFmt(c: SheetColumn): string | undefined {
  if (c.numFmt) return c.numFmt;
  if (c.kind === 'percent') return '0.0%';
  if (c.kind === 'int') return '0';
  if (c.kind === 'date') return 'dd/mm/yyyy';
  return undefined;
}

/**
 * Set the modification time and date of every entry of a zip file (local headers and central
 * directory) to `date`, in place. The DOS date has a 2-second resolution and no time zone; the
 * UTC fields of `date` are used. Throws on what is not a plain (non-ZIP64) zip.
 */
export function fixZipTimestamps(zip: Buffer, date: Date): Buffer {
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('zip: bad central directory entry');
    zip.writeUInt16LE(dosTime, p + 12);
    zip.writeUInt16LE(dosDate, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error('zip: bad local header');
    zip.writeUInt16LE(dosTime, local + 10);
    zip.writeUInt16LE(dosDate, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}

// ── Commands' helpers ───────────────────────────────────────────────────────────────────────

/**
 * XLSX is binary: it goes to a file (`-o FILE.xlsx`), or to stdout with `-o -` only when stdout
 * is not a terminal.
 */
export function assertXlsxOutput(output: string | undefined, stdoutIsTty = process.stdout.isTTY === true): void {
  if (!output || (output === '-' && stdoutIsTty)) throw new UsageError('--format xlsx writes a binary file: add -o FILE.xlsx');
}

const INT_KEYS = new Set(['thematique', 'count', 'denominator', 'line', 'page', 'recomputed', 'delta', ...PARTICIPANT_FIELDS, 'total']);
const PERCENT_FORMATS: Record<string, string> = { percent: '0.0%', percent_lr: '0.0%', percent_exact: '0.00%', percent_recomputed: '0%' };
/** ISO dates (the workshops' `date`): date cells, shown day/month/year. */
const DATE_KEYS = new Set(['date']);

/**
 * Flat records (the rows of `tables`, as NDJSON prints them) as a sheet: counts and line numbers
 * as integers, the percent columns as percents (`percent: 50.1` → 0.501, "50.1%"), ISO dates as
 * dates ("dd/mm/yyyy"), the rest as text. A `page` column that no row has (text input) is left out.
 */
export function recordsToSheet(name: string, keys: string[], rows: Record<string, unknown>[], opts: { integerPercent?: boolean } = {}): Sheet {
  const columns: SheetColumn[] = keys
    .filter((k) => k !== 'page' || rows.some((r) => r.page !== undefined && r.page !== null))
    .map((key) => {
      if (key in PERCENT_FORMATS) return { key, kind: 'percent' as const, numFmt: opts.integerPercent && key === 'percent' ? '0%' : PERCENT_FORMATS[key]! };
      if (INT_KEYS.has(key)) return { key, kind: 'int' as const };
      if (DATE_KEYS.has(key)) return { key, kind: 'date' as const };
      return { key };
    });
  return { name, columns, rows };
}

/** The run's fingerprint (`meta` of the JSON outputs) as a two-column sheet "meta". */
export function metaSheet(meta: Record<string, unknown>): Sheet {
  const rows: Record<string, unknown>[] = [];
  const walk = (prefix: string, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
    else rows.push({ key: prefix, value: Array.isArray(v) ? JSON.stringify(v) : v });
  };
  walk('', meta);
  return { name: 'meta', columns: [{ key: 'key', kind: 'text' }, { key: 'value' }], rows };
}

// ── classify ─────────────────────────────────────────────────────────────────────────────────

export { CLASSIFY_COLUMNS, type ClassRecordLike } from './classify-flat.js';

/**
 * The records of `cnr-synth classify` (the NDJSON objects) as one sheet "classify": one row per
 * verbatim, the columns of src/render/classify-flat.ts (the input's own columns first, from
 * `input` in first-seen order, then the classification's). `toXlsx([sheet])` writes it.
 */
export function classifyRowsToSheet(records: Iterable<ClassRecordLike>): Sheet {
  const list = [...records];
  const inputCols = inputColumnsOf(list);
  return {
    name: 'classify',
    columns: classifyColumns(inputCols).map(({ flatKey: _flatKey, ...c }) => c),
    rows: list.map((r) => flattenClassified(r, inputCols)),
  };
}
