/** The trace as an HTML section for `report --trace` (default options of `cnr-synth trace`). */
import type { Report } from '../model.js';
import { traceSectionHtml } from '../render/report-trace.js';
import { traceReport } from './run.js';

export async function traceHtml(report: Report, rounds = 2): Promise<string> {
  const { result } = await traceReport(report, { rounds });
  return traceSectionHtml(result, report.departements.map((d) => ({ code: d.code, name: d.name })), new Map(report.verbatims.map((v) => [v.id, v.text])));
}
