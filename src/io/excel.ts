/**
 * The one module that imports exceljs (loaded on first use: most runs never touch a workbook).
 * The writer (src/render/xlsx.ts) gets the library from `loadExcelJS`; reading a workbook given
 * as input (`classify enquete.xlsx`) is here, below the renderers, so that io never imports
 * render.
 *
 * A sheet read as a table: row 1 is the header (named as by the CSV reader: `makeHeaders`); every
 * cell becomes text as the user sees it: numbers as JavaScript prints them, a date as YYYY-MM-DD
 * (with the time when it has one), a formula as its cached result, rich text and hyperlinks as their text. Rows whose cells are all empty are
 * reported (`emptyRows`), not returned; `row` is the sheet's row number.
 */
import { InputError, UsageError } from '../errors.js';

type ExcelJSModule = typeof import('exceljs');

let lib: ExcelJSModule | undefined;
export async function loadExcelJS(): Promise<ExcelJSModule> {
  lib ??= ((await import('exceljs')) as unknown as { default: ExcelJSModule }).default;
  return lib;
}

export interface XlsxTable {
  sheet: string;
  sheets: string[];
  headers: string[];
  rows: Array<{ row: number; record: Record<string, string> }>;
  /** Sheet rows (after the header) whose cells are all empty. */
  emptyRows: number[];
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace(/\.000Z$/, 'Z');
  }
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (typeof o.error === 'string') return o.error;
  }
  return String(v);
}

/** Read one sheet of a workbook (default: the first) as a table. Errors name the file and the fix. */
export async function readXlsxTable(bytes: Buffer, file: string, sheet?: string): Promise<XlsxTable> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new InputError(`cannot read this workbook (${(e as Error).message}); save it again as .xlsx, or export the sheet as CSV`, file);
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const ws =
    sheet === undefined
      ? wb.worksheets[0]
      : (wb.worksheets.find((w) => w.name === sheet) ?? wb.worksheets.find((w) => w.name.toLowerCase() === sheet.toLowerCase()));
  if (!ws) {
    if (sheet !== undefined) throw new UsageError(`no sheet "${sheet}" (sheets: ${sheets.join(', ')}); pass --sheet with one of them`, file);
    throw new InputError('this workbook has no sheet', file);
  }
  const width = ws.columnCount;
  const values = (r: number): string[] => {
    const row = ws.getRow(r);
    return Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value));
  };
  if (ws.rowCount === 0) throw new InputError(`sheet "${ws.name}" is empty: expected a header row with column names`, file);
  const { makeHeaders } = await import('./csv.js');
  const headers = makeHeaders(values(1), file, 1);
  const rows: XlsxTable['rows'] = [];
  const emptyRows: number[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const cells = values(r);
    if (cells.every((c) => c.trim() === '')) {
      emptyRows.push(r);
      continue;
    }
    rows.push({ row: r, record: Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])) });
  }
  // Trailing empty rows are formatting, not answers: only those between answers are reported.
  const last = rows.at(-1)?.row ?? 1;
  return { sheet: ws.name, sheets, headers, rows, emptyRows: emptyRows.filter((r) => r < last) };
}

/**
 * The rows of a workbook (for `train --examples` and `eval --labels` on a corrected classify
 * XLSX): the sheet "review" if there is one, else the first sheet; the first row gives the keys;
 * cell values as text or numbers (formulas: their result). Empty rows are skipped.
 */
export async function readXlsxRows(path: string): Promise<Record<string, unknown>[]> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    throw new InputError(`not a readable XLSX workbook (${(e as Error).message})`, path);
  }
  const ws = wb.getWorksheet('review') ?? wb.worksheets[0];
  if (!ws) return [];
  const plain = (v: unknown): unknown => {
    if (v && typeof v === 'object') {
      const o = v as { result?: unknown; text?: unknown; richText?: { text: string }[] };
      if (o.richText) return o.richText.map((t) => t.text).join('');
      if (o.result !== undefined) return o.result;
      if (o.text !== undefined) return o.text;
    }
    return v;
  };
  const keys: string[] = [];
  ws.getRow(1).eachCell((c, col) => (keys[col] = String(plain(c.value) ?? '').trim()));
  const rows: Record<string, unknown>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row: Record<string, unknown> = {};
    let any = false;
    ws.getRow(r).eachCell((c, col) => {
      const k = keys[col];
      const v = plain(c.value);
      if (k && v !== null && v !== undefined && v !== '') {
        row[k] = v;
        any = true;
      }
    });
    if (any) rows.push(row);
  }
  return rows;
}
