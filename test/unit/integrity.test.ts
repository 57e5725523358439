// Never misread in silence: the published sums are checked after every ingest (src/ingest/integrity.ts)
// and a break is said on stderr by every command that reads a report (exit 1 with --strict).
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkIntegrity, integrityWarning } from '../../src/ingest/integrity.js';
import { audit } from '../../src/aggregate/audit.js';
import { bundled, parseText, REPORT_TEXT } from '../helpers/report.js';
import { run, tempDir } from '../helpers/cli.mjs';

/** The bundled text with one line replaced (1-based line number; the old text must be there). */
function edit(lineNo: number, from: string, to: string): string {
  const lines = REPORT_TEXT.split('\n');
  expect(lines[lineNo - 1]).toContain(from);
  lines[lineNo - 1] = lines[lineNo - 1]!.replace(from, to);
  return lines.join('\n');
}
// A misread idea count: "… la possibilité de choisir 23" read as 24 (regional synthesis, 1.2.2).
const MISREAD = edit(148, 'choisir  23', 'choisir  24');
// A sujets table lost: its header line not recognised.
const NO_SUJETS = edit(128, 'Problématiques Nombre', 'Problématiques');

describe('checkIntegrity', () => {
  it('holds on the bundled report', () => {
    expect(checkIntegrity(bundled())).toEqual({
      groupSums: 0,
      emptyGroups: 0,
      regionSums: 0,
      missingSujets: 0,
      missingDepartements: 0,
      contributions: 0,
      emptyWorkshops: 0,
      unmatchedLabels: 0,
      structure: 0,
      structureLines: [],
      total: 0,
    });
    expect(integrityWarning('r.txt', checkIntegrity(bundled()))).toBeNull();
  });
  it('counts one misread idea twice: its group sum and its région sum', () => {
    const c = checkIntegrity(parseText(MISREAD));
    expect(c).toEqual({
      groupSums: 1,
      emptyGroups: 0,
      regionSums: 1,
      missingSujets: 0,
      missingDepartements: 0,
      contributions: 0,
      emptyWorkshops: 0,
      unmatchedLabels: 0,
      structure: 0,
      structureLines: [],
      total: 2,
    });
    // audit reports the same breaks (one definition of each sum).
    const codes = audit(parseText(MISREAD)).filter((f) => f.code === 'group-ideas-sum' || f.code === 'region-departements-sum');
    expect(codes.map((f) => [f.code, f.expected, f.found])).toEqual([
      ['group-ideas-sum', 93, 94],
      ['region-departements-sum', 24, 23],
    ]);
  });
  it('counts a group with no idea: ideas read as groups (review 9, S1)', () => {
    // Every idea of one group read as a group ("Comment organiser le territoire ?": 2 ideas).
    const lines = REPORT_TEXT.split('\n');
    const g = lines.findIndex((l) => l.startsWith('Comment organiser le territoire ?'));
    expect(g).toBeGreaterThan(0);
    for (let i = g + 1; i < lines.length && !/^\S/.test(lines[i]!); i++) lines[i] = lines[i]!.replace(/^\s+(?=\S)/, '');
    const r = parseText(lines.join('\n'));
    const c = checkIntegrity(r);
    expect(c.emptyGroups).toBeGreaterThan(0);
    expect(integrityWarning('r.txt', c)).toMatch(/groups? with no idea/);
    const f = audit(r).filter((x) => x.code === 'group-no-ideas');
    expect(f.length).toBe(c.emptyGroups);
    expect(f[0]).toMatchObject({ severity: 'error', section: '1' });
  });
  it('counts a contributions table that does not add up: a row lost, or its Total row lost (review 9, S4)', () => {
    // Thématique 1's "908 50%" lost (a count vertically centred beside a 3-line label, not joined).
    const lines = REPORT_TEXT.split('\n');
    const k = lines.findIndex((l) => /^908 50%/.test(l));
    expect(k).toBeGreaterThan(0);
    const lost = parseText([...lines.slice(0, k), ...lines.slice(k + 1)].join('\n'));
    const c = checkIntegrity(lost);
    expect(c).toMatchObject({ contributions: 1, total: 1 });
    expect(integrityWarning('r.txt', c)).toMatch(/1 of the report's published sums and tables do not hold \(contributions ≠ Total\)/);
    expect(audit(lost).filter((x) => x.code === 'contributions-total')).toMatchObject([{ severity: 'error', expected: 1811, found: 903 }]);
    const t = lines.findIndex((l) => /^Total\s+1 811/.test(l));
    expect(t).toBeGreaterThan(k);
    const noTotal = parseText([...lines.slice(0, t), ...lines.slice(t + 1)].join('\n'));
    expect(checkIntegrity(noTotal)).toMatchObject({ contributions: 1, total: 1 });
    expect(audit(noTotal).filter((x) => x.code === 'contributions-total')).toMatchObject([{ expected: null, found: 1811 }]);
  });
  it('reads a contributions count and percent at the end of the label line (a PDF row joined onto its count)', () => {
    const lines = REPORT_TEXT.split('\n');
    const k = lines.findIndex((l) => /^908 50%/.test(l));
    const label = lines.slice(k - 4, k - 1).map((l) => l.trim());
    expect(label[0]).toMatch(/^Thématique 1 :/);
    const joined = [...lines.slice(0, k - 4), `${label.join(' ')} 908 50%`, ...lines.slice(k + 1)].join('\n');
    const r = parseText(joined);
    expect(r.region.contributions.map((c) => [c.thematique, c.count, c.percent])).toEqual([
      [1, 908, 50],
      [2, 345, 19],
      [3, 243, 13],
      [4, 315, 17],
    ]);
    expect(checkIntegrity(r).contributions).toBe(0);
  });
  it('counts a workshop report with thématique headings and no verbatim read (review 9, 2b)', () => {
    // Bergerac's report (2.5.2, lines 4305–4466) with its items set at column 0: no item is seen.
    const lines = REPORT_TEXT.split('\n');
    expect(lines[4304]).toMatch(/2\.5\.2 Bergerac/);
    for (let i = 4305; i < 4466; i++) lines[i] = lines[i]!.replace(/^\s*(?:-\s+)?(?=\S)/, '');
    const r = parseText(lines.join('\n'));
    expect(r.verbatims.filter((v) => v.workshop === '2.5.2')).toHaveLength(0);
    const c = checkIntegrity(r);
    expect(c).toMatchObject({ emptyWorkshops: 1, total: 1 });
    expect(integrityWarning('r.txt', c)).toMatch(/\(1 workshop report with no verbatim\)/);
    expect(audit(r).filter((x) => x.code === 'workshop-no-verbatims')).toMatchObject([{ severity: 'error', section: '2.5.2', detail: { title: 'Bergerac' } }]);
    expect(bundled().notes.filter((n) => n.code === 'workshop-no-verbatims')).toHaveLength(0);
  });
  it('counts a missing sujets table', () => {
    expect(checkIntegrity(parseText(NO_SUJETS))).toMatchObject({ missingSujets: 1, total: 1 });
  });
  it('counts a département of the regional table whose section is missing', () => {
    const lines = REPORT_TEXT.split('\n');
    const start = lines.findIndex((l) => /^\s*2\.12 /.test(l));
    expect(start).toBeGreaterThan(0);
    const cut = parseText(lines.slice(0, start).join('\n'));
    const c = checkIntegrity(cut);
    expect(c.missingDepartements).toBe(1);
    expect(c.regionSums).toBeGreaterThan(0); // Haute-Vienne's rows are missing from the sums too
  });
  it('checks a one-département fragment for its group sums only', () => {
    const lines = REPORT_TEXT.split('\n');
    const fragment = parseText(lines.slice(1289, 2060).join('\n'));
    expect(fragment.departements).toHaveLength(1);
    expect(checkIntegrity(fragment).total).toBe(0);
  });
  it('says it in one line naming the file and pointing to audit', () => {
    const w = integrityWarning('my report.pdf', checkIntegrity(parseText(MISREAD)));
    expect(w).toBe(
      'my report.pdf: warning: 2 of the report\'s published sums and tables do not hold (1 group ≠ Σ ideas, 1 région ≠ Σ départements): the numbers read are wrong somewhere; run "cnr-synth audit "my report.pdf"" to see where',
    );
  });
});

describe('the CLI warns on a misread report, refuses it with --strict, and is silent on a good one', () => {
  let dir: string;
  let broken: string;
  beforeAll(() => {
    dir = tempDir('cnr-integrity-');
    broken = join(dir, 'broken.txt');
    writeFileSync(broken, MISREAD);
  });
  it('bundled report: nothing on stderr', () => {
    const r = run(['tables', '--format', 'ndjson']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
  it.each([
    ['tables', '--format', 'ndjson'],
    ['ingest', '--format', 'ndjson'],
    ['classify', '--format', 'ndjson'],
  ])('%s: one warning line, exit 0, output written', (cmd, ...args) => {
    // the file is given as an absolute path: messages name its base name, as every message does
    const r = run([cmd, broken, ...args, ...(cmd === 'classify' ? ['--input', 'report'] : [])]);
    expect(r.stderr).toBe(
      `cnr-synth: broken.txt: warning: 2 of the report's published sums and tables do not hold (1 group ≠ Σ ideas, 1 région ≠ Σ départements): the numbers read are wrong somewhere; run "cnr-synth audit broken.txt" to see where\n`,
    );
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
  });
  it('--strict: exit 1, the same line, no output file', () => {
    const out = join(dir, 'rows.csv');
    const r = run(['--strict', 'tables', broken, '--format', 'csv', '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`broken.txt: 2 of the report's published sums`);
    expect(r.stderr).toContain('(--strict)');
    expect(existsSync(out)).toBe(false);
    expect(run(['--strict', 'tables', '--format', 'ndjson']).status).toBe(0);
  });
  it("a PDF's text dump (page breaks) misread: the warning says to give the PDF itself; a dump read right says nothing", () => {
    // pdftotext writes a form feed at each page; a dump whose bullets were lost (no leading space
    // on the ideas) reads ideas as groups.
    const pages = (text: string) =>
      text
        .split('\n')
        .map((l, i) => (i > 0 && i % 70 === 0 ? `\f${l}` : l))
        .join('\n');
    const dump = join(dir, 'dump.txt');
    writeFileSync(
      dump,
      pages(
        REPORT_TEXT.split('\n')
          .map((l) => l.trimStart())
          .join('\n'),
      ),
    );
    const breaks = Math.floor((REPORT_TEXT.split('\n').length - 1) / 70);
    const r = run(['tables', dump, '--format', 'ndjson']);
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`this text has ${breaks} page breaks:`);
    expect(r.stderr).toMatch(
      /dump\.txt: warning: \d+ of the report's published sums and tables do not hold \(.*\): the numbers read are wrong somewhere; this text has \d+ page breaks: a PDF's text dump \(pdftotext, …\) loses the bullets and indentation the tables are read from; give the PDF itself \("cnr-synth tables FILE\.pdf"\), or run "cnr-synth audit .*dump\.txt" to see where\n$/,
    );
    // The same dump without page breaks: the usual advice only.
    writeFileSync(
      dump,
      REPORT_TEXT.split('\n')
        .map((l) => l.trimStart())
        .join('\n'),
    );
    expect(run(['tables', dump, '--format', 'ndjson']).stderr).not.toContain('page breaks');
    // Page breaks alone change nothing: the bundled text with them reads exactly, in silence.
    writeFileSync(dump, pages(REPORT_TEXT));
    const good = run(['tables', dump, '--format', 'ndjson']);
    expect(good.stderr).toBe('');
    expect(good.stdout.split('\n').filter(Boolean)).toHaveLength(1527);
  });
  it('audit reports the breaks as findings, without the warning line', () => {
    const r = run(['audit', broken, '--format', 'json']);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('warning: 2 of');
    expect(r.stdout).toContain('group-ideas-sum');
  });
});
