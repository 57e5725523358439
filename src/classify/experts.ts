/**
 * The experts of each head (linear SVM, multinomial naive Bayes, NB-SVM) fitted on TF-IDF
 * features, their mix into one linear head, and the scorer of a fitted core (row space,
 * prototypes rebuilt from the taxonomy).
 */
import { Featurizer, type SparseVec } from './features.js';
import { bucket } from './hash.js';
import { balancedWeights, decision, trainBinary, trainOvR, type LinearModel, type SvmOptions } from './linear.js';
import { rowSpace, type Mix, type TrainOptions } from './model-file.js';
import { nbToLinear, trainNb } from './nb.js';
import { mulberry32 } from './prng.js';
import { ProtoIndex, protoNodes, type Protos, type WeightedVec } from './prototypes.js';
import type { Calibration, RowModel } from './row-model.js';
import { Scorer } from './scorer.js';
import type { Taxonomy } from './taxonomy.js';
import type { Nlp, Stemmer } from './text.js';
import { groupDocs, type TrainDoc } from './training-set.js';
import { stratifiedFolds } from '../stats/metrics.js';

/** The experts of a head, in mixing order. */
export const EXPERTS = ['svm', 'nb', 'nbsvm'] as const;
export type Expert = (typeof EXPERTS)[number];

