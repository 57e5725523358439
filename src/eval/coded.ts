/**
 * The team-coded workshop verbatims (data/labels/workshop-coded.jsonl) scored out of fold: the
 * report's bullets are split in the same folds as `crossValidate`; for each fold a whole model is
 * trained (`trainModel`: heads, calibration, thresholds) without that fold's bullets (nor their
 * coded examples, when `examples` are given), and the
 * coded bullets of the fold are classified by it end to end. Beside it, the section headings
 * scored against the same codes: how far the weak labels are from a reading by meaning.
 */
import type { Report } from '../model.js';
import { InputError } from '../errors.js';
import { loadScorer } from '../classify/load.js';
import { buildRecord } from '../classify/predict.js';
import { mulberry32 } from '../classify/prng.js';
import { protoNodes } from '../classify/prototypes.js';
import type { CodedExample, Taxonomy } from '../classify/taxonomy.js';
import { bulletDocs, DEFAULT_TRAIN, trainModel, type Nlp } from '../classify/train.js';
import { checkCodedIds, scoreRecords, type CodedLine, type LabelsReport } from './labels.js';
import { metrics, stratifiedFolds, type Metrics } from './metrics.js';

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

export function evalCoded(report: Report, tax: Taxonomy, nlp: Pick<Nlp, 'stem'>, coded: CodedLine[], o: { folds: number; seed: number; file?: string; examples?: readonly CodedExample[] }): CodedEval {
  checkCodedIds(coded, new Set(protoNodes(tax).map((n) => n.id)), o.file);
  const bullets = bulletDocs(report);
  const at = new Map(bullets.map((d, i) => [d.id!, i]));
  for (const c of coded) {
    if (c.id === undefined) throw new InputError('each coded line needs the "id" of a verbatim of the report', o.file, c.line);
    if (!at.has(c.id)) throw new InputError(`no verbatim "${c.id}" in this report (the coded file belongs to another report?)`, o.file, c.line);
  }
  const folds = stratifiedFolds(bullets.map((d) => d.t * 2 + d.k), o.folds, mulberry32(o.seed));
  const records = new Array<ReturnType<typeof buildRecord>>(coded.length);
  for (let f = 0; f < o.folds; f++) {
    const mine = coded.map((c, n) => [c, n] as const).filter(([c]) => folds[at.get(c.id!)!] === f);
    if (mine.length === 0) continue;
    const trainReport: Report = { ...report, verbatims: report.verbatims.filter((_, i) => folds[i] !== f) };
    // As shipped: the fold's model also learns from the coded examples outside the fold.
    const ex = (o.examples ?? []).filter((e) => !(at.has(e.id) && folds[at.get(e.id)!] === f));
    const { model } = trainModel(trainReport, tax, nlp, DEFAULT_TRAIN, ex);
    const L = loadScorer(model, tax, nlp);
    for (const [c, n] of mine) records[n] = buildRecord(L, c.id!, c.text, 3);
  }
  const ok = coded.map((c, n) => [c, n] as const).filter(([c]) => c.status !== 'out_of_scheme');
  const head = (field: 'thematique' | 'kind', truth: (c: CodedLine, i: number) => string | undefined, pred: (c: CodedLine, i: number, n: number) => string) => {
    const classes = field === 'thematique' ? T : K;
    const y: number[] = [];
    const p: number[] = [];
    for (const [c, n] of ok) {
      const i = at.get(c.id!)!;
      const v = truth(c, i);
      if (v === undefined) continue;
      y.push(classes.indexOf(v));
      p.push(classes.indexOf(pred(c, i, n)));
    }
    return { ...metrics(y, p, classes.length), classes };
  };
  const heading = (field: 'thematique' | 'kind') => (_: CodedLine, i: number) => (field === 'thematique' ? T[bullets[i]!.t]! : K[bullets[i]!.k]!);
  return {
    protocol: { folds: o.folds, seed: o.seed, coded: coded.length, inScheme: ok.length },
    model: scoreRecords(coded, records),
    headings: {
      thematique: head('thematique', (c) => c.thematique, heading('thematique')),
      kind: head('kind', (c) => c.kind, heading('kind')),
    },
    modelVsHeadings: {
      thematique: head('thematique', heading('thematique'), (_c, _i, n) => records[n]!.thematique.id),
      kind: head('kind', heading('kind'), (_c, _i, n) => records[n]!.kind.id),
    },
  };
}
