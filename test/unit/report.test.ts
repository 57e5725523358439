// The HTML report without a browser: self-contained, the real numbers, deterministic bytes,
// every chart drawn, the classified section from a synthetic classify NDJSON.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { audit } from '../../src/aggregate/audit.js';
import { compareClassified, periodFr, reportData } from '../../src/aggregate/report-data.js';
import { readClassified, toClassifiedRecord } from '../../src/io/classified.js';
import { sha256 } from '../../src/io/files.js';
import { renderReportHtml } from '../../src/render/report-html.js';
import { esc } from '../../src/render/html.js';
import { frNumber, frPercent } from '../../src/render/french.js';
import { inlineSvg, wrapLabel } from '../../src/render/charts.js';
import { InputError } from '../../src/errors.js';
import { bundled } from '../helpers/report.js';
import { ROOT, run } from '../helpers/cli.mjs';

const FIXTURE = 'fixtures/classified/sample.ndjson';

const report = bundled();
const findings = audit(report);
const warnings: string[] = [];
const html = await renderReportHtml(report, { findings, toolVersion: '0.0.0-test', onChartWarning: (c, m) => warnings.push(`${c}: ${m}`) });
const classified = await readClassified(join(ROOT, FIXTURE));
const htmlCls = await renderReportHtml(report, { findings, toolVersion: '0.0.0-test', classified, model: { file: 'model.json', sha256: 'ab'.repeat(32) } });

/** The inline SVGs, with the figure id they belong to. */
function charts(page: string): Array<{ id: string; svg: string }> {
  return [...page.matchAll(/<figure class="chart" id="([^"]+)">\s*<div class="svg">(<svg[\s\S]*?<\/svg>)<\/div>/g)].map((m) => ({ id: m[1]!, svg: m[2]! }));
}

