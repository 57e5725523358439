/**
 * The hierarchical scorer: thématique and kind heads (linear), then group and idea inside the
 * branch, by label-prototype similarity, with joint branch scores:
 *
 *   p_T = softmax(d_T / τ_T),  p_K = softmax(d_K / τ_K)          (temperatures fitted on CV scores)
 *   L_b = ln p_T(t) + ln p_K(k) + λ · max_{idea ∈ b} cos(x, idea)  for the 8 branches b = (t, k)
 *   p_B = softmax(L);  thématique = argmax Σ_k p_B;  kind = argmax Σ_t p_B
 *
 * so a verbatim that is very close to one idea can pull a hesitant thématique to that idea's
 * branch. Inside the branch: prototype score s_g = ½ cos(x, group) + ½ max_{i ∈ g} cos(x, i) and,
 * when the model has one, the group head's decision value d_g (linear, flat over the 28 groups):
 * u_g = s_g / τ_G + β · d_g, p(g | b) = softmax(u_g) over the branch's groups; p(i | g) =
 * softmax(cos / τ_I). With μ > 0 (calibration `groupBranch`) the branch logits also get
 * μ · ln Σ_{g ∈ b} exp(u_g): the group evidence can move the branch.
 *
 * Compiled for speed. The features (features.ts) are linear in the words, so everything a word
 * contributes is computed once per distinct raw token and cached (struct of arrays, ids from an
 * intern table filled by the scanner without building strings): the row of its stem, its
 * char n-gram part of the six head scores (4 thématique + 2 kind, idf and weights folded in) and
 * the squared norm of that part. Scoring a verbatim is then: scan, one table probe per token, six
 * additions per word-block occurrence (stem, stem bigram, first-word and cue features) and per
 * word, the prototype postings of the word-block rows, the group head's postings (a few per
 * token from the token cache: its stem's and its char n-grams' largest; with a head that has
 * other word rows, their postings too), and the small softmaxes. No allocation.
 */
import { bucket, combine } from './hash.js';
import { BOS, CUE_HASH, QMARK, SEED_WORD, tokenInfo } from './features.js';
import type { FeatureConfig } from './features.js';
import type { LinearModel } from './linear.js';
import type { Calibration, GroupPostings, RowModel } from './row-model.js';
import type { ProtoIndex, ProtoNode } from './prototypes.js';
import { hashUnits, InternTable, scanTokens } from './scan.js';
import type { Taxonomy } from './taxonomy.js';
import type { Stemmer } from './text.js';
import { hashString } from './hash.js';
import { branchPosterior } from './branch.js';
import { logSoftmaxInto, softmaxInto } from '../stats/softmax.js';

const BOS_STEM2 = hashString('<s:stem2>', SEED_WORD);
/** Head columns per row: thématique 0..3, kind 4..5, statement 6. */
const COLS = 7;
/** Ints and floats per token in the token cache, and their layout. */
const TI = 8;
/** Int slots of a token: flags, stem hash, rows of the stem, first word, first-word ending, first stem, folded word id. */
const FLAGS = 0,
  STEM_HASH = 1,
  STEM_ROW = 2,
  FIRST_ROW = 3,
  FIRST_SUFFIX_ROW = 4,
  FIRST_STEM_ROW = 5,
  WORD_ID = 6;
/** Token flags. */
const F_STOP = 1,
  F_NUM = 2,
  F_QUESTION = 4,
  F_DEFICIT = 8,
  F_NEED = 16;
/** Float slots of a token: its char n-grams' squared norm, its stem's idf², then the 7 head columns (4 thématique, 2 kind, 1 statement) of its char part and of its stem part (× idf). */
const CHAR_NORM2 = 0,
  STEM_IDF2 = 1,
  CHAR_PART = 2,
  STEM_PART = 2 + COLS;
const MAX_TOKENS = 1 << 18;
/** Group weights kept per token from the char n-gram part of the group head by default (scorer-side top-k; see keepGroupChar; RowModel.groupCharTop). */
const GK = 6;
/** The group postings of a token (see tokFloats): at most GMAX, from float G_AT of the token's floats; their indices and number as bytes from float G_AT + GMAX. */
const GMAX = 12;
const G_AT = 16;

/**
 * A scorer's token cache as plain data (structured-clonable): what `classify --jobs` hands a
 * worker so that it does not compute again what the main thread already knows of each word.
 */
export interface TokenSnapshot {
  /** Rows of the model it was computed with, and the floats per token: a check, not data. */
  rows: number;
  tf: number;
  keys: string[];
  ints: Int32Array;
  floats: Float32Array;
  words: string[];
  wordList: string[];
}

