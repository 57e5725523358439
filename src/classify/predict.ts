/**
 * From the scorer's numbers to the output record of `classify` (one per input, in order).
 *
 * status:
 *   out_of_scheme  nothing to classify: no content word (a bare statistic, a date, "…"), most
 *                  content words unknown to the report's vocabulary, or a courtesy / logistics
 *                  line ("Merci de votre attention", "pause déjeuner à 12h30") that is close to no
 *                  idea of the scheme;
 *   uncertain      the thématique or the kind score is under its review threshold (thresholds
 *                  chosen on cross-validated scores: see model.json "thresholds");
 *   ok             otherwise.
 * needs_review = status ≠ ok, or the group score is under its threshold, or no word of the text
 *                weighs for the chosen thématique (an empty explanation: the scores then come from
 *                the biases and the text's shape alone, e.g. "N/A").
 * Scores are probabilities: softmax of the heads' SVM margins with temperatures fitted by
 * maximum likelihood on out-of-fold margins, combined over the 8 branches (see scorer.ts).
 */
import { KINDS } from '../model.js';
import type { Loaded } from './load.js';
import { sigmoid } from '../stats/softmax.js';
import type { Scorer } from './scorer.js';
import type { Taxonomy } from './taxonomy.js';
import { plainChars } from './text.js';

export interface Labelled {
  id: string;
  label: string;
  score: number;
}

export interface Candidate {
  thematique: string;
  kind: string;
  group: { id: string; label: string };
  idea: { id: string; label: string } | null;
  score: number;
}

/** Where a record's scheme strings come from (node indices), for the NDJSON encoder's fast path. Not serialised (a symbol key). */
export const RECORD_NODES: unique symbol = Symbol('cnr-synth.record-nodes');

export interface RecordNodes {
  t: number;
  k: number;
  group: number;
  /** Idea node shown (−1: null). */
  idea: number;
  /** Sujet node shown (−1: null). */
  sujet: number;
  /** Per candidate: group node, idea node (−1: null). */
  cands: number[];
  /** Token ids of the explanation terms, and the scorer they belong to. */
  terms: number[];
  scorer: Scorer;
}

export interface ClassRecord {
  [RECORD_NODES]?: RecordNodes;
  id: string;
  text: string;
  thematique: Labelled;
  kind: { id: string; score: number };
  /** Null when the line is out of the scheme (its nearest groups stay in `candidates`). */
  group: Labelled | null;
  idea: Labelled | null;
  sujet: { label: string; score: number } | null;
  candidates: Candidate[];
  needs_review: boolean;
  status: 'ok' | 'uncertain' | 'out_of_scheme';
  explanation: { term: string; weight: number }[];
  [extra: string]: unknown;
}

/**
 * Courtesy, meeting logistics and procedure: lines that are about the workshop, not about health.
 * Tested on the text as the tokenizer reads it (offTopic: no invisible character, no ligature, NFC).
 */
const OFF_TOPIC =
  /\b(merci|remerci\w*|bonjour|bonsoir|au revoir|bonne (soir[ée]e|journ[ée]e|continuation)|pause|d[ée]jeuner|caf[ée]|parking|salle|inscri\w*|ordre du jour|diaporama|lien (zoom|teams|visio)|zoom|teams|visio\w*|pr[ée]sentation des intervenants|accueil des participants|tour de table|fin de (la )?r[ée]union|prochaine r[ée]union|compte[- ]rendu)\b/i;

