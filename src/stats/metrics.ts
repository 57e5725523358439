/** Classification metrics on integer labels 0..k-1 (pure; hand-checked in the tests). */

export interface ClassStats {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Metrics {
  n: number;
  accuracy: number;
  macroF1: number;
  kappa: number;
  perClass: ClassStats[];
  /** confusion[true][predicted] */
  confusion: number[][];
}

export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]!]![yPred[i]!]! += 1;
  return m;
}

/** Cohen's κ = (p_o − p_e) / (1 − p_e); 0 when p_e = 1. */
export function cohenKappa(conf: number[][]): number {
  const k = conf.length;
  let n = 0;
  let agree = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const v = conf[i]![j]!;
      n += v;
      rows[i]! += v;
      cols[j]! += v;
      if (i === j) agree += v;
    }
  if (n === 0) return 0;
  const po = agree / n;
  let pe = 0;
  for (let i = 0; i < k; i++) pe += (rows[i]! / n) * (cols[i]! / n);
  return pe === 1 ? 0 : (po - pe) / (1 - pe);
}

/** Metrics; macro-F1 averages over classes with support > 0 or predictions > 0 (as scikit-learn's labels present). */
export function metrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number): Metrics {
  const conf = confusionMatrix(yTrue, yPred, k);
  const perClass: ClassStats[] = [];
  let correct = 0;
  let f1sum = 0;
  let present = 0;
  for (let c = 0; c < k; c++) {
    const tp = conf[c]![c]!;
    correct += tp;
    let support = 0;
    let predicted = 0;
    for (let j = 0; j < k; j++) {
      support += conf[c]![j]!;
      predicted += conf[j]![c]!;
    }
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass.push({ precision, recall, f1, support });
    if (support > 0 || predicted > 0) {
      f1sum += f1;
      present++;
    }
  }
  const n = yTrue.length;
  return {
    n,
    accuracy: n ? correct / n : 0,
    macroF1: present ? f1sum / present : 0,
    kappa: cohenKappa(conf),
    perClass,
    confusion: conf,
  };
}

/** Stratified k-fold assignment: fold index per sample, classes dealt round-robin after a shuffle. */
export function stratifiedFolds(strata: ArrayLike<number>, k: number, rng: () => number): Int32Array {
  const by = new Map<number, number[]>();
  for (let i = 0; i < strata.length; i++) {
    const s = strata[i]!;
    if (!by.has(s)) by.set(s, []);
    by.get(s)!.push(i);
  }
  const fold = new Int32Array(strata.length);
  let offset = 0;
  for (const key of [...by.keys()].sort((a, b) => a - b)) {
    const idx = by.get(key)!;
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = idx[i]!;
      idx[i] = idx[j]!;
      idx[j] = t;
    }
    for (let i = 0; i < idx.length; i++) fold[idx[i]!] = (offset + i) % k;
    offset += idx.length;
  }
  return fold;
}
