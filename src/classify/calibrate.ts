/**
 * Calibration on out-of-fold scores: the expert mixes, λ of the joint branch scoring, the prior
 * shifts, the temperatures of the group and idea softmaxes (leave-one-out on the Ex quotes) and
 * the review thresholds.
 */
import { branchPosterior } from './branch.js';
import { round } from './codec.js';
import { decision } from './linear.js';
import { EXPERTS, fitCore, fitGroupHead, makeScorer, mixHeads, protoIndex, coreRows, buildProtos, type Core, type Expert } from './experts.js';
import { Featurizer } from './features.js';
import type { CvFigures, Mix, Thresholds, TrainOptions } from './model-file.js';
import type { Calibration } from './row-model.js';
import { Scorer } from './scorer.js';
import { withExamples, type CodedExample, type Taxonomy } from './taxonomy.js';
import { mulberry32 } from './prng.js';
import type { Nlp, Stemmer } from './text.js';
import { bulletFolds, examplesOutside, schemeDocs, type TrainDoc } from './training-set.js';
import { metrics, stratifiedFolds } from '../stats/metrics.js';
import { argmax, fitTemperature, logSoftmaxInto } from '../stats/softmax.js';

const TEMPS = [0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1, 1.25, 1.5, 2, 3];
const WIDE_TEMPS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 8];
const LAMBDAS = [0, 0.5, 1, 2, 3, 4, 6, 8];

export interface OofScores {
  folds: Int32Array;
  /** Decision values of each expert, per bullet. */
  dT: Partial<Record<Expert, Float64Array[]>>;
  dK: Partial<Record<Expert, Float64Array[]>>;
  bestIdea: Float64Array[];
}

/**
 * Out-of-fold decision values of every expert for the bullets (scheme docs in every training
 * fold). With `coded` (the base scheme and the team-coded examples), each fold's scheme and
 * prototypes take only the examples whose verbatim is outside the fold: no bullet is scored by a
 * model that saw its own coded copy.
 */
export function oofScores(
  bullets: TrainDoc[],
  scheme: TrainDoc[],
  tax: Taxonomy,
  nlp: Pick<Nlp, 'stem'>,
  opts: TrainOptions,
  coded?: { base: Taxonomy; examples: readonly CodedExample[] },
): OofScores {
  const folds = bulletFolds(bullets, opts.folds, opts.seed);
  const dT: OofScores['dT'] = {};
  const dK: OofScores['dK'] = {};
  const bestIdea = bullets.map(() => new Float64Array(8));
  const fz = new Featurizer(opts.features, nlp.stem);
  for (let f = 0; f < opts.folds; f++) {
    let taxF = tax;
    let schemeF = scheme;
    if (coded && coded.examples.length) {
      taxF = withExamples(coded.base, examplesOutside(coded.examples, bullets, folds, f));
      schemeF = schemeDocs(taxF, opts.schemeWeight);
    }
    const train = bullets.filter((_, i) => folds[i] !== f).concat(schemeF);
    const core = fitCore(train, nlp, opts, fz);
    const { scorer } = makeScorer(core, taxF, { thematique: 1, kind: 1, group: 0.05, idea: 0.05, sujet: 0.05, lambda: 0 }, nlp.stem);
    bullets.forEach((d, i) => {
      if (folds[i] !== f) return;
      scorer.score(d.text);
      bestIdea[i]!.set(scorer.bestIdea);
      const x = fz.vector(d.text, core.idf);
      for (const e of EXPERTS) {
        const mt = core.expT[e];
        const mk = core.expK[e];
        if (mt) decision(mt, x.idx, x.val, x.idx.length, ((dT[e] ??= bullets.map(() => new Float64Array(4)))[i] = new Float64Array(4)));
        if (mk) decision(mk, x.idx, x.val, x.idx.length, ((dK[e] ??= bullets.map(() => new Float64Array(2)))[i] = new Float64Array(2)));
      }
    });
  }
  return { folds, dT, dK, bestIdea };
}

