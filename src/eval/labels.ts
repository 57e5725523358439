/**
 * Scoring a team-coded file (`cnr-synth eval --labels FILE.jsonl`) with the committed model.
 * One JSON object per line: {"text": "…", "thematique": "t1" | 1, "kind": "probleme" | "solution",
 * "group": "t1.solution.g01", "idea": "t1.solution.g01.i03" | null, "status": "ok" | "out_of_scheme"}.
 * Every field but text is optional; each is scored on the lines that have it. Lines coded
 * out_of_scheme are scored for status only. See data/labels/README.md for the coding guide.
 */
import { InputError } from '../errors.js';
import type { Loaded } from '../classify/load.js';
import { buildRecord } from '../classify/predict.js';
import { protoNodes } from '../classify/prototypes.js';
import type { CodedExample, Taxonomy } from '../classify/taxonomy.js';
import { metrics, type Metrics } from './metrics.js';

export interface CodedLine {
  line: number;
  /** The verbatim's id (a report verbatim id for the workshop-coded set), when the file has one. */
  id?: string;
  text: string;
  thematique?: string;
  kind?: string;
  group?: string;
  idea?: string | null;
  status?: string;
}

export interface LabelsReport {
  n: number;
  thematique: (Metrics & { classes: string[] }) | null;
  kind: (Metrics & { classes: string[] }) | null;
  group: { n: number; accuracy: number; top3: number } | null;
  idea: { n: number; accuracy: number } | null;
  status: { n: number; outOfScheme: { precision: number; recall: number; f1: number }; accuracy: number } | null;
  errors: { line: number; text: string; field: string; expected: string; got: string }[];
}

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

/** What the scoring needs of a classified record (a `ClassRecord` has it). */
export interface Predicted {
  status: string;
  thematique: { id: string };
  kind: { id: string };
  group: { id: string } | null;
  idea: { id: string } | null;
  candidates: { group: { id: string } }[];
}

/** Checks the coded group and idea ids against the scheme's nodes. */
export function checkCodedIds(coded: CodedLine[], tax: Taxonomy, file?: string): void {
  const ids = new Set(protoNodes(tax).map((n) => n.id));
  for (const c of coded) {
    if (c.group && !ids.has(c.group)) throw new InputError(`unknown group id "${c.group}" (see cnr-synth taxonomy)`, file, c.line);
    if (c.idea && !ids.has(c.idea)) throw new InputError(`unknown idea id "${c.idea}" (see cnr-synth taxonomy)`, file, c.line);
  }
}

export function scoreLabels(L: Loaded, coded: CodedLine[]): LabelsReport {
  checkCodedIds(coded, L.tax);
  return scoreRecords(coded, coded.map((c) => buildRecord(L, String(c.line), c.text, 3)));
}

/** Scores predictions against coded lines (same order). */
export function scoreRecords(coded: CodedLine[], predicted: Predicted[]): LabelsReport {
  const T = ['t1', 't2', 't3', 't4'];
  const K = ['probleme', 'solution'];
  const yt: number[] = [];
  const pt: number[] = [];
  const yk: number[] = [];
  const pk: number[] = [];
  let gN = 0;
  let gOk = 0;
  let g3 = 0;
  let iN = 0;
  let iOk = 0;
  let sN = 0;
  let sOk = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const errors: LabelsReport['errors'] = [];
  coded.forEach((c, n) => {
    const r = predicted[n]!;
    const err = (field: string, expected: string, got: string) => errors.push({ line: c.line, text: c.text, field, expected, got });
    if (c.status) {
      sN++;
      const gotOut = r.status === 'out_of_scheme';
      const isOut = c.status === 'out_of_scheme';
      if (gotOut === isOut) sOk++;
      else err('status', c.status, r.status);
      if (gotOut && isOut) tp++;
      else if (gotOut) fp++;
      else if (isOut) fn++;
      if (isOut) return;
    }
    if (c.thematique) {
      yt.push(T.indexOf(c.thematique));
      pt.push(T.indexOf(r.thematique.id));
      if (c.thematique !== r.thematique.id) err('thematique', c.thematique, r.thematique.id);
    }
    if (c.kind) {
      yk.push(K.indexOf(c.kind));
      pk.push(K.indexOf(r.kind.id));
      if (c.kind !== r.kind.id) err('kind', c.kind, r.kind.id);
    }
    if (c.group) {
      gN++;
      if (r.group?.id === c.group) gOk++;
      else err('group', c.group, r.group?.id ?? 'null');
      if (r.candidates.some((x) => x.group.id === c.group)) g3++;
    }
    if (c.idea !== undefined) {
      iN++;
      if ((r.idea?.id ?? null) === c.idea) iOk++;
    }
  });
  const p = tp + fp ? tp / (tp + fp) : 0;
  const rc = tp + fn ? tp / (tp + fn) : 0;
  return {
    n: coded.length,
    thematique: yt.length ? { ...metrics(yt, pt, 4), classes: T } : null,
    kind: yk.length ? { ...metrics(yk, pk, 2), classes: K } : null,
    group: gN ? { n: gN, accuracy: gOk / gN, top3: g3 / gN } : null,
    idea: iN ? { n: iN, accuracy: iOk / iN } : null,
    status: sN ? { n: sN, accuracy: sOk / sN, outOfScheme: { precision: p, recall: rc, f1: p + rc ? (2 * p * rc) / (p + rc) : 0 } } : null,
    errors,
  };
}

/** The coded lines usable as training examples: in the scheme, with an id and a group. */
export function codedExamples(coded: CodedLine[]): CodedExample[] {
  return coded
    .filter((c) => c.status !== 'out_of_scheme' && c.id !== undefined && c.group)
    .map((c) => ({ id: c.id!, text: c.text, group: c.group!, idea: c.idea ?? null }));
}
