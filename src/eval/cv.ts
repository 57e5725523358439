/**
 * The evaluation protocol of `cnr-synth eval` (pure; the tokenizer and stemmer are passed in).
 *
 * Thématique and kind: k-fold cross-validation over the section-labelled bullets, folds
 * stratified by thématique × kind, the scheme's texts (labels, aliases, Ex quotes, sujets) added
 * to every training fold (`scheme: false` leaves them out). Everything that is fitted — idf,
 * vocabulary, both heads, the noise down-weighting, the temperatures and λ of the joint scoring —
 * is fitted inside the training folds only: the expert mix, λ and the prior shift by an inner
 * 3-fold cross-validation on the outer training fold (nested), never on the outer test fold.
 * Baselines on the same folds: the majority class and multinomial naive Bayes on the same features.
 *
 * Group and idea: the 73 Ex quotes, each scored against prototypes rebuilt without it
 * (leave-one-out), within its true branch, and end to end (branch predicted too).
 */
import type { Report } from '../model.js';
import { Featurizer } from '../classify/features.js';
import { trainNb, predictNb } from '../classify/nb.js';
import { withExamples, type CodedExample, type Taxonomy } from '../classify/taxonomy.js';
import { calibrate, oofScores, quoteLoo, type Calibrated } from '../classify/calibrate.js';
import { fitCore, makeScorer } from '../classify/experts.js';
import type { TrainOptions } from '../classify/model-file.js';
import type { Nlp } from '../classify/text.js';
import { bulletDocs, bulletFolds, DEFAULT_TRAIN, examplesOutside, schemeDocs } from '../classify/training-set.js';
import { metrics, type Metrics } from '../stats/metrics.js';
import { argmax } from '../stats/softmax.js';

export interface HeadReport {
  classes: string[];
  model: Metrics;
  /** The heads alone, without the joint branch scoring. */
  heads: Metrics;
  majority: Metrics;
  bayes: Metrics;
}

export interface EvalReport {
  protocol: { folds: number; seed: number; scheme: boolean; bullets: number; schemeDocs: number; examples: number };
  thematique: HeadReport;
  kind: HeadReport;
  quotes: { n: number; groupInBranch: number; ideaInBranch: number; groupEndToEnd: number; ideaEndToEnd: number };
  calibration: { thematique: number; kind: number; lambda: number };
  /** The expert mix and prior shift chosen by the inner cross-validation of each outer fold. */
  mixes: Calibrated['mix'][];
}

export interface EvalOptions {
  folds: number;
  seed: number;
  scheme: boolean;
  train?: TrainOptions;
  /**
   * Team-coded examples (report verbatims coded by meaning): each outer fold trains with those
   * whose verbatim is outside the fold, as the shipped model trains with all of them.
   */
  examples?: readonly CodedExample[];
  /** Receives each bullet's out-of-fold prediction (for `eval --predictions`). */
  onPrediction?: (p: OofPrediction) => void;
}

/** One bullet scored by the model of the fold that did not see it. */
export interface OofPrediction {
  id: string;
  fold: number;
  text: string;
  section: { thematique: number; kind: 'probleme' | 'solution' };
  predicted: { thematique: number; thematiqueScore: number; kind: 'probleme' | 'solution'; kindScore: number };
}

