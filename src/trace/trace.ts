/**
 * Tracing the published counts back to the verbatims (pure): within each département, every
 * workshop verbatim is given one idea row of that département's synthesis (or "not counted"),
 * so that each idea row receives about its printed count and the total likelihood of the
 * verbatim ↔ idea pairs under the classifier is as high as possible — a min-cost flow:
 *
 *   source ─(1, −M)→ verbatim ─(1, cost(v, i))→ idea row i ─(count_i, −bonus)→ sink
 *          ─(1, second)→ verbatim (a second idea: taken only when it pays)
 *                         verbatim ─(1, notCounted)→ "not counted" ─→ sink
 *                                                   idea row i ─(∞, over)→ sink
 *
 * cost(v, i) = −ln P(i | v) − ln prior(branch of i | heading): P comes from `logProbs` (run.ts: a
 * softmax of TF-IDF cosines, see similarity.ts and scores.ts, optionally mixed with the
 * classifier's own probabilities), the prior is α for the thématique × kind of the heading the
 * verbatim was printed under and (1 − α)/7 for each other branch of the département. −M makes every verbatim flow; the bonus makes the
 * printed counts fill first. Costs are rounded to integer milli-nats (exact, deterministic).
 *
 * The confidence of an assignment is the cost of the best other solution that takes this
 * verbatim off its idea (a cycle in the residual graph, see flow.ts): margin m in nats,
 * confidence = 1 / (1 + e^−m), the odds of this assignment against the runner-up.
 */
import type { Kind, Report, ThematiqueId, Verbatim } from '../model.js';
import type { Taxonomy } from '../classify/taxonomy.js';
import { FlowGraph } from './flow.js';

/** One idea row of a départemental synthesis: a published count. */
export interface PublishedIdea {
  departement: string;
  thematique: ThematiqueId;
  kind: Kind;
  groupId: string;
  /** Group label as printed in the département's synthesis. */
  group: string;
  groupCount: number;
  groupLine: number;
  groupPage?: number;
  ideaId: string;
  /** Idea label as printed in the département's synthesis. */
  idea: string;
  count: number;
  line: number;
  page?: number;
}

/** ln P(idea row | verbatim) for the rows of the verbatim's département (same order), before the section prior. */
export type LogProbs = (v: Verbatim, rows: PublishedIdea[]) => Float64Array;

export interface TraceParams {
  /** Prior probability that the section heading gives the verbatim's branch. */
  alpha: number;
  /** Cost (nats) of leaving a verbatim out of every count. */
  notCounted: number;
  /** Cost (nats) of giving a verbatim a second idea (on top of that idea's cost). */
  second: number;
  /** Bonus (nats) per unit that fills a printed count. */
  bonus: number;
  /** Cost (nats) per unit beyond a printed count. */
  over: number;
  /** Allow ideas of the département's other branches (cross-branch). */
  crossBranch: boolean;
  /** Arcs per verbatim: its `candidates` most probable idea rows only (speed; the rest never win). */
  candidates: number;
}

export const DEFAULT_PARAMS: TraceParams = { alpha: 0.8, notCounted: 4, second: 2, bonus: 6, over: 6, crossBranch: true, candidates: 12 };

export interface Attributed {
  groupId: string;
  group: string;
  ideaId: string;
  idea: string;
  /** Index of the idea row in `TraceResult.published`. */
  row: number;
}

export interface TraceRow {
  id: string;
  departement: string;
  workshop: string;
  line: number;
  page?: number;
  thematique: ThematiqueId;
  kind: Kind;
  /** counted: the verbatim is behind the idea's count; not_counted: behind none. */
  status: 'counted' | 'not_counted';
  attributed: Attributed | null;
  /** A second idea the verbatim is counted under (rare). */
  second: Attributed | null;
  /** Cost (nats) of the best solution that takes this verbatim off its idea (or out of "not counted"). */
  margin: number;
  /** 1 / (1 + e^−margin). */
  confidence: number;
  /** The idea row the verbatim would take in the best solution that gives it another idea (null: none). */
  alternative: Attributed | null;
  /** The idea row of highest probability, ignoring the counts. */
  nearest: Attributed | null;
  crossBranch: boolean;
}

