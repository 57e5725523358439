/**
 * The one module that imports exceljs (loaded on first use: most runs never touch a workbook).
 * The writer (src/render/xlsx.ts) gets the library from `loadExcelJS`; reading a workbook given
 * as input (`classify enquete.xlsx`) is here, below the renderers, so that io never imports
 * render.
 *
 * A sheet read as a table (default: the first visible sheet; a hidden one only by --sheet NAME):
 * the header is row 1, or the row that `findHeaderRow` finds under a title (./header-row.ts), named
 * as by the CSV reader (`makeHeaders`); SurveyMonkey's second header row under it is skipped.
 * Every cell becomes text as the user sees it: numbers as JavaScript prints them, a date as
 * YYYY-MM-DD (with the time when it has one), a formula as its cached result, an error value as
 * Excel shows it ("#N/A"), rich text and hyperlinks as their text. A formula without a cached
 * result (a workbook written by a program and never opened in a spreadsheet) has no text: it is
 * listed in `unread`, never made into text (the caller refuses it in a column it reads). A merged
 * range's value belongs to its top-left cell only (as Excel's "Save as CSV" writes it): the other
 * cells read as empty, and the merges under the header are listed (`merges`). Rows whose cells are
 * all empty are reported (`emptyRows`), not returned; `row` is the sheet's row number.
 */
import { InputError, UsageError } from '../errors.js';
import { HEADER_SCAN_ROWS, findHeaderRow } from './header-row.js';
import { firstFew } from '../wording.js';

type ExcelJSModule = typeof import('exceljs');

let lib: ExcelJSModule | undefined;
export async function loadExcelJS(): Promise<ExcelJSModule> {
  lib ??= ((await import('exceljs')) as unknown as { default: ExcelJSModule }).default;
  return lib;
}

/** A cell whose value has no text: a formula never computed, or a value of a kind this reader does not know. */
export interface UnreadCell {
  /** "B3" */
  address: string;
  row: number;
  /** The header of its column. */
  column: string;
  what: 'formula' | 'value';
}

export interface XlsxTable {
  sheet: string;
  sheets: string[];
  /** Hidden sheets passed over for the default (the first visible one): those before it. */
  hidden: string[];
  headers: string[];
  /** Header names made unique (`Texte`, `Texte` → `Texte`, `Texte_2`; see makeHeaders). */
  renamed: Renamed[];
  rows: Array<{ row: number; record: Record<string, string> }>;
  /** Sheet rows (after the header) whose cells are all empty. */
  emptyRows: number[];
  /** Rows read that the sheet hides (a filter, or hidden by hand): read like the others, said by the caller. */
  hiddenRows: number[];
  /** Sheet row of the header (1 unless title rows are above it). */
  headerRow: number;
  /** The first rows of the sheet (up to the header's), as text, for the caller's note. */
  top: string[][];
  /** Sheet row of SurveyMonkey's second header row, skipped, and its cells. */
  subHeaderRow?: number;
  subHeaderCells?: string[];
  /** Row 1 looks like a title over a wider table but no row under it names a known column. */
  titleAbove: boolean;
  /** Merged ranges under the header: their range ("B5:B6"), first row and the columns they cover. */
  merges: Array<{ range: string; row: number; columns: string[] }>;
  /** Cells without a text value (see UnreadCell), in sheet order. */
  unread: UnreadCell[];
}

type Renamed = import('./csv.js').Renamed;

const NO_TEXT = Symbol('no text');
type CellText = string | { [NO_TEXT]: 'formula' | 'value' };

/** A cell's value as the text a spreadsheet shows, or why it has none (never an object made into text). */
function cellText(v: unknown): CellText {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace(/\.000Z$/, 'Z');
  }
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text?: unknown }>; text?: unknown; result?: unknown; error?: unknown; formula?: unknown; sharedFormula?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => (typeof t.text === 'string' ? t.text : '')).join('');
    if ('formula' in o || 'sharedFormula' in o) return o.result === undefined || o.result === null ? { [NO_TEXT]: 'formula' } : cellText(o.result);
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (typeof o.error === 'string') return o.error;
  }
  return { [NO_TEXT]: 'value' };
}

