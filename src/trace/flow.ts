/**
 * Min-cost flow by successive shortest paths (Dijkstra on reduced costs, Johnson potentials),
 * integer costs, and the sensitivity of an optimal flow: what it costs to take one unit off an
 * arc (the cheapest cycle through its reverse arc in the residual graph).
 *
 * Hand-written (pure, ~200 lines) rather than an npm package: `min-cost-flow` (the only
 * general one) keeps n×n matrices, allows no parallel arcs, routes a maximum flow only (we want
 * the cheapest flow of any size: optional second ideas stop when they no longer pay) and does not
 * expose the residual graph that the margins need; `munkres` (Hungarian) cannot say "at most one
 * unit per verbatim × idea" once a verbatim may carry two ideas. Property tests in
 * test/unit/trace-flow.test.ts check optimality against brute force on small random graphs.
 *
 * Deterministic: ties in Dijkstra are broken by node index; arcs are scanned in insertion order.
 */

export class FlowGraph {
  readonly n: number;
  private head: Int32Array;
  private nxt: number[] = [];
  private to: number[] = [];
  private cap: number[] = [];
  private cost: number[] = [];
  /** Capacity each arc was created with (even arcs are forward arcs). */
  private cap0: number[] = [];
  private pot: Float64Array;

  constructor(n: number) {
    this.n = n;
    this.head = new Int32Array(n).fill(-1);
    this.pot = new Float64Array(n);
  }

  /** Adds an arc from → to; returns its id (the reverse arc is id ^ 1). Costs must be integers. */
  addArc(from: number, to: number, cap: number, cost: number): number {
    if (!Number.isInteger(cost)) throw new Error(`flow: non-integer cost ${cost}`);
    const id = this.to.length;
    this.push(from, to, cap, cost);
    this.push(to, from, 0, -cost);
    return id;
  }

  private push(from: number, to: number, cap: number, cost: number): void {
    const id = this.to.length;
    this.to.push(to);
    this.cap.push(cap);
    this.cap0.push(cap);
    this.cost.push(cost);
    this.nxt.push(this.head[from]!);
    this.head[from] = id;
  }

  get arcs(): number {
    return this.to.length / 2;
  }

  flowOn(arc: number): number {
    return this.cap0[arc]! - this.cap[arc]!;
  }

  arcFrom(arc: number): number {
    return this.to[arc ^ 1]!;
  }

  arcTo(arc: number): number {
    return this.to[arc]!;
  }

  arcCost(arc: number): number {
    return this.cost[arc]!;
  }

  /** Σ flow × cost over the forward arcs. */
  totalCost(): number {
    let c = 0;
    for (let a = 0; a < this.to.length; a += 2) c += this.flowOn(a) * this.cost[a]!;
    return c;
  }

  /**
   * Bellman–Ford (queue-based) distances over arcs with residual capacity, from `sources` (all
   * nodes when null, each at 0: a virtual root). Throws on a negative cycle.
   */
  private bellmanFord(sources: number[] | null, extra: { from: number; to: number; cost: number }[] = []): Float64Array {
    const n = this.n;
    const d = new Float64Array(n).fill(Infinity);
    const inQ = new Uint8Array(n);
    const count = new Int32Array(n);
    const q: number[] = [];
    for (const s of sources ?? Array.from({ length: n }, (_, i) => i)) {
      d[s] = 0;
      inQ[s] = 1;
      q.push(s);
    }
    for (let qi = 0; qi < q.length; qi++) {
      const u = q[qi]!;
      inQ[u] = 0;
      if (++count[u]! > n + 1) throw new Error('flow: negative cycle');
      const relax = (v: number, c: number) => {
        if (d[u]! + c < d[v]!) {
          d[v] = d[u]! + c;
          if (!inQ[v]) {
            inQ[v] = 1;
            q.push(v);
          }
        }
      };
      for (let a = this.head[u]!; a >= 0; a = this.nxt[a]!) if (this.cap[a]! > 0) relax(this.to[a]!, this.cost[a]!);
      for (const e of extra) if (e.from === u) relax(e.to, e.cost);
    }
    return d;
  }

