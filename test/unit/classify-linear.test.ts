// The linear SVM, naive Bayes, the model codecs and the PRNG on small hand-made cases.
import { describe, expect, it } from 'vitest';
import { decision, trainOvR, balancedWeights } from '../../src/classify/linear.js';
import { trainNb, predictNb } from '../../src/classify/nb.js';
import { decodeSortedIndices, dequantise16, encodeSortedIndices, quantise16 } from '../../src/classify/codec.js';
import { mulberry32 } from '../../src/classify/prng.js';
import { thresholdFor } from '../../src/classify/calibrate.js';
import { fitTemperature } from '../../src/stats/softmax.js';

const TEMPS = [0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1, 1.25, 1.5, 2, 3];
import type { SparseVec } from '../../src/classify/features.js';

const v = (pairs: [number, number][]): SparseVec => ({ idx: Int32Array.from(pairs.map((p) => p[0])), val: Float32Array.from(pairs.map((p) => p[1])) });

// Three separable classes: feature 0 → class 0, 1 → class 1, 2 → class 2, plus a shared noise feature 3.
const X: SparseVec[] = [];
const y: number[] = [];
const rng = mulberry32(3);
for (let i = 0; i < 60; i++) {
  const c = i % 3;
  X.push(
    v([
      [c, 1],
      [3, rng()],
    ]),
  );
  y.push(c);
}

describe('linear SVM (dual coordinate descent, one-vs-rest)', () => {
  for (const loss of ['l1', 'l2'] as const) {
    it(`separates a separable toy set (${loss} loss)`, () => {
      const m = trainOvR(X, Int32Array.from(y), 3, 4, { C: 1, loss, maxIter: 50, eps: 0.01, seed: 1 });
      const out = new Float64Array(3);
      let ok = 0;
      X.forEach((x, i) => {
        decision(m, x.idx, x.val, x.idx.length, out);
        if (out.indexOf(Math.max(...out)) === y[i]) ok++;
      });
      expect(ok).toBe(60);
      // the class feature carries a positive weight for its own class
      for (let c = 0; c < 3; c++) expect(m.W[c * 3 + c]!).toBeGreaterThan(0.5);
    });
  }
  it('is deterministic for a seed', () => {
    const a = trainOvR(X, Int32Array.from(y), 3, 4, { C: 1, loss: 'l2', maxIter: 5, eps: 0, seed: 9 });
    const b = trainOvR(X, Int32Array.from(y), 3, 4, { C: 1, loss: 'l2', maxIter: 5, eps: 0, seed: 9 });
    expect(Array.from(a.W)).toEqual(Array.from(b.W));
  });
  it('balanced weights are n / (k · n_c)', () => {
    expect(Array.from(balancedWeights(Int32Array.from([0, 0, 0, 1]), 2))).toEqual([4 / 6, 2]);
  });
});

describe('naive Bayes baseline', () => {
  it('learns the toy set', () => {
    const m = trainNb(X, Int32Array.from(y), 3, 4);
    expect(X.filter((x, i) => predictNb(m, x) === y[i]).length).toBe(60);
  });
});

describe('codecs', () => {
  it('sorted indices round-trip through varint deltas', () => {
    const idx = Int32Array.from([0, 1, 127, 128, 300000, 393215]);
    expect(Array.from(decodeSortedIndices(encodeSortedIndices(idx)))).toEqual(Array.from(idx));
  });
  it('int16 quantisation keeps 4–5 significant digits', () => {
    const vals = [0.5, -1.25, 0.000123, 3];
    const back = dequantise16(quantise16(vals));
    vals.forEach((x, i) => expect(Math.abs(back[i]! - x)).toBeLessThan(3 / 32767 + 1e-9));
  });
});

describe('calibration helpers', () => {
  it('fits a small temperature to confident, correct margins and a large one to noise', () => {
    const sure = Array.from({ length: 20 }, (_, i) => Float64Array.from(i % 2 ? [0, 1] : [1, 0]));
    const ys = sure.map((_, i) => (i % 2 ? 1 : 0));
    expect(fitTemperature(sure, ys, TEMPS)).toBe(0.02);
    const coin = sure.map((s, i) => (i % 4 < 2 ? s : Float64Array.from([s[1]!, s[0]!])));
    expect(fitTemperature(coin, ys, TEMPS)).toBe(3);
  });
  it('review threshold: smallest confidence whose accepted items reach the target accuracy', () => {
    const conf = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05];
    const correct = [true, true, true, true, false, true, false, false, false, false];
    expect(thresholdFor(conf, correct, 0.8)).toBe(0.4); // top 6: 5/6 = 0.83
    expect(thresholdFor(conf, correct, 1)).toBe(0.6);
  });
});
