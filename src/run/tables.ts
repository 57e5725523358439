/**
 * `cnr-synth tables`: the work behind the command (src/commands/tables.ts holds the options).
 * `runTables` returns data — rows, columns, meta, notes, exit code; `tables` renders and writes it.
 */
import { UsageError } from '../errors.js';
import type { Report } from '../model.js';
import { loadReport } from '../io/report.js';
import { emit, outputFormat } from '../io/output.js';
import { colorEnabled } from '../io/color-policy.js';
import { reportMeta } from '../render/model.js';
import { renderRows, type RowsView, type OutputFormat } from '../render/rows.js';
import type { Meta } from '../render/records.js';
import {
  classifiedColumns,
  checkedValues,
  checkScopeMismatch,
  CORRELATION_COLUMNS,
  filterConflict,
  TABLES,
  tableColumns,
  type TableName,
} from '../aggregate/table-registry.js';
import type { Correlation } from '../aggregate/classified.js';
import type { Drift } from '../aggregate/check.js';
import { note } from '../io/stdio.js';

export interface TablesOptions {
  source: string;
  table: string;
  departement?: string;
  scope?: string;
  format?: string;
  excelFr?: boolean;
  output?: string;
  encoding?: string;
  password?: string;
  recompute?: boolean;
  check?: string;
  classified?: string;
  departementColumn?: string;
  compare?: boolean;
  model?: string;
}

export interface TablesResult {
  format: OutputFormat;
  rows: Array<Record<string, unknown>>;
  view: RowsView;
  meta: Meta;
  /** `--source classified --compare`: rank correlations of published and classified counts. */
  correlations: Correlation[] | null;
  /** `--check`: the rows that differ from the expected file (null without --check). */
  drifts: Drift[] | null;
  /** Lines for stderr (without the "cnr-synth: " prefix); those starting "note:" are left out with --quiet. */
  notes: string[];
  exitCode: number;
}

const FORMATS = ['table', 'json', 'ndjson', 'csv', 'xlsx'] as const;

/** The command: run, render, write; returns the exit code. */
export async function tables(file: string | undefined, o: TablesOptions, env: { color: boolean; quiet: boolean }): Promise<number> {
  const r = await runTables(file, o);
  const color = colorEnabled('stdout', { color: env.color }) && !o.output;
  if (r.drifts) {
    if (r.drifts.length > 0) {
      const { renderDrift } = await import('../aggregate/check.js');
      await emit(`${renderDrift(r.drifts)}\n`);
    }
  } else {
    await emit(
      await renderRows(r.rows, r.view, r.format, { meta: r.meta, excelFr: o.excelFr ?? false, color, correlations: r.correlations, output: o.output }),
      o.output,
    );
  }
  for (const n of r.notes) if (!(env.quiet && n.startsWith('note:'))) note(n);
  return r.exitCode;
}