/** Joint thématique/kind prediction from head scores and branch evidence: the scorer's own formula (branch.ts). */
export function jointPredict(
  dT: ArrayLike<number>,
  dK: ArrayLike<number>,
  best: Float64Array,
  cal: Pick<Calibration, 'thematique' | 'kind' | 'lambda'>,
  out: { t: number; k: number; pt: number; pk: number },
): void {
  const lT = new Float64Array(4);
  const lK = new Float64Array(2);
  logSoftmaxInto(dT, 4, cal.thematique, lT);
  logSoftmaxInto(dK, 2, cal.kind, lK);
  const th = new Float64Array(4);
  const kind = new Float64Array(2);
  const choice = { t: 0, k: 0 };
  branchPosterior(lT, lK, best, cal.lambda, new Float64Array(8), new Float64Array(8), th, kind, choice);
  out.t = choice.t;
  out.pt = th[choice.t]!;
  out.k = choice.k;
  out.pk = kind[choice.k]!;
}

/**
 * The share of the out-of-fold verbatims each of the thématique and kind scores sends to review
 * (the least confident). A budget rather than an accuracy target: the section headings are weak
 * labels, and an accuracy target on them flagged a third of plain statements (issue 16). Chosen
 * on the validation set (data/labels/other-docs-validation.jsonl) by a rule set beforehand: the
 * largest of 0.05, 0.04, 0.03, 0.02 that flags at most 0.15 of its statements (0.184, 0.184,
 * 0.158, 0.132) while flagging at least 0.80 of its non-statements (0.96 for all four).
 */
const REVIEW_SHARE = 0.02;

/** The confidence under which the `share` least confident items fall. */
export function reviewThreshold(conf: number[], share: number): number {
  const s = [...conf].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.floor(share * s.length))] ?? 0, 3);
}

/** Smallest threshold whose accepted items reach `target` accuracy (with at least 10% of items kept). @internal the old review rule, kept for its test */
export function thresholdFor(conf: number[], correct: boolean[], target: number): number {
  const order = conf.map((c, i) => i).sort((a, b) => conf[b]! - conf[a]! || a - b);
  let ok = 0;
  let best = 1;
  for (let r = 0; r < order.length; r++) {
    if (correct[order[r]!]) ok++;
    const acc = ok / (r + 1);
    if (r + 1 >= order.length * 0.1 && acc >= target) best = conf[order[r]!]!;
  }
  return round(best, 3);
}

export interface Calibrated {
  cal: Calibration;
  mix: { thematique: Mix; kind: Mix };
  thresholds: Thresholds;
  cv: CvFigures;
}

/** Leave-one-out group/idea scores of the Ex quotes within their true branch. */
export interface QuoteLoo {
  n: number;
  /** Accuracy within the true branch. */
  group: number;
  idea: number;
  /** Accuracy with the branch predicted too. */
  groupE2E: number;
  ideaE2E: number;
  groupScores: Float64Array[];
  ideaScores: Float64Array[];
  gTrue: number[];
  iTrue: number[];
}

export function quoteLoo(core: Core, tax: Taxonomy, cal: Calibration, stem: Stemmer): QuoteLoo {
  const rows = coreRows(core);
  const protos = buildProtos(core.fz, core.idf, tax, rows);
  const sc = new Scorer(rows, stem, protos.index, protos.nodes, tax, cal);
  const groupScores: Float64Array[] = [];
  const ideaScores: Float64Array[] = [];
  const gTrue: number[] = [];
  const iTrue: number[] = [];
  let gOk = 0;
  let iOk = 0;
  let gE = 0;
  let iE = 0;
  let n = 0;
  const nodes = protos.nodes;
  tax.branches.forEach((b) => {
    for (const g of b.groups)
      for (const idea of g.ideas)
        for (const q of idea.quotes) {
          const ni = nodes.findIndex((x) => x.id === idea.id);
          const ng = nodes[ni]!.parent;
          // Rebuild the prototypes without the quote (leave-one-out).
          const vectors = protos.vectors.map((vs, k) => (k === ni ? vs.filter((_, j) => nodes[k]!.texts[j] !== q.text) : vs));
          sc.setProtos(protoIndex(vectors, rows.rowOf, rows.nRows, rows.nWord));
          sc.score(q.text);
          // Within the true branch.
          const gs: number[] = [];
          const gIds: number[] = [];
          for (let x = 0; x < sc.nGroups; x++)
            if (nodes[x]!.branch === nodes[ng]!.branch) {
              gs.push(sc.groupScore[x]!);
              gIds.push(x);
            }
          const a = sc.groupIdeas[2 * ng]!;
          const e = sc.groupIdeas[2 * ng + 1]!;
          const is: number[] = [];
          for (let x = a; x < e; x++) is.push(sc.sims[x]!);
          const ge = sc.bestGroupIn(sc.slot);
          if (ge === ng) gE++;
          if (ge >= 0 && sc.bestIdeaOf(ge) === ni) iE++;
          const gPred = gIds[gs.indexOf(Math.max(...gs))]!;
          const iPred = a + is.indexOf(Math.max(...is));
          if (gPred === ng) gOk++;
          if (iPred === ni) iOk++;
          n++;
          groupScores.push(Float64Array.from(gs));
          gTrue.push(gIds.indexOf(ng));
          ideaScores.push(Float64Array.from(is));
          iTrue.push(ni - a);
        }
  });
  const r = (x: number) => (n ? x / n : 0);
  return { group: r(gOk), idea: r(iOk), groupE2E: r(gE), ideaE2E: r(iE), n, groupScores, ideaScores, gTrue, iTrue };
}

