// The French text pipeline and feature hashing of the classifier.
import { describe, expect, it } from 'vitest';
import { analyse, foldAccents, normalise, plainChars, STOPWORDS_FR } from '../../src/classify/text.js';
import { stemFr, tokenizeFr } from '../../src/classify/natural.js';
import { charBuckets, DEFAULT_FEATURES, Featurizer, idfFromDf } from '../../src/classify/features.js';
import { bucket, combine, fmix32, hashString } from '../../src/classify/hash.js';

const words = (s: string) =>
  analyse(s, tokenizeFr, stemFr)
    .filter((t) => !t.stop)
    .map((t) => t.stem);

describe('normalise', () => {
  it('lower-cases, unifies apostrophes and removes elisions (l’ d’ qu’ j’ lorsqu’)', () => {
    expect(normalise('L’accès d’IPA qu’on jusqu’à lorsqu’il')).toBe(' accès  ipa  on  à  il');
  });
  it('keeps the negation of n\' as "ne"', () => {
    expect(normalise("Ils n'ont pas de médecin")).toBe('ils ne ont pas de médecin');
  });
  it('drops guillemets and typographic dashes, spells out œ', () => {
    expect(normalise('« Œuvre » – fin')).toBe('  oeuvre     fin');
  });
  it('folds accents', () => {
    expect(foldAccents('été réunion maïs à')).toBe('ete reunion mais a');
  });
  it('drops invisible characters (soft hyphen, zero-width space and joiners, word joiner, BOM) and spells out ligatures', () => {
    expect(normalise('Spé\u00adcialisés mé\u200bdecin gé\u200cné\u200dra\u2060liste\ufeff')).toBe('spécialisés médecin généraliste');
    expect(normalise('L’a\ufb04ux d’in\ufb01rmiers \ufb00\ufb02\ufb03\ufb05\ufb06')).toBe(' afflux  infirmiers ffflffistst');
    // removed before NFC: the accent composes with its letter
    expect(normalise('e\u200b\u0301')).toBe('é');
    expect(plainChars('rien à changer')).toBe('rien à changer');
    expect(foldAccents('Di\ufb03culté\u00ad')).toBe('Difficulte');
    expect(words('Des di\ufb03cultés \ufb01nanciè\u00adres')).toEqual(words('Des difficultés financières'));
  });
});

describe('analyse (tokenizer, stemmer, stopwords)', () => {
  it('stems with the accents, then folds them: médecins / médecin / medecin share a stem', () => {
    expect(words('médecins')).toEqual(['medecin']);
    expect(words('medecin')).toEqual(['medecin']);
    expect(words('installation installer')).toEqual(['install', 'install']);
  });
  it('keeps negations and quantity words, drops function words', () => {
    for (const w of ['pas', 'plus', 'sans', 'moins', 'trop', 'manque', 'ne', 'aucun', 'peu']) expect(STOPWORDS_FR.has(w)).toBe(false);
    expect(words("Il n'y a pas assez de médecins et trop peu d'infirmiers")).toEqual(['ne', 'pas', 'assez', 'medecin', 'trop', 'peu', 'infirmi']);
  });
  it('turns numbers into one token', () => {
    expect(words('42 % des 3ème années')).toEqual(['<num>', '<num>', 'anne']);
  });
});

describe('hashing', () => {
  it('is deterministic and spreads (fixed values: any change to the hash changes every model)', () => {
    expect(hashString('medecin')).toBe(hashString('medecin'));
    expect(hashString('medecin')).toBe(3010058724);
    expect(fmix32(0)).toBe(0);
    expect(combine(1, 2)).not.toBe(combine(2, 1));
    expect(bucket(0xffffffff, 17)).toBe((1 << 17) - 1);
  });
  it('char_wb n-grams of " mot " are 3..5 long, inside the char block', () => {
    const b = charBuckets('mot', DEFAULT_FEATURES); // " mot " → 3 + 2 + 1 = 6 n-grams
    expect(b.length).toBe(6);
    for (const x of b) expect(x).toBeGreaterThanOrEqual(1 << DEFAULT_FEATURES.wordBits);
    expect(Array.from(charBuckets('mot', DEFAULT_FEATURES))).toEqual(Array.from(b));
  });
  it('a featurizer gives the same vector twice; each block has its weight as norm when its parts do not overlap', () => {
    const fz = new Featurizer(DEFAULT_FEATURES, stemFr);
    const df = new Int32Array(fz.dim);
    // No two words share a char n-gram, no feature repeats: the occurrence norm is the l2 norm.
    const text = 'Développer les maisons de santé';
    for (const b of fz.buckets(text)) df[b]! += 1;
    const idf = idfFromDf(df, 1, 1);
    const a = fz.vector(text, idf);
    const b = fz.vector(text, idf);
    expect(Array.from(a.idx)).toEqual(Array.from(b.idx));
    expect(Array.from(a.val)).toEqual(Array.from(b.val));
    let nw = 0;
    let nc = 0;
    a.idx.forEach((x, k) => (x < fz.wordDim ? (nw += a.val[k]! ** 2) : (nc += a.val[k]! ** 2)));
    expect(nw).toBeCloseTo(DEFAULT_FEATURES.wordWeight ** 2, 5);
    expect(nc).toBeCloseTo(DEFAULT_FEATURES.charWeight ** 2, 5);
    // idx sorted, no zero weight
    expect(Array.from(a.idx)).toEqual(Array.from(a.idx).sort((p, q) => p - q));
    expect(Array.from(a.val).every((v) => v > 0)).toBe(true);
  });
  it('a repeated word counts once per occurrence, and its parts are normalised apart (occurrence norm)', () => {
    const fz = new Featurizer(DEFAULT_FEATURES, stemFr);
    const text = 'santé santé';
    const df = new Int32Array(fz.dim);
    for (const b of fz.buckets(text)) df[b]! += 1;
    const idf = idfFromDf(df, 1, 1);
    const v = fz.vector(text, idf);
    // char block: two identical parts → each n-gram has 2 × idf, divided by sqrt(2 · Σ idf²) → squared norm 2 · cw²
    let nc = 0;
    v.idx.forEach((x, k) => x >= fz.wordDim && (nc += v.val[k]! ** 2));
    expect(nc).toBeCloseTo(2 * DEFAULT_FEATURES.charWeight ** 2, 5);
  });
});
