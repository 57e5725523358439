/**
 * cnr-synth classify [FILE|-] — classify verbatims into the analysts' scheme.
 * The options only: `--help` is the usage. The run (input, classification, output) is
 * src/run/classify.ts; opening any input is src/io/classify-input.ts.
 */
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { TEXT_COLUMNS } from '../io/columns.js';
import { action, parseIntOption, withExamples, type CommandFactory } from './shared.js';
import { note } from '../io/stdio.js';

interface Opts {
  input: string;
  textColumn?: string;
  idColumn?: string;
  delimiter?: string;
  encoding?: string;
  textField?: string;
  idField?: string;
  skipInvalid?: boolean;
  sheet?: string;
  top: number;
  format?: string;
  excelFr?: boolean;
  output?: string;
  model?: string;
  taxonomy?: string;
  password?: string;
  jobs?: number;
}

export const classifyCommand: CommandFactory = (setExit) =>
  withExamples(
    new Command('classify')
      .summary("classify verbatims into the analysts' scheme (thématique, kind, group, idea)")
      .description(
        "Classify verbatims (problem statements or proposals) into the analysts' scheme: thématique,\n" +
          'problème/solution, group and idea of the regional synthesis, sujet, with calibrated scores,\n' +
          'top candidates, a review flag, a status (ok, uncertain, out_of_scheme, empty) and the words that\n' +
          'weighed most. Input: a report (its verbatims; the default is the bundled report), a text file\n' +
          '(one verbatim per line), a CSV or TSV (--text-column; found by content on stdin), a workbook\n' +
          '(.xlsx, first sheet or --sheet) or NDJSON (--text-field); other input columns are passed\n' +
          'through unchanged. Output: one record per input row, in order; ids from the id column, else\n' +
          'row numbers (the header is row 1).',
      )
      .argument('[FILE]', 'input file, or - for stdin; default: the bundled report')
      .addOption(
        new Option('--input <kind>', 'input kind (auto: by extension, then content)')
          .choices(['auto', 'report', 'text', 'csv', 'ndjson', 'xlsx'])
          .default('auto'),
      )
      .option('--text-column <name>', `CSV column of the text (default: first of ${TEXT_COLUMNS.join(', ')})`)
      .option('--id-column <name>', 'CSV/XLSX column of the record id (default: id, identifiant, n°, numéro or id réponse if any, else the row number)')
      .option('--sheet <name>', 'XLSX: the sheet to read (default: the first)')
      .option('--delimiter <char>', 'CSV delimiter (default: detected among ; , tab)')
      .option('--encoding <enc>', 'input encoding (default: detected)')
      .option('--text-field <name>', 'NDJSON field of the text (default: first of text, texte, verbatim, contribution)')
      .option('--id-field <name>', 'NDJSON field of the record id (default: "id" if present, else the line number)')
      .option('--skip-invalid', 'NDJSON: skip lines that are not JSON objects (reported on stderr)')
      .option('--top <k>', 'number of candidates per record', parseIntOption('--top'), 3)
      .addOption(
        new Option('-f, --format <format>', 'output format (default: table on a terminal, else ndjson)').choices(['table', 'json', 'ndjson', 'csv', 'xlsx']),
      )
      .option('--excel-fr', 'CSV for French Excel: ";" delimiter, UTF-8 BOM, CRLF, decimal comma')
      .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
      .option('--model <file>', 'model file (default: data/model.json)')
      .option('--taxonomy <file>', 'taxonomy file (default: data/taxonomy.json)')
      .option('--password <pw>', 'password of an encrypted PDF report')
      .option(
        '-j, --jobs <n>',
        'threads for large inputs, NDJSON and JSON output (default: one per core left idle by other processes, measured as the run starts; 1: one thread)',
        parseIntOption('--jobs'),
      )
      .action(
        action(setExit, async (file: string | undefined, o: Opts, cmd: Command) => {
          if (o.top < 1 || o.top > 50) throw new UsageError('--top takes a number from 1 to 50');
          if (o.jobs !== undefined && (o.jobs < 1 || o.jobs > 256)) throw new UsageError('--jobs takes a number from 1 to 256');
          const g = cmd.optsWithGlobals<{ quiet?: boolean; color?: boolean; debug?: boolean }>();
          const { outputFormat } = await import('../io/output.js');
          const format = outputFormat(o, ['table', 'json', 'ndjson', 'csv', 'xlsx'], { tty: 'table', pipe: 'ndjson' }) as
            'table' | 'json' | 'ndjson' | 'csv' | 'xlsx';
          const { runClassify } = await import('../run/classify.js');
          const r = await runClassify(file, {
            ...o,
            format,
            excelFr: o.excelFr ?? false,
            quiet: g.quiet ?? false,
            color: g.color !== false,
            debug: g.debug ?? false,
            note,
          });
          return r.exit;
        }),
      ),
    [
      "cnr-synth classify --format ndjson | head -2 | jq -c '{id, thematique: .thematique.id, group: .group.label, status}'",
      "echo \"Il n'y a plus de médecin généraliste dans mon village\" | cnr-synth classify - --input text --format json | jq '.rows[0].thematique'",
      'cnr-synth classify --format csv --excel-fr -o /tmp/verbatims-classes.csv',
      "printf 'id;texte\\n1;Créer des maisons de santé pluridisciplinaires\\n2;Merci de votre attention\\n' | cnr-synth classify - --input csv --id-column id --format table",
    ],
  );
