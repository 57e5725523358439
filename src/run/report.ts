/**
 * `cnr-synth report`: the work behind the command (src/commands/report.ts holds the options).
 * `runReport` returns the page; `report` writes it.
 */
import { UsageError } from '../errors.js';
import { emit, outputFormat } from '../io/output.js';
import { loadReport } from '../io/report.js';
import { readInput } from '../io/files.js';
import { audit } from '../aggregate/audit.js';
import { renderReportHtml } from '../render/report-html.js';
import { toolVersion } from '../version.js';

export interface ReportOptions {
  output?: string;
  classified?: string;
  model?: string;
  encoding?: string;
  password?: string;
  lang?: string;
  /** Add the traceability section: each départemental count opens onto its traced verbatims. */
  trace?: boolean;
}

export async function report(file: string | undefined, o: ReportOptions): Promise<number> {
  if ((!o.output || o.output === '-') && process.stdout.isTTY) {
    throw new UsageError('report writes an HTML page: add -o FILE.html (or pipe it)');
  }
  await emit(await runReport(file, o), o.output);
  return 0;
}

/** The HTML page (French; the audit messages in `lang`, French by default). */
export async function runReport(file: string | undefined, o: ReportOptions): Promise<string> {
  outputFormat({ output: o.output }, ['html'], { tty: 'html', pipe: 'html' });
  const r = await loadReport(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
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
  const extraSections = [];
  if (o.trace) {
    const { traceReport } = await import('./trace.js');
    const { traceSectionHtml } = await import('../render/report-trace.js');
    const { raw } = await import('../render/html.js');
    const { result } = await traceReport(r, { rounds: 2 });
    const section = traceSectionHtml(
      result,
      r.departements.map((d) => ({ code: d.code, name: d.name })),
      new Map(r.verbatims.map((v) => [v.id, v.text])),
    );
    extraSections.push({ id: 'tracabilite', nav: 'Traçabilité des comptes', html: raw(section) });
  }
  return renderReportHtml(r, { findings: audit(r), toolVersion: toolVersion(), classified, model, lang: o.lang === 'en' ? 'en' : 'fr', extraSections });
}