/** Out-of-fold group evidence of labelled scheme texts, inside their true branch (one entry per text). */
export interface GroupOof {
  /** Prototype scores s_g of the branch's groups. */
  s: Float64Array[];
  /** Group head decision values d_g of the same groups. */
  d: Float64Array[];
  /** Index of the true group among them. */
  y: number[];
}

const GROUP_FOLDS = 5;

/** The taxonomy without some quotes and coded examples. */
function taxWithout(tax: Taxonomy, skip: ReadonlySet<string>): Taxonomy {
  const out: Taxonomy = structuredClone(tax);
  for (const b of out.branches)
    for (const g of b.groups) {
      if (g.examples) g.examples = g.examples.filter((e) => !skip.has(e.text));
      for (const i of g.ideas) {
        i.quotes = i.quotes.filter((q) => !skip.has(q.text));
        if (i.examples) i.examples = i.examples.filter((e) => !skip.has(e.text));
      }
    }
  return out;
}

/**
 * The Ex quotes and coded examples scored out of fold (5 folds stratified by group, seeded): for
 * each fold, the group head is refitted and the prototypes rebuilt without the fold's texts (the
 * core's features and idf are kept), and each held-out text gets the prototype scores and head
 * decision values of its branch's groups.
 */
export function groupOof(core: Core, tax: Taxonomy, stem: Stemmer, opts: TrainOptions): GroupOof {
  const items: { text: string; group: number }[] = [];
  const seen = new Set<string>();
  let gi = 0;
  for (const b of tax.branches)
    for (const g of b.groups) {
      const add = (text: string) => {
        if (!seen.has(text)) items.push({ text, group: gi });
        seen.add(text);
      };
      g.examples?.forEach((e) => add(e.text));
      for (const i of g.ideas) {
        i.quotes.forEach((q) => add(q.text));
        i.examples?.forEach((e) => add(e.text));
      }
      gi++;
    }
  const folds = stratifiedFolds(
    items.map((x) => x.group),
    GROUP_FOLDS,
    mulberry32(opts.seed + 59),
  );
  const out: GroupOof = { s: [], d: [], y: [] };
  const cal: Calibration = { thematique: 1, kind: 1, group: 0.03, idea: 0.05, sujet: 0.03, lambda: 0 };
  for (let f = 0; f < GROUP_FOLDS; f++) {
    const skip = new Set(items.filter((_, k) => folds[k] === f).map((x) => x.text));
    if (!skip.size) continue;
    const headG = fitGroupHead(core, tax, opts, skip);
    const { scorer: sc } = makeScorer({ ...core, ...(headG ? { headG } : {}) }, taxWithout(tax, skip), cal, stem);
    items.forEach((x, k) => {
      if (folds[k] !== f) return;
      sc.score(x.text);
      const branch = sc.nodes[x.group]!.branch;
      const s: number[] = [];
      const d: number[] = [];
      for (let g = 0; g < sc.nGroups; g++)
        if (sc.nodes[g]!.branch === branch) {
          if (g === x.group) out.y.push(s.length);
          s.push(sc.groupScore[g]!);
          d.push(sc.dG[g]!);
        }
      out.s.push(Float64Array.from(s));
      out.d.push(Float64Array.from(d));
    });
  }
  return out;
}

