/**
 * `cnr-synth audit`: the work behind the command (src/commands/audit.ts holds the options).
 * `runAudit` returns data — every finding, the ones shown, meta, exit code; `audit` renders and writes.
 */
import type { Finding } from '../model.js';
import { loadReport } from '../io/report.js';
import { emit, outputFormat } from '../io/output.js';
import { colorEnabled } from '../io/color-policy.js';
import { audit as auditReport } from '../aggregate/audit.js';
import { reportMeta } from '../render/model.js';
import { renderAudit, type AuditFormat } from '../render/audit.js';
import type { Lang } from '../render/findings.js';
import type { Meta } from '../render/records.js';

export interface AuditOptions {
  format?: string;
  strict?: boolean;
  output?: string;
  encoding?: string;
  password?: string;
  severity?: string;
  lang?: string;
}

export interface AuditResult {
  format: AuditFormat;
  file: string;
  meta: Meta;
  all: Finding[];
  shown: Finding[];
  /** 1 when an error-severity finding is there (with --strict, a warning too). */
  exitCode: number;
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

export async function audit(file: string | undefined, o: AuditOptions, env: { color: boolean }): Promise<number> {
  const r = await runAudit(file, o);
  const color = colorEnabled('stdout', { color: env.color }) && !o.output;
  await emit(await renderAudit(r.shown, r.all, r.format, { meta: r.meta, file: r.file, color, lang: (o.lang ?? 'en') as Lang, output: o.output }), o.output);
  return r.exitCode;
}

export async function runAudit(file: string | undefined, o: AuditOptions): Promise<AuditResult> {
  const format = outputFormat(o, ['table', 'json', 'ndjson', 'markdown', 'xlsx'], { tty: 'table', pipe: 'ndjson' }) as AuditFormat;
  if (format === 'xlsx') (await import('../render/xlsx.js')).assertXlsxOutput(o.output);
  const report = await loadReport(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
  const all = auditReport(report);
  const shown = all.filter((x) => RANK[x.severity] <= RANK[(o.severity ?? 'info') as keyof typeof RANK]);
  const failing = all.some((x) => x.severity === 'error' || (o.strict && x.severity === 'warning'));
  return { format, file: report.source.file, meta: reportMeta(report), all, shown, exitCode: failing ? 1 : 0 };
}
