/**
 * Recompute: the regional rows rebuilt from the départements, beside the published values, and
 * percentages whose rounded shares sum to exactly 100 (largest remainder). Pure.
 *
 * Denominators are those of src/aggregate/tables.ts. `percent_lr` is the largest-remainder share
 * at one decimal within its denominator set (the sujets of a table, the groups of a thématique ×
 * kind, the ideas of a group), so each set sums to exactly 100.0.
 */
import type { Report, TableRow } from '../model.js';
import { publishedRows, contributionRows, type ContributionTableRow } from './tables.js';
import { largestRemainder } from './rounding.js';

export interface RecomputedRow extends TableRow {
  /** Σ over the départements (regional group and idea rows; null for sujets, which only the region prints). */
  recomputed: number | null;
  /** recomputed − count. */
  delta: number | null;
  /** Largest-remainder percent (one decimal) of the published counts within the denominator set. */
  percent_lr: number | null;
}

function setKey(r: TableRow): string {
  return [r.scope, r.departement, r.thematique, r.kind, r.level === 'idea' ? `idea|${r.group}` : r.level].join('|');
}

/** Largest remainder at one decimal within each denominator set. */
export function withLargestRemainder<T extends TableRow>(rows: T[]): Array<T & { percent_lr: number | null }> {
  const sets = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const k = setKey(r);
    sets.set(k, [...(sets.get(k) ?? []), i]);
  });
  const lr = new Array<number | null>(rows.length).fill(null);
  for (const idx of sets.values()) {
    const counts = idx.map((i) => rows[i]!.count);
    if (counts.every((c) => c === 0)) continue;
    largestRemainder(counts, 1000).forEach((v, j) => (lr[idx[j]!] = v / 10));
  }
  return rows.map((r, i) => ({ ...r, percent_lr: lr[i]! }));
}

export function recomputedRows(report: Report): RecomputedRow[] {
  const dep = publishedRows(report, { scope: 'departement' });
  const acc = new Map<string, number>();
  for (const r of dep) {
    if (r.level === 'sujet') continue;
    const k = `${r.thematique}|${r.kind}|${r.level}|${r.group}|${r.label}`;
    acc.set(k, (acc.get(k) ?? 0) + r.count);
  }
  const region = withLargestRemainder(publishedRows(report, { scope: 'region' }));
  return region.map((r) => {
    if (r.level === 'sujet' || report.departements.length === 0) return { ...r, recomputed: null, delta: null };
    const rec = acc.get(`${r.thematique}|${r.kind}|${r.level}|${r.group}|${r.label}`) ?? 0;
    return { ...r, recomputed: rec, delta: rec - r.count };
  });
}

export interface RecomputedContribution extends ContributionTableRow {
  /** Exact share of the printed total, 2 decimals. */
  percent_exact: number | null;
  /** Largest-remainder integer percent: the four sum to exactly 100. */
  percent_recomputed: number | null;
}

export function recomputedContributions(report: Report): RecomputedContribution[] {
  const rows = contributionRows(report);
  const total = rows.reduce((a, r) => a + r.count, 0);
  const lr = largestRemainder(rows.map((r) => r.count));
  return rows.map((r, i) => ({
    ...r,
    percent_exact: total === 0 ? null : Math.round((r.count * 10000) / total) / 100,
    percent_recomputed: total === 0 ? null : lr[i]!,
  }));
}
