/** Percentages: one documented rounding, and the largest-remainder method for shares that sum to 100. */

/** Percent of `part` in `whole`, rounded half up to `digits` decimals; null when whole is 0. */
export function percent(part: number, whole: number, digits = 1): number | null {
  if (whole === 0) return null;
  const f = 10 ** digits;
  return Math.round((part * 100 * f) / whole + Number.EPSILON) / f;
}

/**
 * Largest remainder (Hamilton) rounding: integer percents that sum to exactly 100 (when the
 * counts are not all 0). Ties on the remainder go to the larger count, then to the earlier row,
 * so the result is deterministic.
 */
export function largestRemainder(counts: readonly number[], total = 100): number[] {
  const sum = counts.reduce((a, b) => a + b, 0);
  if (sum === 0) return counts.map(() => 0);
  const exact = counts.map((c) => (c * total) / sum);
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e), c: counts[i]! })).sort((a, b) => b.r - a.r || b.c - a.c || a.i - b.i);
  for (const o of order) {
    if (left <= 0) break;
    floors[o.i]!++;
    left--;
  }
  return floors;
}