export interface IdeaSummary extends PublishedIdea {
  attributed: number;
  gap: number;
}

export interface TraceResult {
  rows: TraceRow[];
  published: PublishedIdea[];
  summary: IdeaSummary[];
  totals: { verbatims: number; printed: number; attributed: number; notCounted: number; second: number; crossBranch: number; gap: number; gapRatio: number };
}

/** The idea rows of every départemental synthesis, with the scheme's ids. */
export function publishedIdeas(report: Report, tax: Taxonomy): PublishedIdea[] {
  const out: PublishedIdea[] = [];
  for (const d of report.departements) {
    for (const b of d.synthesis.branches) {
      const tb = tax.branches.find((x) => x.thematique === b.thematique && x.kind === b.kind);
      for (const g of b.groups) {
        const tg = tb?.groups.find((x) => x.label === g.label);
        if (!tg) continue; // reported by `taxonomy` (unmatched): no id to give
        for (const i of g.ideas) {
          const ti = tg.ideas.find((x) => x.label === i.label) ?? tb!.groups.flatMap((x) => x.ideas).find((x) => x.label === i.label);
          if (!ti) continue;
          out.push({
            departement: d.code,
            thematique: b.thematique,
            kind: b.kind,
            groupId: tg.id,
            group: g.printed,
            groupCount: g.count,
            groupLine: g.prov.line,
            ...(g.prov.page !== undefined ? { groupPage: g.prov.page } : {}),
            ideaId: ti.id,
            idea: i.printed,
            count: i.count,
            line: i.prov.line,
            ...(i.prov.page !== undefined ? { page: i.prov.page } : {}),
          });
        }
      }
    }
  }
  return out;
}

const SCALE = 1000; // milli-nats
const M = 1e7;
const q = (x: number) => Math.round(x * SCALE);

function attributed(p: PublishedIdea, row: number): Attributed {
  return { groupId: p.groupId, group: p.group, ideaId: p.ideaId, idea: p.idea, row };
}

/** ln prior of the verbatim's true branch given its section heading. */
function sectionPrior(v: Verbatim, p: PublishedIdea, alpha: number): number {
  return p.thematique === v.thematique && p.kind === v.kind ? Math.log(alpha) : Math.log((1 - alpha) / 7);
}

