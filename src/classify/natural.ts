/**
 * The ONE module that loads natural, and only two of its files, by subpath.
 *
 * `import natural from 'natural'` loads every part of the library (database drivers for its
 * storage backends, whose dotenv prints a banner on stdout), which corrupts piped JSON and
 * costs ~1 s. These two CommonJS files need nothing but each other's siblings. Commands reach
 * this module only through a dynamic `import()`, so `--help` never loads it.
 */
import AggressiveTokenizerFr from 'natural/lib/natural/tokenizers/aggressive_tokenizer_fr.js';
import PorterStemmerFr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import type { Nlp } from './text.js';

const tokenizer = new AggressiveTokenizerFr();

/** natural's French tokenizer: splits on anything but [a-z0-9] and French letters (keeps "-"). */
export function tokenizeFr(text: string): string[] {
  return tokenizer.tokenize(text);
}

/** natural's French Porter (Snowball) stemmer; expects a lower-cased, accented word. */
export function stemFr(word: string): string {
  return PorterStemmerFr.stem(word);
}

/** The tokenizer and stemmer the commands train and classify with. */
export const NLP: Nlp = { tokenize: tokenizeFr, stem: stemFr };
