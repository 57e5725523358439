/**
 * One dispatch for flat records → table | json | ndjson | csv text. Commands pick columns; the
 * format writers live beside this file. The CSV and table writers are imported only when asked
 * for: they pull in csv-stringify, cli-table3 and chalk, which JSON/NDJSON output never needs.
 */
import { toJson, toNdjson } from './json.js';

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

export async function renderRecords(
  rows: Array<Record<string, unknown>>,
  columns: Column[],
  format: RecordFormat,
  opts: { meta: Meta; excelFr?: boolean; color?: boolean; title?: string; tableColumns?: Column[] },
): Promise<string> {
  switch (format) {
    case 'json':
      return toJson({ meta: opts.meta, rows });
    case 'ndjson':
      return toNdjson(rows);
    case 'csv': {
      const { toCsv } = await import('./csv.js');
      return toCsv(rows, columns, { excelFr: opts.excelFr ?? false });
    }
    case 'table': {
      const { toTable } = await import('./table.js');
      return toTable(rows, opts.tableColumns ?? columns, { color: opts.color ?? false, ...(opts.title ? { title: opts.title } : {}) });
    }
  }
}
