/**
 * Label prototypes: one sparse tf-idf centroid per scheme node, built from the node's exact
 * label, its départemental aliases, (for ideas) its "Ex" quotes and the coded examples (each at
 * its weight: 0.5 counts half a scheme text); a group's prototype adds its ideas' labels.
 * Similarity is the cosine, computed for all nodes at once through an inverted index (row →
 * postings), so a query costs one pass over its own features (the scorer walks the postings).
 * Prototypes use the word block only (see the constructor).
 */
import type { SparseVec } from './features.js';
import type { TaxExample, Taxonomy } from './taxonomy.js';

export type ProtoLevel = 'group' | 'idea' | 'sujet';

export interface ProtoNode {
  id: string;
  label: string;
  level: ProtoLevel;
  /** Index of the branch in taxonomy.branches. */
  branch: number;
  /** For an idea: index of its group node; for a group: -1. */
  parent: number;
  /** Texts whose vectors make the centroid. */
  texts: string[];
  /** The weight of each text in the centroid (1 but for weighted coded examples). */
  weights: number[];
}

/** A text's vector and its weight in a centroid (absent: 1). */
export type WeightedVec = SparseVec & { weight?: number };

/** Nodes in a fixed order: all groups, then all ideas, then all sujets. */
export function protoNodes(tax: Taxonomy): ProtoNode[] {
  const groups: ProtoNode[] = [];
  const ideas: ProtoNode[] = [];
  const sujets: ProtoNode[] = [];
  tax.branches.forEach((b, bi) => {
    for (const g of b.groups) {
      const gi = groups.length;
      groups.push({
        id: g.id,
        label: g.label,
        level: 'group',
        branch: bi,
        parent: -1,
        ...weighted([g.label, ...g.aliases, ...g.ideas.map((i) => i.label)], g.examples),
      });
      for (const i of g.ideas)
        ideas.push({
          id: i.id,
          label: i.label,
          level: 'idea',
          branch: bi,
          parent: gi,
          ...weighted([i.label, ...i.aliases, ...i.quotes.map((q) => q.text)], i.examples),
        });
    }
    for (const s of b.sujets) {
      if (/^autres?$/i.test(s.label.trim())) continue; // "Autre" is not a topic
      sujets.push({ id: s.id, label: s.label, level: 'sujet', branch: bi, parent: -1, texts: [s.label], weights: [1] });
    }
  });
  return [...groups, ...ideas, ...sujets];
}

/** The scheme's texts at weight 1, then the coded examples at theirs. */
function weighted(scheme: string[], examples: readonly TaxExample[] = []): { texts: string[]; weights: number[] } {
  return { texts: [...scheme, ...examples.map((e) => e.text)], weights: [...scheme.map(() => 1), ...examples.map((e) => e.weight)] };
}

export class ProtoIndex {
  readonly n: number;
  /** CSR postings over the index space: node ids pid[start[r], start[r+1]) with weights pw. */
  readonly start: Int32Array;
  readonly pid: Int32Array;
  readonly pw: Float32Array;

  /** `vectors[k]` are the (already tf-idf weighted) vectors of node k's texts, with their weights. */
  /**
   * `below`: only indices below it take part (the word block: prototypes compare stems and stem
   * bigrams; measured on the Ex quotes, the character block added nothing to group/idea accuracy
   * and tripled the postings).
   */
  constructor(
    dim: number,
    vectors: WeightedVec[][],
    below = Infinity,
    maxFeatures = PROTO_FEATURES,
    csr?: { start: Int32Array; pid: Int32Array; pw: Float32Array },
  ) {
    this.n = vectors.length;
    if (csr) {
      this.start = csr.start;
      this.pid = csr.pid;
      this.pw = csr.pw;
      return;
    }
    const cents: Map<number, number>[] = vectors.map((vs) => prune(centroid(vs.map((v) => restrict(v, below))), maxFeatures));
    const counts = new Int32Array(dim + 1);
    for (const c of cents) for (const b of c.keys()) counts[b + 1]! += 1;
    for (let b = 0; b < dim; b++) counts[b + 1]! += counts[b]!;
    this.start = counts;
    const total = counts[dim]!;
    this.pid = new Int32Array(total);
    this.pw = new Float32Array(total);
    const fill = Int32Array.from(counts.subarray(0, dim));
    cents.forEach((c, k) => {
      for (const [b, w] of [...c.entries()].sort((x, y) => x[0] - y[0])) {
        const p = fill[b]!++;
        this.pid[p] = k;
        this.pw[p] = w;
      }
    });
  }
}

/** An index from its postings (as stored in the model file): `n` nodes over `dim` rows. */
export function protoIndexFromCsr(n: number, dim: number, start: Int32Array, pid: Int32Array, pw: Float32Array): ProtoIndex {
  if (start.length !== dim + 1 || pid.length !== pw.length || start[dim] !== pid.length) throw new Error('prototype postings do not match');
  return new ProtoIndex(dim, new Array<SparseVec[]>(n), Infinity, PROTO_FEATURES, { start, pid, pw });
}

/**
 * Features kept per prototype (the largest weights, renormalised): the long tail of a centroid
 * adds postings (time) more than it adds similarity.
 */
export const PROTO_FEATURES = 1 << 20;

export function prune(c: Map<number, number>, k: number): Map<number, number> {
  if (c.size <= k) return c;
  const top = [...c.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
  let n = 0;
  for (const [, w] of top) n += w * w;
  const f = 1 / Math.sqrt(n);
  return new Map(top.map(([b, w]) => [b, w * f]));
}

function restrict(v: WeightedVec, below: number): WeightedVec {
  if (below === Infinity) return v;
  const keep: number[] = [];
  for (let k = 0; k < v.idx.length; k++) if (v.idx[k]! < below) keep.push(k);
  const out: WeightedVec = { idx: Int32Array.from(keep, (k) => v.idx[k]!), val: Float32Array.from(keep, (k) => v.val[k]!) };
  if (v.weight !== undefined) out.weight = v.weight;
  return out;
}

/** Unit-norm weighted mean of unit-normalised vectors: a vector of weight w moves the sum w times as far as one of weight 1. */
export function centroid(vs: WeightedVec[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const v of vs) {
    let n = 0;
    for (let k = 0; k < v.val.length; k++) n += v.val[k]! * v.val[k]!;
    if (n === 0) continue;
    const f = (v.weight ?? 1) / Math.sqrt(n);
    for (let k = 0; k < v.idx.length; k++) m.set(v.idx[k]!, (m.get(v.idx[k]!) ?? 0) + v.val[k]! * f);
  }
  let n = 0;
  for (const w of m.values()) n += w * w;
  if (n > 0) {
    const f = 1 / Math.sqrt(n);
    for (const [b, w] of m) m.set(b, w * f);
  }
  return m;
}

/** The nodes' prototypes: vectors over the hashed space (kept for leave-one-out) and the index over rows. */
export interface Protos {
  nodes: ProtoNode[];
  /** Vectors of each node's texts, over the hashed space, with their weights. */
  vectors: WeightedVec[][];
  index: ProtoIndex;
}
