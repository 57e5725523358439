/**
 * The output record of `classify` (one per input item, in order), made from classify's record
 * (src/classify/predict.ts) with two rules on top: a record that is out of the scheme has no
 * thématique, kind, group, idea or sujet (null; its nearest groups stay in `candidates`), so that
 * no count of the output takes it in; an item whose text is empty is a record with status "empty"
 * and no candidates.
 *
 * Its own module so that the worker threads of `--jobs` (./classify-worker.ts) apply the very same
 * rules as the main thread (./classify.ts) without loading the input readers.
 */
import type { ClassRecord } from '../classify/predict.js';
import type { Loaded } from '../classify/load.js';
import type { Item } from '../io/classify-input.js';

export type OutStatus = ClassRecord['status'] | 'empty';

/** An output record: classify's, with null categories when out of the scheme or empty. */
export type OutRecord = {
  id: string;
  text: string;
  thematique: ClassRecord['thematique'] | null;
  kind: ClassRecord['kind'] | null;
  group: ClassRecord['group'];
  idea: ClassRecord['idea'];
  sujet: ClassRecord['sujet'];
  candidates: ClassRecord['candidates'];
  needs_review: boolean;
  status: OutStatus;
  explanation: ClassRecord['explanation'];
  input?: Record<string, unknown>;
};

/** classify's `buildRecord`, passed in: the callers load src/classify/predict.ts lazily. */
export type BuildRecord = (L: Loaded, id: string, text: string, top: number) => ClassRecord;

/** The output record of one input item (see the module comment). */
export function classifyItem(loaded: Loaded, it: Item, top: number, buildRecord: BuildRecord): OutRecord {
  let rec: OutRecord;
  if (it.text.trim() === '') {
    rec = {
      id: it.id,
      text: it.text,
      thematique: null,
      kind: null,
      group: null,
      idea: null,
      sujet: null,
      candidates: [],
      needs_review: false,
      status: 'empty',
      explanation: [],
    };
  } else {
    const r = buildRecord(loaded, it.id, it.text, top);
    rec = r.status === 'out_of_scheme' ? { ...r, thematique: null, kind: null, group: null, idea: null, sujet: null } : r;
  }
  if (it.input) rec.input = it.input;
  return rec;
}

/** Output records of a batch of input items, in order: what a worker returns for its batch. */
export function classifyBatch(loaded: Loaded, items: Item[], top: number, buildRecord: BuildRecord): OutRecord[] {
  return items.map((it) => classifyItem(loaded, it, top, buildRecord));
}
