/**
 * The hierarchical scorer: thématique and kind heads (linear SVMs), then group and idea inside
 * the branch, by label-prototype similarity, with joint branch scores:
 *
 *   p_T = softmax(d_T / τ_T),  p_K = softmax(d_K / τ_K)          (temperatures fitted on CV scores)
 *   L_b = ln p_T(t) + ln p_K(k) + λ · max_{idea ∈ b} cos(x, idea)  for the 8 branches b = (t, k)
 *   p_B = softmax(L);  thématique = argmax Σ_k p_B;  kind = argmax Σ_t p_B
 *
 * so a verbatim that is very close to one idea can pull a hesitant thématique to that idea's
 * branch. Inside the branch: group score s_g = ½ cos(x, group) + ½ max_{i ∈ g} cos(x, i),
 * p(g | b) = softmax(s_g / τ_G) over the branch's groups; p(i | g) = softmax(cos / τ_I).
 *
 * Hot path: `score(text)` fills preallocated arrays and allocates nothing but the tokens.
 */
import type { Featurizer } from './features.js';
import { decisionDense, type LinearModel } from './linear.js';
import type { ProtoIndex, ProtoNode } from './prototypes.js';
import type { Taxonomy } from './taxonomy.js';

export interface Calibration {
  thematique: number;
  kind: number;
  group: number;
  idea: number;
  sujet: number;
  lambda: number;
}

export const DEFAULT_CALIBRATION: Calibration = { thematique: 1, kind: 1, group: 0.05, idea: 0.05, sujet: 0.05, lambda: 0 };

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

export class Scorer {
  readonly dT = new Float64Array(4);
  readonly dK = new Float64Array(2);
  readonly pT = new Float64Array(4);
  readonly pK = new Float64Array(2);
  /** Branch posteriors, index 2·(t−1) + k (k: 0 probleme, 1 solution). */
  readonly pB = new Float64Array(8);
  readonly thematique = new Float64Array(4);
  readonly kind = new Float64Array(2);
  /** Max idea cosine per branch slot. */
  readonly bestIdea = new Float64Array(8);
  readonly groupScore: Float64Array;
  readonly groupProb: Float64Array;
  /** Branch slot (2·(t−1)+k) of each taxonomy branch. */
  readonly slotOf: Int32Array;
  readonly nGroups: number;
  readonly nIdeas: number;
  readonly ideaOffset: number;
  readonly sujetOffset: number;
  /** Per group: [first idea index, end) in node order. */
  readonly groupIdeas: Int32Array;
  private lb = new Float64Array(8);
  private zb = new Float64Array(8);
  /** Taxonomy branch index of each group node. */
  private groupBranch: Int32Array;
  t = 0;
  k = 0;
  slot = 0;

  constructor(
    readonly fz: Featurizer,
    readonly idf: Float32Array,
    readonly headT: LinearModel,
    readonly headK: LinearModel,
    readonly protos: ProtoIndex,
    readonly nodes: ProtoNode[],
    readonly tax: Taxonomy,
    readonly cal: Calibration,
  ) {
    this.nGroups = nodes.filter((n) => n.level === 'group').length;
    this.nIdeas = nodes.filter((n) => n.level === 'idea').length;
    this.ideaOffset = this.nGroups;
    this.sujetOffset = this.nGroups + this.nIdeas;
    this.groupScore = new Float64Array(this.nGroups);
    this.groupProb = new Float64Array(this.nGroups);
    this.groupBranch = Int32Array.from(nodes.slice(0, this.nGroups), (n) => n.branch);
    this.slotOf = Int32Array.from(tax.branches.map((b) => 2 * (b.thematique - 1) + (b.kind === 'solution' ? 1 : 0)));
    this.groupIdeas = new Int32Array(this.nGroups * 2).fill(-1);
    for (let i = 0; i < this.nIdeas; i++) {
      const g = nodes[this.ideaOffset + i]!.parent;
      if (this.groupIdeas[2 * g]! < 0) this.groupIdeas[2 * g] = this.ideaOffset + i;
      this.groupIdeas[2 * g + 1] = this.ideaOffset + i + 1;
    }
  }

  /** Score a text; results in the public arrays; the featurizer keeps the vector until `done()`. */
  score(text: string): void {
    const fz = this.fz;
    fz.count(text);
    fz.weigh(this.idf);
    this.scoreCurrent();
  }

