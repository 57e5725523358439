/**
 * French text pipeline of the classifier (pure: the tokenizer and stemmer are injected, so this
 * module never loads natural; see natural.ts).
 *
 *   normalise  invisible characters dropped and Latin ligatures spelled out (`plainChars`: soft
 *              hyphen, zero-width space / joiners, word joiner, BOM; ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ), NFC, lower
 *              case, ’ ‘ ʼ ` → ', guillemets and dashes → space, œ/æ spelled out
 *   elide      l' d' qu' j' s' c' m' t' jusqu' lorsqu' puisqu' quoiqu' are dropped;
 *              n' becomes "ne" (a negation cue: "n'ont pas" → "ne ont pas")
 *   tokenise   natural's AggressiveTokenizerFr; leading/trailing hyphens trimmed
 *   stem       natural's PorterStemmerFr on the accented word, THEN accents folded
 *              (the Snowball rules need the accents; folding after makes "medecin" = "médecin")
 *   stopwords  a curated list (below) that keeps negations and quantity words
 *
 * Numbers become the pseudo-token "<num>" (a bare statistic is then recognisable).
 */

export type Tokenizer = (text: string) => string[];
export type Stemmer = (word: string) => string;

export interface Nlp {
  /** natural's tokenizer: the reference of the scanner (scan.ts), used by `analyse` and the tests. */
  tokenize: Tokenizer;
  stem: Stemmer;
}

/**
 * Function words with no topical or polar meaning. Deliberately NOT here, although natural's
 * list has some of them: negations (ne, pas, plus, sans, jamais, aucun, rien, ni, non) and
 * quantity / comparison words (moins, trop, peu, manque, davantage, assez, insuffisant, tous…),
 * which carry the difference between a problem ("pas assez de médecins") and a proposal.
 */
export const STOPWORDS_FR: ReadonlySet<string> = new Set([
  'a',
  'à',
  'ai',
  'aie',
  'aient',
  'ait',
  'as',
  'au',
  'aux',
  'avec',
  'avaient',
  'avait',
  'avez',
  'avoir',
  'ayant',
  'c',
  'ça',
  'ce',
  'ceci',
  'cela',
  'celle',
  'celles',
  'celui',
  'ces',
  'cet',
  'cette',
  'ceux',
  'chez',
  'd',
  'dans',
  'de',
  'des',
  'du',
  'donc',
  'dont',
  'elle',
  'elles',
  'en',
  'es',
  'est',
  'et',
  'étaient',
  'était',
  'été',
  'être',
  'eu',
  'eux',
  'il',
  'ils',
  'j',
  'je',
  'l',
  'la',
  'le',
  'les',
  'leur',
  'leurs',
  'lui',
  'm',
  'ma',
  'mais',
  'me',
  'même',
  'mes',
  'moi',
  'mon',
  'nos',
  'notre',
  'nous',
  'on',
  'ont',
  'or',
  'ou',
  'où',
  'par',
  'qu',
  'que',
  'quel',
  'quelle',
  'quelles',
  'quels',
  'qui',
  's',
  'sa',
  'se',
  'sera',
  'seront',
  'ses',
  'si',
  'soi',
  'soit',
  'son',
  'sont',
  'sur',
  't',
  'ta',
  'te',
  'tes',
  'toi',
  'ton',
  'tu',
  'un',
  'une',
  'vos',
  'votre',
  'vous',
  'y',
  'etc',
  'ex',
  'via',
  'ainsi',
  'alors',
  'afin',
  'car',
  'puis',
  'comme',
  'lors',
]);

/**
 * Kind cues (folded words; see FeatureConfig.cues): words of lack or difficulty, which state a
 * problem, and words of necessity or proposal. Pooled into one feature each, so that a rare word
 * of the list weighs like the frequent ones. Negation particles (ne, pas, plus, sans) are not
 * here: they are features of their own (and not stopwords).
 */
