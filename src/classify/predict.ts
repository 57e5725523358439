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
 * needs_review = status ≠ ok, or the group score is under its threshold.
 * Scores are probabilities: softmax of the heads' SVM margins with temperatures fitted by
 * maximum likelihood on out-of-fold margins, combined over the 8 branches (see scorer.ts).
 */
import type { Loaded } from './load.js';

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

export interface ClassRecord {
  id: string;
  text: string;
  thematique: Labelled;
  kind: { id: string; score: number };
  group: Labelled;
  idea: Labelled | null;
  sujet: { label: string; score: number } | null;
  candidates: Candidate[];
  needs_review: boolean;
  status: 'ok' | 'uncertain' | 'out_of_scheme';
  explanation: { term: string; weight: number }[];
  [extra: string]: unknown;
}

const KINDS = ['probleme', 'solution'] as const;

/** Courtesy, meeting logistics and procedure: lines that are about the workshop, not about health. */
const OFF_TOPIC =
  /\b(merci|remerci\w*|bonjour|bonsoir|au revoir|bonne (soir[ée]e|journ[ée]e|continuation)|pause|d[ée]jeuner|caf[ée]|parking|salle|inscri\w*|ordre du jour|diaporama|lien (zoom|teams|visio)|zoom|teams|visio\w*|pr[ée]sentation des intervenants|accueil des participants|tour de table|fin de (la )?r[ée]union|prochaine r[ée]union|compte[- ]rendu)\b/i;

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function buildRecord(L: Loaded, id: string, text: string, top: number): ClassRecord {
  const sc = L.scorer;
  const { model, tax, protos } = L;
  const th = model.thresholds;
  const nodes = protos.nodes;
  sc.score(text);
  const fz = sc.fz;

  const t = sc.t;
  const k = sc.k;
  const slot = sc.slot;
  const g = sc.bestGroupIn(slot);
  const gNode = nodes[g]!;
  const groupScore = sc.groupProb[g]!;
  const bi = sc.bestIdeaOf(g);
  const ideaSim = bi >= 0 ? protos.index.sims[bi]! : 0;
  const idea = bi >= 0 && ideaSim >= th.idea ? { id: nodes[bi]!.id, label: nodes[bi]!.label, score: r3(sc.ideaProbOf(bi) * groupScore) } : null;
  const sj = sc.bestSujetIn(slot);
  const sujet = sj.node >= 0 && sj.sim >= th.sujet ? { label: nodes[sj.node]!.label, score: r3(sj.prob) } : null;

  // Candidates: best groups over all branches, by p(branch) · p(group | branch).
  const cands = topGroups(sc, top);
  const candidates: Candidate[] = cands.map(({ g: x, s }) => {
    const b = tax.branches[nodes[x]!.branch]!;
    const ii = sc.bestIdeaOf(x);
    const ok = ii >= 0 && protos.index.sims[ii]! >= th.idea;
    return {
      thematique: `t${b.thematique}`,
      kind: b.kind,
      group: { id: nodes[x]!.id, label: nodes[x]!.label },
      idea: ok ? { id: nodes[ii]!.id, label: nodes[ii]!.label } : null,
      score: r3(s),
    };
  });

  // Explanation: content words by their contribution to the chosen thématique's margin
  // (unigram + its character n-grams).
  const headT = sc.headT;
  const C = headT.nClasses;
  const expl: { term: string; weight: number }[] = [];
  for (let i = 0; i < fz.nToks; i++) {
    const tok = fz.toks[i]!;
    if (tok.stop || tok.word === '<num>' || expl.some((e) => e.term === tok.word)) continue;
    let w = tok.uni >= 0 ? fz.acc[tok.uni]! * headT.W[tok.uni * C + t]! : 0;
    for (let j = 0; j < tok.chars.length; j++) {
      const b = tok.chars[j]!;
      w += fz.acc[b]! * headT.W[b * C + t]!;
    }
    if (w > 0) expl.push({ term: tok.word, weight: w });
  }
  expl.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  const explanation = expl.slice(0, 5).map((e) => ({ term: e.term, weight: r3(e.weight) }));

  const content = fz.contentTokens - countNumbers(fz);
  const coverage = fz.coverage;
  let maxIdea = 0;
  for (let x = 0; x < 8; x++) if (sc.bestIdea[x]! > maxIdea) maxIdea = sc.bestIdea[x]!;
  sc.done();

  let status: ClassRecord['status'] = 'ok';
  if (content <= 0 || (content >= 1 && coverage < th.coverage) || (maxIdea < 0.25 && sc.thematique[t]! < 0.8 && OFF_TOPIC.test(text))) status = 'out_of_scheme';
  else if (sc.thematique[t]! < th.thematique || sc.kind[k]! < th.kind) status = 'uncertain';
  const needs = status !== 'ok' || groupScore < th.group;
  const tt = tax.thematiques.find((x) => x.n === t + 1);
  return {
    id,
    text,
    thematique: { id: `t${t + 1}`, label: tt?.title ?? `Thématique ${t + 1}`, score: r3(sc.thematique[t]!) },
    kind: { id: KINDS[k]!, score: r3(sc.kind[k]!) },
    group: { id: gNode.id, label: gNode.label, score: r3(groupScore) },
    idea,
    sujet,
    candidates,
    needs_review: needs,
    status,
    explanation,
  };
}

/** The `top` groups by p(branch) · p(group | branch), best first (ties: print order). */
function topGroups(sc: Loaded['scorer'], top: number): { g: number; s: number }[] {
  const out: { g: number; s: number }[] = [];
  for (let x = 0; x < sc.nGroups; x++) {
    const s = sc.pB[sc.slotOf[sc.nodes[x]!.branch]!]! * sc.groupProb[x]!;
    if (out.length === top && s <= out[top - 1]!.s) continue;
    let j = out.length < top ? out.length : top - 1;
    out[j] = { g: x, s };
    while (j > 0 && out[j - 1]!.s < s) {
      out[j] = out[j - 1]!;
      out[j - 1] = { g: x, s };
      j--;
    }
  }
  return out;
}

function countNumbers(fz: Loaded['scorer']['fz']): number {
  let n = 0;
  for (let i = 0; i < fz.nToks; i++) if (fz.toks[i]!.word === '<num>') n++;
  return n;
}

/** CSV / table flattening (input pass-through columns are added by the caller, first). */
export const FLAT_COLUMNS = ['id', 'text', 'thematique_id', 'thematique', 'kind', 'group', 'idea', 'score', 'needs_review', 'status', 'group_2'] as const;

export function flatten(r: ClassRecord): Record<string, unknown> {
  const second = r.candidates.find((c) => c.group.id !== r.group.id);
  return {
    id: r.id,
    text: r.text,
    thematique_id: r.thematique.id,
    thematique: r.thematique.label,
    kind: r.kind.id,
    group: r.group.label,
    idea: r.idea?.label ?? '',
    score: r.thematique.score,
    needs_review: r.needs_review,
    status: r.status,
    group_2: second?.group.label ?? '',
  };
}