  /**
   * Sends flow from s to t along successive cheapest paths. `maxFlow` bounds the amount;
   * `onlyNegative`: stop when the cheapest path no longer has a negative cost (the cheapest flow
   * of any size). Returns the flow sent and its cost.
   */
  solve(s: number, t: number, o: { maxFlow?: number; onlyNegative?: boolean } = {}): { flow: number; cost: number } {
    const n = this.n;
    this.residualPot = null;
    const maxFlow = o.maxFlow ?? Infinity;
    const d0 = this.bellmanFord([s]);
    for (let v = 0; v < n; v++) this.pot[v] = Number.isFinite(d0[v]!) ? d0[v]! : 0;
    const dist = new Float64Array(n);
    const prevArc = new Int32Array(n);
    const done = new Uint8Array(n);
    const heap = new MinHeap();
    let flow = 0;
    let cost = 0;
    while (flow < maxFlow) {
      dist.fill(Infinity);
      prevArc.fill(-1);
      done.fill(0);
      dist[s] = 0;
      heap.clear();
      heap.push(0, s);
      while (heap.size > 0) {
        const u = heap.pop();
        const du = heap.topKey;
        if (done[u]) continue;
        if (du > dist[u]!) continue;
        done[u] = 1;
        if (u === t) break;
        for (let a = this.head[u]!; a >= 0; a = this.nxt[a]!) {
          if (this.cap[a]! <= 0) continue;
          const v = this.to[a]!;
          if (done[v]) continue;
          const nd = du + this.cost[a]! + this.pot[u]! - this.pot[v]!;
          if (nd < dist[v]! || (nd === dist[v]! && a < prevArc[v]!)) {
            dist[v] = nd;
            prevArc[v] = a;
            heap.push(nd, v);
          }
        }
      }
      if (!done[t]) break;
      // Potentials stay feasible: settled nodes move by their distance minus t's (AtCoder's dual update).
      const dt = dist[t]!;
      for (let v = 0; v < n; v++) if (done[v]) this.pot[v]! += dist[v]! - dt;
      let push = maxFlow - flow;
      let pathCost = 0;
      for (let v = t; v !== s; v = this.to[prevArc[v]! ^ 1]!) {
        push = Math.min(push, this.cap[prevArc[v]!]!);
        pathCost += this.cost[prevArc[v]!]!;
      }
      if (o.onlyNegative && pathCost >= 0) break;
      for (let v = t; v !== s; v = this.to[prevArc[v]! ^ 1]!) {
        const a = prevArc[v]!;
        this.cap[a]! -= push;
        this.cap[a ^ 1]! += push;
      }
      flow += push;
      cost += push * pathCost;
    }
    this.value += flow;
    return { flow, cost };
  }

  /**
   * Sensitivity of the current flow. Call after `solve(s, t, { onlyNegative: true })`: the flow
   * is then a cheapest circulation once an arc t → s of cost 0 is added, so its residual graph
   * has no negative cycle, and the cheapest way to take one unit off arc `a` (u → x) is the
   * cheapest cycle through the reverse arc x → u. `margins(targets)` returns, per target node x,
   * the cheapest residual distance from every node to x (real costs), from which
   * cost(a off) = min over residual arcs u → j (j ≠ x) of cost(u → j) + dist(j → x) − cost(a).
   */
  distancesTo(x: number, s: number, t: number): Float64Array {
    // Potentials for the residual graph with t → s: one Bellman–Ford from a virtual root.
    if (!this.residualPot) {
      this.residualPot = this.bellmanFord(null, this.virtualArcs(s, t));
      this.buildReverse();
    }
    const p = this.residualPot;
    const n = this.n;
    const d = new Float64Array(n).fill(Infinity);
    const done = new Uint8Array(n);
    const heap = new MinHeap();
    d[x] = 0;
    heap.push(0, x);
    // Reverse Dijkstra: arcs y → v with residual capacity, relaxed from v back to y; reduced cost
    // c + p[y] − p[v] ≥ 0.
    while (heap.size > 0) {
      const v = heap.pop();
      const dv = heap.topKey;
      if (done[v]) continue;
      done[v] = 1;
      const relax = (y: number, c: number) => {
        if (done[y]) return;
        const nd = dv + c + p[y]! - p[v]!;
        if (nd < d[y]!) {
          d[y] = nd;
          heap.push(nd, y);
        }
      };
      for (const a of this.inArcs[v]!) if (this.cap[a]! > 0) relax(this.to[a ^ 1]!, this.cost[a]!);
      for (const e of this.virtualArcs(s, t)) if (e.to === v) relax(e.from, e.cost);
    }
    // Back to real costs: reduced distance y → x = real + p[y] − p[x].
    for (let y = 0; y < n; y++) if (Number.isFinite(d[y]!)) d[y] = d[y]! - p[y]! + p[x]!;
    return d;
  }