export const CUE_DEFICIT: ReadonlySet<string> = new Set([
  'manque',
  'manques',
  'absence',
  'faute',
  'penurie',
  'deficit',
  'carence',
  'carences',
  'insuffisance',
  'insuffisant',
  'insuffisante',
  'insuffisants',
  'insuffisantes',
  'difficulte',
  'difficultes',
  'difficile',
  'difficiles',
  'impossible',
  'probleme',
  'problemes',
  'problematique',
  'frein',
  'freins',
  'lourdeur',
  'lourdeurs',
  'complexite',
  'inegalite',
  'inegalites',
  'isolement',
  'eloignement',
  'saturation',
  'sature',
  'saturee',
  'satures',
  'saturees',
  'renoncement',
  'baisse',
  'perte',
  'pertes',
  'fermeture',
  'fermetures',
  'depart',
  'departs',
  'desert',
  'deserts',
  'desertification',
  'mauvais',
  'mauvaise',
  'faible',
  'faibles',
  'tension',
  'tensions',
  'retard',
  'retards',
  'vieillissement',
  'epuisement',
  'souffrance',
  'inquietude',
  'meconnaissance',
  'inadaptation',
  'inadapte',
  'inadaptee',
]);
export const CUE_NEED: ReadonlySet<string> = new Set([
  'faut',
  'faudrait',
  'falloir',
  'doit',
  'doivent',
  'devrait',
  'devraient',
  'necessaire',
  'necessaires',
  'necessite',
  'besoin',
  'besoins',
  'souhait',
  'souhaite',
  'souhaitable',
  'propose',
  'proposer',
  'proposition',
  'propositions',
  'important',
  'importance',
  'essentiel',
  'indispensable',
  'prioriser',
  'priorite',
  'permettre',
  'favoriser',
]);
/** Words that open a question. */
export const QUESTION_WORDS: ReadonlySet<string> = new Set([
  'comment',
  'pourquoi',
  'quel',
  'quelle',
  'quels',
  'quelles',
  'combien',
  'quoi',
  'lequel',
  'laquelle',
]);

const ELISION = /\b(?:jusqu|lorsqu|puisqu|quoiqu|qu|l|d|j|s|c|m|t)'/g;
const NEG_ELISION = /\bn'/g;

/**
 * Characters a text can hold without showing them, which would split a word: the soft hyphen
 * (Word's optional hyphen, PDF copies), the zero-width space, non-joiner and joiner, the word
 * joiner and the zero-width no-break space (a BOM inside a text). They vanish: "spé\u00ADcialisés"
 * is "spécialisés".
 */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
/** The Latin ligatures of the Alphabetic Presentation Forms block (PDF copies), spelled out as NFKC does. */
const LIGATURE = /[\ufb00-\ufb06]/g;
const LIGATURE_LETTERS = ['ff', 'fi', 'fl', 'ffi', 'ffl', 'st', 'st'];
const PLAIN_TEST = /[\u00ad\u200b-\u200d\u2060\ufeff\ufb00-\ufb06]/;

/**
 * The text without invisible characters (INVISIBLE) and with its ligatures spelled out ("inﬁrmiers" →
 * "infirmiers"): the first step of `normalise` and of the scanner (scan.ts), before NFC (so that
 * an accent after a removed character composes with its letter). The text itself when it has none.
 */
export function plainChars(text: string): string {
  if (!PLAIN_TEST.test(text)) return text;
  return text.replace(INVISIBLE, '').replace(LIGATURE, (c) => LIGATURE_LETTERS[c.charCodeAt(0) - 0xfb00]!);
}

/** Drop invisible characters, spell out ligatures, lower-case, unify apostrophes, drop typographic quotes/dashes, handle elisions. */
export function normalise(text: string): string {
  return plainChars(text)
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[«»“”"–—…•·]/g, ' ')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(NEG_ELISION, 'ne ')
    .replace(ELISION, ' ')
    .replace(/'/g, ' ');
}

const COMBINING = /[\u0300-\u036f]/g;

/** Remove diacritics: "été" → "ete", "maïs" → "mais" (and invisible characters and ligatures: see plainChars). */
export function foldAccents(s: string): string {
  return plainChars(s).normalize('NFD').replace(COMBINING, '');
}

export function isNumberToken(t: string): boolean {
  return /^\d/.test(t) && /^[\d.,]+(?:e|er|ere|eme|ème|ème|h|%)?$/.test(t);
}

export interface Token {
  /** The normalised surface word, accents folded (used for character n-grams). */
  word: string;
  /** Folded stem (used for word n-grams); "<num>" for numbers. */
  stem: string;
  stop: boolean;
}

/** The full pipeline, allocating: for tests, explanations and training (not the hot path). */
export function analyse(text: string, tokenize: Tokenizer, stem: Stemmer): Token[] {
  const out: Token[] = [];
  for (const raw of tokenize(normalise(text))) {
    const t = raw.replace(/^-+|-+$/g, '');
    if (t.length === 0) continue;
    out.push(analyseToken(t, stem));
  }
  return out;
}

export function analyseToken(t: string, stem: Stemmer): Token {
  if (isNumberToken(t)) return { word: '<num>', stem: '<num>', stop: false };
  const stop = STOPWORDS_FR.has(t);
  return { word: foldAccents(t), stem: foldAccents(stem(t)), stop };
}
