/**
 * The TF-IDF + linear SVM baseline of `eval --labels FILE --baseline`: on the same training data
 * as the model (the report's section-labelled verbatims and the scheme's texts with the coded
 * examples for thématique and kind; the scheme's texts and examples for group and idea; the same
 * statements and negatives for "is this a statement"), one-vs-rest linear SVMs on the hashed
 * TF-IDF features (word 1–2-grams, char 3–5-grams, smaller tables), each item classified
 * independently: no joint branch scoring, no prototypes, no calibration, no review flag (only
 * out_of_scheme counts as flagged). Idea: the best of all 256 ideas.
 */
import type { CodedLine, Report } from '../model.js';
import { DEFAULT_FEATURES, Featurizer } from '../classify/features.js';
import { decision, trainOvR, type LinearModel } from '../classify/linear.js';
import { computeIdf } from '../classify/experts.js';
import type { Nlp } from '../classify/text.js';
import { withExamples, type CodedExample, type Taxonomy } from '../classify/taxonomy.js';
import { bulletDocs, DEFAULT_TRAIN, schemeDocs } from '../classify/training-set.js';
import { argmax } from '../stats/softmax.js';
import { scoreRecords, type LabelsReport, type Predicted } from './labels.js';

const KINDS = ['probleme', 'solution'];

export function baselineLabels(
  report: Report,
  base: Taxonomy,
  nlp: Pick<Nlp, 'stem'>,
  examples: readonly CodedExample[],
  others: readonly string[],
  coded: CodedLine[],
): LabelsReport {
  const tax = examples.length ? withExamples(base, examples) : base;
  const fz = new Featurizer({ ...DEFAULT_FEATURES, wordBits: 16, charBits: 15 }, nlp.stem);
  const docs = bulletDocs(report).concat(schemeDocs(tax, 1));
  const { idf } = computeIdf(fz, docs, DEFAULT_TRAIN);
  const vec = (t: string) => fz.vector(t, idf);
  const svm = { C: 0.5, loss: 'l2' as const, maxIter: 25, eps: 0.1, seed: 1 };
  const X = docs.map((d) => vec(d.text));
  const mT = trainOvR(
    X,
    Int32Array.from(docs, (d) => d.t),
    4,
    fz.dim,
    svm,
  );
  const mK = trainOvR(
    X,
    Int32Array.from(docs, (d) => d.k),
    2,
    fz.dim,
    svm,
  );
  // Group and idea: each text of the scheme (labels, aliases, quotes, examples) labelled with its node.
  const gIds: string[] = [];
  const iIds: string[] = [];
  const gText: { text: string; y: number }[] = [];
  const iText: { text: string; y: number }[] = [];
  for (const b of tax.branches)
    for (const g of b.groups) {
      const gy = gIds.push(g.id) - 1;
      for (const t of [g.label, ...g.aliases, ...(g.examples ?? []).map((e) => e.text)]) gText.push({ text: t, y: gy });
      for (const i of g.ideas) {
        const iy = iIds.push(i.id) - 1;
        for (const t of [i.label, ...i.aliases, ...i.quotes.map((q) => q.text), ...(i.examples ?? []).map((e) => e.text)]) {
          gText.push({ text: t, y: gy });
          iText.push({ text: t, y: iy });
        }
      }
    }
  const fit = (items: { text: string; y: number }[], k: number): LinearModel =>
    trainOvR(
      items.map((x) => vec(x.text)),
      Int32Array.from(items, (x) => x.y),
      k,
      fz.dim,
      svm,
    );
  const mG = fit(gText, gIds.length);
  const mI = fit(iText, iIds.length);
  const statements = [...new Set(docs.map((d) => d.text))];
  const known = new Set(statements);
  const negatives = [...new Set(others)].filter((t) => !known.has(t));
  const mS = negatives.length ? fit([...statements.map((text) => ({ text, y: 1 })), ...negatives.map((text) => ({ text, y: 0 }))], 2) : null;
  const top3 = (m: LinearModel, x: { idx: Int32Array; val: Float32Array }): number[] => {
    const o = new Float64Array(m.nClasses);
    decision(m, x.idx, x.val, x.idx.length, o);
    return [...o.keys()].sort((a, b) => o[b]! - o[a]! || a - b).slice(0, 3);
  };
  const predicted: Predicted[] = coded.map((c) => {
    const x = vec(c.text);
    const dT = new Float64Array(4);
    const dK = new Float64Array(2);
    decision(mT, x.idx, x.val, x.idx.length, dT);
    decision(mK, x.idx, x.val, x.idx.length, dK);
    const g3 = top3(mG, x);
    const i3 = top3(mI, x);
    let out = false;
    if (mS) {
      const s = new Float64Array(2);
      decision(mS, x.idx, x.val, x.idx.length, s);
      out = s[0]! > s[1]!;
    }
    return {
      status: out ? 'out_of_scheme' : 'ok',
      needs_review: false,
      thematique: { id: `t${argmax(dT) + 1}` },
      kind: { id: KINDS[argmax(dK)]! },
      group: { id: gIds[g3[0]!]! },
      idea: { id: iIds[i3[0]!]! },
      candidates: g3.map((g, r) => ({ group: { id: gIds[g]! }, idea: { id: iIds[i3[r]!]! } })),
    };
  });
  return scoreRecords(coded, predicted);
}