describe('report.html on the bundled report', () => {
  it('is one French page with no URL, no external resource and no script but the print helper', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="fr">')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\s(src|srcset|data)=|<link\b|<img\b|<iframe\b|<object\b|url\((?!#)|@import/i);
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script>']);
    expect(html).not.toContain(ROOT);
    expect(html).not.toMatch(/\/tmp\/|\/home\/|\/work\//);
    expect(Buffer.byteLength(html)).toBeLessThan(2 * 1024 * 1024);
  });

  it('has the real numbers: 1 811 contributions, 908 for T1, the group "Encourager l\'installation…" at 187', () => {
    expect(html).toContain('<dd>1\u00a0811</dd>');
    expect(html).toMatch(/<td>T1 · donner à tous[^<]*<\/td><td class="n">908<\/td><td class="n">50\u00a0%<\/td><td class="n">50,14\u00a0%<\/td>/);
    expect(html).toContain(
      '<details class="group" id="t1-solution-g01">\n<summary><span class="label">Encourager l&#39;installation en territoires sous-denses</span> <span class="count">187</span> <span class="pct">25,4\u00a0%</span></summary>',
    );
    // Its ideas and their "Ex" quotes are inside the details.
    const group = html.slice(html.indexOf('id="t1-solution-g01"'), html.indexOf('</details>', html.indexOf('id="t1-solution-g01"')));
    expect(group).toContain('<td class="n">51</td><td class="n">27,3\u00a0%</td>');
    expect(group).toContain('Ex\u00a0: «\u00a0aller vers la territorialisation de l’action (EPCI)');
    // Problèmes vs solutions: Σ of the regional groups.
    expect(html).toContain('<dd class="kpi-probleme">334</dd>');
    expect(html).toContain('<dd class="kpi-solution">1\u00a0389</dd>');
  });

  it('draws every chart as an inline SVG with marks, ids prefixed per chart, and a table under it', () => {
    const cs = charts(html);
    expect(cs.map((c) => c.id)).toEqual([
      'chart-contributions',
      'chart-kinds',
      'chart-t1-probleme',
      'chart-t1-solution',
      'chart-t2-probleme',
      'chart-t2-solution',
      'chart-t3-probleme',
      'chart-t3-solution',
      'chart-t4-probleme',
      'chart-t4-solution',
      'chart-heatmap',
    ]);
    for (const c of cs) {
      expect((c.svg.match(/<(rect|path)\b/g) ?? []).length, c.id).toBeGreaterThan(0);
      expect(c.svg, c.id).toMatch(/font-family="system-ui, -apple-system/);
      expect(c.svg.startsWith(`<svg role="img" aria-labelledby="${c.id}-caption"`), c.id).toBe(true);
      expect(html, c.id).toContain(`<figcaption id="${c.id}-caption">`);
      for (const m of c.svg.matchAll(/\sid="([^"]+)"/g)) expect(m[1]!.startsWith(`${c.id}-`), c.id).toBe(true);
      expect(c.svg, c.id).not.toMatch(/\b(id|href)="(clip|gradient_)\d/);
      const after = html.slice(html.indexOf(`id="${c.id}"`));
      expect(after.indexOf('<details class="data">'), c.id).toBeLessThan(after.indexOf('</figure>') + 20);
      expect(after.indexOf('<table'), c.id).toBeLessThan(after.indexOf('</details>'));
    }
    // One bar per regional group, in the T1 solutions chart (8 groups) — marks are real data.
    const t1s = cs.find((c) => c.id === 'chart-t1-solution')!.svg;
    expect(t1s.match(/role-mark[^"]*" role="graphics-object" aria-roledescription="rect mark container"/)).not.toBeNull();
    expect(warnings).toEqual([]);
  });

  it('says what the heatmap counts, and each département row adds up to 100,0 %', () => {
    expect(html).toContain('Ce qui est compté&nbsp;: pour chaque département, la somme des effectifs des groupes de sa synthèse départementale');
    const data = reportData(report);
    expect(data.heatmap).toHaveLength(12);
    for (const r of data.heatmap) expect(Math.round(r.cells.reduce((a, c) => a + (c.share ?? 0), 0) * 10) / 10).toBe(100);
    expect(data.heatmap.find((r) => r.code === '40')!.cells[0]).toMatchObject({ count: 127, share: 87.6 });
  });

  it('lists each département with its workshops: place, date, participants; a missing report is flagged', () => {
    expect(html).toContain('<section id="dep-87" class="departement">');
    const hv = html.slice(html.indexOf('id="dep-87"'), html.indexOf('</section>', html.indexOf('id="dep-87"')));
    expect(hv).toContain('Châteauneuf-La-Forêt <span class="flag">pas de compte rendu</span>');
    expect(hv).toContain('<time datetime="2022-12-02">02 décembre 2022</time>');
    expect(hv).toContain('<strong>42</strong>');
    expect(html).toContain('organisés en novembre et décembre 2022');
  });

  it('lists the audit findings with their lines', () => {
    expect(html).toContain('5 erreurs, 16 avertissements, 28 informations');
    expect(html).toMatch(
      /<td><code>participants-total<\/code><\/td><td>2\.5\.4<\/td><td>l\.\u00a04694, 4706<\/td><td>Nontron\u00a0: les lignes de participants font 104 pour un Total imprimé de 105<\/td>/,
    );
    expect((html.match(/<td><code>[a-z-]+<\/code><\/td>/g) ?? []).length).toBe(findings.length);
  });

  it('carries the run fingerprint and no date', () => {
    expect(html).toContain('<dd>cnr-synth 0.0.0-test</dd>');
    expect(html).toContain(`<dd><code>${report.source.sha256}</code></dd>`);
    expect(html).not.toMatch(/20[2-9]\d-\d\d-\d\dT\d\d:/);
    expect(html).not.toContain('id="classement"');
  });

  it('is byte-identical when rendered twice in one process (chart ids do not drift)', async () => {
    expect(await renderReportHtml(report, { findings, toolVersion: '0.0.0-test' })).toBe(html);
  });
});

describe('report.html with --classified (synthetic classify NDJSON)', () => {
  it('reads the classify records, the input columns kept aside', () => {
    expect(classified.records).toHaveLength(6);
    expect(classified.records[0]).toMatchObject({
      id: 'v-001',
      thematique: { n: 1, id: 't1' },
      kind: { id: 'probleme' },
      group: { id: 't1.probleme.g02' },
      needs_review: false,
      status: 'ok',
      extra: { commune: 'Guéret', atelier: '2.4.2' },
      line: 1,
    });
    expect(classified.records[4]!.thematique!.n).toBe(4);
    expect(classified.sha256).toBe(sha256(readFileSync(join(ROOT, FIXTURE))));
  });

  it('compares published and classified counts per branch and group', () => {
    const cls = compareClassified(reportData(report), classified.records);
    expect(cls).toMatchObject({ total: 6, needsReview: 3, unclassified: 0 });
    expect(cls.statuses).toEqual([
      { status: 'ok', count: 4 },
      { status: 'out_of_scheme', count: 1 },
      { status: 'uncertain', count: 1 },
    ]);
    expect(cls.branches.find((b) => b.id === 't1-solution')).toMatchObject({ published: 735, classified: 2, classifiedOther: 0 });
    expect(cls.branches.find((b) => b.id === 't4-solution')).toMatchObject({ classified: 1, classifiedOther: 1 });
    expect(cls.groups.find((g) => g.id === 't1-solution-g01')).toMatchObject({ published: 187, publishedPercent: 25.4, classified: 2, classifiedPercent: 100 });
    expect(cls.groups.find((g) => g.label === 'Les urgences sont engorgées')).toMatchObject({ published: 16, classified: 1 });
  });

  it('shows the counts side by side, the items to review (escaped) and the fingerprint', () => {
    expect(htmlCls).toContain('<section id="classement">');
    expect(charts(htmlCls).map((c) => c.id)).toContain('chart-classified');
    expect(htmlCls).toContain('<h3 id="a-revoir">À revoir (3)</h3>');
    const review = htmlCls.slice(htmlCls.indexOf('id="a-revoir"'));
    expect(review).toContain('<code>v-003</code>');
    expect(review).toContain('Créer des maisons de santé &lt;pluri-professionnelles&gt; &amp; des centres');
    expect(review).toContain('<code>v-006</code>');
    expect(review).not.toContain('<code>v-001</code>');
    expect(htmlCls).toContain(`<dd><code>${classified.sha256}</code></dd>`);
    expect(htmlCls).toContain(`<dd><code>${'ab'.repeat(32)}</code></dd>`);
    expect(htmlCls).not.toMatch(/https?:\/\//);
  });

  it('names the line of a record that is not a classify record', () => {
    expect(() => toClassifiedRecord({ id: 'x' }, 'c.ndjson', 7)).toThrow(InputError);
    expect(() => toClassifiedRecord({ id: 'x' }, 'c.ndjson', 7)).toThrow(/expected "id" and "text"/);
    expect(() => toClassifiedRecord({ id: 'x', text: 't', thematique: { id: 't9' } }, 'c.ndjson', 3)).toThrow(/unknown thématique id "t9"/);
    expect(() => toClassifiedRecord({ id: 'x', text: 't', kind: { id: 'maybe' } }, 'c.ndjson', 3)).toThrow(/unknown kind/);
  });
});

describe('report helpers', () => {
  it('formats numbers the French way', () => {
    expect(frNumber(1811)).toBe('1\u00a0811');
    expect(frNumber(1234567.891, 2)).toBe('1\u00a0234\u00a0567,89');
    expect(frNumber(-5)).toBe('−5');
    expect(frPercent(25.4)).toBe('25,4\u00a0%');
    expect(frPercent(null)).toBe('—');
    expect(esc(`<a href="x">l'été & co</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;');
    expect(periodFr([11, 12], 2022)).toBe('en novembre et décembre 2022');
    expect(periodFr([10, 11, 12], 2022)).toBe('en octobre, novembre et décembre 2022');
  });
  it('wraps long labels on word boundaries, at most 3 lines', () => {
    expect(wrapLabel("Encourager l'installation en territoires sous-denses", 30)).toEqual(["Encourager l'installation en", 'territoires sous-denses']);
    expect(wrapLabel('a '.repeat(100), 10, 2)).toHaveLength(2);
    expect(wrapLabel('a '.repeat(100), 10, 2)[1]!.endsWith('…')).toBe(true);
  });
  it('prefixes the ids of an SVG and drops its namespaces', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1"><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"/><clipPath id="clip10"/><g clip-path="url(#clip10)"/></svg>';
    expect(inlineSvg(svg, 'c')).toBe(
      '<svg><clipPath id="c-clip1"><rect/></clipPath><g clip-path="url(#c-clip1)"/><clipPath id="c-clip10"/><g clip-path="url(#c-clip10)"/></svg>',
    );
  });
});

describe('cnr-synth report (CLI)', () => {
  it('writes the same bytes on two runs, with the classified section and the model hash', () => {
    const a = run(['report', '--classified', FIXTURE, '--model', 'package.json']);
    const b = run(['report', '--classified', FIXTURE, '--model', 'package.json']);
    expect(a.status, a.stderr).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain(`<dd><code>${FIXTURE}</code> · 6 verbatims</dd>`);
    expect(a.stdout).toContain(`<dd><code>${sha256(readFileSync(join(ROOT, 'package.json')))}</code></dd>`);
  }, 30_000);
  it('a missing --classified file is an input error: exit 2, one line', () => {
    const r = run(['report', '--classified', 'nope.ndjson']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('cnr-synth: nope.ndjson: no such file (check the path)\n');
  }, 30_000);
});
