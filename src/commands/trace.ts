/**
 * cnr-synth trace [FILE] — which verbatims are behind each published count.
 *
 * The options are here (`--help` is their documentation); the work is in src/run/trace.ts.
 * The model and the solver: src/trace/ (trace.ts, flow.ts); figures in the README.
 */
import { Command, Option } from 'commander';
import { action, parseIntOption, withExamples, type CommandFactory } from './shared.js';
import type { TraceOpts } from '../run/trace.js';
import { UsageError } from '../errors.js';

function weightOption(v: string): number {
  const x = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || !Number.isFinite(x)) throw new UsageError(`--classifier-weight takes a number ≥ 0, got "${v}"`);
  return x;
}

export const traceCommand: CommandFactory = (setExit) =>
  withExamples(
    new Command('trace')
      .summary('trace each published count to the workshop verbatims behind it')
      .description(
        "Rebuild the analysts' coding: within each département, give every workshop verbatim one idea\n" +
          'of that département\'s synthesis (or "not counted") so that each idea receives about its\n' +
          'printed count and the verbatims resemble their ideas most (a min-cost flow; TF-IDF\n' +
          'similarity to the idea labels, aliases and Ex quotes, re-fitted on the traced verbatims in\n' +
          'self-training rounds). One row per verbatim with its group and idea (ids and labels as\n' +
          'printed) and a confidence: 1 / (1 + e^−margin), the margin being the cost (nats) of the best\n' +
          'other solution that moves this verbatim. --summary: printed vs traced count per idea;\n' +
          '--count ID: the verbatims behind one count. Default format: a table on a terminal, else NDJSON.',
      )
      .argument('[FILE]', 'report file (.txt or .pdf); default: the bundled report')
      .option('--summary', 'one row per published idea count: printed, attributed, gap')
      .option('--count <id>', 'the verbatims behind one published count: a group or idea id (needs --departement)')
      .option('--departement <code>', 'only this département (code as printed, e.g. 33)')
      .option('--rounds <n>', 'self-training rounds (traced verbatims join the idea prototypes)', parseIntOption('--rounds'), 2)
      .option('--no-cross-branch', "keep every verbatim in its section heading's thématique × kind")
      .option('--no-second', 'never count a verbatim under two ideas')
      .option('--model <file>', "mix in this classifier model's probabilities (with --classifier-weight)")
      .option('--classifier-weight <w>', "weight of the classifier's log-probabilities (default 0: TF-IDF only)", weightOption, 0)
      .option('--coded <file>', 'print the accuracy of the trace against team-coded verbatims (data/labels format)')
      .addOption(
        new Option('-f, --format <format>', 'output format (coded: JSONL for "train --examples"; xlsx needs -o)').choices([
          'table',
          'json',
          'ndjson',
          'csv',
          'xlsx',
          'coded',
        ]),
      )
      .option('--excel-fr', 'CSV for French Excel: ";" delimiter, UTF-8 BOM, CRLF, decimal comma')
      .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
      .option('--encoding <enc>', 'text encoding of FILE (default: detected)')
      .option('--password <pw>', 'password of an encrypted PDF')
      .action(
        action(setExit, async (file: string | undefined, o: TraceOpts, cmd: Command) => {
          const { runTrace } = await import('../run/trace.js');
          return runTrace(file, o, cmd);
        }),
      ),
    [
      'cnr-synth trace --departement 16 --format table',
      'cnr-synth trace --count t1.probleme.g01.i01 --departement 47 --format table',
      'cnr-synth trace --summary --format csv -o /tmp/trace-summary.csv',
      'cnr-synth trace --coded data/labels/workshop-coded.jsonl',
      'cnr-synth trace --format coded -o /tmp/traced.jsonl',
    ],
  );
