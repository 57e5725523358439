/**
 * Training: the data set (section-labelled bullets + the scheme's own texts), the fit of the
 * heads, the cross-validated calibration, and the model file (pure: no I/O, no natural import;
 * the stemmer is passed in).
 *
 * Weak labels. A bullet's thématique/kind is the section heading it sits under, and people wrote
 * prevention ideas under T1, attractiveness under T1 and T3… We (1) add the scheme's texts (group
 * and idea labels, départemental aliases, Ex quotes, sujets) as clean examples with a higher
 * weight, (2) use linear models whose per-sample influence is bounded (the SVM's dual variables
 * are capped), with min-df pruning so that one-off character n-grams are not memorised, and
 * (3) optionally down-weight the bullets whose label is contradicted with a clear margin by an
 * inner cross-validation ("confident learning"; off by default: it did not help here).
 *
 * Each head (thématique, kind) is a product of three linear experts on the same features — a
 * linear SVM, multinomial naive Bayes and an NB-SVM (an SVM on features scaled by their naive
 * Bayes log-count ratio, Wang & Manning 2012) — mixed with weights and temperatures fitted on
 * out-of-fold scores, then shifted by per-class biases fitted on the same out-of-fold scores
 * (prior shift: the thématique biases maximise macro-F1, the kind bias accuracy). All three are
 * linear, so the mix is one linear head again: nothing is added at prediction time.
 */
import type { Report } from '../model.js';
import { round, decodeSortedIndices, decodeVarints, dequantise16, encodeSortedIndices, encodeVarints, quantise16 } from './codec.js';
import { Featurizer, type FeatureConfig, DEFAULT_FEATURES, type SparseVec } from './features.js';
import { sha256Json } from './hashjson.js';
import { balancedWeights, decision, trainBinary, trainOvR, type LinearModel, type SvmOptions } from './linear.js';
import { nbToLinear, trainNb } from './nb.js';
import { mulberry32 } from './prng.js';
import { protoIndexFromCsr, protoNodes, ProtoIndex, type ProtoNode } from './prototypes.js';
import { type Calibration, logSoftmaxInto, type RowModel, Scorer, softmaxInto } from './scorer.js';
import { withExamples, type CodedExample, type Taxonomy } from './taxonomy.js';
import type { Stemmer, Tokenizer } from './text.js';
import { metrics, stratifiedFolds } from '../eval/metrics.js';

export const MODEL_SCHEMA = 'cnr-synth/model@2';

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
  /** C of the NB-SVM expert's binary SVMs (0: no NB-SVM expert). */
  nbsvmC: number;
  /** Fit per-class biases on the out-of-fold scores (thématique: macro-F1; kind: accuracy). */
  priorShift: boolean;
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
  nbsvmC: 0.3,
  priorShift: true,
  noiseMargin: 0,
  noiseWeight: 0.3,
  folds: 5,
  seed: 1,
};

export interface Nlp {
  /** natural's tokenizer: the reference of the scanner (scan.ts), used by `analyse` and the tests. */
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

/** The protocol's folds of the bullets: stratified by thématique × kind, seeded (eval, train, --coded). */
export function bulletFolds(bullets: TrainDoc[], k: number, seed: number): Int32Array {
  return stratifiedFolds(bullets.map((d) => d.t * 2 + d.k), k, mulberry32(seed));
}

/** The coded examples a model trained without fold `f` may learn from: those whose verbatim is not in it. */
export function examplesOutside(examples: readonly CodedExample[], bullets: TrainDoc[], folds: Int32Array, f: number): CodedExample[] {
  const inFold = new Set<string>();
  bullets.forEach((d, i) => {
    if (folds[i] === f && d.id !== undefined) inFold.add(d.id);
  });
  return examples.filter((e) => !inFold.has(e.id));
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
      g.examples?.forEach(add);
      for (const i of g.ideas) {
        add(i.label);
        i.aliases.forEach(add);
        i.quotes.forEach((q) => add(q.text));
        i.examples?.forEach(add);
      }
    }
  }
  return out;
}