  scoreCurrent(): void {
    const fz = this.fz;
    const cal = this.cal;
    decisionDense(this.headT, fz.touched, fz.nTouched, fz.acc, this.dT);
    decisionDense(this.headK, fz.touched, fz.nTouched, fz.acc, this.dK);
    softmaxInto(this.dT, 4, cal.thematique, this.pT);
    softmaxInto(this.dK, 2, cal.kind, this.pK);
    this.protos.query(fz);
    const sims = this.protos.sims;
    // Best idea per branch slot; group scores.
    this.bestIdea.fill(0);
    for (let g = 0; g < this.nGroups; g++) {
      let best = 0;
      const a = this.groupIdeas[2 * g]!;
      const e = this.groupIdeas[2 * g + 1]!;
      for (let i = a; i >= 0 && i < e; i++) if (sims[i]! > best) best = sims[i]!;
      this.groupScore[g] = 0.5 * sims[g]! + 0.5 * best;
      const slot = this.slotOf[this.groupBranch[g]!]!;
      if (best > this.bestIdea[slot]!) this.bestIdea[slot] = best;
    }
    for (let s = 0; s < 8; s++) {
      this.lb[s] = Math.log(this.pT[s >> 1]! + 1e-12) + Math.log(this.pK[s & 1]! + 1e-12) + cal.lambda * this.bestIdea[s]!;
    }
    softmaxInto(this.lb, 8, 1, this.pB);
    let bt = 0;
    for (let t = 0; t < 4; t++) {
      this.thematique[t] = this.pB[2 * t]! + this.pB[2 * t + 1]!;
      if (this.thematique[t]! > this.thematique[bt]!) bt = t;
    }
    this.kind[0] = this.pB[0]! + this.pB[2]! + this.pB[4]! + this.pB[6]!;
    this.kind[1] = 1 - this.kind[0]!;
    this.t = bt;
    this.k = this.kind[1]! > this.kind[0]! ? 1 : 0;
    this.slot = 2 * bt + this.k;
    // p(g | b) for every branch (softmax of group scores within each branch).
    const gmax = this.lb; // reuse: max group score per taxonomy branch (≤ 8 branches)
    const z = this.zb;
    gmax.fill(-Infinity);
    z.fill(0);
    const gb = this.groupBranch;
    const tg = cal.group;
    for (let g = 0; g < this.nGroups; g++) if (this.groupScore[g]! > gmax[gb[g]!]!) gmax[gb[g]!] = this.groupScore[g]!;
    for (let g = 0; g < this.nGroups; g++) {
      const e = Math.exp((this.groupScore[g]! - gmax[gb[g]!]!) / tg);
      this.groupProb[g] = e;
      z[gb[g]!]! += e;
    }
    for (let g = 0; g < this.nGroups; g++) this.groupProb[g]! /= z[gb[g]!]!;
  }

  /** p(idea | its group): softmax of the cosines within the group (computed on demand). */
  ideaProbOf(node: number): number {
    const g = this.nodes[node]!.parent;
    const a = this.groupIdeas[2 * g]!;
    const e = this.groupIdeas[2 * g + 1]!;
    const sims = this.protos.sims;
    let max = -Infinity;
    for (let i = a; i < e; i++) if (sims[i]! > max) max = sims[i]!;
    let s = 0;
    for (let i = a; i < e; i++) s += Math.exp((sims[i]! - max) / this.cal.idea);
    return Math.exp((sims[node]! - max) / this.cal.idea) / s;
  }

  /** Best group node index in a branch slot (−1 if the branch has no groups). */
  bestGroupIn(slot: number): number {
    let best = -1;
    for (let g = 0; g < this.nGroups; g++) {
      if (this.slotOf[this.nodes[g]!.branch] !== slot) continue;
      if (best < 0 || this.groupProb[g]! > this.groupProb[best]!) best = g;
    }
    return best;
  }

  /** Best idea node index of a group (−1 if none). */
  bestIdeaOf(g: number): number {
    const a = this.groupIdeas[2 * g]!;
    const e = this.groupIdeas[2 * g + 1]!;
    let best = -1;
    for (let i = a; a >= 0 && i < e; i++) if (best < 0 || this.protos.sims[i]! > this.protos.sims[best]!) best = i;
    return best;
  }

  /** Best sujet node index in a branch slot (−1 if none), and its softmax share among the branch's sujets. */
  bestSujetIn(slot: number): { node: number; prob: number; sim: number } {
    const sims = this.protos.sims;
    let best = -1;
    let z = 0;
    let max = -Infinity;
    for (let s = this.sujetOffset; s < this.nodes.length; s++) {
      if (this.slotOf[this.nodes[s]!.branch] !== slot) continue;
      if (sims[s]! > max) max = sims[s]!;
      if (best < 0 || sims[s]! > sims[best]!) best = s;
    }
    if (best < 0) return { node: -1, prob: 0, sim: 0 };
    for (let s = this.sujetOffset; s < this.nodes.length; s++) {
      if (this.slotOf[this.nodes[s]!.branch] !== slot) continue;
      z += Math.exp((sims[s]! - max) / this.cal.sujet);
    }
    return { node: best, prob: 1 / z, sim: sims[best]! };
  }

  done(): void {
    this.fz.reset();
  }
}
