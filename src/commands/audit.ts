/**
 * cnr-synth audit [FILE] — reconcile every published number of a report and list the findings.
 *
 * Usage: cnr-synth audit [FILE] [--format table|json|ndjson|markdown|xlsx] [--strict] [-o FILE]
 * Exit: 0 no error-severity finding; 1 at least one (with --strict, warnings count too);
 * 2 usage or input error. Finding codes: see FINDING_CODES in src/aggregate/audit.ts and the README.
 */
import { Command, Option } from 'commander';
import { action, withExamples, type CommandFactory } from './shared.js';

interface Opts {
  format?: string;
  strict?: boolean;
  output?: string;
  encoding?: string;
  password?: string;
  severity?: string;
}

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
      .addOption(new Option('-f, --format <format>', 'output format (default: from the -o extension, else table on a terminal, ndjson otherwise; xlsx needs -o)').choices(['table', 'json', 'ndjson', 'markdown', 'xlsx']))
      .addOption(new Option('--severity <level>', 'show only findings at or above this severity').choices(['error', 'warning', 'info']).default('info'))
      .option('--strict', 'exit 1 on warnings too')
      .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
      .option('--encoding <enc>', 'text encoding of FILE (default: detected)')
      .option('--password <pw>', 'password of an encrypted PDF')
      .action(
        action(setExit, async (file: string | undefined, o: Opts, cmd: Command) => {
          const { emit, outputFormat } = await import('../io/output.js');
          const format = outputFormat(o, ['table', 'json', 'ndjson', 'markdown', 'xlsx'], { tty: 'table', pipe: 'ndjson' });
          if (format === 'xlsx') (await import('../render/xlsx.js')).assertXlsxOutput(o.output);
          const { loadReport } = await import('../io/report.js');
          const { colorEnabled, paint } = await import('../io/color.js');
          const { audit } = await import('../aggregate/audit.js');
          const { summary, withMessages, toMarkdown } = await import('../render/findings.js');
          const { toJson, toNdjson } = await import('../render/json.js');
          const { toTable } = await import('../render/table.js');
          const { reportMeta } = await import('../render/model.js');
          const report = await loadReport(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
          const all = audit(report);
          const rank = { error: 0, warning: 1, info: 2 } as const;
          const shown = all.filter((x) => rank[x.severity] <= rank[(o.severity ?? 'info') as keyof typeof rank]);
          let out: string | Buffer;
          if (format === 'xlsx') {
            const { toXlsx, metaSheet } = await import('../render/xlsx.js');
            const rows = withMessages(shown).map((x) => ({ ...x, lines: x.lines.join(', '), pages: x.pages?.join(', ') ?? null, detail: x.detail ? JSON.stringify(x.detail) : null }));
            const columns = ['code', 'severity', 'section', 'lines', 'pages', 'message', 'expected', 'found', 'detail'].map((key) => ({ key, ...(key === 'expected' || key === 'found' ? {} : { kind: 'text' as const }) }));
            out = await toXlsx([{ name: 'findings', columns: shown.some((x) => x.pages) ? columns : columns.filter((c) => c.key !== 'pages'), rows }, metaSheet({ ...reportMeta(report), summary: summary(all) })]);
          } else if (format === 'json') out = toJson({ meta: reportMeta(report), summary: summary(all), findings: withMessages(shown) });
          else if (format === 'ndjson') out = toNdjson(withMessages(shown));
          else if (format === 'markdown') out = toMarkdown(shown, report.source.file);
          else {
            const color = colorEnabled('stdout', { color: (cmd.optsWithGlobals() as { color?: boolean }).color !== false }) && !o.output;
            const c = paint(color);
            const parts: string[] = [];
            for (const sev of ['error', 'warning', 'info'] as const) {
              const xs = withMessages(shown.filter((x) => x.severity === sev));
              if (xs.length === 0) continue;
              const head = sev === 'error' ? c.red.bold(`${sev}s (${xs.length})`) : sev === 'warning' ? c.yellow.bold(`${sev}s (${xs.length})`) : c.bold(`${sev} (${xs.length})`);
              parts.push(head);
              parts.push(toTable(xs.map((x) => ({ code: x.code, section: x.section, lines: x.lines.join(', '), message: x.message })), [{ key: 'code' }, { key: 'section' }, { key: 'lines' }, { key: 'message' }], { color }));
            }
            parts.push(`${report.source.file}: ${summary(all)}`);
            out = `${parts.join('\n')}\n`;
          }
          await emit(out, o.output);
          const failing = all.some((x) => x.severity === 'error' || (o.strict && x.severity === 'warning'));
          return failing ? 1 : 0;
        }),
      ),
    [
      'cnr-synth audit --format table',
      "cnr-synth audit --format json | jq '.findings[] | select(.severity == \"error\") | .message'",
      'cnr-synth audit --severity warning --format markdown -o /tmp/audit.md',
      'cnr-synth audit --format xlsx -o /tmp/audit.xlsx',
    ],
  );
