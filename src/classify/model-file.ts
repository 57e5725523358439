/**
 * The model file (data/model.json): its shape, how the trained model is written into it and how
 * a loader reads it back. Prediction imports this module and never the training code.
 */
import { decodeSortedIndices, decodeVarints, dequantise16, encodeSortedIndices, encodeVarints, quantise16, round } from './codec.js';
import type { FeatureConfig } from './features.js';
import { sha256Json } from './hashjson.js';
import type { LinearModel } from './linear.js';
import { protoIndexFromCsr, type ProtoIndex } from './prototypes.js';
import type { Calibration, GroupPostings } from './row-model.js';
import type { Taxonomy } from './taxonomy.js';

export const MODEL_SCHEMA = 'cnr-synth/model@2';

/** Options of a training run (recorded in the model file). */
export interface TrainOptions {
  features: FeatureConfig;
  C: number;
  loss: 'l1' | 'l2';
  maxIter: number;
  eps: number;
  balanced: boolean;
  minDfWord: number;
  minDfChar: number;
  schemeWeight: number;
  /** C of the NB-SVM expert's binary SVMs (0: no NB-SVM expert). */
  nbsvmC: number;
  /** C of the group head's one-vs-rest SVMs (0: no group head; group scores from the prototypes alone). */
  groupC: number;
  /** Weights kept per feature in the group head (the largest, after removing the feature's median). */
  groupTop: number;
  /** The group head learns from both blocks of the features (word and char n-grams; absent or false: the word block only). */
  groupChar?: boolean;
  /** The group head learns from the stems only in the word block (no stem bigrams, first-word or cue features), which the scorer reads from its token cache (absent or false: the whole word block). */
  groupStems?: boolean;
  /** Group weights the scorer keeps per token from the char part of the head (the largest after the token's median; absent: 6). */
  groupCharTop?: number;
  /** The group head keeps its biases (absent or false: dropped). */
  groupBias?: boolean;
  /**
   * μ: weight of each branch's group evidence ln Σ_{g ∈ b} exp(u_g) (u_g the group logits) in the
   * branch logits, so that the group head can move the branch (absent or 0: the heads alone).
   */
  groupBranch?: number;
  /**
   * λ of the joint branch scoring, fixed (absent: chosen by the calibration's grid on the report
   * bullets' thématique macro-F1 against their headings).
   */
  lambda?: number;
  /** Fit per-class biases on the out-of-fold scores (thématique: macro-F1; kind: accuracy). */
  priorShift: boolean;
  /** Confident learning: margin above which a contradicted bullet is down-weighted (0 = off). */
  noiseMargin: number;
  noiseWeight: number;
  folds: number;
  seed: number;
}

/** Weights of the experts in a mixed head (temperatures folded in) and the per-class biases added after. */
export interface Mix {
  svm: number;
  nb: number;
  nbsvm: number;
  bias: number[];
}

export interface Thresholds {
  /** needs_review when the thématique (kind) score is below this: the 5% least confident out-of-fold verbatims (calibrate.ts REVIEW_SHARE). */
  thematique: number;
  kind: number;
  /** An idea is reported only when its cosine with the verbatim reaches this. */
  idea: number;
  sujet: number;
  /** out_of_scheme when fewer than this share of content words are in the vocabulary. */
  coverage: number;
  group: number;
}

/** Out-of-fold figures of a training run. */
export interface CvFigures {
  thematique: { accuracy: number; macroF1: number };
  kind: { accuracy: number; macroF1: number };
  quotes: { group: number; idea: number; n: number };
}

export interface HeadFile {
  classes: string[];
  bias: number[];
  scale: number;
  weights: string;
}

/** A head stored as postings: the rows with a non-zero weight (sorted), the count of each, their class indices and weights. */
export interface SparseHeadFile {
  classes: string[];
  bias: number[];
  rows: string;
  counts: string;
  ids: string;
  weights: { scale: number; data: string };
  /** Weights on stem rows and char rows only (options.groupStems). */
  stems?: boolean;
  /** Group weights the scorer keeps per token from the char part (options.groupCharTop). */
  charTop?: number;
}

