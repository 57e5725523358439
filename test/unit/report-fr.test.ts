// The HTML report says things in French and escapes everything it reads (issue 13 item 13,
// issue 14 item 5): NC participants are "non connus", statuses and audit messages are French,
// the "À revoir" ids do not wrap, a label with "<" stays text, and sections compose.
import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { audit } from '../../src/aggregate/audit.js';
import { readClassified } from '../../src/io/classified.js';
import { renderReportHtml, participantsFr } from '../../src/render/report-html.js';
import { html, raw } from '../../src/render/html.js';
import type { Report } from '../../src/model.js';
import { bundled } from '../helpers/report.js';
import { ROOT, run } from '../helpers/cli.mjs';

// Each test spawns the CLI: on a loaded 2-core machine that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const report = bundled();
const findings = audit(report);
const classified = await readClassified(join(ROOT, 'fixtures/classified/sample.ndjson'));
const page = await renderReportHtml(report, { findings, toolVersion: 't', classified });
const section = (id: string) => page.slice(page.indexOf(`id="${id}"`), page.indexOf('</section>', page.indexOf(`id="${id}"`)));

describe('French report', () => {
  it('says "participants non connus" for départements whose workshops are all NC (19, 86), never "0 participants"', () => {
    expect(page).not.toMatch(/>?\b0 participants/);
    for (const code of ['19', '86']) expect(section(`dep-${code}`)).toContain(' · participants non connus · ');
    expect(section('dep-16')).toContain(' · 121 participants (Total imprimé des comptes rendus) · ');
    expect(section('dep-33')).toContain('participants (Total imprimé des comptes rendus, non connu pour 2 ateliers)');
    expect(participantsFr([])).toBe('participants non connus');
  });
  it('keeps the ids of "À revoir" on one line', () => {
    expect(page).toContain('table.review td:first-child{white-space:nowrap}');
    expect(section('classement')).toContain('<table class="review">');
  });
  it('gives statuses and audit messages in French', () => {
    expect(section('classement')).toContain('Statuts&nbsp;: classé&nbsp;: 4 · hors grille&nbsp;: 1 · incertain&nbsp;: 1.');
    expect(section('classement')).not.toMatch(/<td>(uncertain|out_of_scheme|ok)<\/td>/);
    const a = section('audit');
    expect(a).not.toContain('lang="en"');
    expect(a).toContain('<td>Nontron\u00a0: les lignes de participants font 104 pour un Total imprimé de 105</td>');
    expect(a).toContain('hors de la période annoncée «\u00a0en novembre et décembre 2022\u00a0»');
  });
  it('can still show the audit in English (--lang en)', async () => {
    const en = await renderReportHtml(report, { findings, toolVersion: 't', lang: 'en' });
    expect(en).toContain('<span lang="en">Nontron: participants rows add up to 104 against a printed Total of 105</span>');
    const p = run(['report', '--lang', 'en']);
    expect(p.status, p.stderr).toBe(0);
    expect(p.stdout).toContain('<span lang="en">Nontron: participants rows');
  });
});

describe('escaping', () => {
  it('the html template escapes every interpolation but nested markup', () => {
    expect(String(html`<td title="${'a"b'}">${'<b>&'}${html`<i>${'<'}</i>`}${[1, '<', raw('<br>')]}</td>`)).toBe(
      '<td title="a&quot;b">&lt;b&gt;&amp;<i>&lt;</i>1&lt;<br></td>',
    );
  });
  it('a report whose labels, codes, sections and dates hold "<" gives a page with no markup from the data', async () => {
    const x: Report = structuredClone(report);
    const evil = '<b onmouseover="x">';
    x.region.synthesis.branches[0]!.groups[0]!.label = `Groupe ${evil}`;
    x.region.thematiques[0]!.title = `titre ${evil}`;
    x.departements[0]!.name = `Charente ${evil}`;
    x.departements[0]!.code = `16${evil}`;
    x.departements[0]!.section = `2.1${evil}`;
    x.workshops[0]!.section = `2.1.2${evil}`;
    x.workshops[0]!.date = `2022-11-25${evil}`;
    x.workshops[0]!.lieu = `Lieu ${evil}`;
    x.source.file = `r${evil}.txt`;
    const out = await renderReportHtml(x, { findings: audit(x), toolVersion: `1${evil}`, classified, model: { file: `m${evil}.json`, sha256: 'ab' } });
    expect(out).not.toContain('<b ');
    expect(out).toContain('Groupe &lt;b onmouseover=&quot;x&quot;&gt;');
  });
  it('composes: an extra section goes before the fingerprint, with its entry in the table of contents', async () => {
    const out = await renderReportHtml(report, {
      findings,
      toolVersion: 't',
      extraSections: [{ id: 'trace', nav: 'Traçabilité', html: html`<section id="trace"><h2>Traçabilité</h2></section>` }],
    });
    expect(out).toContain('<li><a href="#trace">Traçabilité</a></li><li><a href="#empreinte">Empreinte</a></li>');
    expect(out.indexOf('<section id="trace">')).toBeLessThan(out.indexOf('<footer id="empreinte">'));
    expect(out.indexOf('<section id="trace">')).toBeGreaterThan(out.indexOf('<section id="audit">'));
  });
});