export class Scorer {
  readonly dT = new Float64Array(4);
  readonly dK = new Float64Array(2);
  /** Decision value of the statement head (0 without one). */
  dS = 0;
  readonly pT = new Float64Array(4);
  readonly pK = new Float64Array(2);
  /** Branch posteriors, index 2·(t−1) + k (k: 0 probleme, 1 solution). */
  readonly pB = new Float64Array(8);
  readonly thematique = new Float64Array(4);
  readonly kind = new Float64Array(2);
  /** Max idea cosine per branch slot. */
  readonly bestIdea = new Float64Array(8);
  /** Prototype score s_g of each group. */
  readonly groupScore: Float64Array;
  /** Decision value d_g of the group head (0 without one). */
  readonly dG: Float64Array;
  /** p(g | its branch). */
  readonly groupProb: Float64Array;
  /** Branch slot (2·(t−1)+k) of each taxonomy branch. */
  readonly slotOf: Int32Array;
  readonly nGroups: number;
  readonly nIdeas: number;
  readonly ideaOffset: number;
  readonly sujetOffset: number;
  /** Per group: [first idea index, end) in node order. */
  readonly groupIdeas: Int32Array;
  /** Prototype cosines of the current verbatim (node order). */
  readonly sims: Float64Array;
  t = 0;
  k = 0;
  slot = 0;

  // ---- the current verbatim (valid until the next `score`) ----
  /** Token ids of the verbatim, all tokens (stopwords included), in order. */
  tokIds = new Int32Array(256);
  nToks = 0;
  /** Content tokens (not stopwords; numbers included), and those that are not numbers. */
  contentTokens = 0;
  words = 0;
  /** Share of the content words (numbers excluded) whose stem is in the vocabulary. */
  coverage = 0;
  /** Block scale factors of the current verbatim (word, char). */
  fw = 0;
  fc = 0;

  // ---- compiled model ----
  readonly cfg: FeatureConfig;
  private readonly rowOf: Int32Array;
  private readonly wordBits: number;
  /** Head weights × idf, 6 per row: thématique 0..3, kind 4..5. */
  private readonly headW: Float32Array;
  private readonly idfSq: Float32Array;
  private readonly biasT: Float64Array;
  private readonly biasK: Float64Array;
  private readonly biasS: number;
  /** The group head as postings over the rows (CSR: groups gId[gStart[r], gStart[r+1]), weights × idf gW), and its biases. */
  private readonly gStart: Int32Array;
  private readonly gId: Uint8Array;
  private readonly gW: Float32Array;
  private readonly biasG: Float64Array;
  private readonly hasG: boolean;
  /** The group head has no weights on word rows other than the stems' (read from the token cache): the other word rows are skipped. */
  private readonly gStems: boolean;
  /** Whether the group head has char-block rows (their part is cached per token, like the heads' char parts). */
  private readonly gChar: boolean;
  /** The token floats as bytes (the group postings' indices). */
  private tokBytes = new Uint8Array(0);
  /** Floats per token: 16, or 32 with a group head (its postings in the token's second 64-byte line, next to the first). */
  private readonly tf: number;
  private readonly gK: number;
  private readonly gS: number;

  /** Dense char part of the token being added (scratch). */
  private readonly gScratch: Float64Array;
  private readonly gMag: Float64Array;
  /** The current verbatim's group sums: word block [0, G), char block [G, 2G). */
  private readonly gAcc: Float64Array;
  /** Group evidence of each branch slot, ln Σ_{g ∈ slot} exp(u_g) (scratch). */
  private readonly slotEvidence = new Float64Array(8);
  private protos!: ProtoIndex;
  /** Prototype posting weights × idf of the posting's row. */
  private pwi!: Float32Array;
  private readonly rowsQ: number;
  private readonly rowsCue: Int32Array;
  private readonly rowsLen: Int32Array;

  // ---- token cache (array of structs by token id: one or two cache lines per token) ----
  private readonly table = new InternTable(1 << 14);
  private cap = 0;
  /** Per token, 8 ints: flags (1 stop, 2 number, 4 question word, 8 deficit cue, 16 necessity cue), stem hash, rows of the stem, first word, first-word ending, first stem, folded word id. */
  private tokInts = new Int32Array(0);
  /**
   * Per token, 16 floats: char part squared norm, stem idf², char part of the 7 head scores, stem
   * part of the 7 head scores (× idf); with a group head 16 more: up to 12 group postings —
   * weights as floats 16..27, their accumulator indices as the bytes of floats 28..30, their
   * number as the next byte — everything the token adds to the group head: the char n-gram part
   * of its decision values (× idf, before the block scale) less its median over the groups (a
   * shift common to all the groups changes no softmax), as its gK largest in magnitude
   * (accumulator G + g; none for a stopword, a number or a token without known n-grams, as in the
   * heads' char block), then the postings of its stem row (accumulator g; none for a stopword).
   */
  private tokFloats = new Float32Array(0);
  /** Folded surface words by token id (explanations). */
  tWord: string[] = [];
  /** One small integer per folded word (raw tokens that fold to the same word share it). */
  private readonly wordIds = new Map<string, number>();
  /** Bumped each time the token cache starts again (token ids are reused): callers' per-token caches compare it. */
  generation = 0;

