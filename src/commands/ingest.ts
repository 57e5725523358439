/**
 * cnr-synth ingest [FILE] — read a report (text or PDF) into the cnr-synth model.
 *
 * The options are here (`--help` is their documentation). Default FILE: the bundled Nouvelle-Aquitaine report. JSON is the whole Report (see
 * src/model.ts) under a `meta` block; NDJSON is one record per line with a `type` field.
 */
import { Command, Option } from 'commander';
import type { Report } from '../model.js';
import { action, withExamples, type CommandFactory } from './shared.js';

export const ingestCommand: CommandFactory = (setExit) =>
  withExamples(
    new Command('ingest')
      .summary('read a report (text or PDF) into the model, as JSON or NDJSON')
      .description(
        'Read a CNR Santé report (text or PDF) into the cnr-synth model: regional tables, départements,\n' +
          'workshops with participants, and every verbatim with its thématique, kind and line/page.\n' +
          'FILE defaults to the bundled Nouvelle-Aquitaine 2022 report.',
      )
      .argument('[FILE]', 'report file (.txt or .pdf); - reads stdin')
      .addOption(new Option('-f, --format <format>', 'output format (default: from the -o extension, else json)').choices(['json', 'ndjson']))
      .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
      .option('--encoding <enc>', 'text encoding (default: detected; utf-8, utf-16le, utf-16be, windows-1252)')
      .option('--password <pw>', 'password of an encrypted PDF')
      .action(
        action(setExit, async (file: string | undefined, o: { format?: string; output?: string; encoding?: string; password?: string }) => {
          const { emit, outputFormat } = await import('../io/output.js');
          const format = outputFormat(o, ['json', 'ndjson'], { tty: 'json', pipe: 'json' });
          const { loadReport } = await import('../io/report.js');
          const { toJson, toNdjson } = await import('../render/json.js');
          const { ingestRecords, reportMeta } = await import('../render/model.js');
          const report: Report = await loadReport(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
          const out = format === 'ndjson' ? toNdjson(ingestRecords(report)) : toJson({ meta: reportMeta(report), ...report });
          await emit(out, o.output);
          return 0;
        }),
      ),
    [
      'cnr-synth ingest --format ndjson | head -3',
      "cnr-synth ingest | jq '.region.contributionsTotal'",
      'cnr-synth ingest data/cnr-sante-nouvelle-aquitaine-2022.txt -o /tmp/report.json',
    ],
  );
