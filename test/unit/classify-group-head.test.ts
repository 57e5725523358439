// The group head (issue 16): trained on a tiny scheme it separates two groups; the compiled scorer
// gives the head's own decision values; its sparse form survives the model file; p(g | b) mixes it
// with the prototype scores (and is the prototypes' alone without it).
import { describe, expect, it } from 'vitest';
import { fitCore, fitGroupHead, keepTop, makeScorer, stemCharPart, wordPart } from '../../src/classify/experts.js';
import { decision, type LinearModel } from '../../src/classify/linear.js';
import { sparseHeadFile, sparseHeadOf } from '../../src/classify/model-file.js';
import { decodeVarints, encodeVarints } from '../../src/classify/codec.js';
import { groupDocs, schemeDocs, DEFAULT_TRAIN } from '../../src/classify/training-set.js';
import { stemFr } from '../../src/classify/natural.js';
import type { Calibration } from '../../src/classify/row-model.js';
import type { TaxGroup, Taxonomy } from '../../src/classify/taxonomy.js';
import { fitGroupMix, groupOof, groupReviewThreshold } from '../../src/classify/calibrate.js';
import { mulberry32 } from '../../src/classify/prng.js';

const nlp = { stem: stemFr };
const idea = (id: string, label: string, quotes: string[]) => ({
  id,
  label,
  count: 1,
  line: 1,
  aliases: [],
  quotes: quotes.map((text) => ({ text, line: 1 })),
});
const group = (id: string, label: string, ideas: TaxGroup['ideas']): TaxGroup => ({ id, label, count: 1, line: 1, aliases: [], ideas });
// One branch, two groups with their own vocabulary: the emergency room, and the doctors' installation.
const tax: Taxonomy = {
  schema: 'test',
  source: { file: 'test', sha256: '' },
  thematiques: [{ id: 't1', n: 1, title: 'Accès aux soins' }],
  branches: [
    {
      id: 't1.probleme',
      thematique: 1,
      kind: 'probleme',
      sujets: [],
      groups: [
        group('t1.probleme.g01', 'Les urgences sont engorgées', [
          idea('t1.probleme.g01.i01', "Attente trop longue aux urgences de l'hôpital", [
            'On attend six heures aux urgences',
            'Les urgences débordent le week-end',
          ]),
          idea('t1.probleme.g01.i02', 'Manque de lits aux urgences', [
            'Des brancards dans les couloirs des urgences',
            "Pas de lit d'hospitalisation en aval des urgences",
          ]),
        ]),
        group('t1.probleme.g02', "Les médecins ne s'installent pas en zone rurale", [
          idea('t1.probleme.g02.i01', 'Aucun médecin ne veut reprendre le cabinet du village', ['Le cabinet du village est fermé depuis le départ du médecin']),
          idea('t1.probleme.g02.i02', "Les jeunes médecins refusent l'installation à la campagne", [
            "L'installation en zone rurale n'attire pas les jeunes médecins",
            'Les médecins préfèrent la ville',
          ]),
        ]),
      ],
    },
  ],
  totals: { branches: 1, sujets: 0, groups: 2, ideas: 4, quotes: 7, aliases: 0 },
  unmatched: [],
};
const opts = { ...DEFAULT_TRAIN, groupC: 1, groupTop: 4, nbsvmC: 0 };
const core = fitCore(schemeDocs(tax, 1), nlp, opts);
const headG = fitGroupHead(core, tax, opts)!;
core.headG = headG;
const cal = (groupHead?: number): Calibration => ({
  thematique: 1,
  kind: 1,
  group: 0.05,
  idea: 0.05,
  sujet: 0.05,
  lambda: 0,
  ...(groupHead === undefined ? {} : { groupHead }),
});