const offTopic = (text: string): boolean => OFF_TOPIC.test(plainChars(text).normalize('NFC'));

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function buildRecord(L: Loaded, id: string, text: string, top: number): ClassRecord {
  const sc = L.scorer;
  const { model, tax, protos } = L;
  const th = model.thresholds;
  const nodes = protos.nodes;
  sc.score(text);
  const sims = sc.sims;

  const t = sc.t;
  const k = sc.k;
  const slot = sc.slot;
  const g = sc.bestGroupIn(slot);
  const gNode = nodes[g]!;
  const groupScore = sc.groupProb[g]!;
  const bi = sc.bestIdeaOf(g);
  const ideaSim = bi >= 0 ? sims[bi]! : 0;
  const pIdea = bi >= 0 && ideaSim >= th.idea ? sc.ideaProbOf(bi) : 0;
  const idea = bi >= 0 && ideaSim >= th.idea ? { id: nodes[bi]!.id, label: nodes[bi]!.label, score: r3(pIdea * groupScore) } : null;
  const sj = sc.bestSujetIn(slot);
  const sujet = sj.node >= 0 && sj.sim >= th.sujet ? { label: nodes[sj.node]!.label, score: r3(sj.prob) } : null;

  // Candidates: ranked (group, idea) pairs across all branches. The first is the assignment
  // (thématique and kind by their marginals, then the best group of that branch, then its idea);
  // the others follow by p(branch) · p(group | branch) · p(idea | group), best first.
  const candidates: Candidate[] = [];
  const candNodes: number[] = [];
  const push = (x: number, ii: number, score: number) => {
    const b = tax.branches[nodes[x]!.branch]!;
    candNodes.push(x, ii);
    candidates.push({
      thematique: THEMATIQUE_IDS[b.thematique - 1]!,
      kind: b.kind,
      group: { id: nodes[x]!.id, label: nodes[x]!.label },
      idea: ii >= 0 ? { id: nodes[ii]!.id, label: nodes[ii]!.label } : null,
      score: r3(score),
    });
  };
  const pAssigned = sc.pB[slot]! * groupScore;
  push(g, idea ? bi : -1, idea ? pAssigned * pIdea : pAssigned);
  const nPairs = topPairs(sc, top, g, idea ? bi : -1);
  for (let c = 0; c < nPairs && candidates.length < top; c++) push(TOP_G[c]!, TOP_I[c]!, TOP_S[c]!);

  const explanation = explain(sc, t);
  const content = sc.words;
  const coverage = sc.coverage;
  let maxIdea = 0;
  for (let x = 0; x < 8; x++) if (sc.bestIdea[x]! > maxIdea) maxIdea = sc.bestIdea[x]!;

  // p(statement): the statement head, calibrated (statement.ts); 1 for a model without one.
  const pStatement = model.statement ? sigmoid(sc.dS / model.statement.temperature) : 1;
  let status: ClassRecord['status'] = 'ok';
  if (pStatement < 0.5 || content <= 0 || (content >= 1 && coverage < th.coverage) || (maxIdea < 0.25 && sc.thematique[t]! < 0.8 && offTopic(text)))
    status = 'out_of_scheme';
  else if (sc.thematique[t]! < th.thematique || sc.kind[k]! < th.kind) status = 'uncertain';
  // A text of one content word at most ("Formation :", "Urgences", "les CPTS") states nothing a
  // reviewer could check the scores against: a heading, or a piece of a wrapped line (review 13).
  const needs = status !== 'ok' || groupScore < th.group || explanation.length === 0 || content <= 1;
  // A line that is not about the scheme gets no group, idea or sujet (so that it is never counted
  // in a table); its nearest groups stay in `candidates` for the reviewer.
  const out = status === 'out_of_scheme';
  return {
    [RECORD_NODES]: { t, k, group: g, idea: idea ? bi : -1, sujet: sujet ? sj.node : -1, cands: candNodes, terms: EX_TOP.slice(), scorer: sc },
    id,
    text,
    thematique: { id: THEMATIQUE_IDS[t]!, label: thematiqueLabel(tax, t), score: r3(sc.thematique[t]!) },
    kind: { id: KINDS[k]!, score: r3(sc.kind[k]!) },
    group: out ? null : { id: gNode.id, label: gNode.label, score: r3(groupScore) },
    idea: out ? null : idea,
    sujet: out ? null : sujet,
    candidates,
    needs_review: needs,
    status,
    explanation,
  };
}

export const THEMATIQUE_IDS = ['t1', 't2', 't3', 't4'];
const titles = new WeakMap<Taxonomy, string[]>();

/** The printed title of thématique t (0..3). */
export function thematiqueLabel(tax: Taxonomy, t: number): string {
  let a = titles.get(tax);
  if (!a) {
    a = [0, 1, 2, 3].map((i) => tax.thematiques.find((x) => x.n === i + 1)?.title ?? `Thématique ${i + 1}`);
    titles.set(tax, a);
  }
  return a[t]!;
}

/**
 * The content words that weigh most for the chosen thématique: each distinct word's part of the
 * thématique score (its stem's weight and its character n-grams', each times its block's scale),
 * the positive ones, largest first (ties: alphabetical), at most 5.
 */
