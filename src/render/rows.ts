/**
 * The render entry for flat rows (`tables`): every format — terminal table, JSON, NDJSON, CSV,
 * XLSX — from the rows and a view (columns, sheet name, terminal columns). Returns the bytes.
 */
import type { Correlation } from '../aggregate/classified.js';
import { renderRecords, type Column, type Meta } from './records.js';
import { INDENT } from '../wording.js';

export type OutputFormat = 'table' | 'json' | 'ndjson' | 'csv' | 'xlsx';

export interface RowsView {
  /** Output columns, in order (CSV, XLSX). */
  columns: string[];
  /** XLSX sheet name. */
  sheet: string;
  /** XLSX: the `percent` column holds whole percents. */
  integerPercent: boolean;
  /** Terminal table: its title, its (fewer) columns, ideas indented under their group. */
  title: string;
  tableColumns: Column[];
  indentIdeas: boolean;
  /** Columns of the correlations sheet (`--compare`). */
  correlationColumns?: string[];
}

export async function renderRows(
  rows: Array<Record<string, unknown>>,
  view: RowsView,
  format: OutputFormat,
  opts: { meta: Meta; excelFr: boolean; color: boolean; correlations: Correlation[] | null; output?: string | undefined },
): Promise<string | Buffer> {
  const { meta, correlations } = opts;
  if (format === 'xlsx') {
    const { toXlsx, recordsToSheet, metaSheet } = await import('./xlsx.js');
    const sheets = [recordsToSheet(view.sheet, view.columns, rows, { integerPercent: view.integerPercent })];
    if (correlations) sheets.push(recordsToSheet('correlations', view.correlationColumns ?? [], correlations as never));
    return toXlsx([...sheets, metaSheet(meta)], { output: opts.output });
  }
  if (format === 'json' && correlations) {
    const { toJson } = await import('./json.js');
    return toJson({ meta, rows, correlations });
  }
  // At a terminal, ideas are indented under their group.
  const shown = format === 'table' && view.indentIdeas ? rows.map((x) => (x.level === 'idea' ? { ...x, label: `${INDENT}· ${String(x.label)}` } : x)) : rows;
  let out = await renderRecords(
    shown,
    view.columns.map((key) => ({ key })),
    format,
    { meta, excelFr: opts.excelFr, color: opts.color, tableColumns: view.tableColumns, title: view.title },
  );
  if (correlations && format === 'table') {
    const { toTable } = await import('./table.js');
    const r = 'right' as const;
    out += toTable(
      correlations.filter((c) => c.level === 'group') as never,
      [
        { key: 'departement', header: 'dép' },
        { key: 'thematique', header: 'T' },
        { key: 'kind' },
        { key: 'n', header: 'groups', align: r },
        { key: 'spearman', header: 'Spearman ρ', align: r },
      ],
      { color: opts.color, title: 'rank correlation, published vs classified group counts' },
    );
  }
  return out;
}
