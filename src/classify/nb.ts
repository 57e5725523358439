/**
 * Multinomial naive Bayes on the same hashed features (the baseline of `eval`; natural's
 * BayesClassifier does the same on word counts but loads its English stemmer and is slower).
 * Fitted on the tf-idf values (as scikit-learn's MultinomialNB on a TfidfVectorizer), Laplace α.
 */
import type { SparseVec } from './features.js';
import type { LinearModel } from './linear.js';

export interface NbModel {
  nClasses: number;
  logPrior: Float64Array;
  /** Sparse log-likelihoods: feature → per-class log P(f|c); unseen features use `logUnseen`. */
  logLik: Map<number, Float64Array>;
  logUnseen: Float64Array;
}

export function trainNb(X: SparseVec[], y: Int32Array, nClasses: number, dim: number, alpha = 0.1): NbModel {
  const feat = new Map<number, Float64Array>();
  const tot = new Float64Array(nClasses);
  const prior = new Float64Array(nClasses);
  for (let i = 0; i < X.length; i++) {
    const c = y[i]!;
    prior[c]! += 1;
    const { idx, val } = X[i]!;
    for (let k = 0; k < idx.length; k++) {
      let f = feat.get(idx[k]!);
      if (!f) feat.set(idx[k]!, (f = new Float64Array(nClasses)));
      f[c]! += val[k]!;
      tot[c]! += val[k]!;
    }
  }
  const V = Math.min(dim, feat.size);
  const logLik = new Map<number, Float64Array>();
  const logUnseen = new Float64Array(nClasses);
  for (let c = 0; c < nClasses; c++) logUnseen[c] = Math.log(alpha / (tot[c]! + alpha * V));
  for (const [b, f] of feat) {
    const l = new Float64Array(nClasses);
    for (let c = 0; c < nClasses; c++) l[c] = Math.log((f[c]! + alpha) / (tot[c]! + alpha * V));
    logLik.set(b, l);
  }
  const logPrior = new Float64Array(nClasses);
  for (let c = 0; c < nClasses; c++) logPrior[c] = Math.log((prior[c]! + 1) / (X.length + nClasses));
  return { nClasses, logPrior, logLik, logUnseen };
}

export function predictNb(m: NbModel, x: SparseVec): number {
  const s = Float64Array.from(m.logPrior);
  for (let k = 0; k < x.idx.length; k++) {
    const l = m.logLik.get(x.idx[k]!);
    if (!l) continue;
    for (let c = 0; c < m.nClasses; c++) s[c]! += x.val[k]! * l[c]!;
  }
  let best = 0;
  for (let c = 1; c < m.nClasses; c++) if (s[c]! > s[best]!) best = c;
  return best;
}

/**
 * The same model as a linear head (NB is linear in the features): W[f, c] = log P(f | c), centred
 * over the classes (softmax-invariant, keeps the numbers small), bias = log prior.
 */
export function nbToLinear(m: NbModel, dim: number): LinearModel {
  const C = m.nClasses;
  const W = new Float32Array(dim * C);
  for (const [b, l] of m.logLik) {
    let mean = 0;
    for (let c = 0; c < C; c++) mean += l[c]!;
    mean /= C;
    for (let c = 0; c < C; c++) W[b * C + c] = l[c]! - mean;
  }
  return { nClasses: C, dim, W, bias: Float32Array.from(m.logPrior) };
}
