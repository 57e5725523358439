/**
 * The joint branch posterior — one definition, used by the scorer at prediction and by the
 * calibration on out-of-fold scores (so that what is calibrated is what is predicted):
 *
 *   L_b = ln p_T(t) + ln p_K(k) + λ · bestIdea_b (+ extra_b)    for the 8 branch slots b = 2·t + k
 *   p_B = softmax(L);  thématique = argmax_t Σ_k p_B;  kind = argmax_k Σ_t p_B
 */

/** What `branchPosterior` returns besides p_B: the chosen thématique (0..3) and kind (0 probleme, 1 solution). */
export interface BranchChoice {
  t: number;
  k: number;
}

/**
 * p_B from the heads' log-softmaxes (lT: 4, lK: 2) and the best idea cosine of each slot; writes
 * the 8 logits into `logits` (scratch; `extra`: more evidence per slot, added as is), p_B into `pB`, the thématique marginals into `th` (4) and
 * the kind marginals into `kind` (2); returns the choice in `out`.
 */
export function branchPosterior(
  lT: ArrayLike<number>,
  lK: ArrayLike<number>,
  bestIdea: ArrayLike<number>,
  lambda: number,
  logits: Float64Array,
  pB: Float64Array,
  th: Float64Array,
  kind: Float64Array,
  out: BranchChoice,
  extra?: ArrayLike<number>,
): void {
  let mb = -Infinity;
  for (let s = 0; s < 8; s++) {
    const v = lT[s >> 1]! + lK[s & 1]! + lambda * bestIdea[s]! + (extra ? extra[s]! : 0);
    logits[s] = v;
    if (v > mb) mb = v;
  }
  let zs = 0;
  for (let s = 0; s < 8; s++) zs += pB[s] = Math.exp(logits[s]! - mb);
  for (let s = 0; s < 8; s++) pB[s]! /= zs;
  let bt = 0;
  for (let t = 0; t < 4; t++) {
    th[t] = pB[2 * t]! + pB[2 * t + 1]!;
    if (th[t]! > th[bt]!) bt = t;
  }
  kind[0] = pB[0]! + pB[2]! + pB[4]! + pB[6]!;
  kind[1] = 1 - kind[0];
  out.t = bt;
  out.k = kind[1] > kind[0] ? 1 : 0;
}