function explain(sc: Scorer, t: number): { term: string; weight: number }[] {
  const ids = EX_IDS;
  const ws = EX_W;
  const wordIds = EX_WORD;
  let m = 0;
  for (let i = 0; i < sc.nToks; i++) {
    const id = sc.tokIds[i]!;
    if (sc.isStop(id) || sc.isNum(id)) continue;
    const w = sc.fw * sc.stemPart(id, t) + sc.fc * sc.charPart(id, t);
    // Another raw token may fold to the same word ("médecin", "medecin"): one entry per word.
    const word = sc.wordId(id);
    let j = 0;
    while (j < m && wordIds[j] !== word) j++;
    if (j === m) {
      if (m === ids.length) break;
      ids[m] = id;
      wordIds[m] = word;
      ws[m++] = 0;
    }
    ws[j]! += w;
  }
  // Top 5 by weight (ties: alphabetical), positive only: insertion into EX_TOP_J.
  const top = EX_TOP_J;
  let nTop = 0;
  for (let j = 0; j < m; j++) {
    if (!(ws[j]! > 0)) continue;
    let p = nTop;
    while (p > 0 && before(sc, ids, ws, j, top[p - 1]!)) p--;
    if (p >= 5) continue;
    for (let q = Math.min(nTop, 4); q > p; q--) top[q] = top[q - 1]!;
    top[p] = j;
    if (nTop < 5) nTop++;
  }
  EX_TOP.length = 0;
  const out: { term: string; weight: number }[] = [];
  for (let q = 0; q < nTop; q++) {
    const j = top[q]!;
    EX_TOP.push(ids[j]!);
    out.push({ term: sc.tWord[ids[j]!]!, weight: r3(ws[j]!) });
  }
  return out;
}

/** Token ids of the terms of the last explanation. */
const EX_TOP: number[] = [];

const EX_IDS = new Int32Array(512);
const EX_WORD = new Int32Array(512);
const EX_W = new Float64Array(512);
const EX_TOP_J = new Int32Array(5);

function before(sc: Scorer, ids: Int32Array, ws: Float64Array, a: number, b: number): boolean {
  if (ws[a] !== ws[b]) return ws[a]! > ws[b]!;
  return sc.tWord[ids[a]!]! < sc.tWord[ids[b]!]!;
}

/**
 * The `top` best (group, idea) pairs by p(branch) · p(group | branch) · p(idea | group), leaving out
 * the pair (skipG, skipI), into TOP_G / TOP_I / TOP_S (ties: print order); returns their number.
 * A pair scores at most its group, so only the `top` + 1 best groups are searched; a group without
 * ideas is one pair (idea −1) at its group's score.
 */
function topPairs(sc: Scorer, top: number, skipG: number, skipI: number): number {
  const nG = topGroups(sc, Math.min(top + 1, TOP_GROUPS.length));
  const gs = TOP_GROUPS;
  const gScore = TOP_GROUP_S;
  let m = 0;
  const add = (x: number, ii: number, s: number) => {
    if (x === skipG && ii === skipI) return;
    if (m === top && s <= TOP_S[top - 1]!) return;
    let j = m < top ? m++ : top - 1;
    while (j > 0 && TOP_S[j - 1]! < s) {
      TOP_G[j] = TOP_G[j - 1]!;
      TOP_I[j] = TOP_I[j - 1]!;
      TOP_S[j] = TOP_S[j - 1]!;
      j--;
    }
    TOP_G[j] = x;
    TOP_I[j] = ii;
    TOP_S[j] = s;
  };
  for (let k = 0; k < nG; k++) {
    // Groups come best first and a pair scores at most its group: none of the rest can enter.
    if (m === top && gScore[k]! <= TOP_S[top - 1]!) break;
    const x = gs[k]!;
    const a = sc.groupIdeas[2 * x]!;
    const e = sc.groupIdeas[2 * x + 1]!;
    if (a < 0) {
      add(x, -1, gScore[k]!);
      continue;
    }
    const p = IDEA_P;
    sc.ideaProbsOf(x, p);
    for (let i = a; i < e; i++) add(x, i, gScore[k]! * p[i - a]!);
  }
  return m;
}

/** The `top` groups by p(branch) · p(group | branch), best first (ties: print order), into TOP_GROUPS / TOP_GROUP_S; returns their number. */
function topGroups(sc: Scorer, top: number): number {
  const G = TOP_GROUPS;
  const S = TOP_GROUP_S;
  let m = 0;
  const slotOfGroup = sc.slotOfGroup;
  const pB = sc.pB;
  const gp = sc.groupProb;
  for (let x = 0; x < sc.nGroups; x++) {
    const s = pB[slotOfGroup[x]!]! * gp[x]!;
    if (m === top && s <= S[top - 1]!) continue;
    let j = m < top ? m++ : top - 1;
    while (j > 0 && S[j - 1]! < s) {
      G[j] = G[j - 1]!;
      S[j] = S[j - 1]!;
      j--;
    }
    G[j] = x;
    S[j] = s;
  }
  return m;
}

const TOP_GROUPS = new Int32Array(64);
const TOP_GROUP_S = new Float64Array(64);
const IDEA_P = new Float64Array(1024);
const TOP_G = new Int32Array(64);
const TOP_I = new Int32Array(64);
const TOP_S = new Float64Array(64);
