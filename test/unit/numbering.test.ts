// A damaged numbering (a heading lost, mistyped or repeated; a page lost) is read on and said:
// never sections dropped after a gap, never a workshop run into the one before, in silence.
// Each damaged input is made here from the bundled report (src/ingest/sections.ts, integrity.ts).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkIntegrity } from '../../src/ingest/integrity.js';
import { audit } from '../../src/aggregate/audit.js';
import { message } from '../../src/render/findings.js';
import { publishedRows } from '../../src/aggregate/tables.js';
import type { Report } from '../../src/model.js';
import { bundled, parseText, REPORT_TEXT } from '../helpers/report.js';
import { run, tempDir } from '../helpers/cli.mjs';

vi.setConfig({ testTimeout: 60_000 });

const LINES = REPORT_TEXT.split('\n');
/** Line `n` (1-based) of the bundled text, checked to hold `text`. */
function at(n: number, text: string): number {
  expect(LINES[n - 1]).toContain(text);
  return n;
}
/** The bundled text without lines `from`..`to` (1-based, inclusive). */
const without = (from: number, to = from): string => [...LINES.slice(0, from - 1), ...LINES.slice(to)].join('\n');
/** The bundled text with line `n` changed. */
function replaced(n: number, from: string, to: string): string {
  at(n, from);
  return LINES.map((l, i) => (i === n - 1 ? l.replace(from, to) : l)).join('\n');
}

const STRUCTURE = new Set(['section-sequence', 'section-heading-missing', 'section-repeated', 'workshop-thematique-order', 'label-unmatched']);
const findings = (r: Report) =>
  audit(r)
    .filter((f) => STRUCTURE.has(f.code))
    .map((f) => ({ code: f.code, section: f.section, lines: f.lines, expected: f.expected, found: f.found }));
const verbatimsBy = (r: Report): Map<string, number> => {
  const m = new Map<string, number>();
  for (const v of r.verbatims) m.set(v.workshop, (m.get(v.workshop) ?? 0) + 1);
  return m;
};
/** The `tables` rows without their provenance. */
const rows = (r: Report) => publishedRows(r).map(({ line: _l, page: _p, ...rest }) => rest);

const real = bundled();
const realCounts = verbatimsBy(real);
/** Every workshop but `except` has the verbatims it has in the bundled report. */
function othersUnchanged(r: Report, except: string[]): void {
  const got = verbatimsBy(r);
  for (const [w, n] of realCounts) if (!except.includes(w)) expect([w, got.get(w)]).toEqual([w, n]);
}

// Dordogne (2.5): 2.5.1 Synthèse départementale, 2.5.2 Bergerac (4305), 2.5.3 Les Eyzies (4467),
// 2.5.4 Nontron (4680), 2.5.5 Périgueux (4950); each report opens "Présentation de l'atelier",
// "Lieu :", "Jour :" (Bergerac: 4307, 4309, 4311).
const BERGERAC = at(4305, '2.5.2 Bergerac');
const EYZIES = at(4467, '2.5.3 Les Eyzies');
at(4307, 'Présentation de l’atelier');

describe('the bundled report', () => {
  it('has no numbering note and no structure finding', () => {
    expect(real.notes).toEqual([]);
    expect(findings(real)).toEqual([]);
    expect(checkIntegrity(real).total).toBe(0);
    expect(real.workshops).toHaveLength(46);
    expect(real.verbatims).toHaveLength(1918);
  });
});

