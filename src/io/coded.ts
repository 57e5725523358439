/** Reading coded JSONL files (data/labels/README.md): `eval --labels/--coded/--agreement`, training examples. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import type { CodedLine } from '../model.js';
import { checkCodedIds, codedExamples, type CodedExample, type Taxonomy } from '../classify/taxonomy.js';
import { DATA_DIR, displayName } from './files.js';
import { readNdjson } from './ndjson.js';

/** The team-coded workshop verbatims of the bundled report. */
export const BUNDLED_CODED = join(DATA_DIR, 'labels', 'workshop-coded.jsonl');
/** The bundled training files for the bundled report: the workshop codes, other documents' statements, lines that state nothing. */
export const BUNDLED_EXAMPLES = [BUNDLED_CODED, join(DATA_DIR, 'labels', 'other-docs-train.jsonl'), join(DATA_DIR, 'labels', 'non-statements-train.jsonl')];

/** Rows of a spreadsheet (the "review" sheet if there is one, else the first), header row as keys; given by the command (exceljs lives in render/xlsx.ts). */
export type XlsxRows = (path: string) => Promise<Record<string, unknown>[]>;

/**
 * A coded file: JSONL (data/labels/README.md), or a CSV / XLSX table such as a corrected
 * `classify` output, with columns text, group_id (or group), idea_id (or idea), optionally
 * thematique_id (or thematique), kind, status, id and weight (see `codedFromRow`).
 */
export async function readCoded(path: string, xlsxRows?: XlsxRows): Promise<{ name: string; coded: CodedLine[] }> {
  const name = displayName(path);
  try {
    statSync(path);
  } catch {
    throw new InputError('no such file (check the path)', name);
  }
  const coded: CodedLine[] = [];
  if (/\.(csv|tsv|txt)$/i.test(path)) {
    const { readTableFile } = await import('./table-file.js');
    (await readTableFile(path)).forEach((r, i) => {
      const c = codedFromRow(r, i + 2, name);
      if (c) coded.push(c);
    });
  } else if (/\.xlsx$/i.test(path)) {
    if (!xlsxRows) throw new UsageError('XLSX files are read by the train and eval commands only', name);
    (await xlsxRows(path)).forEach((r, i) => {
      const c = codedFromRow(r, i + 2, name);
      if (c) coded.push(c);
    });
  } else for await (const r of readNdjson(createReadStream(path), { file: name })) coded.push(parseCoded(r.value, r.line, name));
  if (coded.length === 0) throw new UsageError('no coded line in this file', name);
  return { name, coded };
}

/** The first of `keys` that is a column of the row (an emptied cell counts: the analyst cleared it). */
const cell = (r: Record<string, unknown>, ...keys: string[]): string => {
  for (const k of keys) if (k in r) return String(r[k] ?? '').trim();
  return '';
};

/**
 * One row of a corrected table as a coded line (null for a row without text). The group's id
 * says its thématique and kind (t1.solution.g01: t1, solution) when the row does not; a row with
 * status out_of_scheme, or none and no group, is a line that states nothing; "uncertain" (a
 * classify status) counts as ok once a group is given.
 */
export function codedFromRow(r: Record<string, unknown>, line: number, file: string): CodedLine | null {
  const text = cell(r, 'text', 'cnr_text');
  if (!text) return null;
  const group = cell(r, 'group_id', 'cnr_group_id', 'group');
  const idea = cell(r, 'idea_id', 'cnr_idea_id', 'idea');
  const status = cell(r, 'status', 'cnr_status');
  const m = /^(t[1-4])\.(probleme|solution)\.g\d+/.exec(group);
  if (group && !m) throw new InputError(`"${group}" is not a group id (t1.solution.g01…; see cnr-synth taxonomy)`, file, line);
  if (idea && !idea.startsWith(`${group}.`)) throw new InputError(`idea "${idea}" is not an idea of group "${group || '(none)'}"`, file, line);
  const v: Record<string, unknown> = { text, id: cell(r, 'id', 'cnr_id') || `${file}:${line}` };
  const weight = cell(r, 'weight');
  const n = Number(weight.replace(',', '.'));
  if (weight) v.weight = Number.isFinite(n) ? n : weight;
  if (status === 'out_of_scheme' || (!group && status !== 'ok')) v.status = 'out_of_scheme';
  else {
    v.status = 'ok';
    v.thematique = cell(r, 'thematique_id', 'cnr_thematique_id') || m?.[1];
    v.kind = (cell(r, 'kind', 'cnr_kind') || m?.[2]) ?? undefined;
    if (group) {
      v.group = group;
      v.idea = idea || null;
    }
  }
  return parseCoded(v, line, file);
}