const GROUP_BETAS = [0, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32];

/** needs_review when p(group | branch) is under this (prototypes alone). */
const GROUP_REVIEW = 0.35;

/** The largest p(g | b) of one item's branch under softmax(s_g / τ + β d_g). */
function bestGroupProb(s: Float64Array, d: Float64Array, tau: number, beta: number): number {
  let m = -Infinity;
  for (let g = 0; g < s.length; g++) m = Math.max(m, s[g]! / tau + beta * d[g]!);
  let z = 0;
  for (let g = 0; g < s.length; g++) z += Math.exp(s[g]! / tau + beta * d[g]! - m);
  return 1 / z;
}

/**
 * The group review threshold of a model with a group head: the p(g | b) under which the same share
 * of the out-of-fold quotes and examples is flagged as by the prototypes alone (temperature τ₀)
 * under 0.35. The head makes p(g | b) more confident; without this the review flags would drop.
 */
export function groupReviewThreshold(o: GroupOof, tau0: number, tau: number, beta: number): number {
  const n = o.s.length;
  if (!n) return GROUP_REVIEW;
  let flagged = 0;
  for (let i = 0; i < n; i++) if (bestGroupProb(o.s[i]!, o.d[i]!, tau0, 0) < GROUP_REVIEW) flagged++;
  return reviewThreshold(
    o.s.map((s, i) => bestGroupProb(s, o.d[i]!, tau, beta)),
    flagged / n,
  );
}

/** τ_G and β of p(g | b) = softmax(s_g / τ_G + β d_g) that maximise the likelihood of the out-of-fold groups (grid; ties: the first). */
export function fitGroupMix(o: GroupOof): { tau: number; beta: number } {
  let best = Infinity;
  let tau = TEMPS[0]!;
  let beta = 0;
  for (const t of TEMPS)
    for (const b of GROUP_BETAS) {
      let nll = 0;
      for (let i = 0; i < o.y.length; i++) {
        const s = o.s[i]!;
        const d = o.d[i]!;
        let m = -Infinity;
        for (let g = 0; g < s.length; g++) m = Math.max(m, s[g]! / t + b * d[g]!);
        let z = 0;
        for (let g = 0; g < s.length; g++) z += Math.exp(s[g]! / t + b * d[g]! - m);
        const y = o.y[i]!;
        nll -= s[y]! / t + b * d[y]! - m - Math.log(z);
      }
      if (nll < best - 1e-9) {
        best = nll;
        tau = t;
        beta = b;
      }
    }
  return { tau, beta };
}

/** Mixed logits Σ a_e d_e + bias of one item. */
export function mixScores(d: Partial<Record<Expert, Float64Array[]>>, i: number, m: Mix, k: number): Float64Array {
  const out = new Float64Array(k);
  for (const e of EXPERTS) {
    const a = m[e];
    const x = d[e]?.[i];
    if (!x || a === 0) continue;
    for (let c = 0; c < k; c++) out[c]! += a * x[c]!;
  }
  for (let c = 0; c < k; c++) out[c]! += m.bias[c] ?? 0;
  return out;
}

const BETAS = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3];
const ALL_TEMPS = [...new Set([...TEMPS, ...WIDE_TEMPS])].sort((a, b) => a - b);

/**
 * The expert mix of a head: each expert's temperature by maximum likelihood, then the shares of
 * naive Bayes and NB-SVM next to the SVM (a grid) that maximise `goal` on the out-of-fold
 * scores, then one temperature for the product. Biases are zero here (see `calibrate`).
 */
