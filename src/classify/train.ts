/**
 * Training: the data set (section-labelled bullets + the scheme's own texts), the fit of the two
 * heads, the cross-validated calibration, and the model file (pure: no I/O, no natural import;
 * the tokenizer and stemmer are passed in).
 *
 * Weak labels. A bullet's thématique/kind is the section heading it sits under, and people wrote
 * prevention ideas under T1, attractiveness under T1 and T3… We (1) add the scheme's texts (group
 * and idea labels, départemental aliases, Ex quotes, sujets) as clean examples with a higher
 * weight, (2) use the hinge-type linear SVM, whose dual variables are capped (one mislabelled
 * bullet moves the boundary only so far), with min-df pruning so that one-off words are not
 * memorised, and (3) down-weight the bullets whose label is contradicted with a clear margin by an
 * inner cross-validation ("confident learning": a bullet labelled T1 that five models trained
 * without it all put in T4 with a margin is probably a T4 idea written under T1).
 */
import type { Report } from '../model.js';
import { round, encodeSortedIndices, quantise16 } from './codec.js';
import { Featurizer, type FeatureConfig, DEFAULT_FEATURES, type SparseVec } from './features.js';
import { sha256Json } from './hashjson.js';
import { balancedWeights, decision, decisionDense, trainOvR, type LinearModel, type SvmOptions } from './linear.js';
import { nbToLinear, trainNb } from './nb.js';
import { mulberry32 } from './prng.js';
import { protoNodes, ProtoIndex, type ProtoNode } from './prototypes.js';
import { type Calibration, Scorer, softmaxInto } from './scorer.js';
import type { Taxonomy } from './taxonomy.js';
import type { Stemmer, Tokenizer } from './text.js';
import { metrics, stratifiedFolds } from '../eval/metrics.js';

export const MODEL_SCHEMA = 'cnr-synth/model@1';