export function trace(report: Report, published: PublishedIdea[], logProbs: LogProbs, params: TraceParams = DEFAULT_PARAMS): TraceResult {
  const rows: TraceRow[] = [];
  const attributedCount = new Int32Array(published.length);
  const byDep = new Map<string, number[]>();
  published.forEach((p, k) => {
    const l = byDep.get(p.departement) ?? [];
    l.push(k);
    byDep.set(p.departement, l);
  });
  const rowOf = new Map<string, TraceRow>();
  const deps = [...new Set(report.verbatims.map((v) => v.departement))];
  for (const dep of deps) {
    const vs = report.verbatims.filter((v) => v.departement === dep);
    const ks = byDep.get(dep) ?? [];
    const pubs = ks.map((k) => published[k]!);
    // Nodes: 0 source, 1 sink, 2 not counted, then verbatims, then idea rows.
    const S = 0;
    const T = 1;
    const NC = 2;
    const V0 = 3;
    const I0 = V0 + vs.length;
    const g = new FlowGraph(I0 + pubs.length);
    const ncArc: number[] = [];
    const ideaArcs: { arc: number; j: number }[][] = [];
    const costs: Float64Array[] = [];
    vs.forEach((v, x) => {
      g.addArc(S, V0 + x, 1, -M);
      const lp = logProbs(v, pubs);
      const c = new Float64Array(pubs.length);
      const arcs: { arc: number; j: number }[] = [];
      const allowed: number[] = [];
      pubs.forEach((p, j) => {
        const same = p.thematique === v.thematique && p.kind === v.kind;
        c[j] = -(lp[j]! + sectionPrior(v, p, params.alpha));
        if (same || params.crossBranch) allowed.push(j);
      });
      allowed.sort((a, b) => c[a]! - c[b]! || a - b);
      for (const j of allowed.slice(0, params.candidates).sort((a, b) => a - b)) arcs.push({ arc: g.addArc(V0 + x, I0 + j, 1, q(c[j]!)), j });
      costs.push(c);
      ideaArcs.push(arcs);
      ncArc.push(g.addArc(V0 + x, NC, 1, q(params.notCounted)));
      if (params.second < Infinity) g.addArc(S, V0 + x, 1, q(params.second));
    });
    g.addArc(NC, T, vs.length, 0);
    pubs.forEach((p, j) => {
      g.addArc(I0 + j, T, p.count, -q(params.bonus));
      if (params.over < Infinity) g.addArc(I0 + j, T, vs.length, q(params.over));
    });
    g.solve(S, T, { onlyNegative: true });
    const dist = new Map<number, Float64Array>();
    const target = (arc: number): Attributed | null => {
      if (arc < 0) return null;
      const to = g.arcTo(arc);
      return to >= I0 && to < I0 + pubs.length ? attributed(pubs[to - I0]!, ks[to - I0]!) : null;
    };
    vs.forEach((v, x) => {
      const used = ideaArcs[x]!.filter((a) => g.flowOn(a.arc) > 0).sort((a, b) => costs[x]![a.j]! - costs[x]![b.j]! || a.j - b.j);
      const first = used[0];
      const held = first ? first.arc : ncArc[x]!;
      const off = g.offCost(held, S, T, dist);
      // The runner-up: the best way out of `held`; its first hop names the alternative.
      const margin = off.cost / SCALE;
      // The runner-up idea (top two): the best way out that leaves for another idea row.
      const other = g.offCost(held, S, T, dist, (to) => to >= I0);
      let near = -1;
      for (let j = 0; j < pubs.length; j++) if (near < 0 || costs[x]![j]! < costs[x]![near]!) near = j;
      for (const u of used) attributedCount[ks[u.j]!]! += 1;
      const row: TraceRow = {
        id: v.id,
        departement: v.departement,
        workshop: v.workshop,
        line: v.prov.line,
        ...(v.prov.page !== undefined ? { page: v.prov.page } : {}),
        thematique: v.thematique,
        kind: v.kind,
        status: first ? 'counted' : 'not_counted',
        attributed: first ? attributed(pubs[first.j]!, ks[first.j]!) : null,
        second: used[1] ? attributed(pubs[used[1].j]!, ks[used[1].j]!) : null,
        margin: Number.isFinite(margin) ? Math.round(margin * 1000) / 1000 : 99,
        confidence: Number.isFinite(margin) ? Math.round(1000 / (1 + Math.exp(-margin))) / 1000 : 1,
        alternative: target(other.via),
        nearest: near >= 0 ? attributed(pubs[near]!, ks[near]!) : null,
        crossBranch: first ? !(pubs[first.j]!.thematique === v.thematique && pubs[first.j]!.kind === v.kind) : false,
      };
      rowOf.set(v.id, row);
    });
  }
  for (const v of report.verbatims) rows.push(rowOf.get(v.id)!);
  const summary: IdeaSummary[] = published.map((p, k) => ({ ...p, attributed: attributedCount[k]!, gap: attributedCount[k]! - p.count }));
  const printed = published.reduce((s, p) => s + p.count, 0);
  const gap = summary.reduce((s, x) => s + Math.abs(x.gap), 0);
  return {
    rows,
    published,
    summary,
    totals: {
      verbatims: rows.length,
      printed,
      attributed: summary.reduce((s, x) => s + x.attributed, 0),
      notCounted: rows.filter((r) => r.status === 'not_counted').length,
      second: rows.filter((r) => r.second).length,
      crossBranch: rows.filter((r) => r.crossBranch).length,
      gap,
      gapRatio: printed ? Math.round((gap / printed) * 10000) / 10000 : 0,
    },
  };
}