export function fitMix(d: Partial<Record<Expert, Float64Array[]>>, y: number[], k: number, goal: 'f1' | 'accuracy'): Mix {
  const temps: Record<Expert, number> = { svm: 1, nb: 1, nbsvm: 1 };
  for (const e of EXPERTS) if (d[e]) temps[e] = fitTemperature(d[e], y, ALL_TEMPS);
  const nbBetas = d.nb ? BETAS : [0];
  const nsBetas = d.nbsvm ? BETAS : [0];
  let best = -1;
  let mix: Mix = { svm: 1 / temps.svm, nb: 0, nbsvm: 0, bias: [] };
  for (const bn of nbBetas)
    for (const bs of nsBetas) {
      const m: Mix = { svm: 1 / temps.svm, nb: bn / temps.nb, nbsvm: bs / temps.nbsvm, bias: [] };
      const mm = metrics(
        y,
        y.map((_, i) => argmax(mixScores(d, i, m, k))),
        k,
      );
      const v = goal === 'f1' ? mm.macroF1 : mm.accuracy;
      if (v > best + 1e-9) {
        best = v;
        mix = m;
      }
    }
  const tc = fitTemperature(
    y.map((_, i) => mixScores(d, i, mix, k)),
    y,
    [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3],
  );
  return { svm: mix.svm / tc, nb: mix.nb / tc, nbsvm: mix.nbsvm / tc, bias: new Array<number>(k).fill(0) };
}

function roundMix(m: Mix): Mix {
  return { svm: round(m.svm), nb: round(m.nb), nbsvm: round(m.nbsvm), bias: m.bias.map((b) => round(b, 4)) };
}

const lse2 = (a: number, b: number) => (a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b)));
const SHIFTS = Array.from({ length: 31 }, (_, i) => round(-1.5 + 0.1 * i, 3));

/**
 * Prior shift of the thématique head: per-class biases, by coordinate ascent on a grid, that
 * maximise macro-F1 of the joint predictions (l0: the 8 branch logits of each item without
 * biases). A bias moves only when it strictly improves; centred at the end.
 */
export function fitThematiqueBias(l0: Float64Array[], y: number[]): number[] {
  const m = l0.map((l) => Float64Array.from({ length: 4 }, (_, t) => lse2(l[2 * t]!, l[2 * t + 1]!)));
  const b = [0, 0, 0, 0];
  const pred = new Array<number>(y.length);
  const f1 = (bb: number[]) => {
    for (let i = 0; i < m.length; i++) {
      const x = m[i]!;
      let best = 0;
      for (let t = 1; t < 4; t++) if (x[t]! + bb[t]! > x[best]! + bb[best]!) best = t;
      pred[i] = best;
    }
    return metrics(y, pred, 4).macroF1;
  };
  let cur = f1(b);
  for (let it = 0; it < 2; it++)
    for (let c = 0; c < 4; c++)
      for (const s of SHIFTS) {
        const bb = b.slice();
        bb[c] = s;
        const v = f1(bb);
        if (v > cur + 1e-9) {
          cur = v;
          b[c] = s;
        }
      }
  const mean = (b[0]! + b[1]! + b[2]! + b[3]!) / 4;
  return b.map((x) => round(x - mean, 4));
}

/** Prior shift of the kind head: the offset δ (bias −δ/2, +δ/2) that maximises accuracy (smallest |δ| among ties). */
export function fitKindBias(l0: Float64Array[], bT: number[], y: number[]): number[] {
  const n = l0.map((l) => {
    let a = -Infinity;
    let b = -Infinity;
    for (let t = 0; t < 4; t++) {
      a = a === -Infinity ? l[2 * t]! + bT[t]! : lse2(a, l[2 * t]! + bT[t]!);
      b = b === -Infinity ? l[2 * t + 1]! + bT[t]! : lse2(b, l[2 * t + 1]! + bT[t]!);
    }
    return b - a;
  });
  let best = -1;
  let delta = 0;
  for (const s of [...SHIFTS].sort((p, q) => Math.abs(p) - Math.abs(q) || p - q)) {
    let ok = 0;
    for (let i = 0; i < n.length; i++) if ((n[i]! + s > 0 ? 1 : 0) === y[i]) ok++;
    if (ok > best) {
      best = ok;
      delta = s;
    }
  }
  return [round(-delta / 2, 4), round(delta / 2, 4)];
}

