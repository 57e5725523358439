/**
 * A linear SVM trained one-vs-rest by dual coordinate descent (Hsieh et al. 2008, the solver of
 * liblinear / scikit-learn's LinearSVC), with per-sample costs (class weights × sample weights)
 * and a regularised bias. Deterministic: the visiting order comes from a seeded PRNG.
 *
 * loss 'l1' (hinge) bounds every sample's influence by its cost (0 ≤ α ≤ C·w): a mislabelled
 * sample can pull the boundary only so far, which is why it is the default for weak labels.
 */
import type { SparseVec } from './features.js';
import { mulberry32, shuffle } from './prng.js';

export interface SvmOptions {
  C: number;
  loss: 'l1' | 'l2';
  maxIter: number;
  eps: number;
  seed: number;
  /** Per-class multipliers of C (e.g. balanced: n / (k · n_c)). */
  classWeight?: Float64Array;
  /** Per-sample multipliers of C. */
  sampleWeight?: Float64Array;
}

export interface LinearModel {
  nClasses: number;
  dim: number;
  /** Row-major by feature: W[b * nClasses + c]. */
  W: Float32Array;
  bias: Float32Array;
}

/** Binary DCD: labels ±1; returns w (dense, length dim + 1: last = bias). */
export function trainBinary(X: SparseVec[], y: Int8Array, dim: number, cost: Float64Array, opts: SvmOptions): Float64Array {
  const n = X.length;
  const w = new Float64Array(dim + 1);
  const alpha = new Float64Array(n);
  const qd = new Float64Array(n);
  const l2 = opts.loss === 'l2';
  for (let i = 0; i < n; i++) {
    const v = X[i]!.val;
    let s = 1; // bias feature
    for (let k = 0; k < v.length; k++) s += v[k]! * v[k]!;
    qd[i] = s + (l2 ? 0.5 / cost[i]! : 0);
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = mulberry32(opts.seed);
  for (let iter = 0; iter < opts.maxIter; iter++) {
    shuffle(order, rng);
    let maxPG = -Infinity;
    let minPG = Infinity;
    for (let o = 0; o < n; o++) {
      const i = order[o]!;
      const { idx, val } = X[i]!;
      const yi = y[i]!;
      const U = l2 ? Infinity : cost[i]!;
      const dii = l2 ? 0.5 / cost[i]! : 0;
      let g = w[dim]!;
      for (let k = 0; k < idx.length; k++) g += w[idx[k]!]! * val[k]!;
      g = yi * g - 1 + dii * alpha[i]!;
      const a = alpha[i]!;
      let pg = g;
      if (a === 0) pg = Math.min(g, 0);
      else if (a === U) pg = Math.max(g, 0);
      if (pg > maxPG) maxPG = pg;
      if (pg < minPG) minPG = pg;
      if (pg !== 0) {
        const na = Math.min(Math.max(a - g / qd[i]!, 0), U);
        const d = (na - a) * yi;
        alpha[i] = na;
        for (let k = 0; k < idx.length; k++) w[idx[k]!]! += d * val[k]!;
        w[dim]! += d;
      }
    }
    if (maxPG - minPG < opts.eps) break;
  }
  return w;
}

export function trainOvR(X: SparseVec[], y: Int32Array, nClasses: number, dim: number, opts: SvmOptions): LinearModel {
  const n = X.length;
  const cost = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    cost[i] = opts.C * (opts.classWeight ? opts.classWeight[y[i]!]! : 1) * (opts.sampleWeight ? opts.sampleWeight[i]! : 1);
  }
  const W = new Float32Array(dim * nClasses);
  const bias = new Float32Array(nClasses);
  const yb = new Int8Array(n);
  for (let c = 0; c < nClasses; c++) {
    for (let i = 0; i < n; i++) yb[i] = y[i] === c ? 1 : -1;
    const w = trainBinary(X, yb, dim, cost, { ...opts, seed: opts.seed + c });
    for (let b = 0; b < dim; b++) if (w[b] !== 0) W[b * nClasses + c] = w[b]!;
    bias[c] = w[dim]!;
  }
  return { nClasses, dim, W, bias };
}

/** Balanced class weights: n / (k · n_c) (0 for absent classes). */
export function balancedWeights(y: Int32Array, nClasses: number, sampleWeight?: Float64Array): Float64Array {
  const cnt = new Float64Array(nClasses);
  let tot = 0;
  for (let i = 0; i < y.length; i++) {
    const s = sampleWeight ? sampleWeight[i]! : 1;
    cnt[y[i]!]! += s;
    tot += s;
  }
  const out = new Float64Array(nClasses);
  for (let c = 0; c < nClasses; c++) out[c] = cnt[c]! > 0 ? tot / (nClasses * cnt[c]!) : 0;
  return out;
}

/** Decision values of a sparse vector (allocation-free: writes into `out`). */
export function decision(m: LinearModel, idx: ArrayLike<number>, val: ArrayLike<number>, n: number, out: Float64Array): void {
  const C = m.nClasses;
  for (let c = 0; c < C; c++) out[c] = m.bias[c]!;
  for (let k = 0; k < n; k++) {
    const base = idx[k]! * C;
    const v = val[k]!;
    for (let c = 0; c < C; c++) out[c]! += v * m.W[base + c]!;
  }
}