describe('group head', () => {
  it('learns from every text of a group (labels, quotes) and is absent when groupC is 0', () => {
    expect(groupDocs(tax).map((d) => d.group)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(groupDocs(tax, new Set(['Les médecins préfèrent la ville'])).length).toBe(12);
    expect(fitGroupHead(core, tax, { ...opts, groupC: 0 })).toBeUndefined();
  });
  it('separates two groups on lines it never saw, and drops its biases', () => {
    const d = new Float64Array(2);
    const score = (text: string) => {
      const x = wordPart(core.fz.vector(text, core.idf), core.fz.wordDim);
      decision(headG, x.idx, x.val, x.idx.length, d);
      return d[0]! - d[1]!;
    };
    expect(score('Six heures de couloir aux urgences avant de voir un médecin')).toBeGreaterThan(0);
    expect(score('Plus aucun médecin installé au village, le cabinet est vide')).toBeLessThan(0);
    expect(Array.from(headG.bias)).toEqual([0, 0]);
  });
  it('compiles into the scorer: dG is the head on the word block, and p(g | b) follows it', () => {
    const { scorer } = makeScorer(core, tax, cal(2), nlp.stem);
    const d = new Float64Array(2);
    let max = 0;
    for (const g of groupDocs(tax)) {
      const x = wordPart(core.fz.vector(g.text, core.idf), core.fz.wordDim);
      decision(headG, x.idx, x.val, x.idx.length, d);
      scorer.score(g.text);
      for (let c = 0; c < 2; c++) max = Math.max(max, Math.abs(d[c]! - scorer.dG[c]!));
    }
    expect(max).toBeLessThan(1e-5);
    const line = 'Les urgences débordent, on attend des heures';
    scorer.score(line);
    const withHead = scorer.groupProb[0]!;
    const { scorer: protoOnly } = makeScorer(core, tax, cal(0), nlp.stem);
    protoOnly.score(line);
    expect(scorer.dG[0]!).toBeGreaterThan(scorer.dG[1]!);
    expect(withHead).toBeGreaterThan(protoOnly.groupProb[0]!);
    // β = 0: the prototype scores alone, p(g | b) = softmax(s_g / τ_G).
    const s = protoOnly.groupScore;
    const e0 = Math.exp(s[0]! / 0.05);
    const e1 = Math.exp(s[1]! / 0.05);
    expect(protoOnly.groupProb[0]).toBeCloseTo(e0 / (e0 + e1), 12);
  });
});

describe('group mix (τ_G, β) fitted out of fold', () => {
  it('weighs the head when it knows the group and leaves it out when it is noise', () => {
    const rng = mulberry32(5);
    const items = Array.from({ length: 200 }, (_, i) => i % 3);
    const s = items.map((y) => Float64Array.from({ length: 3 }, (_, g) => (g === y ? 0.05 : 0) + 0.1 * rng()));
    const good = fitGroupMix({ s, d: items.map((y) => Float64Array.from({ length: 3 }, (_, g) => (g === y ? 1 : -1))), y: items });
    const noise = fitGroupMix({ s, d: items.map(() => Float64Array.from({ length: 3 }, () => rng() * 2 - 1)), y: items });
    expect(good.beta).toBeGreaterThan(0);
    expect(noise.beta).toBe(0);
  });
  it('scores each quote without its own text in the head or the prototypes', () => {
    const o = groupOof(core, tax, nlp.stem, opts);
    expect(o.y.length).toBe(7);
    expect(o.s.every((x) => x.length === 2)).toBe(true);
    // Each held-out quote is still placed in its group by the other texts.
    const ok = o.y.filter((y, i) => (o.s[i]![y]! + o.d[i]![y]! > o.s[i]![1 - y]! + o.d[i]![1 - y]! ? 1 : 0)).length;
    expect(ok).toBeGreaterThanOrEqual(5);
  });
});

describe('sparse group head', () => {
  const m: LinearModel = {
    nClasses: 5,
    dim: 4,
    W: Float32Array.from([0.25, 0.5, 0.75, -2, 0.5, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0.5, -0.5, 0, 0, 0]),
    bias: Float32Array.from([0, 0, 0, 0, 0]),
  };
  it('keeps the k largest weights of each feature after removing its median', () => {
    const k = keepTop(m, 2);
    // Row 0: median 0.5 → (−0.25, 0, 0.25, −2.5, 0): −2.5, and of the tie −0.25 / 0.25 the lower class.
    expect(Array.from(k.W.subarray(0, 5))).toEqual([-0.25, 0, 0, -2.5, 0]);
    expect(Array.from(k.W.subarray(5, 10))).toEqual([0, 0, 0, 0, 0]);
    // A constant row carries nothing once its median is removed.
    expect(Array.from(k.W.subarray(10, 15))).toEqual([0, 0, 0, 0, 0]);
    expect(keepTop(m, 5)).toBe(m);
  });
  it('round-trips through the model file (postings of the non-zero weights only)', () => {
    const k = keepTop(m, 2);
    const vocab = Int32Array.from([0, 1, 2, 3]);
    const f = sparseHeadFile(k, vocab, ['a', 'b', 'c', 'd', 'e']);
    const back = sparseHeadOf(f, 4);
    for (let i = 0; i < k.W.length; i++) expect(back.W[i]).toBeCloseTo(k.W[i]!, 4);
    expect(() => sparseHeadOf(f, 1)).toThrow(/out of range/);
    expect(() => sparseHeadOf({ ...f, counts: Buffer.from([1, 1]).toString('base64') }, 4)).toThrow();
  });
});

describe('group head v3: stems and char n-grams, read from the token cache', () => {
  const o3 = { ...opts, groupChar: true, groupStems: true, groupBias: true, groupCharTop: 4 };
  const h3 = fitGroupHead(core, tax, o3)!;
  const c3 = { ...core, headG: h3, groupStems: true, groupCharTop: 4 };
  it('learns from the stems and the char block only, and keeps its biases', () => {
    const text = 'Les urgences débordent le week-end';
    const v = core.fz.vector(text, core.idf);
    const x = stemCharPart(core.fz, text, v, true);
    const w = wordPart(v, core.fz.wordDim);
    // Fewer word features than the word block (no stem bigrams, first-word or cue features), all the char ones.
    expect(x.idx.filter((b) => b < core.fz.wordDim).length).toBeLessThan(w.idx.length);
    expect(x.idx.filter((b) => b >= core.fz.wordDim).length).toBe(v.idx.length - w.idx.length);
    expect(Array.from(h3.bias).some((b) => b !== 0)).toBe(true);
  });
  it("compiles into the scorer: dG is the head up to a shift common to the groups (the tokens' char parts centred)", () => {
    const { scorer } = makeScorer(c3, tax, cal(2), nlp.stem);
    const d = new Float64Array(2);
    let max = 0;
    for (const g of groupDocs(tax)) {
      const x = stemCharPart(core.fz, g.text, core.fz.vector(g.text, core.idf), true);
      decision(h3, x.idx, x.val, x.idx.length, d);
      scorer.score(g.text);
      max = Math.max(max, Math.abs(d[0]! - d[1]! - (scorer.dG[0]! - scorer.dG[1]!)));
    }
    expect(max).toBeLessThan(1e-4);
  });
  it('adds its group evidence to the branch logits with μ > 0, and leaves p(g | b) alone', () => {
    const { scorer: a } = makeScorer(c3, tax, { ...cal(2), groupBranch: 0 }, nlp.stem);
    const { scorer: b } = makeScorer(c3, tax, { ...cal(2), groupBranch: 1 }, nlp.stem);
    a.score('Les urgences débordent');
    b.score('Les urgences débordent');
    expect(b.pB[0]).not.toBeCloseTo(a.pB[0]!, 6);
    expect(a.groupProb[0]).toBeCloseTo(b.groupProb[0]!, 12);
  });
  it('sets the review threshold that flags as many out-of-fold texts as 0.35 did with the prototypes alone', () => {
    const oof = {
      s: [Float64Array.from([0.5, 0.4]), Float64Array.from([0.3, 0.3]), Float64Array.from([0.9, 0.1])],
      d: [Float64Array.from([1, -1]), Float64Array.from([0, 0]), Float64Array.from([2, -2])],
      y: [0, 0, 0],
    };
    // Prototypes alone at τ 0.05: p = 0.88, 0.5, 1.0: none under 0.35, so the threshold is the lowest p with the head.
    expect(groupReviewThreshold(oof, 0.05, 0.05, 1)).toBeCloseTo(0.5, 3);
    expect(groupReviewThreshold({ s: [], d: [], y: [] }, 0.05, 0.05, 1)).toBe(0.35);
  });
  it('decodes varints into a typed array', () => {
    const v = [0, 1, 127, 128, 300, 2 ** 20];
    expect(Array.from(decodeVarints(encodeVarints(v)))).toEqual(v);
    expect(() => decodeVarints(encodeVarints(v), 5)).toThrow(/expected 5/);
  });
});
