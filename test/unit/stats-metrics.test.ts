// Metrics on hand-computed cases.
import { describe, expect, it } from 'vitest';
import { cohenKappa, confusionMatrix, metrics, stratifiedFolds } from '../../src/stats/metrics.js';
import { mulberry32 } from '../../src/classify/prng.js';

describe('metrics', () => {
  // y:    0 0 0 0 1 1 1 2 2 2
  // pred: 0 0 0 1 1 1 0 2 2 1
  const y = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
  const p = [0, 0, 0, 1, 1, 1, 0, 2, 2, 1];
  const m = metrics(y, p, 3);
  it('confusion matrix', () => {
    expect(m.confusion).toEqual([
      [3, 1, 0],
      [1, 2, 0],
      [0, 1, 2],
    ]);
  });
  it('accuracy and per-class P/R/F1', () => {
    expect(m.accuracy).toBe(0.7);
    expect(m.perClass[0]!.precision).toBeCloseTo(3 / 4);
    expect(m.perClass[0]!.recall).toBeCloseTo(3 / 4);
    expect(m.perClass[1]!.precision).toBeCloseTo(2 / 4);
    expect(m.perClass[1]!.recall).toBeCloseTo(2 / 3);
    expect(m.perClass[1]!.f1).toBeCloseTo(4 / 7);
    expect(m.perClass[2]!.f1).toBeCloseTo(0.8);
  });
  it('macro-F1 is the plain mean of the class F1s', () => {
    expect(m.macroF1).toBeCloseTo((0.75 + 4 / 7 + 0.8) / 3, 10);
  });
  it("Cohen's kappa: p_o = 0.7, p_e = (4·4 + 3·4 + 3·2)/100 = 0.34 → κ = 0.36/0.66", () => {
    expect(m.kappa).toBeCloseTo(0.36 / 0.66, 10);
  });
  it('kappa is 0 for a constant predictor and 1 for a perfect one', () => {
    expect(cohenKappa(confusionMatrix([0, 1, 1, 0], [1, 1, 1, 1], 2))).toBe(0);
    expect(cohenKappa(confusionMatrix([0, 1, 1, 0], [0, 1, 1, 0], 2))).toBe(1);
  });
  it('the majority predictor has the expected macro-F1 (absent classes do not count)', () => {
    const mm = metrics([0, 0, 0, 1], [0, 0, 0, 0], 3);
    expect(mm.accuracy).toBe(0.75);
    expect(mm.macroF1).toBeCloseTo(((2 * 0.75) / 1.75 + 0) / 2, 10);
  });
});

describe('stratified folds', () => {
  it('deal each stratum evenly and deterministically', () => {
    const strata = [...Array(50).fill(0), ...Array(30).fill(1), ...Array(20).fill(2)];
    const f = stratifiedFolds(strata, 5, mulberry32(1));
    for (let k = 0; k < 5; k++) {
      const idx = [...f.keys()].filter((i) => f[i] === k);
      expect(idx.length).toBe(20);
      expect(idx.filter((i) => strata[i] === 2).length).toBe(4);
    }
    expect(Array.from(stratifiedFolds(strata, 5, mulberry32(1)))).toEqual(Array.from(f));
  });
});
