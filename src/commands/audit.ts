/**
 * cnr-synth audit [FILE] — reconcile every published number of a report and list the findings.
 *
 * The options are here (`--help` is their documentation); the work is in src/run/audit.ts, the
 * rendering in src/render/audit.ts and the wording in src/render/findings.ts.
 * Exit: 0 no error-severity finding; 1 at least one (with --strict, warnings count too);
 * 2 usage or input error. Finding codes: see FINDING_CODES in src/aggregate/audit.ts and the README.
 */
import { Command, Option } from 'commander';
import type { AuditOptions } from '../run/audit.js';
import { action, withExamples, type CommandFactory } from './shared.js';

export const auditCommand: CommandFactory = (setExit) =>
  withExamples(
    new Command('audit')
      .summary('reconcile every published number; exit 1 on errors')
      .description(
        'Run every consistency check the report allows: groups = Σ ideas, région = Σ départements,\n' +
          'contributions and percents, workshop counts, dates and hours, participants totals and\n' +
          'the attendance stated in the text, label variants. Findings have stable codes (README).\n' +
          'Exit 0 when there is no error-severity finding, 1 when there is (--strict: warnings too).',
      )
      .argument('[FILE]', 'report file (.txt or .pdf); default: the bundled report')
      .addOption(
        new Option(
          '-f, --format <format>',
          'output format (default: from the -o extension, else table on a terminal, ndjson otherwise; xlsx needs -o)',
        ).choices(['table', 'json', 'ndjson', 'markdown', 'xlsx']),
      )
      .addOption(new Option('--severity <level>', 'show only findings at or above this severity').choices(['error', 'warning', 'info']).default('info'))
      .option('--strict', 'exit 1 on warnings too')
      .addOption(new Option('--lang <lang>', 'language of the messages and the summary').choices(['en', 'fr']).default('en'))
      .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
      .option('--encoding <enc>', 'text encoding of FILE (default: detected)')
      .option('--password <pw>', 'password of an encrypted PDF')
      .action(
        action(setExit, async (file: string | undefined, o: AuditOptions, cmd: Command) => {
          const { audit } = await import('../run/audit.js');
          return audit(file, o, { color: cmd.optsWithGlobals<{ color?: boolean }>().color !== false });
        }),
      ),
    [
      'cnr-synth audit --format table',
      'cnr-synth audit --format json | jq \'.findings[] | select(.severity == "error") | .message\'',
      'cnr-synth audit --severity warning --format markdown -o /tmp/audit.md',
      'cnr-synth audit --lang fr --severity error --format markdown',
      'cnr-synth audit --format xlsx -o /tmp/audit.xlsx',
    ],
  );
