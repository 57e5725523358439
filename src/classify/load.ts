/** From the model file and the taxonomy to a ready Scorer (pure; the caller reads the files). */
import { InputError } from '../errors.js';
import { decodeSortedIndices, dequantise16 } from './codec.js';
import { protoNodes, type Protos } from './prototypes.js';
import type { LinearModel } from './linear.js';
import { Scorer } from './scorer.js';
import type { Taxonomy } from './taxonomy.js';
import { MODEL_SCHEMA, protoIndexOf, rowSpace, sparseHeadPostings, taxonomyHash, type HeadFile, type ModelFile } from './model-file.js';
import type { Nlp } from './text.js';

export interface Loaded {
  scorer: Scorer;
  model: ModelFile;
  tax: Taxonomy;
  protos: Protos;
}

/** A head as stored (one row per vocabulary entry), in row space. */
function head(h: HeadFile, rows: number): LinearModel {
  const C = h.classes.length;
  const W = dequantise16({ scale: h.scale, data: h.weights }, rows * C);
  return { nClasses: C, dim: rows, W, bias: Float32Array.from(h.bias) };
}

export function loadScorer(model: ModelFile, tax: Taxonomy, nlp: Pick<Nlp, 'stem'>, file = 'model.json'): Loaded {
  try {
    return decodeModel(model, tax, nlp, file);
  } catch (e) {
    // A damaged file (hand edit, truncated copy) is the user's input, not a bug.
    throw e instanceof InputError ? e : new InputError(`corrupt model file (${(e as Error).message}; run "cnr-synth train" to rebuild it)`, file);
  }
}

function decodeModel(model: ModelFile, tax: Taxonomy, nlp: Pick<Nlp, 'stem'>, file: string): Loaded {
  if (!model || model.schema !== MODEL_SCHEMA) throw new InputError(`not a cnr-synth model (expected schema ${MODEL_SCHEMA}; run "cnr-synth train")`, file);
  if (model.taxonomy.sha256 !== taxonomyHash(tax))
    throw new InputError('the model was trained with another taxonomy (run "cnr-synth train" after "cnr-synth taxonomy")', file);
  const cfg = model.features;
  const vocab = decodeSortedIndices(model.vocab.buckets, model.vocab.size);
  const { rowOf, nWord } = rowSpace(vocab, cfg);
  const idfRows = dequantise16(model.vocab.idf, vocab.length);
  const nodes = protoNodes(tax);
  const index = protoIndexOf(model, vocab.length);
  if (index.n !== nodes.length) throw new InputError('the model\'s prototypes do not match the taxonomy (run "cnr-synth train")', file);
  // Leave-one-out vectors are a training matter: not kept here.
  const protos: Protos = { nodes, vectors: [], index };
  const rm = {
    cfg,
    rowOf,
    nWord,
    idf: idfRows,
    headT: head(model.heads.thematique, vocab.length),
    headK: head(model.heads.kind, vocab.length),
    ...(model.statement ? { headS: head(model.statement.head, vocab.length) } : {}),
    ...(model.heads.group ? { headG: sparseHeadPostings(model.heads.group, vocab.length) } : {}),
    ...(model.heads.group?.stems ? { groupStems: true } : {}),
    ...(model.heads.group?.charTop !== undefined ? { groupCharTop: model.heads.group.charTop } : {}),
  };
  const scorer = new Scorer(rm, nlp.stem, protos.index, protos.nodes, tax, model.calibration);
  return { scorer, model, tax, protos };
}