/** The experts of a head, in mixing order. */
export const EXPERTS = ['svm', 'nb', 'nbsvm'] as const;
export type Expert = (typeof EXPERTS)[number];

export interface Core {
  fz: Featurizer;
  idf: Float32Array;
  /** The heads in use (the mix of the experts once `calibrate` has run; the SVMs until then). */
  headT: LinearModel;
  headK: LinearModel;
  /** The experts of each head (NB-SVM absent when `nbsvmC` is 0). */
  expT: Partial<Record<Expert, LinearModel>>;
  expK: Partial<Record<Expert, LinearModel>>;
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

/**
 * NB-SVM, one-vs-rest: for class c, r = ln(p / |p|₁) − ln(q / |q|₁) with p, q the smoothed
 * document frequencies of each feature in and out of c; a binary SVM on x ∘ r; folded back into
 * one linear model (W[:, c] = r ∘ w).
 */
export function trainNbsvm(X: SparseVec[], y: Int32Array, k: number, dim: number, w: Float64Array, C: number, opts: TrainOptions, seed: number): LinearModel {
  const W = new Float32Array(dim * k);
  const bias = new Float32Array(k);
  const p = new Float64Array(dim);
  const q = new Float64Array(dim);
  const r = new Float64Array(dim);
  const yb = new Int8Array(X.length);
  const cost = Float64Array.from(w, (v) => v * C);
  for (let c = 0; c < k; c++) {
    p.fill(1);
    q.fill(1);
    for (let i = 0; i < X.length; i++) {
      const idx = X[i]!.idx;
      const t = y[i] === c ? p : q;
      for (let j = 0; j < idx.length; j++) t[idx[j]!]! += 1;
      yb[i] = y[i] === c ? 1 : -1;
    }
    let sp = 0;
    let sq = 0;
    for (let b = 0; b < dim; b++) {
      sp += p[b]!;
      sq += q[b]!;
    }
    const lp = Math.log(sp);
    const lq = Math.log(sq);
    for (let b = 0; b < dim; b++) r[b] = Math.log(p[b]!) - lp - (Math.log(q[b]!) - lq);
    const Xs = X.map(({ idx, val }) => ({ idx, val: Float32Array.from(val, (v, j) => v * r[idx[j]!]!) }));
    const wc = trainBinary(Xs, yb, dim, cost, { ...svmOpts(opts, seed + c), C });
    for (let b = 0; b < dim; b++) if (wc[b] !== 0) W[b * k + c] = wc[b]! * r[b]!;
    bias[c] = wc[dim]!;
  }
  return { nClasses: k, dim, W, bias };
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

/** Fit idf and the experts of both heads on `docs`. */
export function fitCore(docs: TrainDoc[], nlp: Pick<Nlp, 'stem'>, opts: TrainOptions, fz?: Featurizer): Core {
  fz ??= new Featurizer(opts.features, nlp.stem);
  const { idf, vocab } = computeIdf(fz, docs, opts);
  const X = docs.map((d) => fz.vector(d.text, idf));
  const w = Float64Array.from(docs.map((d) => d.weight));
  const yT = Int32Array.from(docs.map((d) => d.t));
  const yK = Int32Array.from(docs.map((d) => d.k));
  const wT = noiseWeights(X, docs, yT, 4, fz.dim, w, opts);
  const wK = noiseWeights(X, docs, yK, 2, fz.dim, w, opts);
  let noisy = 0;
  for (let i = 0; i < docs.length; i++) if (wT[i]! < w[i]! || wK[i]! < w[i]!) noisy++;
  const expT: Core['expT'] = {
    svm: fitHead(X, yT, 4, fz.dim, wT, opts, opts.seed),
    nb: nbToLinear(trainNb(X, yT, 4, fz.dim), fz.dim),
  };
  const expK: Core['expK'] = {
    svm: fitHead(X, yK, 2, fz.dim, wK, opts, opts.seed + 11),
    nb: nbToLinear(trainNb(X, yK, 2, fz.dim), fz.dim),
  };
  if (opts.nbsvmC > 0) {
    expT.nbsvm = trainNbsvm(X, yT, 4, fz.dim, wT, opts.nbsvmC, opts, opts.seed + 23);
    expK.nbsvm = trainNbsvm(X, yK, 2, fz.dim, wK, opts.nbsvmC, opts, opts.seed + 29);
  }
  return { fz, idf, headT: expT.svm!, headK: expK.svm!, expT, expK, nDocs: docs.length, vocab, noisy };
}

/** Weights of the experts in a mixed head (temperatures folded in) and the per-class biases added after. */
export interface Mix {
  svm: number;
  nb: number;
  nbsvm: number;
  bias: number[];
}

/** Product of experts: logits Σ a_e · d_e + bias, one linear head again (no cost at prediction). */
export function mixHeads(exp: Partial<Record<Expert, LinearModel>>, mix: Mix): LinearModel {
  const base = exp.svm!;
  const W = new Float32Array(base.W.length);
  const bias = new Float32Array(base.nClasses);
  for (const e of EXPERTS) {
    const m = exp[e];
    const a = mix[e];
    if (!m || a === 0) continue;
    for (let i = 0; i < W.length; i++) W[i]! += a * m.W[i]!;
    for (let c = 0; c < bias.length; c++) bias[c]! += a * m.bias[c]!;
  }
  for (let c = 0; c < bias.length; c++) bias[c]! += mix.bias[c] ?? 0;
  return { nClasses: base.nClasses, dim: base.dim, W, bias };
}

/** The nodes' prototypes: vectors over the hashed space (kept for leave-one-out) and the index over rows. */
export interface Protos {
  nodes: ProtoNode[];
  /** Vectors of each node's texts, over the hashed space. */
  vectors: SparseVec[][];
  index: ProtoIndex;
}

/** Row space of a vocabulary: rowOf[bucket] = row (−1 outside), word rows first. */
export function rowSpace(vocab: Int32Array, cfg: FeatureConfig): { rowOf: Int32Array; nWord: number } {
  const rowOf = new Int32Array((1 << cfg.wordBits) + (1 << cfg.charBits)).fill(-1);
  let nWord = 0;
  const wd = 1 << cfg.wordBits;
  for (let r = 0; r < vocab.length; r++) {
    rowOf[vocab[r]!] = r;
    if (vocab[r]! < wd) nWord = r + 1;
  }
  return { rowOf, nWord };
}

function toRows(v: SparseVec, rowOf: Int32Array): SparseVec {
  const idx = new Int32Array(v.idx.length);
  for (let k = 0; k < idx.length; k++) idx[k] = rowOf[v.idx[k]!]!;
  return { idx, val: v.val };
}

export function protoIndex(vectors: SparseVec[][], rowOf: Int32Array, nRows: number, nWord: number): ProtoIndex {
  return new ProtoIndex(nRows, vectors.map((vs) => vs.map((v) => toRows(v, rowOf))), nWord);
}

export function buildProtos(fz: Featurizer, idf: Float32Array, tax: Taxonomy, rows: { rowOf: Int32Array; nWord: number; nRows: number }): Protos {
  const nodes = protoNodes(tax);
  const vectors = nodes.map((n) => n.texts.map((t) => fz.vector(t, idf, true)));
  return { nodes, vectors, index: protoIndex(vectors, rows.rowOf, rows.nRows, rows.nWord) };
}

/** A head over the hashed space gathered to rows. */
function gatherRows(m: LinearModel, vocab: Int32Array): LinearModel {
  const C = m.nClasses;
  const W = new Float32Array(vocab.length * C);
  for (let r = 0; r < vocab.length; r++) for (let c = 0; c < C; c++) W[r * C + c] = m.W[vocab[r]! * C + c]!;
  return { nClasses: C, dim: vocab.length, W, bias: m.bias };
}

/** The core's heads and vocabulary in row space (what the scorer compiles). */
export function coreRows(core: Core): RowModel & { nRows: number } {
  const { rowOf, nWord } = rowSpace(core.vocab, core.fz.cfg);
  const idf = new Float32Array(core.vocab.length);
  for (let r = 0; r < idf.length; r++) idf[r] = core.idf[core.vocab[r]!]!;
  return { cfg: core.fz.cfg, rowOf, nWord, nRows: core.vocab.length, idf, headT: gatherRows(core.headT, core.vocab), headK: gatherRows(core.headK, core.vocab) };
}

/** A scorer for the core's current heads and prototypes rebuilt from the taxonomy. */
export function makeScorer(core: Core, tax: Taxonomy, cal: Calibration, stem: Stemmer): { scorer: Scorer; protos: Protos } {
  const rows = coreRows(core);
  const protos = buildProtos(core.fz, core.idf, tax, rows);
  return { scorer: new Scorer(rows, stem, protos.index, protos.nodes, tax, cal), protos };
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
const WIDE_TEMPS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 8];
const LAMBDAS = [0, 0.5, 1, 2, 3, 4, 6, 8];

export interface OofScores {
  folds: Int32Array;
  /** Decision values of each expert, per bullet. */
  dT: Partial<Record<Expert, Float64Array[]>>;
  dK: Partial<Record<Expert, Float64Array[]>>;
  bestIdea: Float64Array[];
}

/**
 * Out-of-fold decision values of every expert for the bullets (scheme docs in every training
 * fold). With `coded` (the base scheme and the team-coded examples), each fold's scheme and
 * prototypes take only the examples whose verbatim is outside the fold: no bullet is scored by a
 * model that saw its own coded copy.
 */
export function oofScores(bullets: TrainDoc[], scheme: TrainDoc[], tax: Taxonomy, nlp: Pick<Nlp, 'stem'>, opts: TrainOptions, coded?: { base: Taxonomy; examples: readonly CodedExample[] }): OofScores {
  const folds = bulletFolds(bullets, opts.folds, opts.seed);
  const dT: OofScores['dT'] = {};
  const dK: OofScores['dK'] = {};
  const bestIdea = bullets.map(() => new Float64Array(8));
  const fz = new Featurizer(opts.features, nlp.stem);
  for (let f = 0; f < opts.folds; f++) {
    let taxF = tax;
    let schemeF = scheme;
    if (coded && coded.examples.length) {
      taxF = withExamples(coded.base, examplesOutside(coded.examples, bullets, folds, f));
      schemeF = schemeDocs(taxF, opts.schemeWeight);
    }
    const train = bullets.filter((_, i) => folds[i] !== f).concat(schemeF);
    const core = fitCore(train, nlp, opts, fz);
    const { scorer } = makeScorer(core, taxF, { thematique: 1, kind: 1, group: 0.05, idea: 0.05, sujet: 0.05, lambda: 0 }, nlp.stem);
    bullets.forEach((d, i) => {
      if (folds[i] !== f) return;
      scorer.score(d.text);
      bestIdea[i]!.set(scorer.bestIdea);
      const x = fz.vector(d.text, core.idf);
      for (const e of EXPERTS) {
        const mt = core.expT[e];
        const mk = core.expK[e];
        if (mt) decision(mt, x.idx, x.val, x.idx.length, ((dT[e] ??= bullets.map(() => new Float64Array(4)))[i] = new Float64Array(4)));
        if (mk) decision(mk, x.idx, x.val, x.idx.length, ((dK[e] ??= bullets.map(() => new Float64Array(2)))[i] = new Float64Array(2)));
      }
    });
  }
  return { folds, dT, dK, bestIdea };
}

/** Joint thématique/kind prediction from head scores and branch evidence (as Scorer does). */
export function jointPredict(dT: ArrayLike<number>, dK: ArrayLike<number>, best: Float64Array, cal: Pick<Calibration, 'thematique' | 'kind' | 'lambda'>, out: { t: number; k: number; pt: number; pk: number }): void {
  const lT = new Float64Array(4);
  const lK = new Float64Array(2);
  logSoftmaxInto(dT, 4, cal.thematique, lT);
  logSoftmaxInto(dK, 2, cal.kind, lK);
  const l = new Float64Array(8);
  for (let s = 0; s < 8; s++) l[s] = lT[s >> 1]! + lK[s & 1]! + cal.lambda * best[s]!;
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
  out.k = 1 - k0 > k0 ? 1 : 0;
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

export function quoteLoo(core: Core, tax: Taxonomy, cal: Calibration, stem: Stemmer): QuoteLoo {
  const rows = coreRows(core);
  const protos = buildProtos(core.fz, core.idf, tax, rows);
  const sc = new Scorer(rows, stem, protos.index, protos.nodes, tax, cal);
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
          // Rebuild the prototypes without the quote (leave-one-out).
          const vectors = protos.vectors.map((vs, k) => (k === ni ? vs.filter((_, j) => nodes[k]!.texts[j] !== q.text) : vs));
          sc.setProtos(protoIndex(vectors, rows.rowOf, rows.nRows, rows.nWord));
          sc.score(q.text);
          // Within the true branch.
          const gs: number[] = [];
          const gIds: number[] = [];
          for (let x = 0; x < sc.nGroups; x++) if (nodes[x]!.branch === nodes[ng]!.branch) (gs.push(sc.groupScore[x]!), gIds.push(x));
          const a = sc.groupIdeas[2 * ng]!;
          const e = sc.groupIdeas[2 * ng + 1]!;
          const is: number[] = [];
          for (let x = a; x < e; x++) is.push(sc.sims[x]!);
          const ge = sc.bestGroupIn(sc.slot);
          if (ge === ng) gE++;
          if (ge >= 0 && sc.bestIdeaOf(ge) === ni) iE++;
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

/** Mixed logits Σ a_e d_e + bias of one item. */
export function mixScores(d: Partial<Record<Expert, Float64Array[]>>, i: number, m: Mix, k: number): Float64Array {
  const out = new Float64Array(k);
  for (const e of EXPERTS) {
    const a = m[e];
    const x = d[e]?.[i];
    if (!x || a === 0) continue;
    for (let c = 0; c < k; c++) out[c]! += a * x[c]!;
  }
  for (let c = 0; c < k; c++) out[c]! += m.bias[c] ?? 0;
  return out;
}

const BETAS = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3];
const ALL_TEMPS = [...new Set([...TEMPS, ...WIDE_TEMPS])].sort((a, b) => a - b);

function argmaxF(x: ArrayLike<number>): number {
  let b = 0;
  for (let i = 1; i < x.length; i++) if (x[i]! > x[b]!) b = i;
  return b;
}

/**
 * The expert mix of a head: each expert's temperature by maximum likelihood, then the shares of
 * naive Bayes and NB-SVM next to the SVM (a grid) that maximise `goal` on the out-of-fold
 * scores, then one temperature for the product. Biases are zero here (see `calibrate`).
 */
export function fitMix(d: Partial<Record<Expert, Float64Array[]>>, y: number[], k: number, goal: 'f1' | 'accuracy'): Mix {
  const temps: Record<Expert, number> = { svm: 1, nb: 1, nbsvm: 1 };
  for (const e of EXPERTS) if (d[e]) temps[e] = fitTemperature(d[e]!, y, k, ALL_TEMPS);
  const nbBetas = d.nb ? BETAS : [0];
  const nsBetas = d.nbsvm ? BETAS : [0];
  let best = -1;
  let mix: Mix = { svm: 1 / temps.svm, nb: 0, nbsvm: 0, bias: [] };
  for (const bn of nbBetas)
    for (const bs of nsBetas) {
      const m: Mix = { svm: 1 / temps.svm, nb: bn / temps.nb, nbsvm: bs / temps.nbsvm, bias: [] };
      const mm = metrics(y, y.map((_, i) => argmaxF(mixScores(d, i, m, k))), k);
      const v = goal === 'f1' ? mm.macroF1 : mm.accuracy;
      if (v > best + 1e-9) {
        best = v;
        mix = m;
      }
    }
  const tc = fitTemperature(
    y.map((_, i) => mixScores(d, i, mix, k)),
    y,
    k,
    [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3],
  );
  return { svm: mix.svm / tc, nb: mix.nb / tc, nbsvm: mix.nbsvm / tc, bias: new Array<number>(k).fill(0) };
}

function roundMix(m: Mix): Mix {
  return { svm: round(m.svm), nb: round(m.nb), nbsvm: round(m.nbsvm), bias: m.bias.map((b) => round(b, 4)) };
}

function logSoftmax(x: ArrayLike<number>, k: number): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < k; c++) if (x[c]! > max) max = x[c]!;
  let s = 0;
  for (let c = 0; c < k; c++) s += Math.exp(x[c]! - max);
  const l = max + Math.log(s);
  return Float64Array.from({ length: k }, (_, c) => x[c]! - l);
}

const lse2 = (a: number, b: number) => (a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b)));
const SHIFTS = Array.from({ length: 31 }, (_, i) => round(-1.5 + 0.1 * i, 3));

