/** Reading coded JSONL files (data/labels/README.md): `eval --labels/--coded/--agreement`, training examples. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { checkCodedIds, codedExamples, parseCoded, type CodedLine } from '../eval/labels.js';
import type { CodedExample, Taxonomy } from '../classify/taxonomy.js';
import { DATA_DIR, displayName } from './files.js';
import { readNdjson } from './ndjson.js';

/** The team-coded workshop verbatims of the bundled report. */
export const BUNDLED_CODED = join(DATA_DIR, 'labels', 'workshop-coded.jsonl');

export async function readCoded(path: string): Promise<{ name: string; coded: CodedLine[] }> {
  const name = displayName(path);
  try {
    statSync(path);
  } catch {
    throw new InputError('no such file (check the path)', name);
  }
  const coded: CodedLine[] = [];
  for await (const r of readNdjson(createReadStream(path), { file: name })) coded.push(parseCoded(r.value, r.line, name));
  if (coded.length === 0) throw new UsageError('no coded line in this file', name);
  return { name, coded };
}

/**
 * Training examples: `--examples FILE`, none with `--no-examples` (false), and by default the
 * bundled coded set when the report is the bundled one (`bundled`), none otherwise. Their group
 * and idea ids are checked against `tax` (exit 2 with the line on an unknown id).
 */
export async function loadExamples(option: string | boolean | undefined, bundled: boolean, tax: Taxonomy): Promise<{ file: string | null; examples: CodedExample[] }> {
  if (option === false) return { file: null, examples: [] };
  const path = typeof option === 'string' ? option : bundled && existsSync(BUNDLED_CODED) ? BUNDLED_CODED : null;
  if (path === null) return { file: null, examples: [] };
  const { name, coded } = await readCoded(path);
  checkCodedIds(coded, tax, name);
  return { file: name, examples: codedExamples(coded) };
}
