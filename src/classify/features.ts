/**
 * TF-IDF features with feature hashing: word 1–2-grams of stems and char_wb 3–5-grams of the
 * folded words, each block l2-normalised on its own (as scikit-learn's FeatureUnion of two
 * TfidfVectorizers), in one index space:
 *   [0, 2^wordBits)                       word block (stems, stem bigrams, BOS bigram, "?")
 *   [2^wordBits, 2^wordBits + 2^charBits) char block (" mot " → " mo", "mot", "ot ", " mot", …)
 *
 * Hot path (`Featurizer.count` → `weigh` → read `acc` over `touched` → `reset`) allocates no
 * n-gram string and no per-item array: a token is analysed once (stem, folded word, the bucket
 * of its unigram and the buckets of its character n-grams) and cached; counts accumulate in a
 * dense scratch vector whose touched slots are listed and zeroed afterwards.
 */
import { bucket, combine, FNV_OFFSET, fmix32, fnvStep, hashString } from './hash.js';
import { analyseToken, normalise, type Stemmer, type Tokenizer } from './text.js';

export interface FeatureConfig {
  wordBits: number;
  charBits: number;
  charMin: number;
  charMax: number;
  /** tf → 1 + ln(tf). */
  sublinearTf: boolean;
  /** Weight of each block after its l2 normalisation. */
  wordWeight: number;
  charWeight: number;
  /** Add the first content word and its ending as features. */
  firstWord: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  wordBits: 17,
  charBits: 18,
  charMin: 3,
  charMax: 5,
  sublinearTf: true,
  wordWeight: 1,
  charWeight: 1,
  firstWord: true,
};

const SEED_WORD = 0x5eed0001;
const SEED_CHAR = 0x5eed0002;
const BOS = hashString('<s>', SEED_WORD);
const QMARK = hashString('<?>', SEED_WORD);
const BOS_WORD = hashString('<s:word>', SEED_WORD);
const BOS_SUFFIX = hashString('<s:suffix>', SEED_WORD);

export interface CachedToken {
  /** Folded surface word (for explanations). */
  word: string;
  stem: string;
  stop: boolean;
  /** Hash of the stem (for bigrams) and bucket of the unigram. */
  stemHash: number;
  uni: number;
  /** Buckets of "first word of the item is <word>" and "… ends in <last two letters>" (mood cues: infinitive → proposal). */
  first: number;
  firstSuffix: number;
  /** Buckets (already offset into the char block) of the word's character n-grams. */
  chars: Int32Array;
}

export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

export function dimension(cfg: FeatureConfig): number {
  return (1 << cfg.wordBits) + (1 << cfg.charBits);
}

/** Buckets of the char_wb n-grams of `word`, padded with one space each side. */
export function charBuckets(word: string, cfg: FeatureConfig): Int32Array {
  const n = word.length + 2;
  const out: number[] = [];
  const off = 1 << cfg.wordBits;
  const code = (i: number) => (i === 0 || i === n - 1 ? 32 : word.charCodeAt(i - 1));
  if (n < cfg.charMin) return new Int32Array(0);
  for (let i = 0; i < n; i++) {
    let h = FNV_OFFSET ^ SEED_CHAR;
    for (let j = i; j < n && j - i < cfg.charMax; j++) {
      h = fnvStep(h, code(j));
      if (j - i + 1 >= cfg.charMin) out.push(off + bucket(fmix32(h ^ (j - i + 1)), cfg.charBits));
    }
  }
  return Int32Array.from(out);
}

/**
 * A compaction of the hashed space to the model's vocabulary: `rows[bucket]` is the bucket's row
 * (−1 outside the vocabulary), word rows first. With it the scratch vector, the weights and the
 * prototype postings are vocabulary-sized (cache-resident) instead of 2^wordBits + 2^charBits.
 */
export interface Remap {
  rows: Int32Array;
  nWord: number;
  n: number;
}

export function makeRemap(vocab: Int32Array, cfg: FeatureConfig): Remap {
  const rows = new Int32Array(dimension(cfg)).fill(-1);
  let nWord = 0;
  const wd = 1 << cfg.wordBits;
  for (let r = 0; r < vocab.length; r++) {
    rows[vocab[r]!] = r;
    if (vocab[r]! < wd) nWord = r + 1;
  }
  return { rows, nWord, n: vocab.length };
}

export class Featurizer {
  /** Size of the index space: the hashed space, or the vocabulary when remapped. */
  readonly dim: number;
  readonly wordDim: number;
  /** Dense scratch: counts after `count`, weights after `weigh`. Zero outside `touched`. */
  readonly acc: Float32Array;
  touched: Int32Array;
  nTouched = 0;
  /** Tokens of the current item (all of them, stopwords included), for explanations. */
  readonly toks: CachedToken[] = [];
  nToks = 0;
  /** Share of the current item's content tokens whose unigram is in the vocabulary (after weigh). */
  coverage = 0;
  contentTokens = 0;
  private cache = new Map<string, CachedToken>();
  private readonly remap: Remap | null;
  private readonly maxCache: number;

  constructor(
    readonly cfg: FeatureConfig,
    private readonly tokenize: Tokenizer,
    private readonly stem: Stemmer,
    opts: { maxCache?: number; remap?: Remap } = {},
  ) {
    this.remap = opts.remap ?? null;
    this.wordDim = this.remap ? this.remap.nWord : 1 << cfg.wordBits;
    this.dim = this.remap ? this.remap.n : dimension(cfg);
    this.acc = new Float32Array(this.dim);
    this.touched = new Int32Array(4096);
    this.maxCache = opts.maxCache ?? 200_000;
  }