/** Mixes, λ, prior shifts, temperatures of the group/idea softmaxes and review thresholds, from out-of-fold scores. */
export function calibrate(
  bullets: TrainDoc[],
  oof: OofScores,
  core: Core,
  tax: Taxonomy,
  stem: Stemmer,
  how: { quotes: boolean; priorShift: boolean; group?: TrainOptions; lambda?: number | undefined } = { quotes: true, priorShift: true },
): Calibrated {
  const yT = bullets.map((d) => d.t);
  const yK = bullets.map((d) => d.k);
  const mT = fitMix(oof.dT, yT, 4, 'f1');
  const mK = fitMix(oof.dK, yK, 2, 'accuracy');
  const zT = bullets.map((_, i) => mixScores(oof.dT, i, mT, 4));
  const zK = bullets.map((_, i) => mixScores(oof.dK, i, mK, 2));
  let lambda = 0;
  let bestF1 = -1;
  const o = { t: 0, k: 0, pt: 0, pk: 0 };
  for (const lam of how.lambda !== undefined ? [how.lambda] : LAMBDAS) {
    const pred = bullets.map((_, i) => (jointPredict(zT[i]!, zK[i]!, oof.bestIdea[i]!, { thematique: 1, kind: 1, lambda: lam }, o), o.t));
    const f1 = metrics(yT, pred, 4).macroF1;
    if (f1 > bestF1 + 1e-9) {
      bestF1 = f1;
      lambda = lam;
    }
  }
  if (how.priorShift) {
    const l0 = bullets.map((_, i) => {
      const a = new Float64Array(4);
      const b = new Float64Array(2);
      logSoftmaxInto(zT[i]!, 4, 1, a);
      logSoftmaxInto(zK[i]!, 2, 1, b);
      return Float64Array.from({ length: 8 }, (_, s) => a[s >> 1]! + b[s & 1]! + lambda * oof.bestIdea[i]![s]!);
    });
    mT.bias = fitThematiqueBias(l0, yT);
    mK.bias = fitKindBias(l0, mT.bias, yK);
  }
  core.headT = mixHeads(core.expT, mT);
  core.headK = mixHeads(core.expK, mK);
  const predT: number[] = [];
  const predK: number[] = [];
  const confT: number[] = [];
  const confK: number[] = [];
  bullets.forEach((_, i) => {
    jointPredict(mixScores(oof.dT, i, mT, 4), mixScores(oof.dK, i, mK, 2), oof.bestIdea[i]!, { thematique: 1, kind: 1, lambda }, o);
    predT.push(o.t);
    predK.push(o.k);
    confT.push(o.pt);
    confK.push(o.pk);
  });
  const metT = metrics(yT, predT, 4);
  const metK = metrics(yK, predK, 2);
  const cal0: Calibration = { thematique: 1, kind: 1, group: 0.03, idea: 0.05, sujet: 0.03, lambda };
  const q = how.quotes ? quoteLoo(core, tax, cal0, stem) : null;
  const tG = q ? fitTemperature(q.groupScores, q.gTrue, TEMPS) : cal0.group;
  const tI = q ? fitTemperature(q.ideaScores, q.iTrue, TEMPS) : cal0.idea;
  // With a group head: τ_G and its weight β fitted together on out-of-fold quotes and coded examples.
  const go = core.headG && how.group ? groupOof(core, tax, stem, how.group) : null;
  const gm = go ? fitGroupMix(go) : null;
  const mu = gm && how.group?.groupBranch ? how.group.groupBranch : 0;
  const cal: Calibration = {
    thematique: 1,
    kind: 1,
    group: gm ? gm.tau : tG,
    idea: tI,
    sujet: tG,
    lambda,
    ...(gm ? { groupHead: gm.beta } : {}),
    ...(mu > 0 ? { groupBranch: mu } : {}),
  };
  const thresholds: Thresholds = {
    thematique: reviewThreshold(confT, REVIEW_SHARE),
    kind: reviewThreshold(confK, REVIEW_SHARE),
    idea: 0.12,
    sujet: 0.2,
    coverage: 0.5,
    group: go && gm ? groupReviewThreshold(go, tG, gm.tau, gm.beta) : GROUP_REVIEW,
  };
  return {
    cal,
    mix: { thematique: roundMix(mT), kind: roundMix(mK) },
    thresholds,
    cv: {
      thematique: { accuracy: round(metT.accuracy, 4), macroF1: round(metT.macroF1, 4) },
      kind: { accuracy: round(metK.accuracy, 4), macroF1: round(metK.macroF1, 4) },
      quotes: q ? { group: round(q.group, 4), idea: round(q.idea, 4), n: q.n } : { group: 0, idea: 0, n: 0 },
    },
  };
}
