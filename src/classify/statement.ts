/**
 * "Is this a statement?" — a problem or a proposal about care, professions, territories or
 * prevention — against the rest: headings, dates, participant tables, place names, the prose
 * around the syntheses, and the lines a team writes by the coding guide (names and titles,
 * budgets and counts, method descriptions, thanks, logistics).
 *
 * A linear SVM on the classifier's own features (same vocabulary and idf: nothing new to compute
 * at prediction, one more column in the scorer), classes weighted to balance, and a temperature
 * fitted by maximum likelihood on 3-fold out-of-fold decision values, so that
 * p(statement) = 1 / (1 + exp(−d / T)) is calibrated.
 */
import { round } from './codec.js';
import type { Core } from './experts.js';
import { decision, trainBinary, type LinearModel } from './linear.js';
import type { TrainOptions } from './model-file.js';
import { mulberry32 } from './prng.js';
import { stratifiedFolds } from '../stats/metrics.js';
import { fitTemperature, sigmoid } from '../stats/softmax.js';

const TEMPS = [0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1, 1.25, 1.5, 2, 3, 4];

export interface StatementFit {
  head: LinearModel;
  temperature: number;
  /** Out-of-fold figures at p ≥ 0.5: share of statements kept, share of the rest caught. */
  cv: { statements: number; statementsKept: number; others: number; othersCaught: number };
}

function fit(X: { idx: Int32Array; val: Float32Array }[], y: Int8Array, dim: number, opts: TrainOptions, seed: number): LinearModel {
  let pos = 0;
  for (let i = 0; i < y.length; i++) if (y[i]! > 0) pos++;
  const neg = y.length - pos;
  const cost = Float64Array.from(y, (v) => (opts.C * y.length) / (2 * (v > 0 ? pos : neg)));
  const w = trainBinary(X, y, dim, cost, { C: opts.C, loss: opts.loss, maxIter: opts.maxIter, eps: opts.eps, seed });
  return { nClasses: 1, dim, W: Float32Array.from(w.subarray(0, dim)), bias: Float32Array.of(w[dim]!) };
}

/** Fits the statement head on the core's features; sets core.headS. */
export function fitStatement(core: Core, statements: readonly string[], others: readonly string[], opts: TrainOptions): StatementFit {
  const texts = [...statements, ...others];
  const X = texts.map((t) => core.fz.vector(t, core.idf));
  const y = Int8Array.from(texts, (_, i) => (i < statements.length ? 1 : -1));
  const folds = stratifiedFolds(
    Array.from(y, (v) => (v > 0 ? 1 : 0)),
    3,
    mulberry32(opts.seed + 41),
  );
  const d = new Float64Array(texts.length);
  const o = new Float64Array(1);
  for (let f = 0; f < 3; f++) {
    const tr: number[] = [];
    for (let i = 0; i < texts.length; i++) if (folds[i] !== f) tr.push(i);
    const m = fit(
      tr.map((i) => X[i]!),
      Int8Array.from(tr, (i) => y[i]!),
      core.fz.dim,
      opts,
      opts.seed + 43,
    );
    for (let i = 0; i < texts.length; i++) {
      if (folds[i] !== f) continue;
      decision(m, X[i]!.idx, X[i]!.val, X[i]!.idx.length, o);
      d[i] = o[0]!;
    }
  }
  const temperature = fitTemperature(
    Array.from(d, (v) => Float64Array.of(0, v)),
    Array.from(y, (v) => (v > 0 ? 1 : 0)),
    TEMPS,
  );
  let kept = 0;
  let caught = 0;
  for (let i = 0; i < texts.length; i++) {
    const p = sigmoid(d[i]! / temperature);
    if (y[i]! > 0 && p >= 0.5) kept++;
    if (y[i]! < 0 && p < 0.5) caught++;
  }
  core.headS = fit(X, y, core.fz.dim, opts, opts.seed + 47);
  return {
    head: core.headS,
    temperature,
    cv: {
      statements: statements.length,
      statementsKept: round(kept / Math.max(1, statements.length), 4),
      others: others.length,
      othersCaught: round(caught / Math.max(1, others.length), 4),
    },
  };
}
