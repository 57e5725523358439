/**
 * What the scorer is compiled from (the model in its row space) and the calibration it applies:
 * shared by the scorer, the experts that fit the heads and the model-file format.
 */
import type { FeatureConfig } from './features.js';
import type { LinearModel } from './linear.js';

export interface Calibration {
  thematique: number;
  kind: number;
  group: number;
  idea: number;
  sujet: number;
  lambda: number;
  /** Weight of the group head's decision values next to the prototype scores in the group logits (absent or 0: prototypes alone). */
  groupHead?: number;
  /** μ: weight of each branch's group evidence (the log-sum-exp of its group logits) in the branch logits (absent or 0: none). */
  groupBranch?: number;
}

/** A sparse head as postings per row (CSR: classes id[start[r], start[r+1]) of row r, weights w). */
export interface GroupPostings {
  nClasses: number;
  start: Int32Array;
  id: Uint8Array;
  w: Float32Array;
  bias: Float32Array;
}

/**
 * The model in its row space (row r ↔ hashed bucket vocab[r], word rows first): what the scorer
 * is compiled from. `rowOf[bucket]` is the row, or −1 outside the vocabulary.
 */
export interface RowModel {
  cfg: FeatureConfig;
  rowOf: Int32Array;
  /** Number of word-block rows (rows [0, nWord) are word rows). */
  nWord: number;
  idf: Float32Array;
  headT: LinearModel;
  headK: LinearModel;
  /** The statement head (one column: statement vs the rest), when the model has one. */
  headS?: LinearModel;
  /** The group head (one column per group), when the model has one: dense, or as stored (postings per row). */
  headG?: LinearModel | GroupPostings;
  /** The group head has weights on stem rows and char rows only (`groupStems`): the scorer reads it from its token cache and skips the other word rows. */
  groupStems?: boolean;
  /** Group weights the scorer keeps per token from the head's char n-gram part (default 6; at most 12 with the stem's). */
  groupCharTop?: number;
}
