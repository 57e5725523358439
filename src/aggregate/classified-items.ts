/**
 * `tables --source classified`: from classified verbatims (a classify NDJSON file, or the report's
 * own verbatims classified now) to the items `classifiedRows` counts. The département of a record
 * comes from one of its input columns, found by name (case- and accent-insensitive) and matched
 * to the report's départements by code or by name.
 */
import { UsageError } from '../errors.js';
import { toClassifiedRecord, type ClassifiedFile, type ClassifiedRecord } from '../io/classified.js';
import { foldKey } from '../ingest/text.js';
import type { Report } from '../model.js';
import type { ClassifiedItem } from './classified.js';

/** Column names taken for the département when none is given (compared folded, "_" as a space). */
const DEPARTEMENT_NAMES = ['departement', 'dept', 'dep', 'code departement', 'departement code', 'code dept', 'code dep', 'num departement', 'n° departement'];

const fold = (s: string) => foldKey(s.replace(/[_-]+/g, ' '));

/** The input column holding the département: `requested` (matched folded) or one of the usual names; null when none. */
export function departementColumn(columns: string[], requested?: string): string | null {
  const wanted = requested !== undefined ? [fold(requested)] : DEPARTEMENT_NAMES;
  for (const w of wanted) {
    const c = columns.find((x) => fold(x) === w);
    if (c !== undefined) return c;
  }
  return null;
}

function toItem(r: ClassifiedRecord, departement: string | null): ClassifiedItem | null {
  return r.thematique && r.kind && r.group
    ? { departement, thematique: r.thematique.n, kind: r.kind.id, group: r.group.label, idea: r.idea?.label ?? null }
    : null;
}

export interface ItemsFromFile {
  items: ClassifiedItem[];
  /** The column read, or null when the file has none (regional counts only). */
  column: string | null;
  columns: string[];
  /** Records whose département value names no département of the report, and the first such value. */
  unknown: { count: number; example: string | null };
}

/**
 * Items of a classify NDJSON file. A `requested` column that is not there is a UsageError naming
 * the columns found; so is a missing column when département rows are asked for (`needDepartement`).
 */
export function itemsFromClassified(report: Report, f: ClassifiedFile, opts: { requested?: string; needDepartement: boolean }): ItemsFromFile {
  const columns: string[] = [];
  for (const r of f.records) for (const k of Object.keys(r.extra)) if (!columns.includes(k)) columns.push(k);
  const column = departementColumn(columns, opts.requested);
  const found = `columns: ${columns.join(', ') || 'none'}`;
  if (column === null && opts.requested !== undefined)
    throw new UsageError(`no column "${opts.requested}" (${found}): name the département column with --departement-column`, f.file);
  if (column === null && opts.needDepartement) throw new UsageError(`no département column (${found}): name it with --departement-column`, f.file);
  const byName = new Map<string, string>();
  for (const d of report.departements) {
    byName.set(fold(d.code), d.code);
    byName.set(fold(d.name), d.code);
  }
  const unknown = { count: 0, example: null as string | null };
  const items: ClassifiedItem[] = [];
  for (const r of f.records) {
    const v = column === null ? undefined : r.extra[column];
    let departement: string | null = null;
    if (v !== undefined && v !== null && String(v).trim() !== '') {
      departement = byName.get(fold(String(v))) ?? null;
      if (departement === null) {
        unknown.count++;
        unknown.example ??= String(v);
      }
    }
    const it = toItem(r, departement);
    if (it) items.push(it);
  }
  return { items, column, columns, unknown };
}

/** Items of the report's own verbatims, classified now with the model (default: data/model.json). */
export async function itemsFromReport(report: Report, model?: string): Promise<{ items: ClassifiedItem[]; modelSha256: string }> {
  const { loadClassifier } = await import('../io/classifier.js');
  const { buildRecord } = await import('../classify/predict.js');
  const loaded = await loadClassifier(model ? { model } : {});
  const items: ClassifiedItem[] = [];
  report.verbatims.forEach((v, i) => {
    // Through the NDJSON record shape, so that a file and a run count alike.
    const rec = buildRecord(loaded, v.id, v.text, 1);
    const it = toItem(toClassifiedRecord(JSON.parse(JSON.stringify(rec)) as Record<string, unknown>, report.source.file, i + 1), v.departement);
    if (it) items.push(it);
  });
  return { items, modelSha256: loaded.model.taxonomy.sha256 };
}