/**
 * Prior shift of the thématique head: per-class biases, by coordinate ascent on a grid, that
 * maximise macro-F1 of the joint predictions (l0: the 8 branch logits of each item without
 * biases). A bias moves only when it strictly improves; centred at the end.
 */
export function fitThematiqueBias(l0: Float64Array[], y: number[]): number[] {
  const m = l0.map((l) => Float64Array.from({ length: 4 }, (_, t) => lse2(l[2 * t]!, l[2 * t + 1]!)));
  const b = [0, 0, 0, 0];
  const pred = new Array<number>(y.length);
  const f1 = (bb: number[]) => {
    for (let i = 0; i < m.length; i++) {
      const x = m[i]!;
      let best = 0;
      for (let t = 1; t < 4; t++) if (x[t]! + bb[t]! > x[best]! + bb[best]!) best = t;
      pred[i] = best;
    }
    return metrics(y, pred, 4).macroF1;
  };
  let cur = f1(b);
  for (let it = 0; it < 2; it++)
    for (let c = 0; c < 4; c++)
      for (const s of SHIFTS) {
        const bb = b.slice();
        bb[c] = s;
        const v = f1(bb);
        if (v > cur + 1e-9) {
          cur = v;
          b[c] = s;
        }
      }
  const mean = (b[0]! + b[1]! + b[2]! + b[3]!) / 4;
  return b.map((x) => round(x - mean, 4));
}

