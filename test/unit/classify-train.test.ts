// Training reproduces the committed model byte for byte, and the model beats the baselines.
// One training and one (3-fold) cross-validation for the whole file.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadReport, loadReportLines } from '../../src/io/report.js';
import { buildTaxonomy } from '../../src/classify/taxonomy.js';
import { trainModel } from '../../src/classify/train.js';
import { jointPredict } from '../../src/classify/calibrate.js';
import { fitStatement } from '../../src/classify/statement.js';
import { bulletDocs, schemeDocs, DEFAULT_TRAIN } from '../../src/classify/training-set.js';
import { fitCore, makeScorer } from '../../src/classify/experts.js';
import { serialiseModel, taxonomyHash } from '../../src/classify/model-file.js';
import { decision } from '../../src/classify/linear.js';
import { crossValidate } from '../../src/eval/cv.js';
import { loadScorer } from '../../src/classify/load.js';
import { buildRecord, RECORD_NODES, type ClassRecord } from '../../src/classify/predict.js';
import { NdjsonRecords, recordJson } from '../../src/render/classified-ndjson.js';
import { stemFr, tokenizeFr } from '../../src/classify/natural.js';
import { loadExamples, readCoded } from '../../src/io/coded.js';
import { reportOtherLines } from '../../src/classify/report-lines.js';
import { codedExamples } from '../../src/classify/taxonomy.js';
import { withExamples } from '../../src/classify/taxonomy.js';
import { protoNodes } from '../../src/classify/prototypes.js';

const MODEL_PATH = fileURLToPath(new URL('../../data/model.json', import.meta.url));
const nlp = { tokenize: tokenizeFr, stem: stemFr };
const report = await loadReport(fileURLToPath(new URL('../../data/cnr-sante-nouvelle-aquitaine-2022.txt', import.meta.url)));
const tax = buildTaxonomy(report);
const examples = codedExamples((await readCoded(fileURLToPath(new URL('../../data/labels/workshop-coded.jsonl', import.meta.url)))).coded);
// What `cnr-synth train` uses for the bundled report: the bundled coded files, and the report's own non-verbatim lines as negatives.
const bundled = await loadExamples(undefined, true, tax);
const prose = reportOtherLines(
  (await loadReportLines(fileURLToPath(new URL('../../data/cnr-sante-nouvelle-aquitaine-2022.txt', import.meta.url)))).lines,
  report,
  tax,
);
const { model } = trainModel(report, tax, nlp, DEFAULT_TRAIN, bundled.examples, [...prose, ...bundled.others]);
const text = serialiseModel(model);

