/**
 * Softmax, argmax and temperature fitting (pure, no allocation in the hot functions): shared by
 * the scorer (prediction), the calibration (training) and the evaluation.
 */

/** out = log softmax(x / temp) over the first n entries. */
export function logSoftmaxInto(x: ArrayLike<number>, n: number, temp: number, out: Float64Array): void {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (x[i]! > max) max = x[i]!;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp((x[i]! - max) / temp);
  const l = Math.log(s);
  for (let i = 0; i < n; i++) out[i] = (x[i]! - max) / temp - l;
}

/** out = softmax(x / temp) over the first n entries. */
export function softmaxInto(x: ArrayLike<number>, n: number, temp: number, out: Float64Array): void {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (x[i]! > max) max = x[i]!;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp((x[i]! - max) / temp);
    out[i] = e;
    s += e;
  }
  for (let i = 0; i < n; i++) out[i]! /= s;
}

/** Index of the largest entry (the first among ties). */
export function argmax(x: ArrayLike<number>): number {
  let b = 0;
  for (let i = 1; i < x.length; i++) if (x[i]! > x[b]!) b = i;
  return b;
}

/**
 * The temperature of `grid` minimising the negative log-likelihood of softmax(scores / T) for
 * labels y (rows may differ in length: the branches have different numbers of groups). The first
 * of the grid wins ties.
 */
export function fitTemperature(scores: ArrayLike<number>[], y: ArrayLike<number>, grid: readonly number[]): number {
  let p = new Float64Array(16);
  let best = grid[0]!;
  let bestNll = Infinity;
  for (const T of grid) {
    let nll = 0;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      if (p.length < s.length) p = new Float64Array(s.length);
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

/** The logistic function: the two-class softmax of (0, x). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
