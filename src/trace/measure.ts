/**
 * The trace against team-coded verbatims (data/labels/workshop-coded.jsonl: coded by meaning,
 * never seen by the trace). A verbatim left out of every count is scored by its nearest idea
 * row (its best guess); `counted` scores the counted verbatims only.
 */
import type { CodedLine } from '../model.js';
import type { TraceResult, TraceRow } from './trace.js';

export interface TraceAccuracy {
  /** Lines coded in the scheme with a group / with an idea (not null), found in the trace. */
  group: { n: number; accuracy: number; counted: number; nCounted: number };
  idea: { n: number; accuracy: number; top2: number; counted: number; nCounted: number };
  gapRatio: number;
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

export function measureTrace(result: TraceResult, coded: CodedLine[]): TraceAccuracy {
  const byId = new Map(result.rows.map((r) => [r.id, r]));
  const guess = (r: TraceRow) => r.attributed ?? r.nearest;
  let gN = 0,
    gOk = 0,
    gcN = 0,
    gcOk = 0;
  let iN = 0,
    iOk = 0,
    i2 = 0,
    icN = 0,
    icOk = 0;
  for (const c of coded) {
    if (c.status === 'out_of_scheme' || !c.id) continue;
    const r = byId.get(c.id);
    if (!r) continue;
    const g = guess(r);
    if (c.group) {
      gN++;
      if (g?.groupId === c.group) gOk++;
      if (r.attributed) {
        gcN++;
        if (r.attributed.groupId === c.group) gcOk++;
      }
    }
    if (c.idea) {
      iN++;
      if (g?.ideaId === c.idea) iOk++;
      // Top two: the traced idea (or the nearest, not counted) and the runner-up idea (or the second idea).
      const two = [g?.ideaId, (r.second ?? r.alternative)?.ideaId];
      if (two.includes(c.idea)) i2++;
      if (r.attributed) {
        icN++;
        if (r.attributed.ideaId === c.idea) icOk++;
      }
    }
  }
  return {
    group: { n: gN, accuracy: r4(gOk / (gN || 1)), counted: r4(gcOk / (gcN || 1)), nCounted: gcN },
    idea: { n: iN, accuracy: r4(iOk / (iN || 1)), top2: r4(i2 / (iN || 1)), counted: r4(icOk / (icN || 1)), nCounted: icN },
    gapRatio: result.totals.gapRatio,
  };
}