/**
 * Training files: the `--examples` files, none with `--no-examples` (false), and by default the
 * bundled ones when the report is the bundled one (`bundled`), none otherwise. Lines coded in
 * the scheme with a group are examples of their group (and idea); lines coded out_of_scheme are
 * negatives of the statement head (`others`). Group and idea ids are checked against `tax`
 * (exit 2 with the line on an unknown id).
 */
export async function loadExamples(
  option: string | string[] | boolean | undefined,
  bundled: boolean,
  tax: Taxonomy,
  xlsxRows?: XlsxRows,
): Promise<{ files: string[]; examples: CodedExample[]; others: string[] }> {
  if (option === false) return { files: [], examples: [], others: [] };
  const paths = typeof option === 'string' ? [option] : Array.isArray(option) ? option : bundled ? BUNDLED_EXAMPLES.filter((p) => existsSync(p)) : [];
  const out = { files: [] as string[], examples: [] as CodedExample[], others: [] as string[] };
  for (const path of paths) {
    const { name, coded } = await readCoded(path, xlsxRows);
    checkCodedIds(coded, tax, name);
    out.files.push(name);
    out.examples.push(...codedExamples(coded));
    for (const c of coded) if (c.status === 'out_of_scheme') out.others.push(c.text);
  }
  return out;
}

/** One coded line, checked (exit 2 naming the file and line on a bad value). */
export function parseCoded(v: Record<string, unknown>, line: number, file: string): CodedLine {
  if (typeof v.text !== 'string' || !v.text.trim()) throw new InputError('each line needs a non-empty "text"', file, line);
  const out: CodedLine = { line, text: v.text };
  if (typeof v.id === 'string' || typeof v.id === 'number') out.id = String(v.id);
  if (v.thematique !== undefined && v.thematique !== null) {
    const t = typeof v.thematique === 'number' ? `t${v.thematique}` : String(v.thematique).toLowerCase();
    if (!/^t[1-4]$/.test(t)) throw new InputError(`"thematique" must be t1…t4 or 1…4, got ${JSON.stringify(v.thematique)}`, file, line);
    out.thematique = t;
  }
  if (v.kind !== undefined && v.kind !== null) {
    if (v.kind !== 'probleme' && v.kind !== 'solution')
      throw new InputError(`"kind" must be "probleme" or "solution", got ${JSON.stringify(v.kind)}`, file, line);
    out.kind = v.kind;
  }
  if (typeof v.group === 'string') out.group = v.group;
  if (v.idea === null || typeof v.idea === 'string') out.idea = v.idea;
  if (v.status !== undefined) {
    if (v.status !== 'ok' && v.status !== 'out_of_scheme')
      throw new InputError(`"status" must be "ok" or "out_of_scheme", got ${JSON.stringify(v.status)}`, file, line);
    out.status = v.status;
  }
  // A traced label's confidence is its weight unless the line gives one.
  const wKey = v.weight !== undefined && v.weight !== null ? 'weight' : v.confidence !== undefined && v.confidence !== null ? 'confidence' : null;
  if (wKey) {
    const w = v[wKey];
    if (typeof w !== 'number' || !(w > 0 && w <= 1))
      throw new InputError(`"${wKey}" (the line's training weight) must be a number in (0, 1], got ${JSON.stringify(w)}`, file, line);
    out.weight = w;
  }
  return out;
}
