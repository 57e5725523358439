/**
 * One dispatch for flat records → table | json | ndjson | csv text. Commands pick columns; the
 * format writers live beside this file.
 */
import { toCsv } from './csv.js';
import { toJson, toNdjson } from './json.js';
import { toTable } from './table.js';

export const RECORD_FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

export interface Column {
  key: string;
  header?: string;
  align?: 'left' | 'right';
}

export interface Meta {
  tool: string;
  version: string;
  input: { file: string; sha256: string } | null;
  [k: string]: unknown;
}

export function renderRecords(
  rows: Array<Record<string, unknown>>,
  columns: Column[],
  format: RecordFormat,
  opts: { meta: Meta; excelFr?: boolean; color?: boolean; title?: string; tableColumns?: Column[] },
): string {
  switch (format) {
    case 'json':
      return toJson({ meta: opts.meta, rows });
    case 'ndjson':
      return toNdjson(rows);
    case 'csv':
      return toCsv(rows, columns, { excelFr: opts.excelFr ?? false });
    case 'table':
      return toTable(rows, opts.tableColumns ?? columns, { color: opts.color ?? false, ...(opts.title ? { title: opts.title } : {}) });
  }
}
