/**
 * The committed assets (data/taxonomy.json, data/model.json) read and loaded together for the
 * commands. Imported lazily by the commands (it pulls natural in through classify/natural.ts).
 */
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { loadScorer, type Loaded } from '../classify/load.js';
import type { ModelFile } from '../classify/model-file.js';
import { NLP } from '../classify/natural.js';
import { isTaxonomy, type Taxonomy } from '../classify/taxonomy.js';
import { DATA_DIR, displayName, parseJsonInput, readInput, readJsonFile } from './files.js';

export const DEFAULT_MODEL = join(DATA_DIR, 'model.json');
export const DEFAULT_TAXONOMY = join(DATA_DIR, 'taxonomy.json');

export async function readTaxonomy(path = DEFAULT_TAXONOMY): Promise<Taxonomy> {
  const t = await readJsonFile<unknown>(path);
  if (!isTaxonomy(t)) throw new InputError('not a cnr-synth taxonomy (make one with "cnr-synth taxonomy -o FILE")', displayName(path));
  return t;
}

export async function loadClassifier(opts: { model?: string; taxonomy?: string } = {}): Promise<Loaded> {
  return (await loadClassifierFile(opts)).loaded;
}

/** The classifier and the sha256 of its model file's bytes (read once: the run's fingerprint names the model it used). */
export async function loadClassifierFile(opts: { model?: string; taxonomy?: string } = {}): Promise<{ loaded: Loaded; modelSha256: string }> {
  const tax = await readTaxonomy(opts.taxonomy);
  const modelPath = opts.model ?? DEFAULT_MODEL;
  const f = await readInput(modelPath);
  return { loaded: loadScorer(parseJsonInput<ModelFile>(f), tax, NLP, displayName(modelPath)), modelSha256: f.sha256 };
}