describe('a damaged numbering is read on and said', () => {
  it('a workshop heading lost: the report is found by its first line and read as 2.5.2', () => {
    const r = parseText(without(BERGERAC));
    // "Présentation de l'atelier" is line 4306 once line 4305 is gone.
    expect(findings(r)).toEqual([{ code: 'section-heading-missing', section: '2.5.2', lines: [4306], expected: '2.5.2', found: null }]);
    expect(r.workshops).toHaveLength(46);
    expect(r.workshops.find((w) => w.section === '2.5.2')).toMatchObject({ title: 'Bergerac', lieu: 'Bergerac', departement: '24' });
    expect(r.verbatims).toHaveLength(1918);
    othersUnchanged(r, []);
    expect(rows(r)).toEqual(rows(real)); // no "Lieu : Bergerac Jour : …" row with a count of 2022
    expect(checkIntegrity(r)).toMatchObject({ structure: 1, structureLines: [4306], total: 1 });
  });
  it('the heading and "Présentation de l\'atelier" lost: the report starts at "Lieu :", not in the synthesis', () => {
    const r = parseText(without(BERGERAC, BERGERAC + 2));
    expect(findings(r)).toEqual([{ code: 'section-heading-missing', section: '2.5.2', lines: [4306], expected: '2.5.2', found: null }]);
    expect(r.verbatims).toHaveLength(1918);
    expect(rows(r)).toEqual(rows(real));
  });
  it('a mistyped number (2.5.6 for 2.5.3): still a heading, said, nothing merged into Bergerac', () => {
    const r = parseText(replaced(EYZIES, '2.5.3 Les Eyzies', '2.5.6 Les Eyzies'));
    expect(findings(r)).toEqual([{ code: 'section-sequence', section: '2.5.6', lines: [4467], expected: '2.5.3', found: '2.5.6' }]);
    expect(r.notes[0]!.message).toBe('section 2.5.6 follows 2.5.2 (line 4467): a heading is missing or misnumbered (2.5.3 expected)');
    // Les Eyzies keeps its printed number; 2.5.4 after it follows the place's number (2.5.3): no second note.
    expect(verbatimsBy(r).get('2.5.6')).toBe(realCounts.get('2.5.3'));
    othersUnchanged(r, ['2.5.3']);
    expect(r.verbatims).toHaveLength(1918);
    expect(r.workshops.map((w) => w.section).filter((s) => s.startsWith('2.5.'))).toEqual(['2.5.2', '2.5.6', '2.5.4', '2.5.5']);
  });
  it('a duplicate number (2.5.2 twice): read as 2.5.3, so the verbatim ids stay unique and unchanged', () => {
    const r = parseText(replaced(EYZIES, '2.5.3 Les Eyzies', '2.5.2 Les Eyzies'));
    expect(findings(r)).toEqual([{ code: 'section-sequence', section: '2.5.3', lines: [4467], expected: '2.5.3', found: '2.5.2' }]);
    expect(r.verbatims.map((v) => v.id)).toEqual(real.verbatims.map((v) => v.id));
  });
  it('N7: a workshop block pasted twice: one finding, the copy not read, the workshops after it keep their numbers', () => {
    const block = LINES.slice(BERGERAC - 1, EYZIES - 1);
    const r = parseText([...LINES.slice(0, EYZIES - 1), ...block, ...LINES.slice(EYZIES - 1)].join('\n'));
    expect(findings(r)).toEqual([{ code: 'section-repeated', section: '2.5.2', lines: [4305, 4467], expected: null, found: '2.5.2' }]);
    expect(r.notes.map((n) => n.message)).toEqual([
      'section 2.5.2 "Bergerac" appears twice (lines 4305 and 4467): a block pasted twice? (the second is not read)',
    ]);
    // audit words it in its one renderer, in English and in French
    const f = audit(r).find((x) => x.code === 'section-repeated')!;
    expect(message(f)).toBe('section 2.5.2 "Bergerac" appears twice (lines 4305 and 4467): a block pasted twice? (the second is not read)');
    expect(message(f, 'fr')).toBe(
      'la section 2.5.2 «\u00a0Bergerac\u00a0» apparaît deux fois (lignes 4305 et 4467)\u00a0: un bloc collé deux fois\u00a0? (le second n’est pas lu)',
    );
    expect(r.workshops.filter((w) => w.section.startsWith('2.5.')).map((w) => `${w.section} ${w.title}`)).toEqual([
      '2.5.2 Bergerac',
      '2.5.3 Les Eyzies',
      '2.5.4 Nontron',
      '2.5.5 Périgueux',
    ]);
    expect(r.verbatims.map((v) => v.id)).toEqual(real.verbatims.map((v) => v.id));
    expect(rows(r)).toEqual(rows(real));
    expect(checkIntegrity(r)).toMatchObject({ structure: 1, structureLines: [4467], total: 1 });
  });
  it('N7: a heading repeated over different text is a misnumbered heading, read (not a pasted block)', () => {
    const r = parseText(replaced(EYZIES, '2.5.3 Les Eyzies', '2.5.2 Bergerac'));
    expect(findings(r)).toEqual([{ code: 'section-sequence', section: '2.5.3', lines: [4467], expected: '2.5.3', found: '2.5.2' }]);
    expect(r.verbatims.map((v) => v.id)).toEqual(real.verbatims.map((v) => v.id));
  });
  it('a heading gap at the département level (2.6 printed 2.7): said once, the sections after it kept', () => {
    const dep = at(5151, '2.6 Gironde (33)');
    const r = parseText(replaced(dep, '2.6 Gironde', '2.7 Gironde'));
    expect(findings(r)).toEqual([{ code: 'section-sequence', section: '2.7', lines: [5151], expected: '2.6', found: '2.7' }]);
    expect(r.departements).toHaveLength(12);
    expect(r.verbatims).toHaveLength(1918);
    expect(rows(r)).toEqual(rows(real));
  });
  it('a page lost across two reports (heading, first lines): the run-together and the gap after it are said', () => {
    // Lines 4650–4709: the end of Les Eyzies, the heading and first 30 lines of Nontron.
    at(4680, '2.5.4 Nontron');
    const r = parseText(without(4650, 4709));
    expect(findings(r)).toEqual([
      // Périgueux (4950 → 4890) follows 2.5.3
      { code: 'section-sequence', section: '2.5.5', lines: [4890], expected: '2.5.4', found: '2.5.5' },
      // Nontron's "Thématique 1" (4781 → 4721) after Les Eyzies' "Thématique 4" (4640)
      { code: 'workshop-thematique-order', section: '2.5.3', lines: [4640, 4721], expected: 'Thématique > 4', found: 'Thématique 1' },
    ]);
    othersUnchanged(r, ['2.5.3', '2.5.4']);
  });
  it('a page lost inside one report: not provable by arithmetic, so no finding; the other reports unchanged', () => {
    // Lines 4580–4639 of Les Eyzies (its "Thématique 3" heading among them): what is left still reads as one report.
    at(4614, 'Thématique 3');
    const r = parseText(without(4580, 4639));
    expect(findings(r)).toEqual([]);
    expect(verbatimsBy(r).get('2.5.3')).toBeLessThan(realCounts.get('2.5.3')!);
    othersUnchanged(r, ['2.5.3']);
  });
  it('a départemental row found in no regional table (a year read as a count) breaks the integrity', () => {
    // In the Dordogne synthesis, after a T4 solutions row: a column-0 "group" no regional table has.
    const n = LINES.findIndex((l, i) => i > 4105 && i < 4300 && /^\S.*\s\d{1,3}\s*$/.test(l));
    const text = [...LINES.slice(0, n + 1), 'Horaires : 18h-20h30 Total  2022', ...LINES.slice(n + 1)].join('\n');
    const r = parseText(text);
    // (the ideas after it now hang under it: their group's sums break too)
    expect(checkIntegrity(r)).toMatchObject({ unmatchedLabels: 1, structure: 0 });
    const f = audit(r).find((x) => x.code === 'label-unmatched')!;
    expect(f.lines).toEqual([n + 2]);
    expect(f.found).toBe('group "Horaires : 18h-20h30 Total" is not in the regional table');
  });
  it('a numbered line that is not a heading\'s shape stays text (a bullet "2.5.9 millions …")', () => {
    const bullet = ' 2.5.9 millions d’euros pour les maisons de santé';
    const i = LINES.findIndex((l, k) => k > EYZIES && /^Thématique 1/.test(l));
    const damaged = parseText([...LINES.slice(0, i + 3), bullet, ...LINES.slice(i + 3)].join('\n'));
    expect(damaged.notes).toEqual([]);
    expect(damaged.verbatims.some((v) => v.text.startsWith('2.5.9 millions'))).toBe(true);
  });
});

