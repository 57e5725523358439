/**
 * ln P(idea row | verbatim) from the classifier's scorer (read-only use of src/classify):
 *   wB · ln p(branch) + wG · ln p(group | branch) + wI · ln p(idea | group),
 * each probability as the scorer computes it (calibrated softmaxes, see scorer.ts). The weights
 * temper the three terms (1, 1, 1 is the plain product).
 */
import type { Loaded } from '../classify/load.js';
import type { LogProbs } from './trace.js';
import type { IdeaSimilarity } from './similarity.js';

export interface ScoreWeights {
  branch: number;
  group: number;
  idea: number;
}

export const DEFAULT_WEIGHTS: ScoreWeights = { branch: 1, group: 1, idea: 1 };

const FLOOR = 1e-9;
const ln = (p: number) => Math.log(p > FLOOR ? p : FLOOR);

export function scorerLogProbs(L: Loaded, w: ScoreWeights = DEFAULT_WEIGHTS): LogProbs {
  const sc = L.scorer;
  const nodes = L.protos.nodes;
  const index = new Map(nodes.map((n, k) => [n.id, k]));
  return (v, rows) => {
    sc.score(v.text);
    const out = new Float64Array(rows.length);
    rows.forEach((p, j) => {
      const i = index.get(p.ideaId);
      if (i === undefined) {
        out[j] = ln(0);
        return;
      }
      const node = nodes[i]!;
      const slot = sc.slotOf[node.branch]!;
      out[j] = w.branch * ln(sc.pB[slot]!) + w.group * ln(sc.groupProb[node.parent]!) + w.idea * ln(sc.ideaProbOf(i));
    });
    return out;
  };
}

/**
 * ln P(idea row | verbatim) from the TF-IDF similarity: a softmax of cosine / τ over the idea
 * rows of the verbatim's département (a row's probability is shared with nothing else: two rows
 * never carry the same idea within a département).
 */
export function similarityLogProbs(sim: IdeaSimilarity, tau: number): LogProbs {
  return (v, rows) => {
    const out = new Float64Array(rows.length);
    const cos = sim.cosines(v.id);
    rows.forEach((p, j) => {
      const k = sim.ideaIndex.get(p.ideaId);
      out[j] = (k === undefined ? 0 : cos[k]!) / tau;
    });
    return logNormalise(out);
  };
}

/** Σ w · ln P of several sources, renormalised over the rows (a product of experts). */
export function combineLogProbs(parts: { lp: LogProbs; w: number }[]): LogProbs {
  return (v, rows) => {
    const out = new Float64Array(rows.length);
    for (const { lp, w } of parts) {
      if (w === 0) continue;
      const x = lp(v, rows);
      for (let j = 0; j < out.length; j++) out[j]! += w * x[j]!;
    }
    return logNormalise(out);
  };
}

/** x − ln Σ e^x, in place (a log-softmax). */
function logNormalise(x: Float64Array): Float64Array {
  let max = -Infinity;
  for (let j = 0; j < x.length; j++) if (x[j]! > max) max = x[j]!;
  let z = 0;
  for (let j = 0; j < x.length; j++) z += Math.exp(x[j]! - max);
  const l = max + Math.log(z);
  for (let j = 0; j < x.length; j++) x[j] = x[j]! - l;
  return x;
}