export interface ModelFile {
  schema: string;
  taxonomy: { sha256: string; groups: number; ideas: number };
  features: FeatureConfig;
  options: Omit<TrainOptions, 'features'>;
  /** `examples`: team-coded verbatims added to the scheme's texts and prototypes (data/labels/workshop-coded.jsonl). */
  training: { bullets: number; scheme: number; examples: number; downweighted: number; report: { file: string; sha256: string } };
  vocab: { size: number; nDocs: number; buckets: string; idf: { scale: number; data: string } };
  /** `group`: the group head (one column per group, in the scheme's order), when trained (options.groupC > 0). */
  heads: { thematique: HeadFile; kind: HeadFile; group?: SparseHeadFile };
  calibration: Calibration;
  /** How the SVM, naive Bayes and NB-SVM experts were mixed into each head (temperatures folded in; biases: the prior shift, in the head's bias). */
  mix: { thematique: Mix; kind: Mix };
  thresholds: Thresholds;
  /**
   * The label prototypes' postings over the vocabulary rows (built from the taxonomy's texts with
   * this vocabulary; stored so that loading does not re-analyse ~2,400 texts): rows that have
   * postings (sorted), the number of postings of each, their node indices, their weights.
   */
  prototypes: { nodes: number; rows: string; counts: string; ids: string; weights: { scale: number; data: string } };
  /** Out-of-fold figures of the training run (the mixes and biases were fitted on these same scores: see `cnr-synth eval` for nested figures). */
  cv: CvFigures;
  /**
   * The statement head (classify/statement.ts): one column over the vocabulary rows, its
   * temperature (p = 1 / (1 + exp(−d / T))), the number of lines it learnt from and its
   * out-of-fold figures. Absent in a model trained without negatives.
   */
  statement?: { head: HeadFile; temperature: number; cv: { statements: number; statementsKept: number; others: number; othersCaught: number } };
}

/** Row space of a vocabulary: rowOf[bucket] = row (−1 outside), word rows first. */
export function rowSpace(vocab: Int32Array, cfg: FeatureConfig): { rowOf: Int32Array; nWord: number } {
  const rowOf = new Int32Array((1 << cfg.wordBits) + (1 << cfg.charBits)).fill(-1);
  let nWord = 0;
  const wd = 1 << cfg.wordBits;
  for (let r = 0; r < vocab.length; r++) {
    rowOf[vocab[r]!] = r;
    if (vocab[r]! < wd) nWord = r + 1;
  }
  return { rowOf, nWord };
}

/** A head over the hashed space, gathered to the vocabulary rows and quantised. */
export function headFile(m: LinearModel, vocab: Int32Array, classes: string[]): HeadFile {
  const C = m.nClasses;
  const vals = new Float32Array(vocab.length * C);
  for (let r = 0; r < vocab.length; r++) for (let c = 0; c < C; c++) vals[r * C + c] = m.W[vocab[r]! * C + c]!;
  const q = quantise16(vals);
  return { classes, bias: Array.from(m.bias, (b) => round(b, 7)), scale: q.scale, weights: q.data };
}

/** A head over the hashed space, gathered to the vocabulary rows, as postings (its non-zero weights). */
export function sparseHeadFile(m: LinearModel, vocab: Int32Array, classes: string[]): SparseHeadFile {
  const C = m.nClasses;
  const rows: number[] = [];
  const counts: number[] = [];
  const ids: number[] = [];
  const vals: number[] = [];
  for (let r = 0; r < vocab.length; r++) {
    const o = vocab[r]! * C;
    let n = 0;
    for (let c = 0; c < C; c++)
      if (m.W[o + c] !== 0) {
        ids.push(c);
        vals.push(m.W[o + c]!);
        n++;
      }
    if (n === 0) continue;
    rows.push(r);
    counts.push(n);
  }
  return {
    classes,
    bias: Array.from(m.bias, (b) => round(b, 7)),
    rows: encodeSortedIndices(rows),
    counts: encodeVarints(counts),
    ids: encodeVarints(ids),
    weights: quantise16(vals),
  };
}

