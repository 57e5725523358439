/**
 * cnr-synth tables [FILE] — the report's published counts as flat rows, for spreadsheets and CI.
 * The options are here (`--help` is their documentation); the work is in src/run/tables.ts, the
 * tables' columns and keys in src/aggregate/table-registry.ts.
 */
import { Command, Option } from 'commander';
import type { TablesOptions } from '../run/tables.js';
import { action, withExamples, type CommandFactory } from './shared.js';

export const tablesCommand: CommandFactory = (setExit) =>
  withExamples(
    new Command('tables')
      .summary("regenerate the report's tables as flat rows (table, JSON, NDJSON, CSV)")
      .description(
        'Regenerate the published tables of a report as flat rows, one per count: the regional sujets,\n' +
          'groups and ideas and every départemental synthesis (--table counts), the contributions per\n' +
          'thématique (--table contributions), or one row per workshop with its participants\n' +
          '(--table workshops). Default format: from the -o extension, else a table on a terminal, NDJSON otherwise.\n' +
          'Percent denominators: sujet → its table total; group → the groups of its thématique × kind;\n' +
          'idea → its group.',
      )
      .argument('[FILE]', 'report file (.txt or .pdf); default: the bundled report')
      .addOption(
        new Option('--source <source>', "published: the report's printed counts; classified: counted from classified verbatims")
          .choices(['published', 'classified'])
          .default('published'),
      )
      .option('--classified <file>', 'with --source classified: the NDJSON written by "cnr-synth classify" (default: classify the report\'s verbatims now)')
      .option(
        '--departement-column <name>',
        'with --classified: the input column holding the département (code or name); default: the column named departement, département, dept, dep or code département (any case, any accents)',
      )
      .option('--compare', 'with --source classified: the published count beside each row, and rank correlations per thématique × kind')
      .option('--model <file>', 'with --source classified: the model to classify with (default: data/model.json)')
      .addOption(new Option('--table <table>', 'which table').choices(['counts', 'contributions', 'workshops']).default('counts'))
      .option('--departement <code>', 'only this département (code as printed, e.g. 33)')
      .addOption(new Option('--scope <scope>', 'only the regional or the départemental rows').choices(['region', 'departement', 'all']).default('all'))
      .addOption(
        new Option(
          '-f, --format <format>',
          'output format (default: from the -o extension, else table on a terminal, ndjson otherwise; xlsx needs -o)',
        ).choices(['table', 'json', 'ndjson', 'csv', 'xlsx']),
      )
      .option('--recompute', 'add the regional rows recomputed from the départements (recomputed, delta) and largest-remainder percents')
      .option('--check <expected>', 'compare with a committed CSV/JSON written by the same command; exit 1 with a diff on drift (on stdout: no -o, --format)')
      .option('--excel-fr', 'CSV for French Excel: ";" delimiter, UTF-8 BOM, CRLF, decimal comma')
      .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
      .option('--encoding <enc>', 'text encoding of FILE (default: detected)')
      .option('--password <pw>', 'password of an encrypted PDF')
      .action(
        action(setExit, async (file: string | undefined, o: TablesOptions, cmd: Command) => {
          const { tables } = await import('../run/tables.js');
          const g = cmd.optsWithGlobals<{ color?: boolean; quiet?: boolean }>();
          return tables(file, o, { color: g.color !== false, quiet: g.quiet === true });
        }),
      ),
    [
      'cnr-synth tables --format ndjson | head -3',
      'cnr-synth tables --format json | jq \'.rows[] | select(.scope == "region" and .level == "group") | {count, label: .label}\'',
      'cnr-synth tables --departement 33 --format csv --excel-fr -o /tmp/gironde.csv',
      'cnr-synth tables --recompute --format csv -o /tmp/expected.csv && cnr-synth tables --recompute --check /tmp/expected.csv',
      'cnr-synth tables --source classified --compare --scope region --format table',
    ],
  );
