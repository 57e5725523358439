// A list number before a statement is no part of it (review 13, S4): numbered proposals classify
// as the same proposals without numbers; the record keeps the text as given.
import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../src/io/classifier.js';
import { buildRecord } from '../../src/classify/predict.js';
import { classifyItem, withoutListNumber } from '../../src/run/classify-record.js';

const PROPOSALS = [
  "Créer des maisons de santé pluridisciplinaires dans chaque bassin de vie, avec un financement pérenne de la coordination par l'Assurance maladie.",
  'Augmenter le nombre de places en institut de formation en soins infirmiers dans les départements ruraux.',
  'Développer la téléconsultation assistée par un infirmier dans les pharmacies et les mairies des communes éloignées.',
  'Renforcer la prévention en milieu scolaire par des infirmières dédiées.',
  'Ouvrir une maison médicale de garde le week-end à proximité des urgences.',
];

describe('list numbers', () => {
  it('are cut from the text the model reads, in their usual forms', () => {
    for (const [given, read] of [
      ['1. Créer des MSP', 'Créer des MSP'],
      ['12) Créer des MSP', 'Créer des MSP'],
      ['(3) Créer des MSP', 'Créer des MSP'],
      ['4/ Créer des MSP', 'Créer des MSP'],
      ['  7.\tCréer des MSP', 'Créer des MSP'],
      ['1.2.3 Créer des MSP', 'Créer des MSP'],
    ])
      expect(withoutListNumber(given), given).toBe(read);
  });
  it('leave figures that are part of the statement alone', () => {
    for (const t of [
      '3 médecins partent à la retraite',
      '24/24 et 7/7 : ouvrir les urgences',
      '1.5 million de Français sans médecin traitant',
      '2022. Une année difficile',
      '1.',
      'Créer 2. maisons',
    ])
      expect(withoutListNumber(t), t).toBe(t);
  });
  it('change nothing but the text: a numbered proposal is classified as the same proposal', async () => {
    const L = await loadClassifier();
    const strip = (r: Record<string, unknown>) => {
      const { text: _t, id: _i, input: _in, ...rest } = r;
      return JSON.stringify(rest);
    };
    for (const [i, p] of PROPOSALS.entries()) {
      const plain = classifyItem(L, { id: 'a', text: p }, 3, buildRecord);
      for (const numbered of [`${i + 1}. ${p}`, `${i + 1}) ${p}`, `(${i + 1}) ${p}`]) {
        const r = classifyItem(L, { id: 'b', text: numbered }, 3, buildRecord);
        expect(strip(r as never), numbered).toBe(strip(plain as never));
        expect(r.text).toBe(numbered);
      }
    }
  });
});
