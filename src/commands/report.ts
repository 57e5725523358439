/**
 * cnr-synth report [FILE] -o report.html — one self-contained HTML page in French: the regional
 * overview, every thématique × kind as a sorted bar chart with its groups and ideas, a
 * département × thématique heatmap, the workshops, the audit findings and, with
 * --classified, the classified verbatims beside the published counts.
 *
 * Usage: cnr-synth report [FILE] [-o FILE.html] [--classified FILE.ndjson] [--model FILE]
 * The page needs no network (inline CSS, SVG charts rendered here) and has deterministic bytes.
 */
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { action, withExamples, type CommandFactory } from './shared.js';

interface Opts {
  output?: string;
  classified?: string;
  model?: string;
  encoding?: string;
  password?: string;
  lang?: string;
}

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
      .addOption(new Option('--lang <lang>', 'language of the audit messages in the page (the page itself is French)').choices(['fr', 'en']).default('fr'))
      .option('--encoding <enc>', 'text encoding of FILE (default: detected)')
      .option('--password <pw>', 'password of an encrypted PDF')
      .action(
        action(setExit, async (file: string | undefined, o: Opts) => {
          if ((!o.output || o.output === '-') && process.stdout.isTTY) {
            throw new UsageError('report writes an HTML page: add -o FILE.html (or pipe it)');
          }
          const { emit, outputFormat } = await import('../io/output.js');
          outputFormat({ output: o.output }, ['html'], { tty: 'html', pipe: 'html' });
          const { loadReport } = await import('../io/report.js');
          const { readInput } = await import('../io/files.js');
          const { audit } = await import('../aggregate/audit.js');
          const { renderReportHtml } = await import('../render/report-html.js');
          const { toolVersion } = await import('../version.js');
          const report = await loadReport(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
          let classified = null;
          if (o.classified) {
            const { readClassified } = await import('../io/classified.js');
            classified = await readClassified(o.classified);
          }
          let model = null;
          if (o.model) {
            const m = await readInput(o.model);
            model = { file: m.name, sha256: m.sha256 };
          }
          const html = await renderReportHtml(report, { findings: audit(report), toolVersion: toolVersion(), classified, model, lang: o.lang === 'en' ? 'en' : 'fr' });
          await emit(html, o.output);
          return 0;
        }),
      ),
    [
      'cnr-synth report -o /tmp/report.html',
      'cnr-synth report data/cnr-sante-nouvelle-aquitaine-2022.txt | grep -c "<svg"',
    ],
  );