export function crossValidate(report: Report, tax: Taxonomy, nlp: Nlp, o: EvalOptions): EvalReport {
  const opts: TrainOptions = { ...(o.train ?? DEFAULT_TRAIN), folds: o.folds, seed: o.seed };
  const bullets = bulletDocs(report);
  const scheme = o.scheme ? schemeDocs(tax, opts.schemeWeight) : [];
  const yT = bullets.map((d) => d.t);
  const yK = bullets.map((d) => d.k);
  const folds = bulletFolds(bullets, o.folds, o.seed);

  const headsT: number[] = new Array(bullets.length).fill(0);
  const headsK: number[] = new Array(bullets.length).fill(0);
  const jointT: number[] = new Array(bullets.length).fill(0);
  const jointK: number[] = new Array(bullets.length).fill(0);
  const majT: number[] = new Array(bullets.length).fill(0);
  const majK: number[] = new Array(bullets.length).fill(0);
  const nbT: number[] = new Array(bullets.length).fill(0);
  const nbK: number[] = new Array(bullets.length).fill(0);
  let calSum = { thematique: 0, kind: 0, lambda: 0 };
  const fz = new Featurizer(opts.features, nlp.stem);
  const mixes: Calibrated['mix'][] = [];
  for (let f = 0; f < o.folds; f++) {
    const trainB = bullets.filter((_, i) => folds[i] !== f);
    // --no-scheme is the verbatims alone: no scheme texts, no coded examples.
    const ex = o.scheme && o.examples ? examplesOutside(o.examples, bullets, folds, f) : [];
    const taxF = ex.length ? withExamples(tax, ex) : tax;
    const schemeF = ex.length && o.scheme ? schemeDocs(taxF, opts.schemeWeight) : scheme;
    const train = trainB.concat(schemeF);
    // Calibration (temperatures, λ) by an inner CV on the training fold only.
    const inner = oofScores(trainB, schemeF, taxF, nlp, { ...opts, folds: Math.min(3, o.folds), seed: o.seed + 1 + f }, { base: tax, examples: ex });
    const core = fitCore(train, nlp, opts, fz);
    const c = calibrate(trainB, inner, core, taxF, nlp.stem, { quotes: false, priorShift: opts.priorShift, lambda: opts.lambda });
    calSum = { thematique: calSum.thematique + c.cal.thematique, kind: calSum.kind + c.cal.kind, lambda: calSum.lambda + c.cal.lambda };
    mixes.push(c.mix);
    const { scorer: sc } = makeScorer(core, taxF, c.cal, nlp.stem);
    const X = train.map((d) => fz.vector(d.text, core.idf));
    const nbt = trainNb(X, Int32Array.from(train.map((d) => d.t)), 4, fz.dim);
    const nbk = trainNb(X, Int32Array.from(train.map((d) => d.k)), 2, fz.dim);
    const mt = majority(
      trainB.map((d) => d.t),
      4,
    );
    const mk = majority(
      trainB.map((d) => d.k),
      2,
    );
    bullets.forEach((d, i) => {
      if (folds[i] !== f) return;
      sc.score(d.text);
      headsT[i] = argmax(sc.dT);
      headsK[i] = argmax(sc.dK);
      jointT[i] = sc.t;
      jointK[i] = sc.k;
      const x = fz.vector(d.text, core.idf);
      nbT[i] = predictNb(nbt, x);
      nbK[i] = predictNb(nbk, x);
      majT[i] = mt;
      majK[i] = mk;
      o.onPrediction?.({
        id: d.id ?? String(i + 1),
        fold: f,
        text: d.text,
        section: { thematique: d.t + 1, kind: d.k === 1 ? 'solution' : 'probleme' },
        predicted: { thematique: sc.t + 1, thematiqueScore: sc.pT[sc.t] ?? 0, kind: sc.k === 1 ? 'solution' : 'probleme', kindScore: sc.pK[sc.k] ?? 0 },
      });
    });
  }
  // Quotes: a model trained on everything (its heads saw the bullets the quotes were taken from:
  // the end-to-end figure is optimistic on the branch; the in-branch figure is not affected).
  const full = fitCore(bullets.concat(scheme), nlp, opts, fz);
  const q = quoteLoo(
    full,
    tax,
    { thematique: calSum.thematique / o.folds, kind: calSum.kind / o.folds, group: 0.03, idea: 0.05, sujet: 0.03, lambda: calSum.lambda / o.folds },
    nlp.stem,
  );
  const head = (classes: string[], y: number[], model: number[], heads: number[], maj: number[], nb: number[]): HeadReport => ({
    classes,
    model: metrics(y, model, classes.length),
    heads: metrics(y, heads, classes.length),
    majority: metrics(y, maj, classes.length),
    bayes: metrics(y, nb, classes.length),
  });
  return {
    protocol: {
      folds: o.folds,
      seed: o.seed,
      scheme: o.scheme,
      bullets: bullets.length,
      schemeDocs: scheme.length,
      examples: o.scheme ? (o.examples?.length ?? 0) : 0,
    },
    thematique: head(['t1', 't2', 't3', 't4'], yT, jointT, headsT, majT, nbT),
    kind: head(['probleme', 'solution'], yK, jointK, headsK, majK, nbK),
    quotes: { n: q.n, groupInBranch: q.group, ideaInBranch: q.idea, groupEndToEnd: q.groupE2E, ideaEndToEnd: q.ideaE2E },
    calibration: { thematique: calSum.thematique / o.folds, kind: calSum.kind / o.folds, lambda: calSum.lambda / o.folds },
    mixes,
  };
}

function majority(y: number[], k: number): number {
  const c = new Array<number>(k).fill(0);
  for (const v of y) c[v]! += 1;
  return argmax(c);
}
