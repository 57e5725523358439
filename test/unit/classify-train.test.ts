// Training reproduces the committed model byte for byte, and the model beats the baselines.
// One training and one (3-fold) cross-validation for the whole file.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadReport } from '../../src/io/report.js';
import { buildTaxonomy } from '../../src/classify/taxonomy.js';
import { serialiseModel, trainModel, DEFAULT_TRAIN } from '../../src/classify/train.js';
import { crossValidate } from '../../src/eval/cv.js';
import { loadScorer } from '../../src/classify/load.js';
import { buildRecord } from '../../src/classify/predict.js';
import { stemFr, tokenizeFr } from '../../src/classify/natural.js';

const MODEL_PATH = fileURLToPath(new URL('../../data/model.json', import.meta.url));
const nlp = { tokenize: tokenizeFr, stem: stemFr };
const report = await loadReport(fileURLToPath(new URL('../../data/cnr-sante-nouvelle-aquitaine-2022.txt', import.meta.url)));
const tax = buildTaxonomy(report);
const { model } = trainModel(report, tax, nlp, DEFAULT_TRAIN);
const text = serialiseModel(model);

describe('train', () => {
  it('reproduces data/model.json byte for byte (run `cnr-synth train` after changing the model code)', () => {
    expect(text === readFileSync(MODEL_PATH, 'utf8')).toBe(true);
  });
  it('keeps the model small', () => {
    expect(text.length).toBeLessThan(3_000_000);
  });
  it('records cross-validated figures above the majority baselines (0.51 thématique, 0.82 kind)', () => {
    expect(model.cv.thematique.accuracy).toBeGreaterThan(0.65);
    expect(model.cv.thematique.macroF1).toBeGreaterThan(0.6);
    expect(model.cv.kind.accuracy).toBeGreaterThan(0.86);
    expect(model.cv.quotes.group).toBeGreaterThan(0.5);
  });
  it('the loaded model classifies a few plain cases', () => {
    const L = loadScorer(model, tax, nlp);
    const r = (t: string) => buildRecord(L, 'x', t, 3);
    expect(r('Les urgences sont saturées, il faut des heures pour être pris en charge').thematique.id).toBe('t2');
    expect(r("Développer l'éducation à la santé et la prévention dès l'école").thematique.id).toBe('t4');
    expect(r('Augmenter le nombre de maîtres de stage pour accueillir des internes').kind.id).toBe('solution');
    expect(r('Merci de votre attention').status).toBe('out_of_scheme');
    expect(r('12 %').status).toBe('out_of_scheme');
    const x = r("Il n'y a plus de médecin traitant dans ma commune");
    expect(x.thematique.id).toBe('t1');
    expect(x.candidates.length).toBe(3);
    expect(x.explanation.map((e) => e.term)).toContain('medecin');
  });
});

describe('eval (3-fold cross-validation)', () => {
  const r = crossValidate(report, tax, nlp, { folds: 3, seed: 1, scheme: true });
  it('beats the majority baseline on thématique and kind', () => {
    expect(r.protocol.bullets).toBe(report.verbatims.length);
    expect(r.thematique.majority.accuracy).toBeCloseTo(0.511, 2);
    expect(r.thematique.model.accuracy).toBeGreaterThan(r.thematique.majority.accuracy + 0.12);
    expect(r.thematique.model.macroF1).toBeGreaterThan(0.58);
    expect(r.thematique.model.kappa).toBeGreaterThan(0.45);
    expect(r.kind.model.accuracy).toBeGreaterThan(r.kind.majority.accuracy + 0.04);
    expect(r.kind.majority.kappa).toBe(0);
  });
  it('is not worse than the naive Bayes baseline by more than a point', () => {
    expect(r.thematique.model.macroF1).toBeGreaterThan(r.thematique.bayes.macroF1 - 0.01);
  });
  it('places the Ex quotes in their group most of the time (leave-one-out)', () => {
    expect(r.quotes.n).toBe(73);
    expect(r.quotes.groupInBranch).toBeGreaterThan(0.55);
    expect(r.quotes.ideaInBranch).toBeGreaterThan(0.4);
  });
});