  /** Residual arcs leaving u (ids), with capacity left. */
  residualOut(u: number): number[] {
    const out: number[] = [];
    for (let a = this.head[u]!; a >= 0; a = this.nxt[a]!) if (this.cap[a]! > 0) out.push(a);
    return out.sort((a, b) => a - b);
  }

  /**
   * The cheapest way to take one unit off a saturated arc `a` (u → x) of an optimal flow: the extra cost,
   * and the residual arc u → j the unit leaves by (−1: none; Infinity: no way). `dist` caches
   * `distancesTo` per target. `accept`: only ways out whose first arc goes to an accepted node.
   */
  offCost(a: number, s: number, t: number, dist: Map<number, Float64Array>, accept?: (to: number) => boolean): { cost: number; via: number } {
    // A saturated arc only: a cheapest path to x may not then run through `a` itself.
    if (this.cap[a] !== 0) throw new Error('flow: offCost needs a saturated arc');
    const u = this.to[a ^ 1]!;
    const x = this.to[a]!;
    let d = dist.get(x);
    if (!d) dist.set(x, (d = this.distancesTo(x, s, t)));
    let best = Infinity;
    let via = -1;
    for (const b of this.residualOut(u)) {
      if (b === a) continue;
      const j = this.to[b]!;
      if (accept && !accept(j)) continue;
      const c = this.cost[b]! + d[j]! - this.cost[a]!;
      if (c < best) {
        best = c;
        via = b;
      }
    }
    // The virtual arcs of the circulation (t → s, and s → t while flow runs): no arc id.
    for (const e of accept ? [] : this.virtualArcs(s, t)) {
      if (e.from !== u) continue;
      const c = e.cost + d[e.to]! - this.cost[a]!;
      if (c < best) {
        best = c;
        via = -1;
      }
    }
    return { cost: best, via };
  }

  /** The flow's value as a circulation arc t → s (cost 0): residual both ways while it carries flow. */
  private virtualArcs(s: number, t: number): { from: number; to: number; cost: number }[] {
    return this.value > 0
      ? [
          { from: t, to: s, cost: 0 },
          { from: s, to: t, cost: 0 },
        ]
      : [{ from: t, to: s, cost: 0 }];
  }

  private value = 0;

  private residualPot: Float64Array | null = null;
  private inArcs: number[][] = [];

  private buildReverse(): void {
    this.inArcs = Array.from({ length: this.n }, () => []);
    for (let a = 0; a < this.to.length; a++) this.inArcs[this.to[a]!]!.push(a);
  }
}

/** A binary heap of (key, node) in typed arrays, ties by node index (determinism). */
class MinHeap {
  private k = new Float64Array(64);
  private v = new Int32Array(64);
  size = 0;
  clear(): void {
    this.size = 0;
  }
  private less(a: number, an: number, b: number, bn: number): boolean {
    return a < b || (a === b && an < bn);
  }
  push(key: number, node: number): void {
    if (this.size === this.k.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.k);
      this.k = k;
      const v = new Int32Array(this.size * 2);
      v.set(this.v);
      this.v = v;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(key, node, this.k[p]!, this.v[p]!)) break;
      this.k[i] = this.k[p]!;
      this.v[i] = this.v[p]!;
      i = p;
    }
    this.k[i] = key;
    this.v[i] = node;
  }
  /** The key of the top (valid until the next pop). */
  topKey = 0;
  /** Removes the top and returns its node; its key is in `topKey`. */
  pop(): number {
    const node = this.v[0]!;
    this.topKey = this.k[0]!;
    const n = --this.size;
    if (n > 0) {
      const key = this.k[n]!;
      const nd = this.v[n]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const m = r < n && this.less(this.k[r]!, this.v[r]!, this.k[l]!, this.v[l]!) ? r : l;
        if (!this.less(this.k[m]!, this.v[m]!, key, nd)) break;
        this.k[i] = this.k[m]!;
        this.v[i] = this.v[m]!;
        i = m;
      }
      this.k[i] = key;
      this.v[i] = nd;
    }
    return node;
  }
}
