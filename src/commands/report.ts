/**
 * cnr-synth report [FILE] -o report.html — one self-contained HTML page in French: the regional
 * overview, every thématique × kind as a sorted bar chart with its groups and ideas, a
 * département × thématique heatmap, the workshops, the audit findings and, with
 * --classified, the classified verbatims beside the published counts.
 *
 * The options are here (`--help` is their documentation); the work is in src/run/report.ts.
 * The page needs no network (inline CSS, SVG charts rendered here) and has deterministic bytes.
 */
import { Command, Option } from 'commander';
import type { ReportOptions } from '../run/report.js';
import { action, withExamples, type CommandFactory } from './shared.js';

export const reportCommand: CommandFactory = (setExit) =>
  withExamples(
    new Command('report')
      .summary('a self-contained HTML report with charts (French), for people')
      .description(
        'Write one self-contained HTML page (in French) about a report: contributions\n' +
          'per thématique; each thématique × kind as a sorted bar chart whose groups open\n' +
          'onto their ideas and quotes; a département × thématique heatmap; the workshops\n' +
          'of each département; the audit findings with their lines; with --classified,\n' +
          'the classified verbatims beside the published counts, and those to review.\n' +
          'Opens with no network (inline CSS and SVG); same inputs, same bytes.',
      )
      .argument('[FILE]', 'report file (.txt or .pdf); default: the bundled report')
      .option('-o, --output <file>', 'write the page to FILE (atomically); required on a terminal')
      .option('--classified <ndjson>', 'classified verbatims: the NDJSON of "cnr-synth classify … --format ndjson"')
      .option('--model <file>', 'the model file the verbatims were classified with (its sha256 goes in the page)')
      .option('--trace', 'add the traceability section: each départemental count opens onto its traced verbatims (cnr-synth trace)')
      .addOption(new Option('--lang <lang>', 'language of the audit messages in the page (the page itself is French)').choices(['fr', 'en']).default('fr'))
      .option('--encoding <enc>', 'text encoding of FILE (default: detected)')
      .option('--password <pw>', 'password of an encrypted PDF')
      .action(
        action(setExit, async (file: string | undefined, o: ReportOptions) => {
          const { report } = await import('../run/report.js');
          return report(file, o);
        }),
      ),
    ['cnr-synth report -o /tmp/report.html', 'cnr-synth report data/cnr-sante-nouvelle-aquitaine-2022.txt | grep -c "<svg"'],
  );