/** Prior shift of the kind head: the offset δ (bias −δ/2, +δ/2) that maximises accuracy (smallest |δ| among ties). */
export function fitKindBias(l0: Float64Array[], bT: number[], y: number[]): number[] {
  const n = l0.map((l) => {
    let a = -Infinity;
    let b = -Infinity;
    for (let t = 0; t < 4; t++) {
      a = a === -Infinity ? l[2 * t]! + bT[t]! : lse2(a, l[2 * t]! + bT[t]!);
      b = b === -Infinity ? l[2 * t + 1]! + bT[t]! : lse2(b, l[2 * t + 1]! + bT[t]!);
    }
    return b - a;
  });
  let best = -1;
  let delta = 0;
  for (const s of [...SHIFTS].sort((p, q) => Math.abs(p) - Math.abs(q) || p - q)) {
    let ok = 0;
    for (let i = 0; i < n.length; i++) if ((n[i]! + s > 0 ? 1 : 0) === y[i]) ok++;
    if (ok > best) {
      best = ok;
      delta = s;
    }
  }
  return [round(-delta / 2, 4), round(delta / 2, 4)];
}

/** Mixes, λ, prior shifts, temperatures of the group/idea softmaxes and review thresholds, from out-of-fold scores. */
export function calibrate(bullets: TrainDoc[], oof: OofScores, core: Core, tax: Taxonomy, stem: Stemmer, how: { quotes: boolean; priorShift: boolean } = { quotes: true, priorShift: true }): Calibrated {
  const yT = bullets.map((d) => d.t);
  const yK = bullets.map((d) => d.k);
  const mT = fitMix(oof.dT, yT, 4, 'f1');
  const mK = fitMix(oof.dK, yK, 2, 'accuracy');
  const zT = bullets.map((_, i) => mixScores(oof.dT, i, mT, 4));
  const zK = bullets.map((_, i) => mixScores(oof.dK, i, mK, 2));
  let lambda = 0;
  let bestF1 = -1;
  const o = { t: 0, k: 0, pt: 0, pk: 0 };
  for (const lam of LAMBDAS) {
    const pred = bullets.map((_, i) => (jointPredict(zT[i]!, zK[i]!, oof.bestIdea[i]!, { thematique: 1, kind: 1, lambda: lam }, o), o.t));
    const f1 = metrics(yT, pred, 4).macroF1;
    if (f1 > bestF1 + 1e-9) {
      bestF1 = f1;
      lambda = lam;
    }
  }
  if (how.priorShift) {
    const l0 = bullets.map((_, i) => {
      const a = logSoftmax(zT[i]!, 4);
      const b = logSoftmax(zK[i]!, 2);
      return Float64Array.from({ length: 8 }, (_, s) => a[s >> 1]! + b[s & 1]! + lambda * oof.bestIdea[i]![s]!);
    });
    mT.bias = fitThematiqueBias(l0, yT);
    mK.bias = fitKindBias(l0, mT.bias, yK);
  }
  core.headT = mixHeads(core.expT, mT);
  core.headK = mixHeads(core.expK, mK);
  const predT: number[] = [];
  const predK: number[] = [];
  const confT: number[] = [];
  const confK: number[] = [];
  bullets.forEach((_, i) => {
    jointPredict(mixScores(oof.dT, i, mT, 4), mixScores(oof.dK, i, mK, 2), oof.bestIdea[i]!, { thematique: 1, kind: 1, lambda }, o);
    predT.push(o.t);
    predK.push(o.k);
    confT.push(o.pt);
    confK.push(o.pk);
  });
  const metT = metrics(yT, predT, 4);
  const metK = metrics(yK, predK, 2);
  const cal0: Calibration = { thematique: 1, kind: 1, group: 0.03, idea: 0.05, sujet: 0.03, lambda };
  const q = how.quotes ? quoteLoo(core, tax, cal0, stem) : null;
  const tG = q ? fitTempRagged(q.groupScores, q.gTrue) : cal0.group;
  const tI = q ? fitTempRagged(q.ideaScores, q.iTrue) : cal0.idea;
  const cal: Calibration = { thematique: 1, kind: 1, group: tG, idea: tI, sujet: tG, lambda };
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
  /** `examples`: team-coded verbatims added to the scheme's texts and prototypes (data/labels/workshop-coded.jsonl). */
  training: { bullets: number; scheme: number; examples: number; downweighted: number; report: { file: string; sha256: string } };
  vocab: { size: number; nDocs: number; buckets: string; idf: { scale: number; data: string } };
  heads: { thematique: HeadFile; kind: HeadFile };
  calibration: Calibration;
  /** How the SVM, naive Bayes and NB-SVM experts were mixed into each head (temperatures folded in; biases: the prior shift, in the head's bias). */
  mix: Calibrated['mix'];
  thresholds: Thresholds;
  /**
   * The label prototypes' postings over the vocabulary rows (built from the taxonomy's texts with
   * this vocabulary; stored so that loading does not re-analyse ~2,400 texts): rows that have
   * postings (sorted), the number of postings of each, their node indices, their weights.
   */
  prototypes: { nodes: number; rows: string; counts: string; ids: string; weights: { scale: number; data: string } };
  /** Out-of-fold figures of the training run (the mixes and biases were fitted on these same scores: see `cnr-synth eval` for nested figures). */
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
export function trainModel(report: Report, base: Taxonomy, nlp: Pick<Nlp, 'stem'>, opts: TrainOptions = DEFAULT_TRAIN, examples: readonly CodedExample[] = []): { model: ModelFile; core: Core } {
  // The team-coded examples join the scheme's texts and prototypes; the model is bound to the
  // scheme itself (its hash), which they do not change.
  const tax = examples.length ? withExamples(base, examples) : base;
  const bullets = bulletDocs(report);
  const scheme = schemeDocs(tax, opts.schemeWeight);
  const oof = oofScores(bullets, scheme, tax, nlp, opts, { base, examples });
  const core = fitCore(bullets.concat(scheme), nlp, opts);
  const c = calibrate(bullets, oof, core, tax, nlp.stem, { quotes: true, priorShift: opts.priorShift });
  const idfVals = new Float32Array(core.vocab.length);
  for (let r = 0; r < core.vocab.length; r++) idfVals[r] = core.idf[core.vocab[r]!]!;
  const { features, ...rest } = opts;
  const model: ModelFile = {
    schema: MODEL_SCHEMA,
    taxonomy: { sha256: taxonomyHash(base), groups: tax.totals.groups, ideas: tax.totals.ideas },
    features,
    options: rest,
    training: { bullets: bullets.length, scheme: scheme.length, examples: examples.length, downweighted: core.noisy, report: { file: report.source.file, sha256: report.source.sha256 } },
    vocab: { size: core.vocab.length, nDocs: core.nDocs, buckets: encodeSortedIndices(core.vocab), idf: quantise16(idfVals) },
    heads: {
      thematique: headFile(core.headT, core.vocab, ['t1', 't2', 't3', 't4']),
      kind: headFile(core.headK, core.vocab, ['probleme', 'solution']),
    },
    calibration: roundCal(c.cal),
    mix: c.mix,
    thresholds: c.thresholds,
    prototypes: protoFile(makeScorer(core, tax, c.cal, nlp.stem).protos.index),
    cv: c.cv,
  };
  return { model, core };
}

function protoFile(p: ProtoIndex): ModelFile['prototypes'] {
  const rows: number[] = [];
  const counts: number[] = [];
  for (let r = 0; r + 1 < p.start.length; r++) {
    const c = p.start[r + 1]! - p.start[r]!;
    if (c > 0) (rows.push(r), counts.push(c));
  }
  return { nodes: p.n, rows: encodeSortedIndices(rows), counts: encodeVarints(counts), ids: encodeVarints(p.pid), weights: quantise16(p.pw) };
}

/** The prototype index stored in a model file, over `nRows` rows. */
export function protoIndexOf(m: ModelFile, nRows: number): ProtoIndex {
  const f = m.prototypes;
  const rows = decodeSortedIndices(f.rows);
  const counts = decodeVarints(f.counts, rows.length);
  const pid = Int32Array.from(decodeVarints(f.ids));
  const pw = dequantise16(f.weights, pid.length);
  const start = new Int32Array(nRows + 1);
  for (let k = 0; k < rows.length; k++) start[rows[k]! + 1] = counts[k]!;
  for (let r = 0; r < nRows; r++) start[r + 1]! += start[r]!;
  return protoIndexFromCsr(f.nodes, nRows, start, pid, pw);
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