export interface TrainOptions {
  features: FeatureConfig;
  C: number;
  loss: 'l1' | 'l2';
  maxIter: number;
  eps: number;
  balanced: boolean;
  minDfWord: number;
  minDfChar: number;
  schemeWeight: number;
  /** Confident learning: margin above which a contradicted bullet is down-weighted (0 = off). */
  noiseMargin: number;
  noiseWeight: number;
  folds: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainOptions = {
  features: DEFAULT_FEATURES,
  C: 0.5,
  loss: 'l2',
  maxIter: 25,
  eps: 0.1,
  balanced: false,
  minDfWord: 1,
  minDfChar: 2,
  schemeWeight: 2,
  noiseMargin: 0,
  noiseWeight: 0.3,
  folds: 5,
  seed: 1,
};

export interface Nlp {
  tokenize: Tokenizer;
  stem: Stemmer;
}

export interface TrainDoc {
  text: string;
  /** 0..3 */
  t: number;
  /** 0 probleme, 1 solution */
  k: number;
  weight: number;
  source: 'bullet' | 'scheme';
  /** For bullets: the verbatim id. */
  id?: string;
}

export function bulletDocs(report: Report): TrainDoc[] {
  return report.verbatims.map((v) => ({ text: v.text, t: v.thematique - 1, k: v.kind === 'solution' ? 1 : 0, weight: 1, source: 'bullet' as const, id: v.id }));
}

export function schemeDocs(tax: Taxonomy, weight: number): TrainDoc[] {
  const out: TrainDoc[] = [];
  for (const b of tax.branches) {
    const t = b.thematique - 1;
    const k = b.kind === 'solution' ? 1 : 0;
    const add = (text: string) => out.push({ text, t, k, weight, source: 'scheme' });
    for (const s of b.sujets) if (!/^autres?$/i.test(s.label.trim())) add(s.label);
    for (const g of b.groups) {
      add(g.label);
      g.aliases.forEach(add);
      for (const i of g.ideas) {
        add(i.label);
        i.aliases.forEach(add);
        i.quotes.forEach((q) => add(q.text));
      }
    }
  }
  return out;
}

export interface Core {
  fz: Featurizer;
  idf: Float32Array;
  /** The heads in use: a·SVM + b·NB (see `mixHeads`); the SVMs alone until `calibrate`. */
  headT: LinearModel;
  headK: LinearModel;
  svmT: LinearModel;
  svmK: LinearModel;
  nbT: LinearModel;
  nbK: LinearModel;
  nDocs: number;
  /** Buckets in the vocabulary (idf > 0), sorted. */
  vocab: Int32Array;
  noisy: number;
}

export function computeIdf(fz: Featurizer, docs: TrainDoc[], opts: TrainOptions): { idf: Float32Array; vocab: Int32Array } {
  const df = new Int32Array(fz.dim);
  for (const d of docs) for (const b of fz.buckets(d.text)) df[b]! += 1;
  const idf = new Float32Array(fz.dim);
  const n = docs.length;
  const vocab: number[] = [];
  for (let b = 0; b < fz.dim; b++) {
    const min = b < fz.wordDim ? opts.minDfWord : opts.minDfChar;
    const d = df[b]!;
    if (d > 0 && d >= min) {
      idf[b] = Math.log((1 + n) / (1 + d)) + 1;
      vocab.push(b);
    }
  }
  return { idf, vocab: Int32Array.from(vocab) };
}

function svmOpts(opts: TrainOptions, seed: number): SvmOptions {
  return { C: opts.C, loss: opts.loss, maxIter: opts.maxIter, eps: opts.eps, seed };
}

function fitHead(X: SparseVec[], y: Int32Array, k: number, dim: number, w: Float64Array, opts: TrainOptions, seed: number): LinearModel {
  return trainOvR(X, y, k, dim, { ...svmOpts(opts, seed), sampleWeight: w, ...(opts.balanced ? { classWeight: balancedWeights(y, k, w) } : {}) });
}

/** Inner-CV down-weighting of bullets whose label is contradicted with a margin. */
function noiseWeights(X: SparseVec[], docs: TrainDoc[], y: Int32Array, k: number, dim: number, w: Float64Array, opts: TrainOptions): Float64Array {
  const out = Float64Array.from(w);
  if (opts.noiseMargin <= 0) return out;
  const bullets: number[] = [];
  docs.forEach((d, i) => d.source === 'bullet' && bullets.push(i));
  const inner = stratifiedFolds(bullets.map((i) => y[i]!), 5, mulberry32(opts.seed + 101));
  const foldOf = new Int32Array(docs.length).fill(-1);
  bullets.forEach((i, j) => (foldOf[i] = inner[j]!));
  const o = new Float64Array(k);
  for (let f = 0; f < 5; f++) {
    const tr: number[] = [];
    for (let i = 0; i < docs.length; i++) if (foldOf[i] !== f) tr.push(i);
    const m = fitHead(tr.map((i) => X[i]!), Int32Array.from(tr.map((i) => y[i]!)), k, dim, Float64Array.from(tr.map((i) => w[i]!)), opts, opts.seed + 7);
    for (const i of bullets) {
      if (foldOf[i] !== f) continue;
      decision(m, X[i]!.idx, X[i]!.val, X[i]!.idx.length, o);
      let b = 0;
      for (let c = 1; c < k; c++) if (o[c]! > o[b]!) b = c;
      if (b !== y[i] && o[b]! - o[y[i]!]! > opts.noiseMargin) out[i] = w[i]! * opts.noiseWeight;
    }
  }
  return out;
}

/** Fit idf and the two heads on `docs`. */
export function fitCore(docs: TrainDoc[], nlp: Nlp, opts: TrainOptions, fz?: Featurizer): Core {
  fz ??= new Featurizer(opts.features, nlp.tokenize, nlp.stem);
  const { idf, vocab } = computeIdf(fz, docs, opts);
  const X = docs.map((d) => fz.vector(d.text, idf));
  const w = Float64Array.from(docs.map((d) => d.weight));
  const yT = Int32Array.from(docs.map((d) => d.t));
  const yK = Int32Array.from(docs.map((d) => d.k));
  const wT = noiseWeights(X, docs, yT, 4, fz.dim, w, opts);
  const wK = noiseWeights(X, docs, yK, 2, fz.dim, w, opts);
  let noisy = 0;
  for (let i = 0; i < docs.length; i++) if (wT[i]! < w[i]! || wK[i]! < w[i]!) noisy++;
  const svmT = fitHead(X, yT, 4, fz.dim, wT, opts, opts.seed);
  const svmK = fitHead(X, yK, 2, fz.dim, wK, opts, opts.seed + 11);
  const nbT = nbToLinear(trainNb(X, yT, 4, fz.dim), fz.dim);
  const nbK = nbToLinear(trainNb(X, yK, 2, fz.dim), fz.dim);
  return { fz, idf, headT: svmT, headK: svmK, svmT, svmK, nbT, nbK, nDocs: docs.length, vocab, noisy };
}

/** Weights of the two experts in a mixed head (temperatures folded in). */
export interface Mix {
  svm: number;
  nb: number;
}

/** Product of experts: logits a·d_SVM + b·d_NB, one linear head again (no cost at prediction). */
export function mixHeads(svm: LinearModel, nb: LinearModel, mix: Mix): LinearModel {
  const W = new Float32Array(svm.W.length);
  for (let i = 0; i < W.length; i++) W[i] = mix.svm * svm.W[i]! + mix.nb * nb.W[i]!;
  const bias = Float32Array.from(svm.bias, (b, c) => mix.svm * b + mix.nb * nb.bias[c]!);
  return { nClasses: svm.nClasses, dim: svm.dim, W, bias };
}

export interface Protos {
  nodes: ProtoNode[];
  /** Vectors of each node's texts (kept so that leave-one-out prototypes are cheap). */
  vectors: SparseVec[][];
  index: ProtoIndex;
}

export function buildProtos(fz: Featurizer, idf: Float32Array, tax: Taxonomy, exclude?: (node: ProtoNode, text: string) => boolean): Protos {
  const nodes = protoNodes(tax);
  const vectors = nodes.map((n) => n.texts.filter((t) => !exclude?.(n, t)).map((t) => fz.vector(t, idf)));
  return { nodes, vectors, index: new ProtoIndex(fz.dim, vectors, fz.wordDim) };
}

export function makeScorer(core: Core, protos: Protos, tax: Taxonomy, cal: Calibration): Scorer {
  return new Scorer(core.fz, core.idf, core.headT, core.headK, protos.index, protos.nodes, tax, cal);
}

/** Temperature minimising the negative log-likelihood of `scores` (rows of k) for labels y. */
export function fitTemperature(scores: Float64Array[], y: ArrayLike<number>, k: number, grid = TEMPS): number {
  const p = new Float64Array(k);
  let best = grid[0]!;
  let bestNll = Infinity;
  for (const T of grid) {
    let nll = 0;
    for (let i = 0; i < scores.length; i++) {
      softmaxInto(scores[i]!, k, T, p);
      nll -= Math.log(Math.max(p[y[i]!]!, 1e-12));
    }
    if (nll < bestNll - 1e-9) {
      bestNll = nll;
      best = T;
    }
  }
  return best;
}

const TEMPS = [0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1, 1.25, 1.5, 2, 3];
const LAMBDAS = [0, 0.5, 1, 2, 3, 4, 6, 8];

export interface OofScores {
  folds: Int32Array;
  dT: Float64Array[];
  dK: Float64Array[];
  /** Naive Bayes log-posteriors (unnormalised). */
  nT: Float64Array[];
  nK: Float64Array[];
  bestIdea: Float64Array[];
}

/** Out-of-fold decision values for the bullets (scheme docs in every training fold). */
export function oofScores(bullets: TrainDoc[], scheme: TrainDoc[], tax: Taxonomy, nlp: Nlp, opts: TrainOptions): OofScores {
  const folds = stratifiedFolds(bullets.map((d) => d.t * 2 + d.k), opts.folds, mulberry32(opts.seed));
  const dT = bullets.map(() => new Float64Array(4));
  const dK = bullets.map(() => new Float64Array(2));
  const bestIdea = bullets.map(() => new Float64Array(8));
  const nT = bullets.map(() => new Float64Array(4));
  const nK = bullets.map(() => new Float64Array(2));
  const fz = new Featurizer(opts.features, nlp.tokenize, nlp.stem);
  for (let f = 0; f < opts.folds; f++) {
    const train = bullets.filter((_, i) => folds[i] !== f).concat(scheme);
    const core = fitCore(train, nlp, opts, fz);
    const sc = makeScorer(core, buildProtos(fz, core.idf, tax), tax, { thematique: 1, kind: 1, group: 0.05, idea: 0.05, sujet: 0.05, lambda: 0 });
    bullets.forEach((d, i) => {
      if (folds[i] !== f) return;
      sc.score(d.text);
      dT[i]!.set(sc.dT);
      dK[i]!.set(sc.dK);
      bestIdea[i]!.set(sc.bestIdea);
      decisionDense(core.nbT, fz.touched, fz.nTouched, fz.acc, nT[i]!);
      decisionDense(core.nbK, fz.touched, fz.nTouched, fz.acc, nK[i]!);
      sc.done();
    });
  }
  return { folds, dT, dK, nT, nK, bestIdea };
}

/** Joint thématique/kind prediction from head scores and branch evidence (as Scorer does). */
export function jointPredict(dT: Float64Array, dK: Float64Array, best: Float64Array, cal: Pick<Calibration, 'thematique' | 'kind' | 'lambda'>, out: { t: number; k: number; pt: number; pk: number }): void {
  const pT = new Float64Array(4);
  const pK = new Float64Array(2);
  softmaxInto(dT, 4, cal.thematique, pT);
  softmaxInto(dK, 2, cal.kind, pK);
  const l = new Float64Array(8);
  for (let s = 0; s < 8; s++) l[s] = Math.log(pT[s >> 1]! + 1e-12) + Math.log(pK[s & 1]! + 1e-12) + cal.lambda * best[s]!;
  const pB = new Float64Array(8);
  softmaxInto(l, 8, 1, pB);
  let bt = 0;
  const th = [0, 0, 0, 0];
  for (let t = 0; t < 4; t++) {
    th[t] = pB[2 * t]! + pB[2 * t + 1]!;
    if (th[t]! > th[bt]!) bt = t;
  }
  const k0 = pB[0]! + pB[2]! + pB[4]! + pB[6]!;
  out.t = bt;
  out.pt = th[bt]!;
  out.k = k0 >= 0.5 ? 0 : 1;
  out.pk = Math.max(k0, 1 - k0);
}

export interface Thresholds {
  /** needs_review when the thématique score is below this (chosen so that accepted items reach `targetThematique` CV accuracy). */
  thematique: number;
  kind: number;
  /** An idea is reported only when its cosine with the verbatim reaches this. */
  idea: number;
  sujet: number;
  /** out_of_scheme when fewer than this share of content words are in the vocabulary. */
  coverage: number;
  group: number;
}

/** Smallest threshold whose accepted items reach `target` accuracy (with at least 10% of items kept). */
export function thresholdFor(conf: number[], correct: boolean[], target: number): number {
  const order = conf.map((c, i) => i).sort((a, b) => conf[b]! - conf[a]! || a - b);
  let ok = 0;
  let best = 1;
  for (let r = 0; r < order.length; r++) {
    if (correct[order[r]!]) ok++;
    const acc = ok / (r + 1);
    if (r + 1 >= order.length * 0.1 && acc >= target) best = conf[order[r]!]!;
  }
  return round(best, 3);
}

export interface Calibrated {
  cal: Calibration;
  mix: { thematique: Mix; kind: Mix };
  thresholds: Thresholds;
  cv: { thematique: { accuracy: number; macroF1: number }; kind: { accuracy: number; macroF1: number }; quotes: { group: number; idea: number; n: number } };
}

/** Leave-one-out group/idea scores of the Ex quotes within their true branch. */
export interface QuoteLoo {
  n: number;
  /** Accuracy within the true branch. */
  group: number;
  idea: number;
  /** Accuracy with the branch predicted too. */
  groupE2E: number;
  ideaE2E: number;
  groupScores: Float64Array[];
  ideaScores: Float64Array[];
  gTrue: number[];
  iTrue: number[];
}

export function quoteLoo(core: Core, tax: Taxonomy, cal: Calibration): QuoteLoo {
  const fz = core.fz;
  const protos = buildProtos(fz, core.idf, tax);
  const groupScores: Float64Array[] = [];
  const ideaScores: Float64Array[] = [];
  const gTrue: number[] = [];
  const iTrue: number[] = [];
  let gOk = 0;
  let iOk = 0;
  let gE = 0;
  let iE = 0;
  let n = 0;
  const nodes = protos.nodes;
  tax.branches.forEach((b) => {
    for (const g of b.groups)
      for (const idea of g.ideas)
        for (const q of idea.quotes) {
          const ni = nodes.findIndex((x) => x.id === idea.id);
          const ng = nodes[ni]!.parent;
          // Rebuild the two prototypes without the quote (leave-one-out).
          const vectors = protos.vectors.map((vs, k) => (k === ni ? vs.filter((_, j) => nodes[k]!.texts[j] !== q.text) : vs));
          const index = new ProtoIndex(fz.dim, vectors, fz.wordDim);
          const sc = new Scorer(fz, core.idf, core.headT, core.headK, index, nodes, tax, cal);
          sc.score(q.text);
          // Within the true branch.
          const gs: number[] = [];
          const gIds: number[] = [];
          for (let x = 0; x < sc.nGroups; x++) if (nodes[x]!.branch === nodes[ng]!.branch) (gs.push(sc.groupScore[x]!), gIds.push(x));
          const a = sc.groupIdeas[2 * ng]!;
          const e = sc.groupIdeas[2 * ng + 1]!;
          const is: number[] = [];
          for (let x = a; x < e; x++) is.push(index.sims[x]!);
          const ge = sc.bestGroupIn(sc.slot);
          if (ge === ng) gE++;
          if (ge >= 0 && sc.bestIdeaOf(ge) === ni) iE++;
          sc.done();
          const gPred = gIds[gs.indexOf(Math.max(...gs))]!;
          const iPred = a + is.indexOf(Math.max(...is));
          if (gPred === ng) gOk++;
          if (iPred === ni) iOk++;
          n++;
          groupScores.push(Float64Array.from(gs));
          gTrue.push(gIds.indexOf(ng));
          ideaScores.push(Float64Array.from(is));
          iTrue.push(ni - a);
        }
  });
  const r = (x: number) => (n ? x / n : 0);
  return { group: r(gOk), idea: r(iOk), groupE2E: r(gE), ideaE2E: r(iE), n, groupScores, ideaScores, gTrue, iTrue };
}

function fitTempRagged(scores: Float64Array[], y: number[]): number {
  let best = TEMPS[0]!;
  let bestNll = Infinity;
  for (const T of TEMPS) {
    let nll = 0;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      const p = new Float64Array(s.length);
      softmaxInto(s, s.length, T, p);
      nll -= Math.log(Math.max(p[y[i]!]!, 1e-12));
    }
    if (nll < bestNll - 1e-9) {
      bestNll = nll;
      best = T;
    }
  }
  return best;
}

