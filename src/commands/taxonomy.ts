/**
 * cnr-synth taxonomy [FILE] — the analysts' scheme of a report: thématiques, sujets, groups, ideas
 * (with deterministic ids, exact labels, départemental aliases and Ex quotes).
 *
 * Usage: cnr-synth taxonomy [FILE] [--format table|json|csv] [--excel-fr] [-o FILE]
 * JSON is the taxonomy file that `train` and `classify` use (data/taxonomy.json is committed);
 * table and CSV are one row per node.
 */
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { action, withExamples, type CommandFactory } from './shared.js';
import { note } from '../io/stdio.js';

interface Opts {
  format?: string;
  excelFr?: boolean;
  output?: string;
  encoding?: string;
  password?: string;
}

const COLUMNS = ['id', 'level', 'thematique', 'kind', 'label', 'count', 'aliases', 'quotes', 'line'];

export const taxonomyCommand: CommandFactory = (setExit) =>
  withExamples(
    new Command('taxonomy')
      .summary("extract the analysts' scheme (thématiques, sujets, groups, ideas) with stable ids")
      .description(
        "Extract the analysts' scheme from a report's regional synthesis: 4 thématiques × problème/solution,\n" +
          'their sujets, groups and ideas, with ids from print position (t1.solution.g04.i07), exact labels,\n' +
          'the départemental wordings that differ (aliases) and the "Ex : « … »" quotes. Identity is the id:\n' +
          'the same label may be a group of two thématiques. JSON (the default off a terminal) is the file\n' +
          "`train` and `classify` read; data/taxonomy.json is the bundled report's.",
      )
      .argument('[FILE]', 'report file (.txt or .pdf); default: the bundled report')
      .addOption(
        new Option('-f, --format <format>', 'output format (default: from the -o extension, else table on a terminal, json otherwise)').choices([
          'table',
          'json',
          'csv',
        ]),
      )
      .option('--excel-fr', 'CSV for French Excel: ";" delimiter, UTF-8 BOM, CRLF')
      .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
      .option('--encoding <enc>', 'text encoding of FILE (default: detected)')
      .option('--password <pw>', 'password of an encrypted PDF')
      .action(
        action(setExit, async (file: string | undefined, o: Opts, cmd: Command) => {
          const { emit, outputFormat } = await import('../io/output.js');
          const format = outputFormat(o, ['table', 'json', 'csv'], { tty: 'table', pipe: 'json' });
          const { loadReport } = await import('../io/report.js');
          const { buildTaxonomy, taxonomyRows } = await import('../classify/taxonomy.js');
          const report = await loadReport(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
          const tax = buildTaxonomy(report);
          if (tax.branches.length === 0) throw new UsageError('this report has no regional synthesis branches: no scheme to extract', report.source.file);
          let out: string;
          if (format === 'json') {
            const { toJson } = await import('../render/json.js');
            out = toJson(tax);
          } else {
            const rows = taxonomyRows(tax) as unknown as Record<string, unknown>[];
            if (format === 'csv') {
              const { toCsv } = await import('../render/csv.js');
              out = toCsv(
                rows,
                COLUMNS.map((key) => ({ key })),
                { excelFr: o.excelFr ?? false },
              );
            } else {
              const { toTable } = await import('../render/table.js');
              const { colorEnabled } = await import('../io/color-policy.js');
              const color = colorEnabled('stdout', { color: cmd.optsWithGlobals<{ color?: boolean }>().color !== false }) && !o.output;
              const shown = rows.map((r) => ({
                ...r,
                label: r.level === 'idea' ? `  · ${String(r.label)}` : r.level === 'sujet' ? `  (sujet) ${String(r.label)}` : r.label,
              }));
              const t = tax.totals;
              out = toTable(
                shown,
                ['id', 'label', 'count', 'aliases', 'quotes'].map((key) => ({ key })),
                {
                  color,
                  title: `${report.source.file} — ${t.groups} groups, ${t.ideas} ideas, ${t.quotes} quotes, ${t.sujets} sujets, ${t.aliases} aliases`,
                },
              );
            }
          }
          await emit(out, o.output);
          if (tax.unmatched.length) note(`${tax.unmatched.length} départemental label(s) match no regional node (see "unmatched" in the JSON)`);
          return 0;
        }),
      ),
    [
      "cnr-synth taxonomy --format json | jq '.totals'",
      'cnr-synth taxonomy --format json -o /tmp/taxonomy.json',
      'cnr-synth taxonomy --format csv --excel-fr -o /tmp/taxonomy.csv',
      'cnr-synth taxonomy --format table | head -20',
    ],
  );
