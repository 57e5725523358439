/** The Report as records (NDJSON) and the `meta` block every JSON output carries. */
import type { Report } from '../model.js';
import { publishedRows, contributionRows } from '../aggregate/tables.js';
import { toolVersion } from '../version.js';
import type { Meta } from './records.js';

/** The run fingerprint: tool version and input hash (never the time, never an absolute path). */
export function reportMeta(report: Report, extra: Record<string, unknown> = {}): Meta {
  return { tool: 'cnr-synth', version: toolVersion(), input: { file: report.source.file, sha256: report.source.sha256 }, ...extra };
}

/** One record per line for `ingest --format ndjson`, each with a `type`. */
export function* ingestRecords(report: Report): Generator<Record<string, unknown>> {
  yield { type: 'source', ...report.source };
  for (const t of report.region.thematiques) yield { type: 'thematique', ...t };
  for (const w of report.region.workshopsTable) yield { type: 'workshop-count', ...w };
  for (const c of contributionRows(report)) yield { type: 'contribution', ...c };
  for (const r of publishedRows(report)) yield { type: 'row', ...r };
  for (const d of report.departements) {
    yield {
      type: 'departement',
      code: d.code,
      name: d.name,
      section: d.section,
      announcedWorkshops: d.announcedWorkshops,
      workshopsTable: d.workshopsTable,
      prov: d.prov,
    };
  }
  for (const w of report.workshops) yield { type: 'workshop', ...w };
  for (const v of report.verbatims) yield { type: 'verbatim', ...v };
  for (const n of report.notes) yield { type: 'note', ...n };
}
