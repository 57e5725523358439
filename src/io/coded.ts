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

export async function readCoded(path: string): Promise<{ name: string; coded: CodedLine[] }> {
  const name = displayName(path);
  try {
    statSync(path);
  } catch {
    throw new InputError('no such file (check the path)', name);
  }
  const coded: CodedLine[] = [];
  for await (const r of readNdjson(createReadStream(path), { file: name })) coded.push(parseCoded(r.value, r.line, name));
  if (coded.length === 0) throw new UsageError('no coded line in this file', name);
  return { name, coded };
}

/**
 * Training examples: `--examples FILE`, none with `--no-examples` (false), and by default the
 * bundled coded set when the report is the bundled one (`bundled`), none otherwise. Their group
 * and idea ids are checked against `tax` (exit 2 with the line on an unknown id).
 */
export async function loadExamples(option: string | boolean | undefined, bundled: boolean, tax: Taxonomy): Promise<{ file: string | null; examples: CodedExample[] }> {
  if (option === false) return { file: null, examples: [] };
  const path = typeof option === 'string' ? option : bundled && existsSync(BUNDLED_CODED) ? BUNDLED_CODED : null;
  if (path === null) return { file: null, examples: [] };
  const { name, coded } = await readCoded(path);
  checkCodedIds(coded, tax, name);
  return { file: name, examples: codedExamples(coded) };
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
    if (v.kind !== 'probleme' && v.kind !== 'solution') throw new InputError(`"kind" must be "probleme" or "solution", got ${JSON.stringify(v.kind)}`, file, line);
    out.kind = v.kind;
  }
  if (typeof v.group === 'string') out.group = v.group;
  if (v.idea === null || typeof v.idea === 'string') out.idea = v.idea;
  if (v.status !== undefined) {
    if (v.status !== 'ok' && v.status !== 'out_of_scheme') throw new InputError(`"status" must be "ok" or "out_of_scheme", got ${JSON.stringify(v.status)}`, file, line);
    out.status = v.status;
  }
  return out;
}
