// The scorer's token cache: what a word contributes (tokenInfo), and the hand-over of the cache
// to a worker thread (`classify --jobs`: exportTokens → importTokens) that must change no score.
import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../src/io/classifier.js';
import { buildRecord } from '../../src/classify/predict.js';
import { charBuckets, tokenInfo } from '../../src/classify/features.js';
import { NLP } from '../../src/classify/natural.js';

const TEXTS = [
  "Manque de médecins généralistes en zone rurale, délais d'attente trop longs",
  'Créer des maisons de santé pluriprofessionnelles et faciliter l’installation des jeunes médecins',
  'Les urgences sont saturées : il faut réguler les soins non programmés',
  'aaaaaa bababa 2023 œuvre',
];
const LATER = ['Développer la télémédecine pour les personnes âgées isolées', 'Manque de médecins, urgences saturées'];

describe('tokenInfo', () => {
  it('gives each distinct char n-gram bucket once, in increasing order, with its count in the word', async () => {
    const L = await loadClassifier();
    const cfg = L.scorer.cfg;
    for (const w of ['aaaaaa', 'bababa', 'medecins', 'pluriprofessionnelles', 'x']) {
      const info = tokenInfo(w, NLP.stem, cfg);
      const counts = new Map<number, number>();
      for (const b of charBuckets(info.word, cfg)) counts.set(b, (counts.get(b) ?? 0) + 1);
      const want = [...counts].sort((a, b) => a[0] - b[0]);
      expect(Array.from(info.charB)).toEqual(want.map((x) => x[0]));
      expect(Array.from(info.charC)).toEqual(want.map((x) => x[1]));
    }
  });
});

describe('token cache hand-over', () => {
  it('a scorer that imports another one’s cache scores every text exactly as it would alone, without analysing the known words again', async () => {
    const A = await loadClassifier();
    for (const t of TEXTS) buildRecord(A, 'a', t, 3);
    const snap = A.scorer.exportTokens();
    expect(snap.keys.length).toBeGreaterThan(20);

    const B = await loadClassifier();
    expect(B.scorer.importTokens(snap)).toBe(true);
    const alone = await loadClassifier();
    for (const t of TEXTS) {
      expect(JSON.stringify(buildRecord(B, 'x', t, 3))).toBe(JSON.stringify(buildRecord(alone, 'x', t, 3)));
    }
    // Known words only: nothing was added to the imported cache.
    expect(B.scorer.exportTokens().keys.length).toBe(snap.keys.length);
    // New words are added after the imported ones, and still score the same.
    for (const t of LATER) expect(JSON.stringify(buildRecord(B, 'y', t, 3))).toBe(JSON.stringify(buildRecord(alone, 'y', t, 3)));
    expect(B.scorer.exportTokens().keys.length).toBeGreaterThan(snap.keys.length);
  });

  it('is refused into a cache that is not empty, and from a model of another shape', async () => {
    const A = await loadClassifier();
    for (const t of TEXTS) buildRecord(A, 'a', t, 3);
    const snap = A.scorer.exportTokens();
    const used = await loadClassifier();
    buildRecord(used, 'u', 'Un mot', 3);
    const before = used.scorer.exportTokens().keys.length;
    expect(used.scorer.importTokens(snap)).toBe(false);
    expect(used.scorer.exportTokens().keys.length).toBe(before);
    const fresh = await loadClassifier();
    expect(fresh.scorer.importTokens({ ...snap, rows: snap.rows + 1 })).toBe(false);
    expect(fresh.scorer.importTokens({ ...snap, floats: snap.floats.subarray(1) })).toBe(false);
    expect(fresh.scorer.exportTokens().keys.length).toBe(0);
  });
});