function mixed(d: Float64Array, n: Float64Array, m: Mix): Float64Array {
  return Float64Array.from(d, (x, c) => m.svm * x + m.nb * n[c]!);
}

const BETAS = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3];

/**
 * The SVM/NB mix of a head: each expert's temperature by maximum likelihood, then the NB share β
 * that maximises `goal` on the out-of-fold scores, then one temperature for the product.
 */
export function fitMix(d: Float64Array[], n: Float64Array[], y: number[], k: number, goal: 'f1' | 'accuracy'): Mix {
  const ts = fitTemperature(d, y, k);
  const tn = fitTemperature(n, y, k, NB_TEMPS);
  let beta = 0;
  let best = -1;
  for (const b of BETAS) {
    const m = { svm: 1 / ts, nb: b / tn };
    const pred = d.map((x, i) => argmaxF(mixed(x, n[i]!, m)));
    const mm = metrics(y, pred, k);
    const v = goal === 'f1' ? mm.macroF1 : mm.accuracy;
    if (v > best + 1e-9) {
      best = v;
      beta = b;
    }
  }
  const m0 = { svm: 1 / ts, nb: beta / tn };
  const tc = fitTemperature(d.map((x, i) => mixed(x, n[i]!, m0)), y, k, [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3]);
  return { svm: m0.svm / tc, nb: m0.nb / tc };
}