/** Column letters of a 1-based column number (1 → A, 28 → AB). */
function columnLetters(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface ReadXlsxOptions {
  /** The user's --text-column and --id-column: known names for finding the header. */
  names?: Array<string | undefined>;
}

/** Read one sheet of a workbook (default: the first visible one) as a table. Errors name the file and the fix. */
export async function readXlsxTable(bytes: Buffer, file: string, sheet?: string, opts: ReadXlsxOptions = {}): Promise<XlsxTable> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new InputError(`cannot read this workbook (${(e as Error).message}); save it again as .xlsx, or export the sheet as CSV`, file);
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const visible = wb.worksheets.filter((w) => w.state !== 'hidden' && w.state !== 'veryHidden');
  const ws =
    sheet === undefined
      ? (visible[0] ?? wb.worksheets[0])
      : (wb.worksheets.find((w) => w.name === sheet) ?? wb.worksheets.find((w) => w.name.toLowerCase() === sheet.toLowerCase()));
  if (!ws) {
    if (sheet !== undefined) throw new UsageError(`no sheet "${sheet}" (sheets: ${sheets.join(', ')}); pass --sheet with one of them`, file);
    throw new InputError('this workbook has no sheet', file);
  }
  const hidden = sheet === undefined ? wb.worksheets.slice(0, wb.worksheets.indexOf(ws)).map((w) => w.name) : [];
  const width = ws.columnCount;
  /** Merged ranges by their top-left cell: the rows and columns they span. */
  const spans = new Map<string, { r1: number; c1: number; r2: number; c2: number }>();
  const noText: Array<{ row: number; col: number; what: 'formula' | 'value' }> = [];
  const values = (r: number): string[] => {
    const row = ws.getRow(r);
    return Array.from({ length: width }, (_, i) => {
      const cell = row.getCell(i + 1);
      const master = cell.master;
      if (master !== cell && master.address !== cell.address) {
        // A merged range: its value is its top-left cell's, the others are empty.
        const span = spans.get(master.address) ?? { r1: Number(master.row), c1: Number(master.col), r2: r, c2: i + 1 };
        span.r2 = Math.max(span.r2, r);
        span.c2 = Math.max(span.c2, i + 1);
        spans.set(master.address, span);
        return '';
      }
      const t = cellText(cell.value);
      if (typeof t === 'string') return t;
      noText.push({ row: r, col: i + 1, what: t[NO_TEXT] });
      return '';
    });
  };
  if (ws.rowCount === 0) throw new InputError(`sheet "${ws.name}" is empty: expected a header row with column names`, file);
  const top: string[][] = [];
  for (let r = 1; r <= Math.min(ws.rowCount, HEADER_SCAN_ROWS); r++) top.push(values(r));
  const found = findHeaderRow(top, opts.names ?? []);
  const headerRow = found.index + 1;
  const { makeHeaders } = await import('./csv.js');
  const renamed: Renamed[] = [];
  const headers = makeHeaders(top[found.index]!, file, headerRow, { sheet: true, renamed });
  const rows: XlsxTable['rows'] = [];
  const emptyRows: number[] = [];
  const hiddenRows: number[] = [];
  const subHeaderRow = found.subHeader ? headerRow + 1 : undefined;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const cells = r <= top.length ? top[r - 1]! : values(r);
    if (r === subHeaderRow) continue;
    if (cells.every((c) => c.trim() === '')) {
      emptyRows.push(r);
      continue;
    }
    rows.push({ row: r, record: Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])) });
    if (ws.getRow(r).hidden) hiddenRows.push(r);
  }
  // Trailing empty rows are formatting, not answers: only those between answers are reported.
  const last = rows.at(-1)?.row ?? 1;
  const col = (c: number) => headers[c - 1] ?? `column${c}`;
  const merges = [...spans.entries()]
    .filter(([, s]) => s.r1 > headerRow)
    .map(([a, s]) => ({
      range: `${a}:${columnLetters(s.c2)}${s.r2}`,
      row: s.r1,
      columns: Array.from({ length: s.c2 - s.c1 + 1 }, (_, k) => col(s.c1 + k)),
    }));
  const unread = noText
    .filter((u) => u.row > headerRow && u.row !== subHeaderRow)
    .map((u) => ({ address: `${columnLetters(u.col)}${u.row}`, row: u.row, column: col(u.col), what: u.what }));
  return {
    sheet: ws.name,
    sheets,
    hidden,
    headers,
    renamed,
    rows,
    emptyRows: emptyRows.filter((r) => r < last),
    hiddenRows,
    headerRow,
    top: top.slice(0, headerRow),
    ...(subHeaderRow !== undefined ? { subHeaderRow, subHeaderCells: top[subHeaderRow - 1] ?? [] } : {}),
    titleAbove: found.titleAbove,
    merges,
    unread,
  };
}

