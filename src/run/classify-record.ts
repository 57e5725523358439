/**
 * The output record of `classify` (one per input item, in order), made from classify's record
 * (src/classify/predict.ts) with two rules on top: a record that is out of the scheme has no
 * thématique, kind, group, idea or sujet (null; its nearest groups stay in `candidates`), so that
 * no count of the output takes it in; an item whose text is empty, or only a non-answer
 * (`isNonAnswer`: "N/A", "#N/A", "Sans opinion", "-"…), is a record with status "empty" and no
 * candidates.
 *
 * Its own module so that the worker threads of `--jobs` (./classify-worker.ts) apply the very same
 * rules as the main thread (./classify.ts) without loading the input readers.
 */
import type { ClassRecord } from '../classify/predict.js';
import { foldAccents } from '../classify/text.js';
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

/**
 * The usual ways of not answering, as a whole text (after `isNonAnswer`'s folding: trimmed, lower
 * case, no accents, runs of spaces as one): N/A (n/a, N / A, NA, #N/A) and Excel's other error
 * values (#REF!, #DIV/0!, #VALUE!, #NAME?, #NULL!, #NUM!), what a program writes for a missing
 * value (nan, NaN, null), "ne sait pas" (NSP), "sans opinion", "sans avis", "aucun(e)", "aucune
 * idée", "rien", "néant", "RAS" (R.A.S.), "non concerné(e)(s)", "x", and a text of punctuation
 * only ("-", "--", ".", "…", "?"). Punctuation around the words does not count ("Aucune.",
 * "(rien)", "« Néant »").
 */
const NON_ANSWER =
  /^(?:#(?:ref!|div\/0!|value!|name\?|null!|num!)|[\p{P}\s]*(?:n ?\/ ?a|na|nan|null|nsp|ne sait pas|sans (?:opinion|avis)|aucune?(?: idee)?|rien|neant|r ?\.? ?a ?\.? ?s|non concernee?s?|x)?[\p{P}\s]*)$/u;

/** Longest text that can be a non-answer ("  Aucune idée.  " is 16): longer ones are not looked at. */
const NON_ANSWER_MAX = 20;

/** A text that only says there is no answer (see NON_ANSWER); cheap on the hot path: a length test first. */
export function isNonAnswer(text: string): boolean {
  if (text.length > NON_ANSWER_MAX * 2) return false;
  const t = text.trim();
  if (t === '' || t.length > NON_ANSWER_MAX) return false;
  return NON_ANSWER.test(foldAccents(t).toLowerCase().replace(/\s+/g, ' '));
}

/**
 * A list number before a statement ("1. ", "2) ", "(3) ", "4/ ", and "1.2.3 " or "1.2 " before a
 * capital, not "1.5 million"): numbered lists are how
 * minutes and contributions write proposals, and the number is no part of what is said (the model
 * reads it as a figure: 3 of 12 numbered proposals of review 13 went out of the scheme, 2 changed
 * group). The record keeps the text as given; the model reads what follows the number.
 */
const LIST_NUMBER = /^\s*(?:(?:\(\d{1,3}\)|\d{1,3}[.)/])\s+(?=\S)|\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+(?=\p{Lu}))/u;

/** The text without its list number (see LIST_NUMBER), or the text itself. */
export function withoutListNumber(text: string): string {
  const m = LIST_NUMBER.exec(text);
  return m ? text.slice(m[0].length) : text;
}

/** The output record of one input item (see the module comment). */
export function classifyItem(loaded: Loaded, it: Item, top: number, buildRecord: BuildRecord): OutRecord {
  let rec: OutRecord;
  if (it.text.trim() === '' || isNonAnswer(it.text)) {
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
    const body = withoutListNumber(it.text);
    const r = buildRecord(loaded, it.id, body, top);
    if (body !== it.text) r.text = it.text;
    rec = r.status === 'out_of_scheme' ? { ...r, thematique: null, kind: null, group: null, idea: null, sujet: null } : r;
  }
  if (it.input) rec.input = it.input;
  return rec;
}

/** Output records of a batch of input items, in order: what a worker returns for its batch. */
export function classifyBatch(loaded: Loaded, items: Item[], top: number, buildRecord: BuildRecord): OutRecord[] {
  return items.map((it) => classifyItem(loaded, it, top, buildRecord));
}