export interface Core {
  fz: Featurizer;
  idf: Float32Array;
  /** The heads in use (the mix of the experts once `calibrate` has run; the SVMs until then). */
  headT: LinearModel;
  headK: LinearModel;
  /** The statement head (statement vs the rest), once `fitStatement` has run. */
  headS?: LinearModel;
  /** The group head (one column per group, `protoNodes` order), once `fitGroupHead` has run. */
  headG?: LinearModel;
  /** The group head learnt from the stems (and char n-grams) only. */
  groupStems?: boolean;
  /** Group weights the scorer keeps per token from the char part (options.groupCharTop). */
  groupCharTop?: number;
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
  const inner = stratifiedFolds(
    bullets.map((i) => y[i]!),
    5,
    mulberry32(opts.seed + 101),
  );
  const foldOf = new Int32Array(docs.length).fill(-1);
  bullets.forEach((i, j) => (foldOf[i] = inner[j]!));
  const o = new Float64Array(k);
  for (let f = 0; f < 5; f++) {
    const tr: number[] = [];
    for (let i = 0; i < docs.length; i++) if (foldOf[i] !== f) tr.push(i);
    const m = fitHead(
      tr.map((i) => X[i]!),
      Int32Array.from(tr.map((i) => y[i]!)),
      k,
      dim,
      Float64Array.from(tr.map((i) => w[i]!)),
      opts,
      opts.seed + 7,
    );
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

function toRows(v: WeightedVec, rowOf: Int32Array): WeightedVec {
  const idx = new Int32Array(v.idx.length);
  for (let k = 0; k < idx.length; k++) idx[k] = rowOf[v.idx[k]!]!;
  return v.weight === undefined ? { idx, val: v.val } : { idx, val: v.val, weight: v.weight };
}

export function protoIndex(vectors: WeightedVec[][], rowOf: Int32Array, nRows: number, nWord: number): ProtoIndex {
  return new ProtoIndex(
    nRows,
    vectors.map((vs) => vs.map((v) => toRows(v, rowOf))),
    nWord,
  );
}

export function buildProtos(fz: Featurizer, idf: Float32Array, tax: Taxonomy, rows: { rowOf: Int32Array; nWord: number; nRows: number }): Protos {
  const nodes = protoNodes(tax);
  const vectors = nodes.map((n) =>
    n.texts.map((t, j): WeightedVec => {
      const v = fz.vector(t, idf, true);
      return n.weights[j] === 1 ? v : { idx: v.idx, val: v.val, weight: n.weights[j]! };
    }),
  );
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
  return {
    cfg: core.fz.cfg,
    rowOf,
    nWord,
    nRows: core.vocab.length,
    idf,
    headT: gatherRows(core.headT, core.vocab),
    headK: gatherRows(core.headK, core.vocab),
    ...(core.headS ? { headS: gatherRows(core.headS, core.vocab) } : {}),
    ...(core.headG ? { headG: gatherRows(core.headG, core.vocab) } : {}),
    ...(core.headG && core.groupStems ? { groupStems: true } : {}),
    ...(core.headG && core.groupCharTop !== undefined ? { groupCharTop: core.groupCharTop } : {}),
  };
}

/** The word block of a vector (stems, stem bigrams, first-word and cue features). */
export function wordPart(v: SparseVec, wordDim: number): SparseVec {
  let n = 0;
  while (n < v.idx.length && v.idx[n]! < wordDim) n++;
  return { idx: v.idx.subarray(0, n), val: v.val.subarray(0, n) };
}

/**
 * The stems of a text's vector (its content tokens' unigram buckets), and its char block when
 * `char`: the features the scorer reads from its token cache (values as in the whole vector).
 */
export function stemCharPart(fz: Featurizer, text: string, v: SparseVec, char: boolean): SparseVec {
  const { toks, n } = fz.tokens(text);
  const stems = new Set<number>();
  for (let i = 0; i < n; i++) if (!toks[i]!.stop) stems.add(bucket(toks[i]!.uni, fz.cfg.wordBits));
  const idx: number[] = [];
  const val: number[] = [];
  for (let k = 0; k < v.idx.length; k++) {
    const b = v.idx[k]!;
    if (b < fz.wordDim ? stems.has(b) : char) {
      idx.push(b);
      val.push(v.val[k]!);
    }
  }
  return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
}

/** The features the group head learns from (`groupStems`, `groupChar`). */
function groupVector(core: Core, text: string, opts: TrainOptions): SparseVec {
  const v = core.fz.vector(text, core.idf);
  if (opts.groupStems) return stemCharPart(core.fz, text, v, opts.groupChar === true);
  return opts.groupChar ? v : wordPart(v, core.fz.wordDim);
}

/**
 * The group head: one-vs-rest linear SVMs over all the groups (flat), on the word block of the
 * core's features, or only its stems (`groupStems`), and the char block too (`groupChar`; with
 * the whole head the model file passed 2 MB: the scorer keeps a token's `groupCharTop` largest
 * char weights and the file keeps each row's `groupTop` largest), learnt from the scheme's texts
 * of each group (`groupDocs`, coded examples at their weight; `skip`: texts left out). Undefined
 * when `opts.groupC` is 0.
 */
export function fitGroupHead(core: Core, tax: Taxonomy, opts: TrainOptions, skip?: ReadonlySet<string>): LinearModel | undefined {
  if (opts.groupC <= 0) return undefined;
  const docs = groupDocs(tax, skip);
  const nGroups = tax.branches.reduce((n, b) => n + b.groups.length, 0);
  const m = trainOvR(
    docs.map((d) => groupVector(core, d.text, opts)),
    Int32Array.from(docs, (d) => d.group),
    nGroups,
    core.fz.dim,
    { ...svmOpts(opts, opts.seed + 53), C: opts.groupC, sampleWeight: Float64Array.from(docs, (d) => d.weight) },
  );
  // Its biases are dropped unless `groupBias`: they encode how many texts the scheme has per group,
  // not how often a group is meant, and would give a line with no known word a confident group.
  return { ...keepTop(m, opts.groupTop), bias: opts.groupBias ? m.bias : new Float32Array(nGroups) };
}

/**
 * Each feature's weights less their median (a shift common to all the classes changes no softmax
 * within a branch), then only its `k` largest in magnitude (ties: the lower class): the head
 * becomes a few postings per row, so that scoring adds a few numbers per word instead of one per group.
 */
export function keepTop(m: LinearModel, k: number): LinearModel {
  const C = m.nClasses;
  if (k >= C) return m;
  const W = new Float32Array(m.W.length);
  const v = new Float64Array(C);
  const order = Array.from({ length: C }, (_, c) => c);
  for (let b = 0; b < m.dim; b++) {
    const o = b * C;
    let any = false;
    for (let c = 0; c < C; c++) any ||= m.W[o + c] !== 0;
    if (!any) continue;
    for (let c = 0; c < C; c++) v[c] = m.W[o + c]!;
    const sorted = Float64Array.from(v).sort();
    const med = C % 2 ? sorted[(C - 1) / 2]! : (sorted[C / 2 - 1]! + sorted[C / 2]!) / 2;
    for (let c = 0; c < C; c++) v[c]! -= med;
    order.sort((x, y) => Math.abs(v[y]!) - Math.abs(v[x]!) || x - y);
    for (let j = 0; j < k; j++) W[o + order[j]!] = v[order[j]!]!;
  }
  return { nClasses: C, dim: m.dim, W, bias: m.bias };
}

/** A scorer for the core's current heads and prototypes rebuilt from the taxonomy. */
export function makeScorer(core: Core, tax: Taxonomy, cal: Calibration, stem: Stemmer): { scorer: Scorer; protos: Protos } {
  const rows = coreRows(core);
  const protos = buildProtos(core.fz, core.idf, tax, rows);
  return { scorer: new Scorer(rows, stem, protos.index, protos.nodes, tax, cal), protos };
}
