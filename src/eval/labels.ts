/**
 * Scoring a team-coded file (`cnr-synth eval --labels FILE.jsonl`) with the committed model.
 * One JSON object per line: {"text": "…", "thematique": "t1" | 1, "kind": "probleme" | "solution",
 * "group": "t1.solution.g01", "idea": "t1.solution.g01.i03" | null, "status": "ok" | "out_of_scheme"}.
 * Every field but text is optional; each is scored on the lines that have it. Lines coded
 * out_of_scheme are scored for status only. See data/labels/README.md for the coding guide.
 */
import type { CodedLine } from '../model.js';
import type { Loaded } from '../classify/load.js';
import { buildRecord } from '../classify/predict.js';
import { checkCodedIds } from '../classify/taxonomy.js';
import { metrics, type Metrics } from '../stats/metrics.js';

export interface LabelsReport {
  n: number;
  thematique: (Metrics & { classes: string[] }) | null;
  kind: (Metrics & { classes: string[] }) | null;
  group: { n: number; accuracy: number; top3: number } | null;
  /** top3: the coded idea is the idea of one of the first 3 candidates. */
  idea: { n: number; accuracy: number; top3: number } | null;
  /** Share of lines flagged for a reviewer (status out_of_scheme or needs_review), among the lines coded out_of_scheme (non-statements) and the others (statements). */
  flagged: { nonStatements: { n: number; share: number }; statements: { n: number; share: number } };
  status: { n: number; outOfScheme: { precision: number; recall: number; f1: number }; accuracy: number } | null;
  errors: { line: number; text: string; field: string; expected: string; got: string }[];
}

/** What the scoring needs of a classified record (a `ClassRecord` has it). */
export interface Predicted {
  status: string;
  thematique: { id: string };
  kind: { id: string };
  group: { id: string } | null;
  idea: { id: string } | null;
  needs_review: boolean;
  candidates: { group: { id: string }; idea: { id: string } | null }[];
}

export function scoreLabels(L: Loaded, coded: CodedLine[]): LabelsReport {
  checkCodedIds(coded, L.tax);
  return scoreRecords(
    coded,
    coded.map((c) => buildRecord(L, String(c.line), c.text, 10)),
  );
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
  let i3 = 0;
  const flag = { non: 0, nonN: 0, st: 0, stN: 0 };
  let sN = 0;
  let sOk = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const errors: LabelsReport['errors'] = [];
  coded.forEach((c, n) => {
    const r = predicted[n]!;
    const err = (field: string, expected: string, got: string) => errors.push({ line: c.line, text: c.text, field, expected, got });
    const flagged = r.status === 'out_of_scheme' || r.needs_review;
    if (c.status === 'out_of_scheme') {
      flag.nonN++;
      if (flagged) flag.non++;
    } else {
      flag.stN++;
      if (flagged) flag.st++;
    }
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
      // The first 3 distinct groups of the ranked (group, idea) candidates.
      const groups: string[] = [];
      for (const x of r.candidates) if (groups.length < 3 && !groups.includes(x.group.id)) groups.push(x.group.id);
      if (groups.includes(c.group)) g3++;
    }
    if (c.idea !== undefined) {
      iN++;
      if ((r.idea?.id ?? null) === c.idea) iOk++;
      if (c.idea !== null && r.candidates.slice(0, 3).some((x) => x.idea?.id === c.idea)) i3++;
    }
  });
  const p = tp + fp ? tp / (tp + fp) : 0;
  const rc = tp + fn ? tp / (tp + fn) : 0;
  return {
    n: coded.length,
    thematique: yt.length ? { ...metrics(yt, pt, 4), classes: T } : null,
    kind: yk.length ? { ...metrics(yk, pk, 2), classes: K } : null,
    group: gN ? { n: gN, accuracy: gOk / gN, top3: g3 / gN } : null,
    idea: iN ? { n: iN, accuracy: iOk / iN, top3: i3 / iN } : null,
    flagged: {
      nonStatements: { n: flag.nonN, share: flag.nonN ? flag.non / flag.nonN : 0 },
      statements: { n: flag.stN, share: flag.stN ? flag.st / flag.stN : 0 },
    },
    status: sN ? { n: sN, accuracy: sOk / sN, outOfScheme: { precision: p, recall: rc, f1: p + rc ? (2 * p * rc) / (p + rc) : 0 } } : null,
    errors,
  };
}
