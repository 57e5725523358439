/**
 * TF-IDF similarity between a verbatim and an idea of the scheme, for the trace (pure; the
 * tokenizer and stemmer are injected, as in src/classify/text.ts whose pipeline it reuses).
 *
 * Features: folded stems (stopwords out), stem bigrams, and character 4-grams of the folded words
 * (weight `charWeight`), sublinear tf, smoothed idf over every verbatim and scheme text.
 * An idea's prototype is the centroid of its label (twice), its départemental aliases, its
 * "Ex : « … »" quotes and, at half weight, its group's label. Self-training adds the verbatims
 * traced to the idea (weighted by their confidence) to its prototype; a verbatim is then compared
 * with the prototype WITHOUT its own contribution (leave-one-out), so that it does not vote for
 * its own label.
 */
import { analyse, type Stemmer, type Tokenizer } from '../classify/text.js';
import type { Taxonomy } from '../classify/taxonomy.js';

export type Vec = Map<string, number>;

export interface SimOptions {
  charWeight: number;
  /** Weight of the scheme texts against the traced verbatims in a self-trained prototype. */
  schemeWeight: number;
}

export const DEFAULT_SIM: SimOptions = { charWeight: 0.5, schemeWeight: 3 };

function rawFeatures(text: string, tokenize: Tokenizer, stem: Stemmer, charWeight: number): Map<string, number> {
  const toks = analyse(text, tokenize, stem).filter((t) => !t.stop);
  const f = new Map<string, number>();
  const add = (k: string, w = 1) => f.set(k, (f.get(k) ?? 0) + w);
  toks.forEach((t, i) => {
    add(`w:${t.stem}`);
    if (i > 0) add(`b:${toks[i - 1]!.stem}_${t.stem}`);
    if (charWeight > 0 && t.word !== '<num>') {
      const w = `<${t.word}>`;
      for (let k = 0; k + 4 <= w.length; k++) add(`c:${w.slice(k, k + 4)}`);
    }
  });
  return f;
}

function norm(v: Vec): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

function scale(v: Vec, f: number): Vec {
  const o = new Map<string, number>();
  for (const [k, x] of v) o.set(k, x * f);
  return o;
}

function addInto(acc: Vec, v: Vec, w: number): void {
  for (const [k, x] of v) acc.set(k, (acc.get(k) ?? 0) + x * w);
}

export class IdeaSimilarity {
  private idf = new Map<string, number>();
  private nDocs = 0;
  /** Idea ids in scheme order, and their index. */
  readonly ideas: string[] = [];
  readonly ideaIndex = new Map<string, number>();
  /** Scheme-only prototype of each idea (unit norm). */
  readonly base = new Map<string, Vec>();
  /** Feature ids (interned) and the inverted index of the current prototypes: feature → (idea, weight). */
  private fid = new Map<string, number>();
  private post: { idea: number; w: number }[][] = [];
  private n2 = new Float64Array(0);
  /** Traced contributions: verbatim id → [idea index, weight]. */
  private traced = new Map<string, { idea: number; w: number }[]>();
  private vecs = new Map<string, { idx: Int32Array; val: Float64Array }>();
  private acc = new Float64Array(0);

