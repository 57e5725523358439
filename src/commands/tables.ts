/**
 * cnr-synth tables [FILE] — the report's published counts as flat rows, for spreadsheets and CI.
 *
 * Usage: cnr-synth tables [FILE] [--source published] [--table counts|contributions|workshops]
 *          [--departement CODE] [--format table|json|ndjson|csv|xlsx] [--excel-fr] [-o FILE]
 * Rows (counts): scope, departement, thematique, kind, level, group, label, printed, count,
 * percent, denominator, line[, page]. See src/aggregate/tables.ts for the percent denominators.
 */
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import type { Report } from '../model.js';
import { action, withExamples, type CommandFactory } from './shared.js';

const COUNT_COLUMNS = ['scope', 'departement', 'thematique', 'kind', 'level', 'group', 'label', 'printed', 'count', 'percent', 'denominator', 'line', 'page'];
const CONTRIB_COLUMNS = ['scope', 'thematique', 'label', 'count', 'percent', 'denominator', 'line', 'page'];
const WORKSHOP_COLUMNS = ['departement', 'section', 'title', 'lieu', 'jour', 'date', 'horaires', 'elus', 'institutionnels', 'professionnels', 'associations', 'usagers', 'autres', 'total', 'line', 'page'];

interface Opts {
  source: string;
  table: string;
  departement?: string;
  scope?: string;
  format?: string;
  excelFr?: boolean;
  output?: string;
  encoding?: string;
  password?: string;
  color?: boolean;
  recompute?: boolean;
  check?: string;
  classified?: string;
  departementColumn?: string;
  compare?: boolean;
  model?: string;
}

