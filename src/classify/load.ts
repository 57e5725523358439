/** From the model file and the taxonomy to a ready Scorer (pure; the caller reads the files). */
import { InputError } from '../errors.js';
import { decodeSortedIndices, dequantise16 } from './codec.js';
import { Featurizer, makeRemap } from './features.js';
import type { LinearModel } from './linear.js';
import { Scorer } from './scorer.js';
import type { Taxonomy } from './taxonomy.js';
import { buildProtos, MODEL_SCHEMA, taxonomyHash, type HeadFile, type ModelFile, type Nlp, type Protos } from './train.js';

export interface Loaded {
  scorer: Scorer;
  model: ModelFile;
  tax: Taxonomy;
  protos: Protos;
}

function head(h: HeadFile, vocab: Int32Array, dim: number): LinearModel {
  const C = h.classes.length;
  const vals = dequantise16({ scale: h.scale, data: h.weights }, vocab.length * C);
  const W = new Float32Array(dim * C);
  for (let r = 0; r < vocab.length; r++) for (let c = 0; c < C; c++) W[vocab[r]! * C + c] = vals[r * C + c]!;
  return { nClasses: C, dim, W, bias: Float32Array.from(h.bias) };
}

export function loadScorer(model: ModelFile, tax: Taxonomy, nlp: Nlp, file = 'model.json'): Loaded {
  if (!model || model.schema !== MODEL_SCHEMA) throw new InputError(`not a cnr-synth model (expected schema ${MODEL_SCHEMA}; run "cnr-synth train")`, file);
  if (model.taxonomy.sha256 !== taxonomyHash(tax))
    throw new InputError('the model was trained with another taxonomy (run "cnr-synth train" after "cnr-synth taxonomy")', file);
  const vocab = decodeSortedIndices(model.vocab.buckets, model.vocab.size);
  // Vocabulary-sized index space (see Remap): row r ↔ bucket vocab[r].
  const fz = new Featurizer(model.features, nlp.tokenize, nlp.stem, { remap: makeRemap(vocab, model.features) });
  const idf = dequantise16(model.vocab.idf, vocab.length);
  const rows = Int32Array.from(vocab, (_, r) => r);
  const headT = head(model.heads.thematique, rows, fz.dim);
  const headK = head(model.heads.kind, rows, fz.dim);
  const protos = buildProtos(fz, idf, tax);
  const scorer = new Scorer(fz, idf, headT, headK, protos.index, protos.nodes, tax, model.calibration);
  return { scorer, model, tax, protos };
}
