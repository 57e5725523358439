/**
 * The committed assets (data/taxonomy.json, data/model.json) and natural, loaded together for the
 * commands. Imported lazily by the commands (it pulls natural in through ./natural.js).
 */
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { DATA_DIR, displayName, readJsonFile } from '../io/files.js';
import { loadScorer, type Loaded } from './load.js';
import { stemFr, tokenizeFr } from './natural.js';
import { isTaxonomy, type Taxonomy } from './taxonomy.js';
import type { ModelFile, Nlp } from './train.js';

export const DEFAULT_MODEL = join(DATA_DIR, 'model.json');
export const DEFAULT_TAXONOMY = join(DATA_DIR, 'taxonomy.json');

export const NLP: Nlp = { tokenize: tokenizeFr, stem: stemFr };

export async function readTaxonomy(path = DEFAULT_TAXONOMY): Promise<Taxonomy> {
  const t = await readJsonFile<unknown>(path);
  if (!isTaxonomy(t)) throw new InputError('not a cnr-synth taxonomy (make one with "cnr-synth taxonomy -o FILE")', displayName(path));
  return t;
}

export async function loadClassifier(opts: { model?: string; taxonomy?: string } = {}): Promise<Loaded> {
  const tax = await readTaxonomy(opts.taxonomy);
  const modelPath = opts.model ?? DEFAULT_MODEL;
  const model = await readJsonFile<ModelFile>(modelPath);
  return loadScorer(model, tax, NLP, displayName(modelPath));
}
