import { describe, expect, it } from 'vitest';
import { classifiedRows, spearman, type ClassifiedItem } from '../../src/aggregate/classified.js';
import { bundled } from '../helpers/report.js';

const r = bundled();

describe('spearman', () => {
  it('is 1 for the same order, -1 for the reverse, with average ranks for ties', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBe(0.949);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2], [1, 2])).toBeNull();
  });
});

describe('classified tables', () => {
  // The published départemental rows as if each count were that many classified verbatims.
  const items: ClassifiedItem[] = r.departements.flatMap((d) =>
    d.synthesis.branches.flatMap((b) =>
      b.groups.flatMap((g) =>
        g.ideas.flatMap((i) =>
          Array.from({ length: i.count }, () => ({ departement: d.code, thematique: b.thematique, kind: b.kind, group: g.label, idea: i.label })),
        ),
      ),
    ),
  );
  const { rows, correlations } = classifiedRows(r, items, { compare: true });
  it('gives back the published counts when the classification reproduces them (delta 0, ρ 1)', () => {
    expect(items).toHaveLength(1723);
    expect(rows.filter((x) => x.scope === 'region' && x.level === 'group')).toHaveLength(28);
    expect(rows.filter((x) => x.scope === 'region' && x.level === 'idea')).toHaveLength(256);
    expect(rows.every((x) => x.delta === 0)).toBe(true);
    expect(correlations.filter((c) => c.scope === 'region' && c.level === 'group' && c.n >= 3).every((c) => c.spearman === 1)).toBe(true);
  });
  it('counts a misclassified verbatim in its new group and shows the delta', () => {
    const moved = items.map((x, i) => (i === 0 ? { ...x, group: 'Comment organiser le territoire ?', idea: null } : x));
    const res = classifiedRows(r, moved, { compare: true, scope: 'region' });
    expect(res.rows.filter((x) => x.delta !== 0).map((x) => [x.label, x.delta])).toEqual([
      ['Il faut rendre les territoires plus attractifs', -1],
      ["Il est difficile d'attirer des professionnels de santé en zone sous-dense", -1],
      ['Comment organiser le territoire ?', 1],
    ]);
  });
});