export async function runTables(file: string | undefined, o: TablesOptions): Promise<TablesResult> {
  // --check answers with its exit code and the drift lines on stdout: an output option would be ignored.
  if (o.check) {
    const given = o.output !== undefined ? '-o' : o.format !== undefined ? '--format' : o.excelFr ? '--excel-fr' : null;
    if (given) throw new UsageError(`--check compares and writes nothing: drop ${given}`);
  }
  const format = outputFormat(o, FORMATS, { tty: 'table', pipe: 'ndjson' }) as OutputFormat;
  const table = o.table as TableName;
  if (format === 'xlsx') (await import('../render/xlsx.js')).assertXlsxOutput(o.output);
  if (o.source === 'classified') {
    if (table !== 'counts') throw new UsageError('--source classified gives --table counts only');
    if (o.recompute || o.check) throw new UsageError('--recompute and --check apply to --source published');
  }
  const conflict = filterConflict(table, o);
  if (conflict) throw new UsageError(conflict);
  const report = await loadReport(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
  if (o.departement && !report.departements.some((d) => d.code === o.departement)) {
    throw new UsageError(`no département "${o.departement}" in ${report.source.file} (codes: ${report.departements.map((d) => d.code).join(', ')})`);
  }
  if (o.source === 'classified') return classifiedTables(report, o, format);

  const agg = await import('../aggregate/tables.js');
  const filter = {
    ...(o.departement ? { departement: o.departement } : {}),
    ...(o.scope && o.scope !== 'all' ? { scope: o.scope as 'region' | 'departement' } : {}),
  };
  const columns = tableColumns(table, o.recompute ?? false);
  let rows: Array<Record<string, unknown>>;
  if (o.recompute) {
    const rc = await import('../aggregate/recompute.js');
    rows = (table === 'contributions' ? rc.recomputedContributions(report) : rc.recomputedRows(report)) as never;
  } else if (table === 'contributions') rows = agg.contributionRows(report) as never;
  else if (table === 'workshops') rows = agg.workshopRows(report, filter);
  else rows = agg.publishedRows(report, filter) as never;
  const meta = reportMeta(report, { table, source: o.source });
  const view: RowsView = {
    columns,
    sheet: table,
    integerPercent: TABLES[table].integerPercent,
    title: `${report.source.file} — ${table}`,
    tableColumns: tableView(table, o.recompute ?? false),
    indentIdeas: table === 'counts',
  };
  const result: TablesResult = { format, rows, view, meta, correlations: null, drifts: null, notes: [], exitCode: 0 };
  if (table === 'workshops' && !o.check) {
    // A workshop its write-up and its département's table date differently: the row gives the
    // write-up's date; the other is only in the audit (review 12, #6), so it is said here too.
    const { audit } = await import('../aggregate/audit.js');
    const codes = new Set(rows.map((r) => r.departement));
    const other = audit(report).filter((f) => f.code === 'workshop-date' && codes.has(String((f.detail as { departement?: unknown })?.departement)));
    if (other.length > 0) {
      const { firstFew } = await import('../wording.js');
      const shown = other.map(
        (f) => `${String((f.detail as { lieu?: unknown }).lieu)}: ${String(f.found)} in its write-up, ${String(f.expected)} in the table`,
      );
      result.notes.push(
        `note: ${report.source.file}: ${other.length} workshop${other.length === 1 ? ' has' : 's have'} another date in ${other.length === 1 ? 'its' : 'their'} département's table (${firstFew(shown, 3, other.length)}): the rows give the write-up's; "cnr-synth audit" lists ${other.length === 1 ? 'it' : 'them'} (workshop-date)`,
      );
    }
  }
  if (o.check) {
    const { readTableFile } = await import('../io/table-file.js');
    const { compareRows } = await import('../aggregate/check.js');
    const expected = await readTableFile(o.check);
    const spec = TABLES[table];
    const drifts = compareRows(expected, rows, { keys: spec.keys, values: checkedValues(columns), file: o.check, allowed: spec.allowed });
    // A file written with narrower filters would show every other row as "added": say which filter.
    const mismatch = drifts.length > 0 ? checkScopeMismatch(o.check, expected, rows) : null;
    if (mismatch) throw new UsageError(mismatch);
    result.drifts = drifts;
    if (drifts.length === 0) result.notes.push(`${o.check}: ${rows.length} rows identical`);
    else {
      result.notes.push(`${o.check}: ${drifts.length} row(s) differ (regenerate it if the change is intended)`);
      result.exitCode = 1;
    }
  }
  return result;
}

/** `--source classified`: counts from classified verbatims, optionally beside the published ones. */
async function classifiedTables(report: Report, o: TablesOptions, format: OutputFormat): Promise<TablesResult> {
  const { classifiedRows } = await import('../aggregate/classified.js');
  type Item = import('../aggregate/classified.js').ClassifiedItem;
  const notes: string[] = [];
  let items: Item[];
  let fingerprint: Record<string, unknown>;
  let scope = o.scope && o.scope !== 'all' ? (o.scope as 'region' | 'departement') : undefined;
  if (o.classified) {
    const { readClassified } = await import('../io/classified.js');
    const { itemsFromClassified } = await import('../aggregate/classified-items.js');
    const f = await readClassified(o.classified);
    const needDepartement = scope === 'departement' || o.departement !== undefined;
    const got = itemsFromClassified(report, f, { ...(o.departementColumn !== undefined ? { requested: o.departementColumn } : {}), needDepartement });
    items = got.items;
    if (got.column === null) {
      // No département column: département rows would be the published ones beside zeros.
      notes.push(
        `note: ${f.file} has no département column (columns: ${got.columns.join(', ') || 'none'}): regional rows only (name it with --departement-column)`,
      );
      scope = 'region';
    } else if (got.unknown.count > 0) {
      notes.push(
        `note: ${got.unknown.count} record(s) of ${f.file} name no département of the report in column "${got.column}" (e.g. "${got.unknown.example}"): counted for the region only`,
      );
    }
    fingerprint = { classified: { file: f.file, sha256: f.sha256 } };
  } else {
    const { itemsFromReport } = await import('../aggregate/classified-items.js');
    const got = await itemsFromReport(report, o.model);
    items = got.items;
    fingerprint = { model: { sha256: got.modelSha256 } };
  }
  const { rows, correlations } = classifiedRows(report, items, {
    compare: o.compare ?? false,
    ...(o.departement ? { departement: o.departement } : {}),
    ...(scope ? { scope } : {}),
  });
  const meta = reportMeta(report, { table: 'counts', source: 'classified', verbatims: items.length, ...fingerprint });
  const r = 'right' as const;
  const view: RowsView = {
    columns: classifiedColumns(o.compare ?? false),
    sheet: 'classified',
    integerPercent: false,
    title: `${report.source.file} — classified (${items.length} verbatims)`,
    indentIdeas: true,
    tableColumns: [
      { key: 'departement', header: 'dép' },
      { key: 'thematique', header: 'T' },
      { key: 'kind' },
      { key: 'level' },
      { key: 'label' },
      { key: 'count', header: 'classified', align: r },
      ...(o.compare
        ? [
            { key: 'published', align: r },
            { key: 'delta', align: r },
          ]
        : []),
    ],
    correlationColumns: CORRELATION_COLUMNS,
  };
  if (o.compare && format !== 'table' && format !== 'json' && format !== 'xlsx') {
    // Machine formats keep one record shape per stream: the correlations go to stderr as notes.
    for (const c of correlations.filter((x) => x.scope === 'region'))
      notes.push(`note: T${c.thematique} ${c.kind} ${c.level}s: Spearman ρ = ${c.spearman ?? 'n/a'} (n = ${c.n})`);
  }
  return { format, rows: rows as never, view, meta, correlations: o.compare ? correlations : null, drifts: null, notes, exitCode: 0 };
}

/** Fewer, narrower columns for people at a terminal. */
function tableView(table: string, recompute: boolean) {
  const r = 'right' as const;
  if (table === 'contributions')
    return [
      { key: 'thematique', header: 'T' },
      { key: 'label', header: 'thématique' },
      { key: 'count', align: r },
      { key: 'percent', header: '% printed', align: r },
      ...(recompute
        ? [
            { key: 'percent_exact', header: '% exact', align: r },
            { key: 'percent_recomputed', header: '% LR', align: r },
          ]
        : []),
    ];
  if (recompute)
    return [
      { key: 'thematique', header: 'T' },
      { key: 'kind' },
      { key: 'level' },
      { key: 'label' },
      { key: 'count', header: 'published', align: r },
      { key: 'recomputed', header: 'Σ dép.', align: r },
      { key: 'delta', align: r },
      { key: 'percent_lr', header: '% LR', align: r },
    ];
  if (table === 'workshops')
    return [
      { key: 'departement', header: 'dép' },
      { key: 'section' },
      // The place, not the write-up's title: a workshop with no write-up has none.
      { key: 'lieu' },
      { key: 'date' },
      { key: 'horaires' },
      { key: 'total', header: 'participants', align: r },
    ];
  return [
    { key: 'departement', header: 'dép' },
    { key: 'thematique', header: 'T' },
    { key: 'kind' },
    { key: 'level' },
    { key: 'label' },
    { key: 'count', align: r },
    { key: 'percent', header: '%', align: r },
  ];
}