  /** The id of token `id`'s folded word ("médecin" and "medecin" share it). */
  wordId(id: number): number {
    return this.tokInts[id * TI + WORD_ID]!;
  }
  private buf: Uint16Array = new Uint16Array(512);
  private occ = new Int32Array(256);
  private uniRows = new Int32Array(256);
  /** Token ids of the content tokens (not stopwords) of the verbatim, in order. */
  private contentIds = new Int32Array(256);
  private readonly branchLogits = new Float64Array(8);
  private readonly choice = { t: 0, k: 0 };
  private readonly lT = new Float64Array(4);
  private readonly lK = new Float64Array(2);
  /** Branch slot of each group node. */
  readonly slotOfGroup: Int32Array;
  /** Sujet nodes of each branch slot. */
  private readonly sujetsOfSlot: Int32Array[];
  private readonly branchZ = new Float64Array(8);
  private readonly branchMax = new Float64Array(8);
  private readonly groupBranch: Int32Array;
  private readonly emit = (b: Uint16Array, s: number, e: number): void => {
    const h = hashUnits(b, s, e);
    let id = this.table.find(b, s, e, h);
    if (id < 0) id = this.addToken(String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]), h);
    if (this.nToks === this.tokIds.length) {
      const t = new Int32Array(this.tokIds.length * 2);
      t.set(this.tokIds);
      this.tokIds = t;
    }
    this.tokIds[this.nToks++] = id;
  };

  constructor(
    m: RowModel,
    private readonly stem: Stemmer,
    protos: ProtoIndex,
    readonly nodes: ProtoNode[],
    readonly tax: Taxonomy,
    readonly cal: Calibration,
  ) {
    this.cfg = m.cfg;
    this.rowOf = m.rowOf;
    this.wordBits = m.cfg.wordBits;
    const R = m.idf.length;
    this.headW = new Float32Array(R * COLS);
    this.idfSq = new Float32Array(R);
    for (let r = 0; r < R; r++) {
      const w = m.idf[r]!;
      this.idfSq[r] = w * w;
      for (let c = 0; c < 4; c++) this.headW[r * COLS + c] = w * m.headT.W[r * 4 + c]!;
      for (let c = 0; c < 2; c++) this.headW[r * COLS + 4 + c] = w * m.headK.W[r * 2 + c]!;
      if (m.headS) this.headW[r * COLS + 6] = w * m.headS.W[r]!;
    }
    this.idfR = m.idf;
    const G = nodes.filter((n) => n.level === 'group').length;
    if (m.headG && m.headG.nClasses !== G) throw new Error('the group head does not match the groups');
    this.hasG = m.headG !== undefined;
    this.gStems = m.groupStems === true;
    const csr = groupPostings(m.headG, m.idf, R);
    this.gStart = csr.start;
    this.gId = csr.id;
    this.gW = csr.w;
    this.biasG = m.headG ? Float64Array.from(m.headG.bias) : new Float64Array(G);
    this.dG = new Float64Array(G);
    this.gAcc = new Float64Array(2 * G);
    this.gScratch = new Float64Array(G);
    this.gMag = new Float64Array(G);
    if (G > 127) throw new Error('the group head has more than 127 groups');
    let gChar = false;
    for (let r = m.nWord; this.hasG && r < R && !gChar; r++) gChar = csr.start[r + 1]! > csr.start[r]!;
    this.gChar = gChar;
    let gW = 0;
    for (let r = 0; r < m.nWord && this.hasG; r++) gW = Math.max(gW, csr.start[r + 1]! - csr.start[r]!);
    if (gW > GMAX) throw new Error(`the group head has more than ${GMAX} weights in a word row`);
    this.gK = gChar ? Math.min(m.groupCharTop ?? GK, GMAX - gW) : 0;
    this.gS = this.gK + gW;
    this.tf = this.gS > 0 ? 32 : 16;

    this.biasT = Float64Array.from(m.headT.bias);
    this.biasK = Float64Array.from(m.headK.bias);
    this.biasS = m.headS ? m.headS.bias[0]! : 0;
    const row = (h: number) => this.rowOf[bucket(h, this.wordBits)]!;
    this.rowsQ = row(QMARK);
    this.rowsCue = Int32Array.from([row(CUE_HASH.deficit), row(CUE_HASH.need), row(CUE_HASH.question), row(CUE_HASH.colon)]);
    this.rowsLen = Int32Array.from(CUE_HASH.len.map(row));
    this.nGroups = nodes.filter((n) => n.level === 'group').length;
    this.nIdeas = nodes.filter((n) => n.level === 'idea').length;
    this.ideaOffset = this.nGroups;
    this.sujetOffset = this.nGroups + this.nIdeas;
    this.groupScore = new Float64Array(this.nGroups);
    this.groupProb = new Float64Array(this.nGroups);
    this.groupBranch = Int32Array.from(nodes.slice(0, this.nGroups), (n) => n.branch);
    this.slotOf = Int32Array.from(tax.branches.map((b) => 2 * (b.thematique - 1) + (b.kind === 'solution' ? 1 : 0)));
    this.slotOfGroup = Int32Array.from(this.groupBranch, (b) => this.slotOf[b]!);
    this.sujetsOfSlot = Array.from({ length: 8 }, (_, slot) => {
      const l: number[] = [];
      for (let x = this.nGroups + this.nIdeas; x < nodes.length; x++) if (this.slotOf[nodes[x]!.branch] === slot) l.push(x);
      return Int32Array.from(l);
    });
    this.groupIdeas = new Int32Array(this.nGroups * 2).fill(-1);
    for (let i = 0; i < this.nIdeas; i++) {
      const g = nodes[this.ideaOffset + i]!.parent;
      if (this.groupIdeas[2 * g]! < 0) this.groupIdeas[2 * g] = this.ideaOffset + i;
      this.groupIdeas[2 * g + 1] = this.ideaOffset + i + 1;
    }
    this.sims = new Float64Array(nodes.length);
    this.setProtos(protos);
    this.grow(1 << 12);
  }

  private readonly idfR: Float32Array;

  /** Use other prototypes (same nodes, same row space): leave-one-out in training. */
  setProtos(p: ProtoIndex): void {
    if (p.n !== this.nodes.length) throw new Error('prototypes do not match the nodes');
    this.protos = p;
    const pwi = new Float32Array(p.pw.length);
    for (let r = 0; r + 1 < p.start.length; r++) for (let q = p.start[r]!; q < p.start[r + 1]!; q++) pwi[q] = p.pw[q]! * this.idfR[r]!;
    this.pwi = pwi;
  }

  /** Head weights (× idf) of a row: column c of the thématique head (c < 4) or of the kind head (4 + c). */
  weight(row: number, col: number): number {
    return this.headW[row * COLS + col]!;
  }

  /** The row of the stem of token `id` (−1: not in the vocabulary). */
  uniRow(id: number): number {
    return this.tokInts[id * TI + STEM_ROW]!;
  }

  /** The char n-gram part of token `id` in head column `col` (× idf, before the block scale). */
  charPart(id: number, col: number): number {
    return this.tokFloats[id * this.tf + CHAR_PART + col]!;
  }

  /** The stem part of token `id` in head column `col` (× idf, before the block scale; 0 outside the vocabulary). */
  stemPart(id: number, col: number): number {
    return this.tokFloats[id * this.tf + STEM_PART + col]!;
  }

  isStop(id: number): boolean {
    return (this.tokInts[id * TI + FLAGS]! & F_STOP) !== 0;
  }

  isNum(id: number): boolean {
    return (this.tokInts[id * TI + FLAGS]! & F_NUM) !== 0;
  }

  private grow(cap: number): void {
    const ti = new Int32Array(cap * TI);
    ti.set(this.tokInts);
    this.tokInts = ti;
    const tf = new Float32Array(cap * this.tf);
    tf.set(this.tokFloats);
    this.tokFloats = tf;
    this.tokBytes = new Uint8Array(tf.buffer);
    this.cap = cap;
  }

  private addToken(raw: string, h: number): number {
    if (this.table.size >= MAX_TOKENS) {
      // Bounded cache: start again (ids are per verbatim only, so this is safe between tokens
      // of one verbatim too: earlier ids of the verbatim are remapped below).
      this.resetCache();
    }
    const info = tokenInfo(raw, this.stem, this.cfg);
    const id = this.table.add(raw, h);
    if (id >= this.cap) this.grow(this.cap * 2);
    const row = (x: number) => this.rowOf[bucket(x, this.wordBits)]!;
    const I = this.tokInts;
    const F = this.tokFloats;
    const oi = id * TI;
    const of = id * this.tf;
    I[oi + FLAGS] =
      (info.stop ? F_STOP : 0) | (info.num ? F_NUM : 0) | (info.question ? F_QUESTION : 0) | (info.cue === 1 ? F_DEFICIT : info.cue === 2 ? F_NEED : 0);
    I[oi + STEM_HASH] = info.stemHash | 0;
    const u = row(info.uni);
    I[oi + STEM_ROW] = u;
    I[oi + FIRST_ROW] = row(info.first);
    I[oi + FIRST_SUFFIX_ROW] = row(info.firstSuffix);
    I[oi + FIRST_STEM_ROW] = row(info.firstStem);
    this.tWord[id] = info.word;
    let w = this.wordIds.get(info.word);
    if (w === undefined) this.wordIds.set(info.word, (w = this.wordIds.size));
    I[oi + WORD_ID] = w;
    let cn = 0;
    for (let c = 0; c < this.tf; c++) F[of + c] = 0;
    const G = this.gChar ? this.nGroups : 0;
    const tg = this.gScratch;
    tg.fill(0);
    for (let k = 0; k < info.charB.length; k++) {
      const r = this.rowOf[info.charB[k]!]!;
      if (r < 0) continue;
      const cnt = info.charC[k]!;
      const w = this.idfR[r]!;
      cn += cnt * cnt * w * w;
      for (let c = 0; c < COLS; c++) F[of + CHAR_PART + c]! += cnt * this.headW[r * COLS + c]!;
      if (G) for (let x = this.gStart[r]!, e = this.gStart[r + 1]!; x < e; x++) tg[this.gId[x]!]! += cnt * this.gW[x]!;
    }
    if (this.gS > 0) {
      const o = of + G_AT;
      const ib = (o + GMAX) * 4;
      let n = 0;
      if (G && !info.stop && !info.num && cn > 0) n = this.keepGroupChar(o);
      if (u >= 0 && !info.stop)
        for (let x = this.gStart[u]!, e = this.gStart[u + 1]!; x < e; x++) {
          this.tokBytes[ib + n] = this.gId[x]!;
          F[o + n++] = this.gW[x]!;
        }
      this.tokBytes[ib + GMAX] = n;
    }
    F[of + CHAR_NORM2] = cn;
    if (u >= 0) {
      F[of + STEM_IDF2] = this.idfSq[u]!;
      for (let c = 0; c < COLS; c++) F[of + STEM_PART + c] = this.headW[u * COLS + c]!;
    }
    return id;
  }

  /**
   * The token's dense char part of the group head (gScratch) less its mean over the groups, its gK
   * largest in magnitude (ties: the lower group; zeros left out) into the token's postings from
   * float `o`; returns their number.
   */
  private keepGroupChar(o: number): number {
    const v = this.gScratch;
    const G = v.length;
    let mean = 0;
    for (let c = 0; c < G; c++) mean += v[c]!;
    mean /= G;
    const mag = this.gMag;
    for (let c = 0; c < G; c++) mag[c] = Math.abs((v[c]! -= mean));
    const ids = this.tokBytes;
    const ws = this.tokFloats;
    const ib = (o + GMAX) * 4;
    let n = 0;
    for (let j = 0; j < this.gK; j++) {
      let b = 0;
      for (let c = 1; c < G; c++) if (mag[c]! > mag[b]!) b = c;
      if (!(mag[b]! > 0)) break;
      ids[ib + n] = G + b;
      ws[o + n++] = v[b]!;
      mag[b] = -1;
    }
    return n;
  }

  private resetCache(): void {
    // Keep the tokens of the verbatim being scanned: re-add them under new ids.
    const keep = Array.from(this.tokIds.subarray(0, this.nToks), (id) => this.table.keys[id]!);
    this.table.clear();
    this.tWord = [];
    this.wordIds.clear();
    this.generation++;
    this.nToks = 0;
    for (const k of keep) {
      const b = new Uint16Array(k.length);
      for (let j = 0; j < k.length; j++) b[j] = k.charCodeAt(j);
      const h = hashUnits(b, 0, b.length);
      let id = this.table.find(b, 0, b.length, h);
      if (id < 0) id = this.addToken(k, h);
      this.tokIds[this.nToks++] = id;
    }
  }

  /** The token cache as plain data (for a worker thread: see importTokens). */
  exportTokens(): TokenSnapshot {
    const n = this.table.size;
    return {
      rows: this.idfR.length,
      tf: this.tf,
      keys: this.table.keys.slice(0, n),
      ints: this.tokInts.slice(0, n * TI),
      floats: this.tokFloats.slice(0, n * this.tf),
      words: this.tWord.slice(0, n),
      wordList: [...this.wordIds.keys()],
    };
  }

  /**
   * Start from another scorer's token cache: every token gets the id, the word id and the values
   * it had there, so scores are those this scorer would compute (a test checks it). Only into an
   * empty cache, and only from a scorer of the same shape of model (same rows and layout): false
   * otherwise, and nothing changes.
   */
  importTokens(s: TokenSnapshot): boolean {
    const n = s.keys.length;
    if (this.table.size > 0 || s.rows !== this.idfR.length || s.tf !== this.tf || s.floats.length !== n * this.tf || s.ints.length !== n * TI || n > MAX_TOKENS)
      return false;
    let cap = this.cap;
    while (cap < n) cap *= 2;
    if (cap > this.cap) this.grow(cap);
    for (let i = 0; i < n; i++) {
      const k = s.keys[i]!;
      const b = new Uint16Array(k.length);
      for (let j = 0; j < k.length; j++) b[j] = k.charCodeAt(j);
      this.table.add(k, hashUnits(b, 0, b.length));
    }
    this.tokInts.set(s.ints);
    this.tokFloats.set(s.floats);
    this.tWord = s.words.slice();
    this.wordIds.clear();
    for (let i = 0; i < s.wordList.length; i++) this.wordIds.set(s.wordList[i]!, i);
    return true;
  }

  /** Score a text; results in the public arrays (valid until the next call). */
  score(text: string): void {
    this.nToks = 0;
    this.buf = scanTokens(text, this.buf, this.emit);
    this.heads(text);
    this.branches();
  }

  /** Head scores dT, dK and the prototype cosines of the tokens in `tokIds`. */
  private heads(text: string): void {
    const headW = this.headW;
    const idfSq = this.idfSq;
    const rowOf = this.rowOf;
    const wb = this.wordBits;
    const ids = this.tokIds;
    const n = this.nToks;
    const cfg = this.cfg;
    const I = this.tokInts;
    const F = this.tokFloats;
    if (this.occ.length < 4 * n + 16) {
      this.occ = new Int32Array(4 * n + 64);
      this.uniRows = new Int32Array(n + 64);
      this.contentIds = new Int32Array(n + 64);
    }
    const cids = this.contentIds;
    const occ = this.occ;
    let nOcc = 0; // word-block occurrences other than the stems (added from the token cache)
    let h0 = 0,
      h1 = 0,
      h2 = 0,
      h3 = 0,
      h4 = 0,
      h5 = 0,
      h6 = 0; // word block
    let c0 = 0,
      c1 = 0,
      c2 = 0,
      c3 = 0,
      c4 = 0,
      c5 = 0,
      c6 = 0; // char block
    let sw = 0;
    let sc = 0;
    let content = 0;
    let words = 0;
    let known = 0;
    let prev = BOS;
    let firstHash = 0;
    let cues = 0;
    const uniRows = this.uniRows;
    let nUni = 0;
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      const oi = id * TI;
      const flags = I[oi + FLAGS]!;
      if (flags & F_STOP) continue;
      cids[content] = id;
      const sh = I[oi + STEM_HASH]!;
      let r: number;
      if (content === 0) {
        if (cfg.firstWord) {
          if ((r = I[oi + FIRST_ROW]!) >= 0) occ[nOcc++] = r;
          if ((r = I[oi + FIRST_SUFFIX_ROW]!) >= 0) occ[nOcc++] = r;
        }
        if (cfg.cues) {
          if ((r = I[oi + FIRST_STEM_ROW]!) >= 0) occ[nOcc++] = r;
          firstHash = sh;
        }
      } else if (content === 1 && cfg.cues) {
        if ((r = rowOf[bucket(combine(combine(BOS_STEM2, firstHash), sh), wb)]!) >= 0) occ[nOcc++] = r;
      }
      content++;
      cues |= flags;
      const of = id * this.tf;
      const u = I[oi + STEM_ROW]!;
      if (u >= 0) {
        uniRows[nUni++] = u;
        h0 += F[of + STEM_PART + 0]!;
        h1 += F[of + STEM_PART + 1]!;
        h2 += F[of + STEM_PART + 2]!;
        h3 += F[of + STEM_PART + 3]!;
        h4 += F[of + STEM_PART + 4]!;
        h5 += F[of + STEM_PART + 5]!;
        h6 += F[of + STEM_PART + 6]!;
        sw += F[of + STEM_IDF2]!;
      }
      if ((r = rowOf[bucket(combine(prev, sh), wb)]!) >= 0) occ[nOcc++] = r;
      prev = sh;
      if ((flags & F_NUM) === 0) {
        words++;
        if (u >= 0) known++;
        const cn = F[of + CHAR_NORM2]!;
        if (cn > 0) {
          c0 += F[of + CHAR_PART + 0]!;
          c1 += F[of + CHAR_PART + 1]!;
          c2 += F[of + CHAR_PART + 2]!;
          c3 += F[of + CHAR_PART + 3]!;
          c4 += F[of + CHAR_PART + 4]!;
          c5 += F[of + CHAR_PART + 5]!;
          c6 += F[of + CHAR_PART + 6]!;
          sc += cn;
        }
      }
    }
    let r: number;
    if (text.indexOf('?') >= 0 && (r = this.rowsQ) >= 0) occ[nOcc++] = r;
    if (cfg.cues) {
      const cr = this.rowsCue;
      if (cues & F_DEFICIT && (r = cr[0]!) >= 0) occ[nOcc++] = r;
      if (cues & F_NEED && (r = cr[1]!) >= 0) occ[nOcc++] = r;
      if (n > 0 && I[ids[0]! * TI + FLAGS]! & F_QUESTION && (r = cr[2]!) >= 0) occ[nOcc++] = r;
      if (text.indexOf(':') >= 0 && (r = cr[3]!) >= 0) occ[nOcc++] = r;
      if ((r = this.rowsLen[content <= 2 ? 0 : content <= 5 ? 1 : content <= 12 ? 2 : 3]!) >= 0) occ[nOcc++] = r;
    }
    for (let j = 0; j < nOcc; j++) {
      const q = occ[j]!;
      const o = q * COLS;
      h0 += headW[o]!;
      h1 += headW[o + 1]!;
      h2 += headW[o + 2]!;
      h3 += headW[o + 3]!;
      h4 += headW[o + 4]!;
      h5 += headW[o + 5]!;
      h6 += headW[o + 6]!;
      sw += idfSq[q]!;
    }
    const fw = sw > 0 ? cfg.wordWeight / Math.sqrt(sw) : 0;
    const fc = sc > 0 ? cfg.charWeight / Math.sqrt(sc) : 0;
    this.fw = fw;
    this.fc = fc;
    const bT = this.biasT;
    const bK = this.biasK;
    this.dT[0] = bT[0]! + fw * h0 + fc * c0;
    this.dT[1] = bT[1]! + fw * h1 + fc * c1;
    this.dT[2] = bT[2]! + fw * h2 + fc * c2;
    this.dT[3] = bT[3]! + fw * h3 + fc * c3;
    this.dK[0] = bK[0]! + fw * h4 + fc * c4;
    this.dK[1] = bK[1]! + fw * h5 + fc * c5;
    this.dS = this.biasS + fw * h6 + fc * c6;
    this.contentTokens = content;
    this.words = words;
    this.coverage = words === 0 ? 0 : known / words;
    // Prototype cosines: word rows only (stems, then the other occurrences); the verbatim's norm
    // is that of both blocks.
    const sims = this.sims;
    sims.fill(0);
    const p = this.protos;
    const start = p.start;
    const pid = p.pid;
    const pwi = this.pwi;
    const lim = start.length - 1;
    for (let j = 0; j < nUni + nOcc; j++) {
      const q = j < nUni ? uniRows[j]! : occ[j - nUni]!;
      if (q >= lim) continue;
      const e = start[q + 1]!;
      for (let x = start[q]!; x < e; x++) sims[pid[x]!]! += pwi[x]!;
    }
    const norm = Math.sqrt((sw > 0 ? cfg.wordWeight * cfg.wordWeight : 0) + (sc > 0 ? cfg.charWeight * cfg.charWeight : 0));
    if (norm > 0) {
      const f = fw / norm;
      for (let x = 0; x < sims.length; x++) sims[x]! *= f;
    }
    if (this.hasG) this.groupHead(nOcc, fw, fc);
  }

  /**
   * The group head's decision values d_g: per content token, its stem's postings and its char
   * part (both from the token cache), then the postings of the other word rows (`occ`), each block
   * scaled like the heads' (fw, fc).
   */
  private groupHead(nOcc: number, fw: number, fc: number): void {
    const acc = this.gAcc;
    const G = this.nGroups;
    const tgi = this.tokBytes;
    const tgw = this.tokFloats;
    const ids = this.contentIds;
    const tf = this.tf;
    for (let c = 0; c < 2 * G; c++) acc[c] = 0;
    for (let i = 0, n = this.contentTokens; i < n; i++) {
      const o = ids[i]! * tf + G_AT;
      const ib = (o + GMAX) * 4;
      for (let j = 0, e = tgi[ib + GMAX]!; j < e; j++) acc[tgi[ib + j]!]! += tgw[o + j]!;
    }
    if (!this.gStems) {
      const occ = this.occ;
      const gs = this.gStart;
      const gid = this.gId;
      const gw = this.gW;
      const glim = gs.length - 1;
      for (let j = 0; j < nOcc; j++) {
        const q = occ[j]!;
        if (q >= glim) continue;
        const e = gs[q + 1]!;
        for (let x = gs[q]!; x < e; x++) acc[gid[x]!]! += gw[x]!;
      }
    }
    const dG = this.dG;
    const bG = this.biasG;
    for (let c = 0; c < G; c++) dG[c] = bG[c]! + fw * acc[c]! + fc * acc[G + c]!;
  }

  /** Softmaxes, branch scores, group scores (from dT, dK, sims). */
  private branches(): void {
    const cal = this.cal;
    // Log-softmaxes of the heads (ln p_T, ln p_K), then p_T and p_K from them.
    const lT = this.lT;
    const lK = this.lK;
    logSoftmaxInto(this.dT, 4, cal.thematique, lT);
    logSoftmaxInto(this.dK, 2, cal.kind, lK);
    for (let t = 0; t < 4; t++) this.pT[t] = Math.exp(lT[t]!);
    this.pK[0] = Math.exp(lK[0]!);
    this.pK[1] = Math.exp(lK[1]!);
    const sims = this.sims;
    // Best idea per branch slot; group scores.
    const bestIdea = this.bestIdea;
    for (let x = 0; x < 8; x++) bestIdea[x] = 0;
    const gi = this.groupIdeas;
    const gs = this.groupScore;
    const slotOfGroup = this.slotOfGroup;
    for (let g = 0; g < this.nGroups; g++) {
      let best = 0;
      const a = gi[2 * g]!;
      const e = gi[2 * g + 1]!;
      for (let i = a; i >= 0 && i < e; i++) if (sims[i]! > best) best = sims[i]!;
      gs[g] = 0.5 * sims[g]! + 0.5 * best;
      const slot = slotOfGroup[g]!;
      if (best > bestIdea[slot]!) bestIdea[slot] = best;
    }
    // p(g | b) for every branch (softmax of the group logits within each branch).
    const gmax = this.branchMax; // max group logit per taxonomy branch (≤ 8 branches)
    const z = this.branchZ;
    for (let x = 0; x < 8; x++) {
      gmax[x] = -Infinity;
      z[x] = 0;
    }
    const gb = this.groupBranch;
    const inv = 1 / cal.group;
    // β τ_G: the group head's weight in the units of the prototype scores (0 without a head: the
    // prototype scores alone, to the bit).
    const bt = this.hasG ? (cal.groupHead ?? 0) * cal.group : 0;
    const dG = this.dG;
    const gp = this.groupProb;
    // Group logits u_g = (s_g + β τ_G d_g) / τ_G (in gp before the division), softmax within each branch.
    for (let g = 0; g < this.nGroups; g++) {
      const u = gs[g]! + bt * dG[g]!;
      gp[g] = u;
      if (u > gmax[gb[g]!]!) gmax[gb[g]!] = u;
    }
    for (let g = 0; g < this.nGroups; g++) {
      const e = Math.exp((gp[g]! - gmax[gb[g]!]!) * inv);
      gp[g] = e;
      z[gb[g]!]! += e;
    }
    for (let g = 0; g < this.nGroups; g++) gp[g]! /= z[gb[g]!]!;
    // The branch: the heads, and with μ > 0 each branch's group evidence ln Σ_{g ∈ b} exp(u_g).
    const mu = this.hasG ? (cal.groupBranch ?? 0) : 0;
    let extra: Float64Array | undefined;
    if (mu > 0) {
      extra = this.slotEvidence;
      extra.fill(0);
      const so = this.slotOf;
      for (let x = 0; x < so.length; x++) if (z[x]! > 0) extra[so[x]!] = mu * (gmax[x]! * inv + Math.log(z[x]!));
    }
    const choice = this.choice;
    branchPosterior(lT, lK, bestIdea, cal.lambda, this.branchLogits, this.pB, this.thematique, this.kind, choice, extra);
    this.t = choice.t;
    this.k = choice.k;
    this.slot = 2 * this.t + this.k;
  }

  /** p(idea | its group): softmax of the cosines within the group (computed on demand). */
  ideaProbOf(node: number): number {
    const g = this.nodes[node]!.parent;
    const a = this.groupIdeas[2 * g]!;
    const e = this.groupIdeas[2 * g + 1]!;
    const sims = this.sims;
    let max = -Infinity;
    for (let i = a; i < e; i++) if (sims[i]! > max) max = sims[i]!;
    let s = 0;
    for (let i = a; i < e; i++) s += Math.exp((sims[i]! - max) / this.cal.idea);
    return Math.exp((sims[node]! - max) / this.cal.idea) / s;
  }

  /** p(idea | group) of every idea of group g, in node order, into out (from 0). */
  ideaProbsOf(g: number, out: Float64Array): void {
    const a = this.groupIdeas[2 * g]!;
    const e = this.groupIdeas[2 * g + 1]!;
    if (a < 0) return;
    softmaxInto(this.sims.subarray(a, e), e - a, this.cal.idea, out);
  }

  /** Best group node index in a branch slot (−1 if the branch has no groups). */
  bestGroupIn(slot: number): number {
    let best = -1;
    for (let g = 0; g < this.nGroups; g++) {
      if (this.slotOfGroup[g] !== slot) continue;
      if (best < 0 || this.groupProb[g]! > this.groupProb[best]!) best = g;
    }
    return best;
  }

  /** Best idea node index of a group (−1 if none). */
  bestIdeaOf(g: number): number {
    const a = this.groupIdeas[2 * g]!;
    const e = this.groupIdeas[2 * g + 1]!;
    let best = -1;
    for (let i = a; a >= 0 && i < e; i++) if (best < 0 || this.sims[i]! > this.sims[best]!) best = i;
    return best;
  }

  /** Best sujet node index in a branch slot (−1 if none), and its softmax share among the branch's sujets. */
  bestSujetIn(slot: number): { node: number; prob: number; sim: number } {
    const sims = this.sims;
    let best = -1;
    let z = 0;
    let max = -Infinity;
    const list = this.sujetsOfSlot[slot]!;
    for (let j = 0; j < list.length; j++) {
      const s = list[j]!;
      if (sims[s]! > max) max = sims[s]!;
      if (best < 0 || sims[s]! > sims[best]!) best = s;
    }
    if (best < 0) return { node: -1, prob: 0, sim: 0 };
    const inv = 1 / this.cal.sujet;
    for (let j = 0; j < list.length; j++) z += Math.exp((sims[list[j]!]! - max) * inv);
    return { node: best, prob: 1 / z, sim: sims[best]! };
  }

  /** Kept for callers of the earlier API: the scorer holds no per-verbatim state to release. */
  done(): void {}
}