describe('the CLI: a warning by default, a refusal with --strict, a finding in audit', () => {
  let dir: string;
  let nohead: string;
  let typo: string;
  beforeAll(() => {
    dir = tempDir('cnr-numbering-');
    nohead = join(dir, 'nohead.txt');
    typo = join(dir, 'typo.txt');
    writeFileSync(nohead, without(BERGERAC));
    writeFileSync(typo, replaced(EYZIES, '2.5.3 Les Eyzies', '2.5.6 Les Eyzies'));
  });
  it('tables: exit 0, 1 527 rows, one warning line naming the line', () => {
    const r = run(['tables', nohead, '--format', 'ndjson']);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1527);
    expect(r.stderr).toBe(
      'cnr-synth: nohead.txt: warning: 1 of the report\'s published sums and tables do not hold (1 section heading missing, repeated or out of sequence at line 4306): the numbers read are wrong somewhere; run "cnr-synth audit nohead.txt" to see where\n',
    );
  });
  it.each([
    ['tables', 'nohead', ['--format', 'ndjson']],
    ['ingest', 'typo', ['--format', 'ndjson']],
    ['classify', 'typo', ['--input', 'report', '--format', 'ndjson']],
  ])('--strict %s %s: exit 1, one line, no output file', (cmd, which, args) => {
    const file = which === 'nohead' ? nohead : typo;
    const out = join(dir, `${cmd}-${which}.out`);
    const r = run(['--strict', cmd, file, ...args, '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('section heading missing, repeated or out of sequence at line');
    expect(r.stderr).toContain('(--strict)');
    expect(existsSync(out)).toBe(false);
  });
  it('audit lists it as a typed finding', () => {
    const r = run(['audit', typo, '--format', 'json']);
    const j = JSON.parse(r.stdout) as { findings: Array<{ code: string; severity: string; lines: number[] }> };
    expect(j.findings.filter((f) => f.code === 'section-sequence')).toEqual([
      expect.objectContaining({
        code: 'section-sequence',
        severity: 'error',
        lines: [4467],
        expected: '2.5.3',
        found: '2.5.6',
        message: 'section 2.5.6 follows 2.5.2: a heading is missing or misnumbered (2.5.3 expected)',
      }),
    ]);
    expect(r.stderr).toBe('');
    const fr = run(['audit', typo, '--format', 'json', '--lang', 'fr']);
    const jf = JSON.parse(fr.stdout) as { findings: Array<{ code: string; message: string }> };
    expect(jf.findings.find((f) => f.code === 'section-sequence')?.message).toBe(
      'la section 2.5.6 suit la 2.5.2\u00a0: un titre manque ou est mal numéroté (2.5.3 attendu)',
    );
  });
});
