// The trace on the real report, in process: every verbatim once, counts within their printed
// capacities, the figures it publishes, determinism.
import { beforeAll, describe, expect, it } from 'vitest';
import { bundled } from '../helpers/report.js';
import { traceReport, type TraceRun } from '../../src/run/trace.js';
import { publishedIdeas } from '../../src/trace/trace.js';
import { buildTaxonomy } from '../../src/classify/taxonomy.js';

let run: TraceRun;
let again: TraceRun;
let single: TraceRun;
beforeAll(async () => {
  run = await traceReport(bundled(), { rounds: 2 });
  again = await traceReport(bundled(), { rounds: 2 });
  single = await traceReport(bundled(), { rounds: 0, params: { crossBranch: false, second: Infinity } });
}, 120_000);

describe('published idea rows', () => {
  it('are the 875 idea rows of the départemental syntheses, Σ 1,723, each with a scheme id', () => {
    const r = bundled();
    const p = publishedIdeas(r, buildTaxonomy(r));
    expect(p.length).toBe(875);
    expect(p.reduce((s, x) => s + x.count, 0)).toBe(1723);
    expect(new Set(p.map((x) => x.departement + x.groupId)).size).toBe(276);
    expect(p.every((x) => x.ideaId.startsWith(`${x.groupId}.i`))).toBe(true);
  });
});

describe('trace of the bundled report', () => {
  it('gives every verbatim exactly one row, in report order', () => {
    expect(run.result.rows.map((r) => r.id)).toEqual(bundled().verbatims.map((v) => v.id));
  });
  it('keeps every attributed count within its printed count, and the totals add up', () => {
    const { summary, totals, rows } = run.result;
    for (const s of summary) expect(s.attributed).toBeLessThanOrEqual(s.count);
    const counted = rows.filter((r) => r.attributed).length + rows.filter((r) => r.second).length;
    expect(summary.reduce((a, s) => a + s.attributed, 0)).toBe(counted);
    expect(totals.gap).toBe(summary.reduce((a, s) => a + Math.abs(s.attributed - s.count), 0));
    expect(totals.printed).toBe(1723);
    expect(totals.notCounted + rows.filter((r) => r.attributed).length).toBe(1918);
    // A measured goal of the issue: the gap stays under 0.15 of the printed counts.
    expect(totals.gapRatio).toBeLessThan(0.15);
  });
  it('attributes within the département, with labels as printed there', () => {
    const r = bundled();
    const printed = new Map(
      r.departements.map((d) => [d.code, new Set(d.synthesis.branches.flatMap((b) => b.groups.flatMap((g) => g.ideas.map((i) => i.printed))))]),
    );
    for (const row of run.result.rows) {
      for (const a of [row.attributed, row.second]) if (a) expect(printed.get(row.departement)!.has(a.idea)).toBe(true);
      if (row.second) expect(row.second.ideaId).not.toBe(row.attributed!.ideaId);
      expect(row.status === 'counted').toBe(row.attributed !== null);
      expect(row.margin).toBeGreaterThanOrEqual(0);
      expect(row.confidence).toBeGreaterThanOrEqual(0.5);
      expect(row.confidence).toBeLessThanOrEqual(1);
    }
  });
  it('is deterministic', () => {
    expect(JSON.stringify(again.result)).toBe(JSON.stringify(run.result));
  });
  it('without cross-branch and second ideas, each verbatim stays in its heading branch, counted once', () => {
    for (const row of single.result.rows) {
      expect(row.second).toBeNull();
      if (row.attributed) expect(row.attributed.groupId.startsWith(`t${row.thematique}.${row.kind}.`)).toBe(true);
    }
    // Where a branch has at least as many bullets as printed entries, its counts are met exactly.
    const r = bundled();
    const bullets = new Map<string, number>();
    for (const v of r.verbatims)
      bullets.set(`${v.departement}|${v.thematique}|${v.kind}`, (bullets.get(`${v.departement}|${v.thematique}|${v.kind}`) ?? 0) + 1);
    const printed = new Map<string, number>();
    for (const s of single.result.summary)
      printed.set(`${s.departement}|${s.thematique}|${s.kind}`, (printed.get(`${s.departement}|${s.thematique}|${s.kind}`) ?? 0) + s.count);
    let checked = 0;
    for (const [k, p] of printed) {
      if ((bullets.get(k) ?? 0) < p) continue;
      const got = single.result.summary.filter((s) => `${s.departement}|${s.thematique}|${s.kind}` === k).reduce((a, s) => a + s.attributed, 0);
      expect(got, k).toBe(p);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('the HTML section of report --trace', () => {
  it('opens each published count onto its traced verbatims, each verbatim once (twice with a second idea)', async () => {
    const { traceSectionHtml } = await import('../../src/render/report-trace.js');
    const r = bundled();
    const html = traceSectionHtml(
      run.result,
      r.departements.map((d) => ({ code: d.code, name: d.name })),
      new Map(r.verbatims.map((v) => [v.id, v.text])),
    );
    expect(html.match(/<details class="tr-dep"/g)!.length).toBe(12);
    const notCountedLists = run.result.rows.some((x) => !x.attributed)
      ? new Set(run.result.rows.filter((x) => !x.attributed).map((x) => x.departement)).size
      : 0;
    expect(html.match(/<details class="tr-idea"/g)!.length).toBe(875 + notCountedLists);
    const items = [...html.matchAll(/<span class="tr-ref">(2\.[\d.]+-\d[ps]-\d+) · l\.\u00a0(\d+)<\/span>/g)];
    expect(items.length).toBe(1918 + run.result.totals.second);
    const line = new Map(r.verbatims.map((v) => [v.id, v.prov.line]));
    expect(items.every((m) => line.get(m[1]!) === Number(m[2]))).toBe(true);
    expect(html).toContain('Le nombre de professionnels de santé sur le territoire est insuffisant');
    expect(html).not.toMatch(/<script/);
  });
});