export const tablesCommand: CommandFactory = (setExit) =>
  withExamples(
    new Command('tables')
      .summary("regenerate the report's tables as flat rows (table, JSON, NDJSON, CSV)")
      .description(
        'Regenerate the published tables of a report as flat rows, one per count: the regional sujets,\n' +
          'groups and ideas and every départemental synthesis (--table counts), the contributions per\n' +
          'thématique (--table contributions), or one row per workshop with its participants\n' +
          '(--table workshops). Default format: a table on a terminal, NDJSON otherwise.\n' +
          'Percent denominators: sujet → its table total; group → the groups of its thématique × kind;\n' +
          'idea → its group.',
      )
      .argument('[FILE]', 'report file (.txt or .pdf); default: the bundled report')
      .addOption(new Option('--source <source>', 'published: the report\'s printed counts; classified: counted from classified verbatims').choices(['published', 'classified']).default('published'))
      .option('--classified <file>', 'with --source classified: the NDJSON written by "cnr-synth classify" (default: classify the report\'s verbatims now)')
      .option('--departement-column <name>', 'with --classified: the input column holding the département code', 'departement')
      .option('--compare', 'with --source classified: the published count beside each row, and rank correlations per thématique × kind')
      .option('--model <file>', 'with --source classified: the model to classify with (default: data/model.json)')
      .addOption(new Option('--table <table>', 'which table').choices(['counts', 'contributions', 'workshops']).default('counts'))
      .option('--departement <code>', 'only this département (code as printed, e.g. 33)')
      .addOption(new Option('--scope <scope>', 'only the regional or the départemental rows').choices(['region', 'departement', 'all']).default('all'))
      .addOption(new Option('-f, --format <format>', 'output format (default: from the -o extension, else table on a terminal, ndjson otherwise; xlsx needs -o)').choices(['table', 'json', 'ndjson', 'csv', 'xlsx']))
      .option('--recompute', 'add the regional rows recomputed from the départements (recomputed, delta) and largest-remainder percents')
      .option('--check <expected>', 'compare with a committed CSV/JSON written by the same command; exit 1 with a diff on drift')
      .option('--excel-fr', 'CSV for French Excel: ";" delimiter, UTF-8 BOM, CRLF, decimal comma')
      .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
      .option('--encoding <enc>', 'text encoding of FILE (default: detected)')
      .option('--password <pw>', 'password of an encrypted PDF')
      .action(
        action(setExit, async (file: string | undefined, o: Opts, cmd: Command) => {
          const { loadReport } = await import('../io/report.js');
          const { emit, outputFormat } = await import('../io/output.js');
          const { colorEnabled } = await import('../io/color-policy.js');
          const { renderRecords } = await import('../render/records.js');
          const { reportMeta } = await import('../render/model.js');
          const agg = await import('../aggregate/tables.js');
          const format = outputFormat(o, ['table', 'json', 'ndjson', 'csv', 'xlsx'], { tty: 'table', pipe: 'ndjson' }) as 'table' | 'json' | 'ndjson' | 'csv' | 'xlsx';
          if (format === 'xlsx' && !o.check) (await import('../render/xlsx.js')).assertXlsxOutput(o.output);
          const report = await loadReport(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
          if (o.departement && !report.departements.some((d) => d.code === o.departement)) {
            throw new UsageError(`no département "${o.departement}" in ${report.source.file} (codes: ${report.departements.map((d) => d.code).join(', ')})`);
          }
          if (o.source === 'classified') return classifiedTables(report, o, format, cmd, setExitUnused);
          const filter = { ...(o.departement ? { departement: o.departement } : {}), ...(o.scope && o.scope !== 'all' ? { scope: o.scope as 'region' | 'departement' } : {}) };
          let rows: Array<Record<string, unknown>>;
          let columns: string[];
          if (o.recompute) {
            const rc = await import('../aggregate/recompute.js');
            if (o.table === 'contributions') [rows, columns] = [rc.recomputedContributions(report) as never, [...CONTRIB_COLUMNS.slice(0, 5), 'percent_exact', 'percent_recomputed', ...CONTRIB_COLUMNS.slice(5)]];
            else if (o.table === 'workshops') throw new UsageError('--recompute applies to --table counts and contributions');
            else [rows, columns] = [rc.recomputedRows(report) as never, [...COUNT_COLUMNS.slice(0, 9), 'recomputed', 'delta', 'percent', 'percent_lr', ...COUNT_COLUMNS.slice(10)]];
          } else if (o.table === 'contributions') [rows, columns] = [agg.contributionRows(report) as never, CONTRIB_COLUMNS];
          else if (o.table === 'workshops') [rows, columns] = [agg.workshopRows(report, filter) as never, WORKSHOP_COLUMNS];
          else [rows, columns] = [agg.publishedRows(report, filter) as never, COUNT_COLUMNS];
          if (o.check) {
            const { readTableFile } = await import('../io/table-file.js');
            const { compareRows, renderDrift } = await import('../aggregate/check.js');
            const expected = await readTableFile(o.check);
            const keys = o.table === 'workshops' ? ['departement', 'section'] : o.table === 'contributions' ? ['scope', 'thematique'] : ['scope', 'departement', 'thematique', 'kind', 'level', 'group', 'label'];
            const values = columns.filter((c) => ['count', 'recomputed', 'percent', 'percent_recomputed', 'total', 'date'].includes(c));
            const drifts = compareRows(expected, rows, {
              keys, values, file: o.check,
              allowed: o.table === 'counts' ? { scope: ['region', 'departement'], kind: ['probleme', 'solution'], level: ['sujet', 'group', 'idea'], thematique: ['1', '2', '3', '4'] } : {},
            });
            if (drifts.length === 0) {
              process.stderr.write(`cnr-synth: ${o.check}: ${rows.length} rows identical\n`);
              return 0;
            }
            await emit(`${renderDrift(drifts)}\n`);
            process.stderr.write(`cnr-synth: ${o.check}: ${drifts.length} row(s) differ (regenerate it if the change is intended)\n`);
            return 1;
          }
          if (format === 'xlsx') {
            const { toXlsx, recordsToSheet, metaSheet } = await import('../render/xlsx.js');
            const sheet = recordsToSheet(o.table, columns, rows, { integerPercent: o.table === 'contributions' });
            await emit(await toXlsx([sheet, metaSheet(reportMeta(report, { table: o.table, source: o.source }))]), o.output);
            return 0;
          }
          // At a terminal, ideas are indented under their group.
          if (format === 'table' && o.table === 'counts') rows = rows.map((x) => (x.level === 'idea' ? { ...x, label: `  · ${String(x.label)}` } : x));
          const globalColor = (cmd.optsWithGlobals() as { color?: boolean }).color;
          const out = await renderRecords(rows, columns.map((key) => ({ key })), format, {
            meta: reportMeta(report, { table: o.table, source: o.source }),
            excelFr: o.excelFr ?? false,
            color: colorEnabled('stdout', { color: globalColor !== false }) && !o.output,
            tableColumns: tableView(o.table, o.recompute ?? false),
            title: `${report.source.file} — ${o.table}`,
          });
          await emit(out, o.output);
          return 0;
        }),
      ),
    [
      'cnr-synth tables --format ndjson | head -3',
      "cnr-synth tables --format json | jq '.rows[] | select(.scope == \"region\" and .level == \"group\") | {count, label: .label}'",
      'cnr-synth tables --departement 33 --format csv --excel-fr -o /tmp/gironde.csv',
      'cnr-synth tables --recompute --format csv -o /tmp/expected.csv && cnr-synth tables --recompute --check /tmp/expected.csv',
      'cnr-synth tables --source classified --compare --scope region --format table',
    ],
  );

const setExitUnused = null;

/** `--source classified`: counts from classified verbatims, optionally beside the published ones. */
async function classifiedTables(report: Report, o: Opts, format: string, cmd: Command, _unused: null): Promise<number> {
  if (o.table !== 'counts') throw new UsageError('--source classified gives --table counts only');
  if (o.recompute || o.check) throw new UsageError('--recompute and --check apply to --source published');
  const { classifiedRows } = await import('../aggregate/classified.js');
  const { emit } = await import('../io/output.js');
  const { colorEnabled } = await import('../io/color-policy.js');
  const { renderRecords } = await import('../render/records.js');
  const { reportMeta } = await import('../render/model.js');
  const { toClassifiedRecord } = await import('../io/classified.js');
  type Item = import('../aggregate/classified.js').ClassifiedItem;
  const items: Item[] = [];
  let fingerprint: Record<string, unknown>;
  const toItem = (r: ReturnType<typeof toClassifiedRecord>, departement: string | null): Item | null =>
    r.thematique && r.kind && r.group ? { departement, thematique: r.thematique.n, kind: r.kind.id, group: r.group.label, idea: r.idea?.label ?? null } : null;
  if (o.classified) {
    const { readClassified } = await import('../io/classified.js');
    const f = await readClassified(o.classified);
    const col = o.departementColumn ?? 'departement';
    for (const r of f.records) {
      const d = r.extra[col];
      const it = toItem(r, d === undefined || d === null || d === '' ? null : String(d));
      if (it) items.push(it);
    }
    fingerprint = { classified: { file: f.file, sha256: f.sha256 } };
  } else {
    const { loadClassifier } = await import('../classify/assets.js');
    const { buildRecord } = await import('../classify/predict.js');
    const loaded = await loadClassifier(o.model ? { model: o.model } : {});
    report.verbatims.forEach((v, i) => {
      const rec = buildRecord(loaded, v.id, v.text, 1);
      const it = toItem(toClassifiedRecord(JSON.parse(JSON.stringify(rec)) as Record<string, unknown>, report.source.file, i + 1), v.departement);
      if (it) items.push(it);
    });
    fingerprint = { model: { sha256: loaded.model.taxonomy.sha256 } };
  }
  const scope = o.scope && o.scope !== 'all' ? (o.scope as 'region' | 'departement') : undefined;
  const { rows, correlations } = classifiedRows(report, items, { compare: o.compare ?? false, ...(o.departement ? { departement: o.departement } : {}), ...(scope ? { scope } : {}) });
  const columns = ['scope', 'departement', 'thematique', 'kind', 'level', 'group', 'label', 'count', 'percent', 'denominator', ...(o.compare ? ['published', 'delta'] : [])];
  const meta = reportMeta(report, { table: 'counts', source: 'classified', verbatims: items.length, ...fingerprint });
  if (format === 'xlsx') {
    const { toXlsx, recordsToSheet, metaSheet } = await import('../render/xlsx.js');
    const sheets = [recordsToSheet('classified', columns, rows as never)];
    if (o.compare) sheets.push(recordsToSheet('correlations', ['scope', 'departement', 'thematique', 'kind', 'level', 'spearman', 'n'], correlations as never));
    await emit(await toXlsx([...sheets, metaSheet(meta)]), o.output);
    return 0;
  }
  if (format === 'json') {
    const { toJson } = await import('../render/json.js');
    await emit(toJson({ meta, rows, ...(o.compare ? { correlations } : {}) }), o.output);
    return 0;
  }
  const color = colorEnabled('stdout', { color: (cmd.optsWithGlobals() as { color?: boolean }).color !== false }) && !o.output;
  const shown = format === 'table' ? rows.map((x) => (x.level === 'idea' ? { ...x, label: `  · ${x.label}` } : x)) : rows;
  const r = 'right' as const;
  let out = await renderRecords(shown as never, columns.map((key) => ({ key })), format as 'table' | 'ndjson' | 'csv', {
    meta,
    excelFr: o.excelFr ?? false,
    color,
    title: `${report.source.file} — classified (${items.length} verbatims)`,
    tableColumns: [
      { key: 'departement', header: 'dép' }, { key: 'thematique', header: 'T' }, { key: 'kind' }, { key: 'level' }, { key: 'label' }, { key: 'count', header: 'classified', align: r },
      ...(o.compare ? [{ key: 'published', align: r }, { key: 'delta', align: r }] : []),
    ],
  });
  if (o.compare) {
    if (format === 'table') {
      const { toTable } = await import('../render/table.js');
      out += toTable(correlations.filter((c) => c.level === 'group') as never, [{ key: 'departement', header: 'dép' }, { key: 'thematique', header: 'T' }, { key: 'kind' }, { key: 'n', header: 'groups', align: r }, { key: 'spearman', header: 'Spearman ρ', align: r }], { color, title: 'rank correlation, published vs classified group counts' });
    } else {
      // Machine formats keep one record shape per stream: the correlations go to stderr as notes.
      for (const c of correlations.filter((x) => x.scope === 'region')) process.stderr.write(`cnr-synth: note: T${c.thematique} ${c.kind} ${c.level}s: Spearman ρ = ${c.spearman ?? 'n/a'} (n = ${c.n})\n`);
    }
  }
  await emit(out, o.output);
  return 0;
}

/** Fewer, narrower columns for people at a terminal. */
function tableView(table: string, recompute: boolean) {
  const r = 'right' as const;
  if (table === 'contributions')
    return [
      { key: 'thematique', header: 'T' }, { key: 'label', header: 'thématique' }, { key: 'count', align: r }, { key: 'percent', header: '% printed', align: r },
      ...(recompute ? [{ key: 'percent_exact', header: '% exact', align: r }, { key: 'percent_recomputed', header: '% LR', align: r }] : []),
    ];
  if (recompute)
    return [
      { key: 'thematique', header: 'T' }, { key: 'kind' }, { key: 'level' }, { key: 'label' }, { key: 'count', header: 'published', align: r },
      { key: 'recomputed', header: 'Σ dép.', align: r }, { key: 'delta', align: r }, { key: 'percent_lr', header: '% LR', align: r },
    ];
  if (table === 'workshops')
    return [{ key: 'departement', header: 'dép' }, { key: 'section' }, { key: 'title', header: 'atelier' }, { key: 'date' }, { key: 'horaires' }, { key: 'total', header: 'participants', align: 'right' as const }];
  return [
    { key: 'departement', header: 'dép' },
    { key: 'thematique', header: 'T' },
    { key: 'kind' },
    { key: 'level' },
    { key: 'label' },
    { key: 'count', align: 'right' as const },
    { key: 'percent', header: '%', align: 'right' as const },
  ];
}