/** A sheet of corrected rows: its header names and its rows, each with its sheet row number. */
/** The note for rows a sheet hides but that were read (after `x.xlsx: `), or null. */
export function hiddenRowsNote(sheet: string, rows: readonly number[]): string | null {
  if (rows.length === 0) return null;
  const list = firstFew(rows, 5);
  return `${rows.length} row${rows.length === 1 ? '' : 's'} hidden in sheet "${sheet}" (a filter, or hidden by hand: row${rows.length === 1 ? '' : 's'} ${list}) ${rows.length === 1 ? 'was' : 'were'} read like the others; delete ${rows.length === 1 ? 'it' : 'them'} to leave ${rows.length === 1 ? 'it' : 'them'} out`;
}

export interface CodedSheetRows {
  name: string;
  headers: string[];
  rows: Array<{ row: number; record: Record<string, unknown> }>;
  /** Rows read that the sheet hides (a filter, or hidden by hand). */
  hiddenRows: number[];
}

/** The sheet names read as the review sheet (case, accents, separators ignored): "review", "Review", "à revoir"… */
const REVIEW_SHEETS = ['review', 'a revoir', 'revue', 'relecture', 'corrections', 'correction'];

/**
 * A corrected classify workbook (for `train --examples` and `eval --labels`): the review sheet
 * (named "review", any case or accents, or "à revoir") if there is one, else the first sheet; the
 * first row gives the keys; cell values as text or numbers (formulas: their result); empty rows
 * skipped. `classify`: the sheet named "classify" when another one is read (to tell the user
 * about corrections made there).
 */
export interface CodedWorkbook {
  sheet: CodedSheetRows;
  sheets: string[];
  /** The sheet read is the review sheet (else the first one). */
  review: boolean;
  classify?: CodedSheetRows;
}

export async function readCodedWorkbook(path: string, file = path): Promise<CodedWorkbook> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    throw new InputError(`not a readable XLSX workbook (${(e as Error).message}): save it again as .xlsx, or export the sheet as CSV`, file);
  }
  const { normalizeColumnName } = await import('./columns.js');
  const norm = (n: string) => normalizeColumnName(n);
  const sheets = wb.worksheets.map((w) => w.name);
  const reviewWs = wb.worksheets.find((w) => REVIEW_SHEETS.includes(norm(w.name)));
  const ws = reviewWs ?? wb.worksheets[0];
  if (!ws) throw new InputError('this workbook has no sheet', file);
  const plain = (v: unknown): unknown => {
    if (v && typeof v === 'object') {
      const o = v as { result?: unknown; text?: unknown; richText?: { text: string }[] };
      if (o.richText) return o.richText.map((t) => t.text).join('');
      if (o.result !== undefined) return o.result;
      if (o.text !== undefined) return o.text;
    }
    return v;
  };
  const read = (w: typeof ws): CodedSheetRows => {
    const keys: string[] = [];
    w.getRow(1).eachCell((c, col) => (keys[col] = String(plain(c.value) ?? '').trim()));
    const rows: CodedSheetRows['rows'] = [];
    const hiddenRows: number[] = [];
    for (let r = 2; r <= w.rowCount; r++) {
      const record: Record<string, unknown> = {};
      let any = false;
      w.getRow(r).eachCell((c, col) => {
        const k = keys[col];
        const v = plain(c.value);
        if (k && v !== null && v !== undefined && v !== '') {
          record[k] = v;
          any = true;
        }
      });
      if (!any) continue;
      rows.push({ row: r, record });
      if (w.getRow(r).hidden) hiddenRows.push(r);
    }
    return { name: w.name, headers: keys.filter((k) => k), rows, hiddenRows };
  };
  const classifyWs = ws !== wb.worksheets.find((w) => norm(w.name) === 'classify') ? wb.worksheets.find((w) => norm(w.name) === 'classify') : undefined;
  return { sheet: read(ws), sheets, review: reviewWs !== undefined, ...(classifyWs ? { classify: read(classifyWs) } : {}) };
}