  token(raw: string): CachedToken {
    let c = this.cache.get(raw);
    if (c === undefined) {
      if (this.cache.size >= this.maxCache) this.cache.clear();
      const t = analyseToken(raw, this.stem);
      const stemHash = hashString(t.stem, SEED_WORD);
      let chars = t.stop || t.word === '<num>' ? new Int32Array(0) : charBuckets(t.word, this.cfg);
      if (this.remap) chars = chars.map((b) => this.remap!.rows[b]!).filter((r) => r >= 0);
      c = {
        word: t.word,
        stem: t.stem,
        stop: t.stop,
        stemHash,
        uni: this.map(bucket(stemHash, this.cfg.wordBits)),
        first: this.map(bucket(combine(BOS_WORD, hashString(t.word, SEED_WORD)), this.cfg.wordBits)),
        firstSuffix: this.map(bucket(combine(BOS_SUFFIX, hashString(t.word.slice(-2), SEED_WORD)), this.cfg.wordBits)),
        chars,
      };
      this.cache.set(raw, c);
    }
    return c;
  }

  private map(b: number): number {
    return this.remap ? this.remap.rows[b]! : b;
  }

  /** Count one occurrence of index b (b < 0: outside the vocabulary, ignored). */
  private add(b: number): void {
    if (b < 0) return;
    if (this.acc[b] === 0) {
      if (this.nTouched === this.touched.length) {
        const t = new Int32Array(this.touched.length * 2);
        t.set(this.touched);
        this.touched = t;
      }
      this.touched[this.nTouched++] = b;
    }
    this.acc[b]! += 1;
  }

  /** Raw n-gram counts of `text` into `acc`. */
  count(text: string): void {
    const raws = this.tokenize(normalise(text));
    let prev = BOS;
    let content = 0;
    this.nToks = 0;
    for (let k = 0; k < raws.length; k++) {
      let raw = raws[k]!;
      if (raw.charCodeAt(0) === 45 || raw.charCodeAt(raw.length - 1) === 45) raw = raw.replace(/^-+|-+$/g, '');
      if (raw.length === 0) continue;
      const t = this.token(raw);
      this.toks[this.nToks++] = t;
      if (t.stop) continue;
      if (content === 0 && this.cfg.firstWord) {
        this.add(t.first);
        this.add(t.firstSuffix);
      }
      content++;
      this.add(t.uni);
      this.add(this.map(bucket(combine(prev, t.stemHash), this.cfg.wordBits)));
      prev = t.stemHash;
      const ch = t.chars;
      for (let i = 0; i < ch.length; i++) this.add(ch[i]!);
    }
    if (text.indexOf('?') >= 0) this.add(this.map(bucket(QMARK, this.cfg.wordBits)));
    this.contentTokens = content;
  }

  /**
   * Counts → tf-idf, each block l2-normalised and weighted. Buckets with idf 0 (outside the
   * vocabulary) are dropped, so that training and prediction see the same features.
   */
  weigh(idf: Float32Array): void {
    const acc = this.acc;
    const sub = this.cfg.sublinearTf;
    let n = 0;
    let sw = 0;
    let sc = 0;
    for (let i = 0; i < this.nTouched; i++) {
      const b = this.touched[i]!;
      const w = idf[b]!;
      if (w === 0) {
        acc[b] = 0;
        continue;
      }
      const tf = acc[b]!;
      const v = (sub ? 1 + Math.log(tf) : tf) * w;
      acc[b] = v;
      this.touched[n++] = b;
      if (b < this.wordDim) sw += v * v;
      else sc += v * v;
    }
    this.nTouched = n;
    const fw = sw > 0 ? this.cfg.wordWeight / Math.sqrt(sw) : 0;
    const fc = sc > 0 ? this.cfg.charWeight / Math.sqrt(sc) : 0;
    for (let i = 0; i < n; i++) {
      const b = this.touched[i]!;
      acc[b]! *= b < this.wordDim ? fw : fc;
    }
    let known = 0;
    let content = 0;
    for (let i = 0; i < this.nToks; i++) {
      const t = this.toks[i]!;
      if (t.stop || t.word === '<num>') continue;
      content++;
      if (t.uni >= 0 && idf[t.uni]! > 0) known++;
    }
    this.coverage = content === 0 ? 0 : known / content;
  }

  reset(): void {
    for (let i = 0; i < this.nTouched; i++) this.acc[this.touched[i]!] = 0;
    this.nTouched = 0;
  }

  /** Copy of the current vector (training only). */
  snapshot(): SparseVec {
    const idx = this.touched.slice(0, this.nTouched);
    idx.sort();
    const val = new Float32Array(idx.length);
    for (let i = 0; i < idx.length; i++) val[i] = this.acc[idx[i]!]!;
    return { idx, val };
  }

  /** Distinct buckets of `text` (for document frequencies). */
  buckets(text: string): Int32Array {
    this.count(text);
    const out = this.touched.slice(0, this.nTouched);
    this.reset();
    return out;
  }

  vector(text: string, idf: Float32Array): SparseVec {
    this.count(text);
    this.weigh(idf);
    const v = this.snapshot();
    this.reset();
    return v;
  }
}

/** scikit-learn's smooth idf: ln((1 + n) / (1 + df)) + 1; 0 for buckets with df < minDf. */
export function idfFromDf(df: Int32Array, nDocs: number, minDf: number): Float32Array {
  const idf = new Float32Array(df.length);
  for (let b = 0; b < df.length; b++) {
    const d = df[b]!;
    if (d >= minDf && d > 0) idf[b] = Math.log((1 + nDocs) / (1 + d)) + 1;
  }
  return idf;
}
