/**
 * Reading the output of `cnr-synth classify … --format ndjson`: one record per verbatim,
 *   {id, text, thematique: {id, label, score}, kind: {id, score}, group: {id, label, score},
 *    idea: {id, label, score} | null, needs_review, status, …the input's own columns}
 * Ids are the taxonomy's (src/classify/taxonomy.ts): thématique "t1", kind "probleme"|"solution",
 * group "t1.solution.g04", idea "t1.solution.g04.i07". A thématique id may also be the number 1–4.
 * Any other field of a record is kept in `extra` (the input's own columns), in its order.
 */
import { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import type { Kind, ThematiqueId } from '../model.js';
import { readInput } from './files.js';
import { readNdjson } from './ndjson.js';

export interface ClassifiedNode {
  id: string;
  label: string | null;
  score: number | null;
}

export interface ClassifiedRecord {
  id: string;
  text: string;
  thematique: (ClassifiedNode & { n: ThematiqueId }) | null;
  kind: { id: Kind; score: number | null } | null;
  group: ClassifiedNode | null;
  idea: ClassifiedNode | null;
  sujet: { label: string; score: number | null } | null;
  /** The words that weighed most (classify's `explanation`), best first. */
  explanation: string[];
  needs_review: boolean;
  status: string | null;
  /** Fields the record has besides the ones above (the input's own columns), flattened one level for `input: {…}`. */
  extra: Record<string, unknown>;
  /** Line of the NDJSON file. */
  line: number;
}

export interface ClassifiedFile {
  /** As given (relative) or the base name: never an absolute path. */
  file: string;
  sha256: string;
  records: ClassifiedRecord[];
}

const KNOWN = new Set(['id', 'text', 'thematique', 'kind', 'group', 'idea', 'sujet', 'candidates', 'explanation', 'needs_review', 'status']);

function node(v: unknown, what: string, file: string, line: number): ClassifiedNode | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw new InputError(`"${what}" must be an object {id, label, score} or null`, file, line);
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' && typeof o.id !== 'number') throw new InputError(`"${what}" has no id`, file, line);
  const score = typeof o.score === 'number' && Number.isFinite(o.score) ? o.score : null;
  return { id: String(o.id), label: typeof o.label === 'string' ? o.label : null, score };
}

function sujetOf(v: unknown): ClassifiedRecord['sujet'] {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.label !== 'string') return null;
  return { label: o.label, score: typeof o.score === 'number' && Number.isFinite(o.score) ? o.score : null };
}

/** One NDJSON value → a record, or an InputError naming the line. Pure. */
export function toClassifiedRecord(v: Record<string, unknown>, file: string, line: number): ClassifiedRecord {
  if ((typeof v.id !== 'string' && typeof v.id !== 'number') || typeof v.text !== 'string') {
    throw new InputError('not a classified verbatim: expected "id" and "text" (write it with: cnr-synth classify … --format ndjson)', file, line);
  }
  const t = node(v.thematique, 'thematique', file, line);
  let thematique: ClassifiedRecord['thematique'] = null;
  if (t) {
    const m = /^t?([1-4])$/i.exec(t.id.trim());
    if (!m) throw new InputError(`unknown thématique id "${t.id}" (expected t1–t4)`, file, line);
    thematique = { ...t, n: Number(m[1]) as ThematiqueId };
  }
  const k = node(v.kind, 'kind', file, line);
  let kind: ClassifiedRecord['kind'] = null;
  if (k) {
    if (k.id !== 'probleme' && k.id !== 'solution') throw new InputError(`unknown kind "${k.id}" (expected probleme or solution)`, file, line);
    kind = { id: k.id, score: k.score };
  }
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v)) {
    if (KNOWN.has(key)) continue;
    if (key === 'input' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [ik, iv] of Object.entries(value as Record<string, unknown>)) extra[KNOWN.has(ik) || ik in extra ? `input.${ik}` : ik] = iv;
    } else extra[key] = value;
  }
  return {
    id: String(v.id),
    text: v.text,
    thematique,
    kind,
    group: node(v.group, 'group', file, line),
    idea: node(v.idea, 'idea', file, line),
    sujet: sujetOf(v.sujet),
    explanation: Array.isArray(v.explanation)
      ? v.explanation.map((e) => (e && typeof e === 'object' ? String((e as { term?: unknown }).term ?? '') : String(e))).filter(Boolean)
      : [],
    needs_review: v.needs_review === true,
    status: typeof v.status === 'string' ? v.status : null,
    extra,
    line,
  };
}

/** Read a whole classified NDJSON file (`-` for stdin). */
export async function readClassified(path: string): Promise<ClassifiedFile> {
  const f = await readInput(path);
  const records: ClassifiedRecord[] = [];
  for await (const r of readNdjson(Readable.from([f.bytes]), { file: f.name })) records.push(toClassifiedRecord(r.value, f.name, r.line));
  if (records.length === 0) throw new InputError('no classified verbatims in this file (expected the NDJSON of cnr-synth classify)', f.name);
  return { file: f.name, sha256: f.sha256, records };
}