  constructor(
    tax: Taxonomy,
    corpus: { id: string; text: string }[],
    private readonly tokenize: Tokenizer,
    private stem: Stemmer,
    private readonly o: SimOptions = DEFAULT_SIM,
  ) {
    // The stemmer is the slow part of the pipeline: once per distinct word.
    const stems = new Map<string, string>();
    const raw = stem;
    this.stem = (w) => {
      let x = stems.get(w);
      if (x === undefined) stems.set(w, (x = raw(w)));
      return x;
    };
    const schemeTexts: string[] = [];
    for (const b of tax.branches)
      for (const g of b.groups) for (const i of g.ideas) schemeTexts.push(i.label, ...i.aliases, ...i.quotes.map((x) => x.text), g.label);
    const raws = [...corpus.map((c) => c.text), ...schemeTexts].map((t) => rawFeatures(t, tokenize, this.stem, o.charWeight));
    const df = new Map<string, number>();
    for (const r of raws) for (const k of r.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    this.nDocs = raws.length;
    for (const [k, d] of [...df].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      this.idf.set(k, Math.log((this.nDocs + 1) / (d + 1)) + 1);
      this.fid.set(k, this.fid.size);
    }
    corpus.forEach((c, k) => this.vecs.set(c.id, this.compact(this.weigh(raws[k]!))));
    for (const b of tax.branches)
      for (const g of b.groups) {
        const gv = this.vector(g.label);
        for (const i of g.ideas) {
          const acc: Vec = new Map();
          addInto(acc, this.vector(i.label), 2);
          for (const a of i.aliases) addInto(acc, this.vector(a), 1);
          for (const q of i.quotes) addInto(acc, this.vector(q.text), 1);
          addInto(acc, gv, 0.5);
          const n = norm(acc);
          this.base.set(i.id, n > 0 ? scale(acc, 1 / n) : acc);
          this.ideaIndex.set(i.id, this.ideas.length);
          this.ideas.push(i.id);
        }
      }
    this.acc = new Float64Array(this.ideas.length);
    this.setTraced([]);
  }

  /** tf-idf, word and char blocks each unit-normalised, then the whole unit-normalised. */
  private weigh(raw: Map<string, number>): Vec {
    const w: Vec = new Map();
    const c: Vec = new Map();
    for (const [k, n] of raw) {
      const x = (1 + Math.log(n)) * (this.idf.get(k) ?? Math.log(this.nDocs + 1) + 1);
      (k.startsWith('c:') ? c : w).set(k, x);
    }
    const nw = norm(w);
    const nc = norm(c);
    const out: Vec = new Map();
    if (nw > 0) addInto(out, w, 1 / nw);
    if (nc > 0) addInto(out, c, this.o.charWeight / nc);
    const n = norm(out);
    return n > 0 ? scale(out, 1 / n) : out;
  }

  /** Interned features only (others match no prototype). */
  private compact(v: Vec): { idx: Int32Array; val: Float64Array } {
    const e = [...v].map(([k, x]) => [this.fid.get(k) ?? -1, x] as const).filter((p) => p[0] >= 0);
    return { idx: Int32Array.from(e, (p) => p[0]), val: Float64Array.from(e, (p) => p[1]) };
  }

  vector(text: string): Vec {
    return this.weigh(rawFeatures(text, this.tokenize, this.stem, this.o.charWeight));
  }

  /** Self-training: the traced labels (verbatim id → idea id, weight) join the prototypes. */
  setTraced(labels: { id: string; idea: string; w: number }[]): void {
    this.traced = new Map();
    const protos = this.ideas.map(() => new Map<number, number>());
    this.ideas.forEach((id, k) => {
      for (const [f, x] of this.base.get(id)!) {
        const i = this.fid.get(f);
        if (i !== undefined) protos[k]!.set(i, x * this.o.schemeWeight);
      }
    });
    for (const l of labels) {
      const v = this.vecs.get(l.id);
      const k = this.ideaIndex.get(l.idea);
      if (!v || k === undefined || l.w <= 0) continue;
      const p = protos[k]!;
      for (let j = 0; j < v.idx.length; j++) p.set(v.idx[j]!, (p.get(v.idx[j]!) ?? 0) + v.val[j]! * l.w);
      const t = this.traced.get(l.id) ?? [];
      t.push({ idea: k, w: l.w });
      this.traced.set(l.id, t);
    }
    this.post = Array.from({ length: this.fid.size }, () => []);
    this.n2 = new Float64Array(this.ideas.length);
    protos.forEach((p, k) => {
      for (const [f, x] of [...p].sort((a, b) => a[0] - b[0])) {
        this.post[f]!.push({ idea: k, w: x });
        this.n2[k]! += x * x;
      }
    });
  }

  /**
   * Cosines of a verbatim of the corpus with every idea's prototype (scheme order), each leaving
   * the verbatim's own traced weight out. The array is reused by the next call.
   */
  cosines(id: string): Float64Array {
    const v = this.vecs.get(id);
    const acc = this.acc;
    acc.fill(0);
    if (!v) return acc;
    for (let j = 0; j < v.idx.length; j++) {
      const x = v.val[j]!;
      for (const p of this.post[v.idx[j]!]!) acc[p.idea]! += x * p.w;
    }
    const own = this.traced.get(id);
    let vn2 = 0;
    for (let j = 0; j < v.val.length; j++) vn2 += v.val[j]! * v.val[j]!;
    for (let k = 0; k < acc.length; k++) {
      let d = acc[k]!;
      let n2 = this.n2[k]!;
      const o = own?.find((x) => x.idea === k);
      if (o) {
        // |P − w·v|² = |P|² − 2w P·v + w² |v|²; P·v loses w |v|².
        n2 = n2 - 2 * o.w * d + o.w * o.w * vn2;
        d -= o.w * vn2;
      }
      acc[k] = n2 > 1e-12 && vn2 > 0 ? d / Math.sqrt(n2 * vn2) : 0;
    }
    return acc;
  }
}
