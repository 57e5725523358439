/**
 * The team-coded workshop verbatims (data/labels/workshop-coded.jsonl) scored out of fold: the
 * report's bullets are split in the same folds as `crossValidate`; for each fold a whole model is
 * trained (`trainModel`: heads, calibration, thresholds) without that fold's bullets (nor their
 * coded examples, when `examples` are given), and the
 * coded bullets of the fold are classified by it end to end. Beside it, the section headings
 * scored against the same codes: how far the weak labels are from a reading by meaning.
 */
import type { CodedLine, Report } from '../model.js';
import { InputError } from '../errors.js';
import { loadScorer } from '../classify/load.js';
import { buildRecord, type ClassRecord } from '../classify/predict.js';
import type { CodedExample, Taxonomy } from '../classify/taxonomy.js';
import { trainModel } from '../classify/train.js';
import { bulletDocs, bulletFolds, DEFAULT_TRAIN, examplesOutside } from '../classify/training-set.js';
import type { Nlp } from '../classify/text.js';
import { checkCodedIds } from '../classify/taxonomy.js';
import { scoreRecords, type LabelsReport } from './labels.js';
import { metrics, type Metrics } from '../stats/metrics.js';

export interface CodedEval {
  protocol: { folds: number; seed: number; coded: number; inScheme: number };
  /** The model of the fold that did not see the line, against the codes. */
  model: LabelsReport;
  /** The section heading the line was printed under, against the codes (lines coded `ok`). */
  headings: { thematique: Metrics & { classes: string[] }; kind: Metrics & { classes: string[] } };
  /** The same out-of-fold model against the headings, on the same lines (the `eval` protocol's view of them). */
  modelVsHeadings: { thematique: Metrics & { classes: string[] }; kind: Metrics & { classes: string[] } };
}

const T = ['t1', 't2', 't3', 't4'];
const K = ['probleme', 'solution'];

export function evalCoded(
  report: Report,
  tax: Taxonomy,
  nlp: Pick<Nlp, 'stem'>,
  coded: CodedLine[],
  o: { folds: number; seed: number; file?: string; examples?: readonly CodedExample[] },
): CodedEval {
  checkCodedIds(coded, tax, o.file);
  const bullets = bulletDocs(report);
  const at = new Map(bullets.map((d, i) => [d.id!, i]));
  for (const c of coded) {
    if (c.id === undefined) throw new InputError('each coded line needs the "id" of a verbatim of the report', o.file, c.line);
    if (!at.has(c.id)) throw new InputError(`no verbatim "${c.id}" in this report (the coded file belongs to another report?)`, o.file, c.line);
  }
  const folds = bulletFolds(bullets, o.folds, o.seed);
  const foldOf = (c: CodedLine) => folds[at.get(c.id!)!]!;
  const records = new Array<ClassRecord>(coded.length);
  for (let f = 0; f < o.folds; f++) {
    if (!coded.some((c) => foldOf(c) === f)) continue;
    const trainReport: Report = { ...report, verbatims: report.verbatims.filter((_, i) => folds[i] !== f) };
    // As shipped: the fold's model also learns from the coded examples outside the fold.
    const { model } = trainModel(trainReport, tax, nlp, DEFAULT_TRAIN, examplesOutside(o.examples ?? [], bullets, folds, f));
    const L = loadScorer(model, tax, nlp);
    coded.forEach((c, n) => {
      if (foldOf(c) === f) records[n] = buildRecord(L, c.id!, c.text, 10);
    });
  }
  // Per line in the scheme: its codes, the heading it was printed under, the model's answer.
  const lines = coded.flatMap((c, n) => {
    if (c.status === 'out_of_scheme') return [];
    const b = bullets[at.get(c.id!)!]!;
    return [{ c, headingT: T[b.t]!, headingK: K[b.k]!, r: records[n]! }];
  });
  const score = (classes: string[], pairs: [string | undefined, string][]) => {
    const kept = pairs.filter((p): p is [string, string] => p[0] !== undefined);
    return {
      ...metrics(
        kept.map((p) => classes.indexOf(p[0])),
        kept.map((p) => classes.indexOf(p[1])),
        classes.length,
      ),
      classes,
    };
  };
  return {
    protocol: { folds: o.folds, seed: o.seed, coded: coded.length, inScheme: lines.length },
    model: scoreRecords(coded, records),
    headings: {
      thematique: score(
        T,
        lines.map((l) => [l.c.thematique, l.headingT]),
      ),
      kind: score(
        K,
        lines.map((l) => [l.c.kind, l.headingK]),
      ),
    },
    modelVsHeadings: {
      thematique: score(
        T,
        lines.map((l) => [l.headingT, l.r.thematique.id]),
      ),
      kind: score(
        K,
        lines.map((l) => [l.headingK, l.r.kind.id]),
      ),
    },
  };
}
