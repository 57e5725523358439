/**
 * cnr-synth taxonomy [FILE] — the analysts' scheme of a report: thématiques, sujets, groups, ideas
 * (with deterministic ids, exact labels, départemental aliases and Ex quotes).
 *
 * The options are here (`--help` is their documentation); the work is in src/run/taxonomy.ts.
 * JSON is the taxonomy file that `train` and `classify` use (data/taxonomy.json is committed);
 * table and CSV are one row per node.
 */
import { Command, Option } from 'commander';
import type { TaxonomyOptions } from '../run/taxonomy.js';
import { action, withExamples, type CommandFactory } from './shared.js';

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
        action(setExit, async (file: string | undefined, o: Omit<TaxonomyOptions, 'color'>, cmd: Command) => {
          const { runTaxonomy } = await import('../run/taxonomy.js');
          return runTaxonomy(file, { ...o, color: cmd.optsWithGlobals<{ color?: boolean }>().color !== false });
        }),
      ),
    [
      "cnr-synth taxonomy --format json | jq '.totals'",
      'cnr-synth taxonomy --format json -o /tmp/taxonomy.json',
      'cnr-synth taxonomy --format csv --excel-fr -o /tmp/taxonomy.csv',
      'cnr-synth taxonomy --format table | head -20',
    ],
  );