/** The non-zero weights (× idf) of a head in row space as postings per row (CSR); empty without a head. */
function groupPostings(m: LinearModel | GroupPostings | undefined, idf: Float32Array, R: number): { start: Int32Array; id: Uint8Array; w: Float32Array } {
  const start = new Int32Array(R + 1);
  if (!m) return { start, id: new Uint8Array(0), w: new Float32Array(0) };
  if ('start' in m) {
    if (m.start.length !== R + 1) throw new Error('the group head does not match the vocabulary');
    const w = new Float32Array(m.w.length);
    for (let r = 0; r < R; r++) for (let x = m.start[r]!; x < m.start[r + 1]!; x++) w[x] = m.w[x]! * idf[r]!;
    return { start: m.start, id: m.id, w };
  }
  const C = m.nClasses;
  for (let r = 0; r < R; r++) {
    let n = 0;
    for (let c = 0; c < C; c++) if (m.W[r * C + c] !== 0) n++;
    start[r + 1] = start[r]! + n;
  }
  const id = new Uint8Array(start[R]!);
  const w = new Float32Array(start[R]!);
  for (let r = 0, p = 0; r < R; r++)
    for (let c = 0; c < C; c++)
      if (m.W[r * C + c] !== 0) {
        id[p] = c;
        w[p++] = m.W[r * C + c]! * idf[r]!;
      }
  return { start, id, w };
}
