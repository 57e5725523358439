// The min-cost flow solver of `trace` against brute force on small random graphs (fast-check).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FlowGraph } from '../../src/trace/flow.js';

interface Arc {
  from: number;
  to: number;
  cap: number;
  cost: number;
}

/** Random DAGs (arcs go from a lower to a higher node: no cycle), source 0, sink n − 1. */
const dag = fc.integer({ min: 3, max: 5 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    arcs: fc.array(
      fc
        .record({
          a: fc.integer({ min: 0, max: n - 1 }),
          b: fc.integer({ min: 0, max: n - 1 }),
          cap: fc.integer({ min: 1, max: 2 }),
          cost: fc.integer({ min: -9, max: 9 }),
        })
        .filter((x) => x.a !== x.b)
        .map((x) => ({ from: Math.min(x.a, x.b), to: Math.max(x.a, x.b), cap: x.cap, cost: x.cost })),
      { minLength: 1, maxLength: 7 },
    ),
  }),
);

/** Every feasible integer flow (conservation at inner nodes): its arc flows, value and cost. */
function allFlows(n: number, arcs: Arc[]): { f: number[]; value: number; cost: number }[] {
  const out: { f: number[]; value: number; cost: number }[] = [];
  const f = new Array<number>(arcs.length).fill(0);
  const rec = (k: number) => {
    if (k === arcs.length) {
      const bal = new Array<number>(n).fill(0);
      arcs.forEach((a, i) => {
        bal[a.from]! -= f[i]!;
        bal[a.to]! += f[i]!;
      });
      for (let v = 1; v < n - 1; v++) if (bal[v] !== 0) return;
      out.push({ f: f.slice(), value: bal[n - 1]!, cost: arcs.reduce((c, a, i) => c + a.cost * f[i]!, 0) });
      return;
    }
    for (let x = 0; x <= arcs[k]!.cap; x++) {
      f[k] = x;
      rec(k + 1);
    }
  };
  rec(0);
  return out;
}

function build(n: number, arcs: Arc[]): { g: FlowGraph; ids: number[] } {
  const g = new FlowGraph(n);
  return { g, ids: arcs.map((a) => g.addArc(a.from, a.to, a.cap, a.cost)) };
}

function checkFeasible(g: FlowGraph, n: number, arcs: Arc[], ids: number[], value: number): void {
  const bal = new Array<number>(n).fill(0);
  arcs.forEach((a, i) => {
    const x = g.flowOn(ids[i]!);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThanOrEqual(a.cap);
    bal[a.from]! -= x;
    bal[a.to]! += x;
  });
  for (let v = 1; v < n - 1; v++) expect(bal[v]).toBe(0);
  expect(bal[n - 1]).toBe(value);
}

describe('FlowGraph (successive shortest paths)', () => {
  it('cheapest flow of any size = brute force; capacities and conservation hold', () => {
    fc.assert(
      fc.property(dag, ({ n, arcs }) => {
        const { g, ids } = build(n, arcs);
        const r = g.solve(0, n - 1, { onlyNegative: true });
        const best = Math.min(...allFlows(n, arcs).map((x) => x.cost));
        expect(r.cost).toBe(best);
        expect(g.totalCost()).toBe(best);
        checkFeasible(g, n, arcs, ids, r.flow);
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  it('maximum flow at least cost = brute force', () => {
    fc.assert(
      fc.property(dag, ({ n, arcs }) => {
        const { g, ids } = build(n, arcs);
        const r = g.solve(0, n - 1);
        const all = allFlows(n, arcs);
        const maxV = Math.max(...all.map((x) => x.value));
        expect(r.flow).toBe(maxV);
        expect(r.cost).toBe(Math.min(...all.filter((x) => x.value === maxV).map((x) => x.cost)));
        checkFeasible(g, n, arcs, ids, r.flow);
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  it('a flow bound is respected', () => {
    fc.assert(
      fc.property(dag, fc.integer({ min: 0, max: 2 }), ({ n, arcs }, k) => {
        const { g, ids } = build(n, arcs);
        const r = g.solve(0, n - 1, { maxFlow: k });
        const all = allFlows(n, arcs);
        const v = Math.min(k, Math.max(...all.map((x) => x.value)));
        expect(r.flow).toBe(v);
        expect(r.cost).toBe(Math.min(...all.filter((x) => x.value === v).map((x) => x.cost)));
        checkFeasible(g, n, arcs, ids, r.flow);
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('offCost of a saturated arc = brute-force cost of the cheapest flow with one unit less on it', () => {
    fc.assert(
      fc.property(dag, ({ n, arcs }) => {
        const { g, ids } = build(n, arcs);
        const r = g.solve(0, n - 1, { onlyNegative: true });
        const all = allFlows(n, arcs);
        const cache = new Map<number, Float64Array>();
        arcs.forEach((_, i) => {
          const x = g.flowOn(ids[i]!);
          if (x === 0) return;
          if (x < arcs[i]!.cap) {
            expect(() => g.offCost(ids[i]!, 0, n - 1, cache)).toThrow(/saturated/);
            return;
          }
          const alt = all.filter((f) => f.f[i]! <= x - 1).map((f) => f.cost);
          const want = alt.length ? Math.min(...alt) - r.cost : Infinity;
          expect(g.offCost(ids[i]!, 0, n - 1, cache).cost).toBe(want);
        });
      }),
      { numRuns: 300, seed: 18 },
    );
  });

  it('is deterministic and rejects non-integer costs', () => {
    const mk = () => {
      const g = new FlowGraph(4);
      const a = [g.addArc(0, 1, 1, -2), g.addArc(0, 2, 1, -2), g.addArc(1, 3, 1, 0), g.addArc(2, 3, 1, 0), g.addArc(1, 2, 1, 0)];
      g.solve(0, 3, { maxFlow: 1 });
      return a.map((x) => g.flowOn(x));
    };
    expect(mk()).toEqual(mk());
    expect(() => new FlowGraph(2).addArc(0, 1, 1, 0.5)).toThrow(/non-integer/);
  });
});
