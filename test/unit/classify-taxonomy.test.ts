// The scheme extracted from the bundled report, and the committed data/taxonomy.json.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildTaxonomy, taxonomyRows } from '../../src/classify/taxonomy.js';
import { toJson } from '../../src/render/json.js';
import { loadReport } from '../../src/io/report.js';

const TAX_PATH = fileURLToPath(new URL('../../data/taxonomy.json', import.meta.url));
const report = await loadReport(fileURLToPath(new URL('../../data/cnr-sante-nouvelle-aquitaine-2022.txt', import.meta.url)));
const tax = buildTaxonomy(report);
const groups = tax.branches.flatMap((b) => b.groups);
const ideas = groups.flatMap((g) => g.ideas);

describe('taxonomy of the bundled report', () => {
  it('has 8 branches, 28 groups, 256 ideas, 73 quotes (the regional synthesis)', () => {
    expect(tax.branches.map((b) => b.id)).toEqual([
      't1.probleme',
      't1.solution',
      't2.probleme',
      't2.solution',
      't3.probleme',
      't3.solution',
      't4.probleme',
      't4.solution',
    ]);
    expect(groups.length).toBe(28);
    expect(ideas.length).toBe(256);
    expect(ideas.reduce((a, i) => a + i.quotes.length, 0)).toBe(73);
    expect(ideas.filter((i) => i.quotes.length > 0).length).toBe(29);
    expect(tax.totals).toMatchObject({ groups: 28, ideas: 256, quotes: 73 });
    expect(tax.unmatched).toEqual([]);
  });
  it('ids come from print position', () => {
    const g = tax.branches.find((b) => b.id === 't1.solution')!.groups[0]!;
    expect(g.id).toBe('t1.solution.g01');
    expect(g.label).toBe("Encourager l'installation en territoires sous-denses");
    expect(g.count).toBe(187);
    expect(g.ideas[1]!.id).toBe('t1.solution.g01.i02');
    expect(g.ideas[1]!.label).toBe("Aller vers l'obligation d'installation et limiter la durée de remplacement");
    expect(new Set([...groups, ...ideas].map((n) => n.id)).size).toBe(28 + 256);
  });
  it('the same label is a group of T1 and of T3, with two ids', () => {
    const dup = groups.filter((g) => g.label === "Améliorer l'attractivité des métiers de la santé").map((g) => g.id);
    expect(dup).toEqual(['t1.solution.g06', 't3.solution.g01']);
  });
  it('keeps the départemental wordings as aliases', () => {
    const g = groups.find((x) => x.id === 't1.probleme.g02')!;
    expect(g.label).toBe('Il faut rendre les territoires plus attractifs');
    expect(g.aliases).toEqual(['Il faut rendre plus attractifs les territoires']);
    expect(tax.totals.aliases).toBe(3);
  });
  it('flat rows: one per thématique, sujet, group and idea', () => {
    expect(taxonomyRows(tax).length).toBe(4 + tax.totals.sujets + 28 + 256);
  });
  it('data/taxonomy.json is what `cnr-synth taxonomy --format json` writes', () => {
    expect(readFileSync(TAX_PATH, 'utf8')).toBe(toJson(tax));
  });
});