const NB_TEMPS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 8];

function argmaxF(x: ArrayLike<number>): number {
  let b = 0;
  for (let i = 1; i < x.length; i++) if (x[i]! > x[b]!) b = i;
  return b;
}

function roundMix(m: Mix): Mix {
  return { svm: round(m.svm), nb: round(m.nb) };
}

/** Temperatures, λ and review thresholds from out-of-fold scores and quote leave-one-out. */
export function calibrate(bullets: TrainDoc[], oof: OofScores, core: Core, tax: Taxonomy, how: { quotes: boolean } = { quotes: true }): Calibrated {
  const yT = bullets.map((d) => d.t);
  const yK = bullets.map((d) => d.k);
  const mT = fitMix(oof.dT, oof.nT, yT, 4, 'f1');
  const mK = fitMix(oof.dK, oof.nK, yK, 2, 'accuracy');
  const zT = oof.dT.map((d, i) => mixed(d, oof.nT[i]!, mT));
  const zK = oof.dK.map((d, i) => mixed(d, oof.nK[i]!, mK));
  core.headT = mixHeads(core.svmT, core.nbT, mT);
  core.headK = mixHeads(core.svmK, core.nbK, mK);
  const tT = 1;
  const tK = 1;
  let lambda = 0;
  let bestF1 = -1;
  const o = { t: 0, k: 0, pt: 0, pk: 0 };
  for (const lam of LAMBDAS) {
    const pred = bullets.map((_, i) => (jointPredict(zT[i]!, zK[i]!, oof.bestIdea[i]!, { thematique: tT, kind: tK, lambda: lam }, o), o.t));
    const f1 = metrics(yT, pred, 4).macroF1;
    if (f1 > bestF1 + 1e-9) {
      bestF1 = f1;
      lambda = lam;
    }
  }
  const predT: number[] = [];
  const predK: number[] = [];
  const confT: number[] = [];
  const confK: number[] = [];
  bullets.forEach((_, i) => {
    jointPredict(zT[i]!, zK[i]!, oof.bestIdea[i]!, { thematique: tT, kind: tK, lambda }, o);
    predT.push(o.t);
    predK.push(o.k);
    confT.push(o.pt);
    confK.push(o.pk);
  });
  const metT = metrics(yT, predT, 4);
  const metK = metrics(yK, predK, 2);
  const cal0: Calibration = { thematique: tT, kind: tK, group: 0.03, idea: 0.05, sujet: 0.03, lambda };
  const q = how.quotes ? quoteLoo(core, tax, cal0) : null;
  const tG = q ? fitTempRagged(q.groupScores, q.gTrue) : cal0.group;
  const tI = q ? fitTempRagged(q.ideaScores, q.iTrue) : cal0.idea;
  const cal: Calibration = { thematique: tT, kind: tK, group: tG, idea: tI, sujet: tG, lambda };
  const thresholds: Thresholds = {
    thematique: thresholdFor(confT, predT.map((p, i) => p === yT[i]), 0.8),
    kind: thresholdFor(confK, predK.map((p, i) => p === yK[i]), 0.93),
    idea: 0.12,
    sujet: 0.2,
    coverage: 0.5,
    group: 0.35,
  };
  return {
    cal,
    mix: { thematique: roundMix(mT), kind: roundMix(mK) },
    thresholds,
    cv: {
      thematique: { accuracy: round(metT.accuracy, 4), macroF1: round(metT.macroF1, 4) },
      kind: { accuracy: round(metK.accuracy, 4), macroF1: round(metK.macroF1, 4) },
      quotes: q ? { group: round(q.group, 4), idea: round(q.idea, 4), n: q.n } : { group: 0, idea: 0, n: 0 },
    },
  };
}

