/**
 * Counts from classified verbatims, in the shape of the published tables, and their comparison
 * with the published counts (rank correlation per thématique × kind). Pure.
 *
 * Rows are the regional scheme's groups and ideas (every one, zeros included, so that published
 * and classified line up), then, per département, those with a published or a classified count.
 * Denominators as in src/aggregate/tables.ts (group: the groups of its thématique × kind in the
 * scope; idea: its group).
 */
import type { Kind, Report, TableRow, ThematiqueId } from '../model.js';
import { percent } from './rounding.js';

export interface ClassifiedItem {
  departement: string | null;
  thematique: ThematiqueId;
  kind: Kind;
  /** Group and idea labels (canonical, as in the regional table); idea null when none is confident. */
  group: string | null;
  idea: string | null;
}

export interface ClassifiedRow extends Omit<TableRow, 'line' | 'page' | 'printed'> {
  /** The published count of the same row (with --compare); null where the report prints none. */
  published?: number | null;
  delta?: number | null;
}

export interface Correlation {
  scope: 'region' | 'departement';
  departement: string | null;
  thematique: ThematiqueId;
  kind: Kind;
  level: 'group' | 'idea';
  /** Spearman's ρ between published and classified counts (ties: average ranks); null when undefined. */
  spearman: number | null;
  n: number;
}

function ranks(xs: number[]): number[] {
  const idx = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    for (let k = i; k <= j; k++) r[idx[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation (Pearson on average ranks); null for < 3 pairs or a constant side. */
export function spearman(a: number[], b: number[]): number | null {
  if (a.length !== b.length || a.length < 3) return null;
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  if (da === 0 || db === 0) return null;
  return Math.round((num / Math.sqrt(da * db)) * 1000) / 1000;
}

export function classifiedRows(
  report: Report,
  items: ClassifiedItem[],
  opts: { compare: boolean; departement?: string; scope?: 'region' | 'departement' },
): { rows: ClassifiedRow[]; correlations: Correlation[] } {
  const key = (d: string | null, t: number, k: string, g: string, i: string | null) => `${d ?? ''}|${t}|${k}|${g}|${i ?? ''}`;
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const it of items) {
    if (it.group === null) continue;
    // Every verbatim counts for the region, and for its département when it has one.
    for (const d of it.departement === null ? [null] : [null, it.departement]) {
      add(key(d, it.thematique, it.kind, it.group, null));
      if (it.idea !== null) add(key(d, it.thematique, it.kind, it.group, it.idea));
    }
  }
  const published = new Map<string, number>();
  for (const b of report.region.synthesis.branches)
    for (const g of b.groups) {
      published.set(key(null, b.thematique, b.kind, g.label, null), g.count);
      for (const i of g.ideas) published.set(key(null, b.thematique, b.kind, g.label, i.label), i.count);
    }
  for (const d of report.departements)
    for (const b of d.synthesis.branches)
      for (const g of b.groups) {
        published.set(key(d.code, b.thematique, b.kind, g.label, null), g.count);
        for (const i of g.ideas) published.set(key(d.code, b.thematique, b.kind, g.label, i.label), i.count);
      }

  const rows: ClassifiedRow[] = [];
  const correlations: Correlation[] = [];
  const scopes: Array<string | null> = [];
  if (!opts.departement && opts.scope !== 'departement') scopes.push(null);
  if (opts.scope !== 'region') {
    const codes = [...new Set([...report.departements.map((d) => d.code), ...items.map((i) => i.departement).filter((d): d is string => d !== null)])];
    scopes.push(...codes.filter((c) => !opts.departement || c === opts.departement));
  }
  for (const d of scopes) {
    for (const b of report.region.synthesis.branches) {
      const present = (g: string, i: string | null) =>
        d === null || (counts.get(key(d, b.thematique, b.kind, g, i)) ?? 0) > 0 || (published.get(key(d, b.thematique, b.kind, g, i)) ?? 0) > 0;
      const groups = b.groups.filter((g) => present(g.label, null));
      const gTotal = groups.reduce((a, g) => a + (counts.get(key(d, b.thematique, b.kind, g.label, null)) ?? 0), 0);
      const pairs: { group: [number, number][]; idea: [number, number][] } = { group: [], idea: [] };
      for (const g of groups) {
        const gc = counts.get(key(d, b.thematique, b.kind, g.label, null)) ?? 0;
        const gp = published.get(key(d, b.thematique, b.kind, g.label, null)) ?? null;
        pairs.group.push([gp ?? 0, gc]);
        rows.push(row(d, b.thematique, b.kind, 'group', g.label, g.label, gc, gTotal, gp, opts.compare));
        for (const i of g.ideas.filter((i) => present(g.label, i.label))) {
          const ic = counts.get(key(d, b.thematique, b.kind, g.label, i.label)) ?? 0;
          const ip = published.get(key(d, b.thematique, b.kind, g.label, i.label)) ?? null;
          pairs.idea.push([ip ?? 0, ic]);
          rows.push(row(d, b.thematique, b.kind, 'idea', g.label, i.label, ic, gc, ip, opts.compare));
        }
      }
      if (opts.compare) {
        for (const level of ['group', 'idea'] as const) {
          const ps = pairs[level];
          correlations.push({
            scope: d === null ? 'region' : 'departement',
            departement: d,
            thematique: b.thematique,
            kind: b.kind,
            level,
            spearman: spearman(
              ps.map((p) => p[0]),
              ps.map((p) => p[1]),
            ),
            n: ps.length,
          });
        }
      }
    }
  }
  return { rows, correlations };
}

function row(
  d: string | null,
  t: ThematiqueId,
  k: Kind,
  level: 'group' | 'idea',
  group: string,
  label: string,
  count: number,
  denominator: number,
  pub: number | null,
  compare: boolean,
): ClassifiedRow {
  const r: ClassifiedRow = {
    scope: d === null ? 'region' : 'departement',
    departement: d,
    thematique: t,
    kind: k,
    level,
    group,
    label,
    count,
    percent: percent(count, denominator),
    denominator,
  };
  if (compare) {
    r.published = pub;
    r.delta = pub === null ? null : count - pub;
  }
  return r;
}
