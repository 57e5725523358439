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
  /** The group head (one column per group), when the model has one. */
  headG?: LinearModel;
}