export interface HeadFile {
  classes: string[];
  bias: number[];
  scale: number;
  weights: string;
}

export interface ModelFile {
  schema: string;
  taxonomy: { sha256: string; groups: number; ideas: number };
  features: FeatureConfig;
  options: Omit<TrainOptions, 'features'>;
  training: { bullets: number; scheme: number; downweighted: number; report: { file: string; sha256: string } };
  vocab: { size: number; nDocs: number; buckets: string; idf: { scale: number; data: string } };
  heads: { thematique: HeadFile; kind: HeadFile };
  calibration: Calibration;
  /** How the SVM and naive Bayes experts were mixed into each head (temperatures folded in). */
  mix: Calibrated['mix'];
  thresholds: Thresholds;
  cv: Calibrated['cv'];
}

function headFile(m: LinearModel, vocab: Int32Array, classes: string[]): HeadFile {
  const C = m.nClasses;
  const vals = new Float32Array(vocab.length * C);
  for (let r = 0; r < vocab.length; r++) for (let c = 0; c < C; c++) vals[r * C + c] = m.W[vocab[r]! * C + c]!;
  const q = quantise16(vals);
  return { classes, bias: Array.from(m.bias, (b) => round(b, 7)), scale: q.scale, weights: q.data };
}

/** The whole training run: CV calibration, then the final fit on everything. Deterministic. */
export function trainModel(report: Report, tax: Taxonomy, nlp: Nlp, opts: TrainOptions = DEFAULT_TRAIN): { model: ModelFile; core: Core } {
  const bullets = bulletDocs(report);
  const scheme = schemeDocs(tax, opts.schemeWeight);
  const oof = oofScores(bullets, scheme, tax, nlp, opts);
  const core = fitCore(bullets.concat(scheme), nlp, opts);
  const c = calibrate(bullets, oof, core, tax);
  const idfVals = new Float32Array(core.vocab.length);
  for (let r = 0; r < core.vocab.length; r++) idfVals[r] = core.idf[core.vocab[r]!]!;
  const { features, ...rest } = opts;
  const model: ModelFile = {
    schema: MODEL_SCHEMA,
    taxonomy: { sha256: taxonomyHash(tax), groups: tax.totals.groups, ideas: tax.totals.ideas },
    features,
    options: rest,
    training: { bullets: bullets.length, scheme: scheme.length, downweighted: core.noisy, report: { file: report.source.file, sha256: report.source.sha256 } },
    vocab: { size: core.vocab.length, nDocs: core.nDocs, buckets: encodeSortedIndices(core.vocab), idf: quantise16(idfVals) },
    heads: {
      thematique: headFile(core.headT, core.vocab, ['t1', 't2', 't3', 't4']),
      kind: headFile(core.headK, core.vocab, ['probleme', 'solution']),
    },
    calibration: roundCal(c.cal),
    mix: c.mix,
    thresholds: c.thresholds,
    cv: c.cv,
  };
  return { model, core };
}

function roundCal(c: Calibration): Calibration {
  return { thematique: round(c.thematique), kind: round(c.kind), group: round(c.group), idea: round(c.idea), sujet: round(c.sujet), lambda: round(c.lambda) };
}

/** Identity of a taxonomy's content (the model is only valid with the taxonomy it was trained on). */
export function taxonomyHash(tax: Taxonomy): string {
  return sha256Json({ thematiques: tax.thematiques, branches: tax.branches });
}

/** The model file as written to disk: stable key order, one trailing newline. */
export function serialiseModel(m: ModelFile): string {
  return `${JSON.stringify(m, null, 1)}\n`;
}