describe('train', () => {
  it('reproduces data/model.json byte for byte (run `cnr-synth train` after changing the model code)', () => {
    expect(text === readFileSync(MODEL_PATH, 'utf8')).toBe(true);
  });
  it('learns from the 347 team-coded workshop examples and the 336 other-documents lines without binding the model to them', () => {
    expect(examples.length).toBe(347);
    const otherDocs = readFileSync(new URL('../../data/labels/other-docs-train.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim()).length;
    expect(otherDocs).toBe(336);
    expect(model.training.examples).toBe(347 + otherDocs);
    // The model is bound to the scheme: the examples change prototypes, not the taxonomy hash.
    expect(model.taxonomy.sha256).toBe(taxonomyHash(tax));
    const aug = withExamples(tax, examples);
    expect(taxonomyHash(aug)).not.toBe(taxonomyHash(tax));
    const base = protoNodes(tax);
    const withEx = protoNodes(aug);
    expect(withEx.map((n) => n.id)).toEqual(base.map((n) => n.id));
    const added = withEx.reduce((s, n, i) => s + n.texts.length - base[i]!.texts.length, 0);
    expect(added).toBe(347);
    // An example with an idea joins the idea, one without joins its group.
    const e = examples.find((x) => x.idea !== null)!;
    expect(withEx.find((n) => n.id === e.idea)!.texts).toContain(e.text);
    const g = examples.find((x) => x.idea === null)!;
    expect(withEx.find((n) => n.id === g.group)!.texts).toContain(g.text);
  });
  it('keeps the model small (≤ 2 MB)', () => {
    expect(text.length).toBeLessThan(2_000_000);
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
    const merci = r('Merci de votre attention');
    expect(merci.status).toBe('out_of_scheme');
    // Out of the scheme: no group, idea or sujet (never counted), the nearest groups kept for review.
    expect([merci.group, merci.idea, merci.sujet, merci.needs_review]).toEqual([null, null, null, true]);
    expect(merci.candidates.length).toBe(3);
    expect(recordJson(merci)).toBe(JSON.stringify(merci));
    expect(r('12 %').status).toBe('out_of_scheme');
    const x = r("Il n'y a plus de médecin traitant dans ma commune");
    expect(x.thematique.id).toBe('t1');
    expect(x.candidates.length).toBe(3);
    expect(x.explanation.map((e) => e.term)).toContain('medecin');
    expect(x.needs_review).toBe(false);
    // No word weighs for the thématique (the scores come from the biases and the text's shape): reviewed.
    const na = r('N/A');
    expect(na.explanation).toEqual([]);
    expect(na.needs_review).toBe(true);
  });
});

describe('compiled scorer', () => {
  it('gives the scores of the sparse training vectors (every bullet and scheme text), statement head included', () => {
    const docs = bulletDocs(report).concat(schemeDocs(tax, 2));
    const core = fitCore(docs, nlp, DEFAULT_TRAIN);
    fitStatement(
      core,
      docs.slice(0, 400).map((d) => d.text),
      prose.slice(0, 400),
      DEFAULT_TRAIN,
    );
    const s = new Float64Array(1);
    const { scorer } = makeScorer(core, tax, { thematique: 1, kind: 1, group: 0.05, idea: 0.05, sujet: 0.05, lambda: 0 }, nlp.stem);
    const t = new Float64Array(4);
    const k = new Float64Array(2);
    let max = 0;
    for (const d of docs) {
      const x = core.fz.vector(d.text, core.idf);
      decision(core.headT, x.idx, x.val, x.idx.length, t);
      decision(core.headK, x.idx, x.val, x.idx.length, k);
      scorer.score(d.text);
      for (let c = 0; c < 4; c++) max = Math.max(max, Math.abs(t[c]! - scorer.dT[c]!));
      for (let c = 0; c < 2; c++) max = Math.max(max, Math.abs(k[c]! - scorer.dK[c]!));
      decision(core.headS!, x.idx, x.val, x.idx.length, s);
      max = Math.max(max, Math.abs(s[0]! - scorer.dS));
    }
    expect(max).toBeLessThan(1e-5);
  }, 120_000);
  it('calibration and scorer share one branch posterior: the same thématique, kind and probabilities, to the bit, on every verbatim', () => {
    // The idea evidence is part of what is compared: a weight of 6 if the fitted one is 0.
    const m = { ...model, calibration: { ...model.calibration, lambda: model.calibration.lambda || 6 } };
    const L = loadScorer(m, tax, nlp);
    const sc = L.scorer;
    expect(m.calibration.lambda).toBeGreaterThan(0);
    const out = { t: 0, k: 0, pt: 0, pk: 0 };
    let differ = 0;
    for (const v of report.verbatims) {
      sc.score(v.text);
      jointPredict(sc.dT, sc.dK, sc.bestIdea, m.calibration, out);
      if (out.t !== sc.t || out.k !== sc.k || out.pt !== sc.thematique[sc.t] || out.pk !== sc.kind[sc.k]) differ++;
    }
    expect(differ).toBe(0);
  });
});

describe('NDJSON encoding of records', () => {
  const L = loadScorer(model, tax, nlp);
  const lines = (recs: ClassRecord[]) => {
    const enc = new NdjsonRecords(L, 64);
    const parts: Buffer[] = [];
    for (const r of recs) {
      enc.push(r);
      if (enc.size > 4096) parts.push(enc.take());
    }
    parts.push(enc.take());
    return Buffer.concat(parts);
  };
  const expected = (recs: ClassRecord[]) => Buffer.from(recs.map((r) => `${JSON.stringify(r)}\n`).join(''), 'utf8');
  it('is byte for byte JSON.stringify + newline on every verbatim of the report, with its input passed through', () => {
    const recs = report.verbatims.map((v) => {
      const r = buildRecord(L, v.id, v.text, 3);
      r.input = { id: v.id, text: v.text, line: v.prov.line, extra: [1, 'é', null] };
      return r;
    });
    expect(lines(recs).equals(expected(recs))).toBe(true);
    expect(recs.every((r) => recordJson(r) === JSON.stringify(r))).toBe(true);
  });
  it('and on edited records, odd keys and odd strings (generic path)', () => {
    const odd = ['emoji 😀 and lone \ud83d surrogate', 'quote " backslash \\ tab \t nl \n', 'Merci de votre attention', '12 %', ''];
    const recs = odd.map((t, i) => buildRecord(L, `id-${i}\u2028`, t, i + 1));
    recs[0]!.group = { ...recs[0]!.group, label: 'édité « x »' };
    recs[1]!.candidates = recs[1]!.candidates.slice(0, 0);
    recs[2]!.extra = undefined;
    recs[2]!.fn = () => 1;
    recs[2]!.nested = { a: [1.5, -0, 1e21, 1e-7], b: 'x', u: undefined, f: () => 2, t: recs[2]!.text, i: recs[2]!.id, n: null, o: { p: 'q' }, yes: true };
    recs[1]!.input = { 2: 'index', id: recs[1]!.id, text: recs[1]!.text };
    recs[0]!.input = Object.assign(Object.create(null) as object, { id: 'x' });
    recs[3]!['7'] = 'index key';
    recs[4]!.thematique = { ...recs[4]!.thematique, score: 0.1 + 0.2 };
    delete recs[4]![RECORD_NODES];
    expect(lines(recs).toString('utf8')).toBe(expected(recs).toString('utf8'));
    expect(lines(recs).equals(expected(recs))).toBe(true);
    for (const r of recs) expect(recordJson(r)).toBe(JSON.stringify(r));
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

describe('candidates and the statement head (issue 16, issue 13 item 11)', () => {
  const L = loadScorer(model, tax, nlp);
  const recs = report.verbatims.map((v) => buildRecord(L, v.id, v.text, 5));
  it('the first candidate is the assignment on every verbatim, and each candidate has an idea when its group has ideas', () => {
    const inScheme = recs.filter((r) => r.group !== null);
    expect(inScheme.length).toBeGreaterThan(1800);
    expect(inScheme.filter((r) => r.candidates[0]!.group.id !== r.group!.id || (r.candidates[0]!.idea?.id ?? null) !== (r.idea?.id ?? null))).toEqual([]);
    // Candidates after the first are ranked by score, and at least one of them is a second idea.
    for (const r of recs) for (let i = 2; i < r.candidates.length; i++) expect(r.candidates[i]!.score).toBeLessThanOrEqual(r.candidates[i - 1]!.score);
    expect(recs.filter((r) => r.candidates.slice(1).some((c) => c.idea !== null)).length).toBeGreaterThan(1800);
  });
  it('is calibrated out of fold and keeps the report verbatims in the scheme', () => {
    const st = model.statement!;
    expect(st.cv.others).toBeGreaterThan(900);
    expect(st.cv.statementsKept).toBeGreaterThan(0.9);
    expect(st.cv.othersCaught).toBeGreaterThan(0.8);
    expect(recs.filter((r) => r.status === 'out_of_scheme').length / recs.length).toBeLessThan(0.05);
  });
  it('sends a name, a budget and a thank-you out of the scheme, and keeps a plain statement', () => {
    const r = (t: string) => buildRecord(L, 'x', t, 3).status;
    expect(r('Docteur Marc Petit, président du conseil de l’Ordre de la Vienne')).toBe('out_of_scheme');
    expect(r('Budget prévisionnel : 350 000 euros en 2024')).toBe('out_of_scheme');
    expect(r('Merci de votre attention')).toBe('out_of_scheme');
    expect(r("Il n'y a plus de médecin généraliste dans mon village")).not.toBe('out_of_scheme');
  });
});

describe('group head through the model file (off in the shipped model: groupC 0)', () => {
  const opts = { ...DEFAULT_TRAIN, groupC: 1, folds: 2 };
  const { model: m, core } = trainModel(report, tax, nlp, opts, bundled.examples, [...prose, ...bundled.others]);
  it('is absent from the shipped model and stored as postings when trained', () => {
    expect(model.heads.group).toBeUndefined();
    expect(model.calibration.groupHead).toBeUndefined();
    expect(m.heads.group!.classes).toEqual(
      protoNodes(tax)
        .filter((n) => n.level === 'group')
        .map((n) => n.id),
    );
    expect(m.calibration.groupHead).toBeGreaterThan(0);
    expect(serialiseModel(m).length).toBeLessThan(2_000_000);
  });
  it('the loaded scorer gives the trained head its decision values and mixes them into p(g | b)', () => {
    const loaded = loadScorer(JSON.parse(serialiseModel(m)), tax, nlp).scorer;
    const { scorer: direct } = makeScorer(core, tax, m.calibration, nlp.stem);
    let max = 0;
    let moved = 0;
    const protoOnly = loadScorer({ ...m, calibration: { ...m.calibration, groupHead: 0 } }, tax, nlp).scorer;
    for (const v of report.verbatims.slice(0, 300)) {
      loaded.score(v.text);
      direct.score(v.text);
      protoOnly.score(v.text);
      for (let g = 0; g < loaded.nGroups; g++) max = Math.max(max, Math.abs(loaded.dG[g]! - direct.dG[g]!));
      if (loaded.bestGroupIn(loaded.slot) !== protoOnly.bestGroupIn(protoOnly.slot)) moved++;
    }
    expect(max).toBeLessThan(1e-3);
    expect(moved).toBeGreaterThan(0);
  });
});

describe('group head v3 through the model file (built, off in the shipped model)', () => {
  const opts = { ...DEFAULT_TRAIN, groupC: 0.3, groupTop: 4, groupChar: true, groupBias: true, groupStems: true, groupCharTop: 4, groupBranch: 0.3, folds: 2 };
  const { model: m, core } = trainModel(report, tax, nlp, opts, bundled.examples, [...prose, ...bundled.others]);
  it('stores a stems-and-char head with how the scorer reads it, μ and a fitted review threshold', () => {
    expect(m.heads.group!.stems).toBe(true);
    expect(m.heads.group!.charTop).toBe(4);
    expect(m.calibration.groupBranch).toBe(0.3);
    expect(m.thresholds.group).toBeGreaterThan(0);
    expect(m.thresholds.group).toBeLessThan(1);
    expect(serialiseModel(m).length).toBeLessThan(2_000_000);
  });
  it('the loaded scorer is the trained one (up to the file’s int16 weights), and the group evidence moves some branches', () => {
    const loaded = loadScorer(JSON.parse(serialiseModel(m)), tax, nlp).scorer;
    const { scorer: direct } = makeScorer(core, tax, m.calibration, nlp.stem);
    const noMu = loadScorer({ ...m, calibration: { ...m.calibration, groupBranch: 0 } }, tax, nlp).scorer;
    let max = 0;
    let same = 0;
    let moved = 0;
    const vs = report.verbatims.slice(0, 300);
    for (const v of vs) {
      loaded.score(v.text);
      direct.score(v.text);
      noMu.score(v.text);
      // A token keeps its 4 largest char weights: a near tie can pick another under the file's int16
      // weights and idf, and β = 6 makes p(g | b) sharp: about 8 % of these verbatims change group.
      for (let g = 0; g < loaded.nGroups; g++) max = Math.max(max, Math.abs(loaded.dG[g]! - direct.dG[g]!));
      if (loaded.bestGroupIn(loaded.slot) === direct.bestGroupIn(direct.slot)) same++;
      if (loaded.slot !== noMu.slot) moved++;
    }
    expect(max).toBeLessThan(0.1);
    expect(same / vs.length).toBeGreaterThan(0.88);
    expect(moved).toBeGreaterThan(0);
  });
});