/** A sparse head as stored, as postings per row over `nRows` rows (what the scorer compiles; no dense matrix). */
export function sparseHeadPostings(h: SparseHeadFile, nRows: number): GroupPostings {
  const C = h.classes.length;
  if (C > 127) throw new Error('group head: more than 127 classes');
  const rows = decodeSortedIndices(h.rows);
  const counts = decodeVarints(h.counts, rows.length);
  // Class ids under 128 are one varint byte each: the bytes are the ids (a byte ≥ 128 fails the range check).
  const id = new Uint8Array(Buffer.from(h.ids, 'base64'));
  const q = new Int16Array(new Uint8Array(Buffer.from(h.weights.data, 'base64')).buffer);
  if (q.length !== id.length) throw new Error('group head postings do not match their weights');
  const start = new Int32Array(nRows + 1);
  let p = 0;
  for (let k = 0; k < rows.length; k++) {
    if (rows[k]! >= nRows) throw new Error('group head postings out of range');
    start[rows[k]! + 1] = counts[k]!;
    p += counts[k]!;
  }
  if (p !== id.length) throw new Error('group head postings do not match their counts');
  for (let r = 0; r < nRows; r++) start[r + 1]! += start[r]!;
  const w = new Float32Array(id.length);
  const scale = h.weights.scale;
  for (let x = 0; x < id.length; x++) {
    if (id[x]! >= C) throw new Error('group head postings out of range');
    w[x] = q[x]! * scale;
  }
  return { nClasses: C, start, id, w, bias: Float32Array.from(h.bias) };
}

/** A sparse head as stored, back in row space (`nRows` rows, dense). @internal the loader reads postings (sparseHeadPostings); kept for its test */
export function sparseHeadOf(h: SparseHeadFile, nRows: number): LinearModel {
  const p = sparseHeadPostings(h, nRows);
  const C = p.nClasses;
  const W = new Float32Array(nRows * C);
  for (let r = 0; r < nRows; r++) for (let x = p.start[r]!; x < p.start[r + 1]!; x++) W[r * C + p.id[x]!] = p.w[x]!;
  return { nClasses: C, dim: nRows, W, bias: p.bias };
}

export function protoFile(p: ProtoIndex): ModelFile['prototypes'] {
  const rows: number[] = [];
  const counts: number[] = [];
  for (let r = 0; r + 1 < p.start.length; r++) {
    const c = p.start[r + 1]! - p.start[r]!;
    if (c > 0) {
      rows.push(r);
      counts.push(c);
    }
  }
  return { nodes: p.n, rows: encodeSortedIndices(rows), counts: encodeVarints(counts), ids: encodeVarints(p.pid), weights: quantise16(p.pw) };
}

/** The prototype index stored in a model file, over `nRows` rows. */
export function protoIndexOf(m: ModelFile, nRows: number): ProtoIndex {
  const f = m.prototypes;
  const rows = decodeSortedIndices(f.rows);
  const counts = decodeVarints(f.counts, rows.length);
  const pid = Int32Array.from(decodeVarints(f.ids));
  const pw = dequantise16(f.weights, pid.length);
  const start = new Int32Array(nRows + 1);
  for (let k = 0; k < rows.length; k++) start[rows[k]! + 1] = counts[k]!;
  for (let r = 0; r < nRows; r++) start[r + 1]! += start[r]!;
  return protoIndexFromCsr(f.nodes, nRows, start, pid, pw);
}

export function roundCal(c: Calibration): Calibration {
  return {
    thematique: round(c.thematique),
    kind: round(c.kind),
    group: round(c.group),
    idea: round(c.idea),
    sujet: round(c.sujet),
    lambda: round(c.lambda),
    ...(c.groupHead !== undefined ? { groupHead: round(c.groupHead) } : {}),
    ...(c.groupBranch !== undefined ? { groupBranch: round(c.groupBranch) } : {}),
  };
}

/** Identity of a taxonomy's content (the model is only valid with the taxonomy it was trained on). */
export function taxonomyHash(tax: Taxonomy): string {
  return sha256Json({ thematiques: tax.thematiques, branches: tax.branches });
}

/** The model file as written to disk: stable key order, one trailing newline. */
export function serialiseModel(m: ModelFile): string {
  return `${JSON.stringify(m, null, 1)}\n`;
}
