import { describe, expect, it } from 'vitest';
import { audit, FINDING_CODES } from '../../src/aggregate/audit.js';
import { message, summary } from '../../src/render/findings.js';
import { largestRemainder, percent } from '../../src/aggregate/rounding.js';
import { recomputedContributions, recomputedRows } from '../../src/aggregate/recompute.js';
import { compareRows } from '../../src/aggregate/check.js';
import { publishedRows } from '../../src/aggregate/tables.js';
import type { Finding, Report } from '../../src/model.js';
import { bundled } from '../helpers/report.js';
import fc from 'fast-check';

const r = bundled();
const findings = audit(r);
const byCode = (fs: Finding[], code: string) => fs.filter((f) => f.code === code);
const clone = (): Report => structuredClone(r);

describe('audit on the bundled report', () => {
  it('finds no parser-made discrepancy: every group and regional sum holds', () => {
    expect(byCode(findings, 'group-ideas-sum')).toEqual([]);
    expect(byCode(findings, 'region-departements-sum')).toEqual([]);
    expect(byCode(findings, 'label-unmatched')).toEqual([]);
    expect(byCode(findings, 'contributions-total')).toEqual([]);
    expect(byCode(findings, 'workshops-total')).toEqual([]);
  });
  it("reports Nontron's participants: rows add to 104 against a printed Total of 105", () => {
    expect(byCode(findings, 'participants-total').find((f) => f.section === '2.5.4')).toMatchObject({
      severity: 'error',
      lines: [4694, 4706],
      expected: 105,
      found: 104,
    });
    expect(byCode(findings, 'participants-total').map((f) => [f.section, f.expected, f.found])).toEqual([
      ['2.5.4', 105, 104],
      ['2.6.2', 73, 111],
      ['2.8.4', 54, 57],
      ['2.9.4', 95, 100],
    ]);
  });
  it('reports Haute-Vienne: 5 workshops announced, 4 reports, Châteauneuf-La-Forêt has none', () => {
    expect(byCode(findings, 'workshop-count')).toEqual([expect.objectContaining({ section: '2.12', expected: 5, found: 4 })]);
    expect(byCode(findings, 'workshop-missing-report')).toEqual([
      expect.objectContaining({ section: '2.12', expected: 'Châteauneuf-La-Forêt', lines: [11850] }),
    ]);
  });
  it('reports Confolens dated 05/12/2022 in the table and 25/11/2022 in its report', () => {
    expect(byCode(findings, 'workshop-date')).toEqual([
      expect.objectContaining({ section: '2.1.4', expected: '05/12/2022', found: '25/11/2022', lines: [1303, 1850] }),
    ]);
  });
  it('reports the printed percents adding to 99 and the contributions that the tables cannot rebuild', () => {
    expect(byCode(findings, 'percent-sum')).toEqual([
      expect.objectContaining({ expected: 100, found: 99, detail: expect.objectContaining({ largestRemainder: [50, 19, 14, 17] }) }),
    ]);
    expect(byCode(findings, 'percent-recomputed')).toEqual([]);
    expect(byCode(findings, 'contributions-unexplained').map((f) => [f.expected, f.found])).toEqual([
      [908, 887],
      [345, 307],
      [243, 219],
      [315, 310],
    ]);
  });
  it('reports dates outside "novembre et décembre 2022" and the one without a year', () => {
    const period = byCode(findings, 'workshop-date-period').filter((f) => f.detail?.where === 'report');
    expect(period.map((f) => f.section)).toEqual(['2.6.3', '2.6.5', '2.7.4', '2.12.4']);
    expect(byCode(findings, 'workshop-date-no-year').map((f) => f.section)).toEqual(['2.5', '2.5.4']);
    expect(byCode(findings, 'workshop-weekday')).toEqual([]);
  });
  it('compares attendance stated in the text with the tables', () => {
    expect(byCode(findings, 'participants-text').map((f) => [f.section, f.severity, f.expected, f.found])).toEqual([
      ['2.4.3', 'info', 41, 38],
      ['2.10.2', 'warning', 33, 32],
      ['2.11.3', 'info', null, 42],
    ]);
  });
  it('lists the 3 wording variants as info', () => {
    expect(byCode(findings, 'label-variant')).toHaveLength(3);
    expect(byCode(findings, 'label-variant')[0]!.lines).toHaveLength(11);
  });
  it('has a summary line and a message for every finding, and only documented codes', () => {
    expect(summary(findings)).toBe('5 errors, 16 warnings, 28 info');
    for (const f of findings) {
      expect(Object.keys(FINDING_CODES)).toContain(f.code);
      expect(message(f)).not.toMatch(/undefined|\[object/);
    }
    expect(message(byCode(findings, 'participants-total')[0]!)).toBe('Nontron: participants rows add up to 104 against a printed Total of 105');
  });
});

describe('each check can fire and can stay quiet (synthetic variants of the model)', () => {
  it('group-ideas-sum', () => {
    const x = clone();
    x.departements[0]!.synthesis.branches[0]!.groups[0]!.ideas[0]!.count += 1;
    const fs = audit(x);
    expect(byCode(fs, 'group-ideas-sum')).toHaveLength(1);
    // The same edit breaks the regional sum of that idea too.
    expect(byCode(fs, 'region-departements-sum')).toHaveLength(1);
  });
  it('region-departements-sum fires alone when a regional count is off', () => {
    const x = clone();
    const g = x.region.synthesis.branches[1]!.groups[0]!;
    g.count += 2;
    g.ideas[0]!.count += 2;
    const fs = audit(x);
    expect(byCode(fs, 'group-ideas-sum')).toEqual([]);
    expect(byCode(fs, 'region-departements-sum').map((f) => [f.expected, f.found])).toEqual([
      [189, 187],
      [53, 51],
    ]);
  });
  it('contributions-total, percent-recomputed and percent-sum', () => {
    const x = clone();
    x.region.contributions[2]!.percent = 14;
    expect(byCode(audit(x), 'percent-sum')).toEqual([]);
    x.region.contributions[0]!.percent = 48;
    expect(byCode(audit(x), 'percent-recomputed')).toEqual([expect.objectContaining({ expected: 50, found: 48 })]);
    x.region.contributionsTotal!.count = 1812;
    expect(byCode(audit(x), 'contributions-total')).toEqual([expect.objectContaining({ expected: 1812, found: 1811 })]);
  });
  it('participants-total stays quiet when rows add up', () => {
    const x = clone();
    const p = x.workshops.find((w) => w.section === '2.5.4')!.participants!;
    p.autres = 1;
    expect(byCode(audit(x), 'participants-total').map((f) => f.section)).not.toContain('2.5.4');
  });
  it('workshop-weekday fires on a wrong weekday', () => {
    const x = clone();
    x.workshops.find((w) => w.section === '2.1.2')!.jour = 'Mardi 5 décembre 2022';
    expect(byCode(audit(x), 'workshop-weekday')).toEqual([expect.objectContaining({ section: '2.1.2', expected: 'lundi', found: 'mardi' })]);
  });
  it('workshop-count and missing report stay quiet when the table matches the reports', () => {
    const x = clone();
    const hv = x.departements.find((d) => d.code === '87')!;
    hv.workshopsTable = hv.workshopsTable.filter((w) => !w.lieu.startsWith('Châteauneuf'));
    hv.announcedWorkshops = 4;
    x.region.workshopsTable.find((w) => w.departement === '87')!.count = 4;
    const fs = audit(x);
    expect(byCode(fs, 'workshop-missing-report')).toEqual([]);
    expect(byCode(fs, 'workshop-count')).toEqual([]);
    expect(byCode(fs, 'workshops-total')).toEqual([expect.objectContaining({ expected: 47, found: 46 })]);
  });
});

describe('recompute', () => {
  it('rebuilds every regional group and idea from the départements with delta 0', () => {
    const rows = recomputedRows(r);
    expect(rows.filter((x) => x.level !== 'sujet')).toHaveLength(284);
    expect(rows.filter((x) => x.level !== 'sujet').every((x) => x.delta === 0)).toBe(true);
    expect(rows.filter((x) => x.level === 'sujet').every((x) => x.recomputed === null)).toBe(true);
  });
  it('largest-remainder shares sum to exactly 100 in every denominator set', () => {
    const rows = recomputedRows(r);
    const sets = new Map<string, number>();
    for (const x of rows) {
      const k = `${x.thematique}${x.kind}${x.level === 'idea' ? x.group : x.level}`;
      sets.set(k, Math.round(((sets.get(k) ?? 0) + x.percent_lr!) * 10) / 10);
    }
    for (const [k, v] of sets) expect(v, k).toBe(100);
  });
  it('recomputes the contributions percents to 50 + 19 + 14 + 17 = 100 beside the printed 99', () => {
    const c = recomputedContributions(r);
    expect(c.map((x) => x.percent)).toEqual([50, 19, 13, 17]);
    expect(c.map((x) => x.percent_recomputed)).toEqual([50, 19, 14, 17]);
    expect(c.map((x) => x.percent_exact)).toEqual([50.14, 19.05, 13.42, 17.39]);
  });
  it('property: largest remainder sums to the total and stays within 1 of the exact share', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(10000), { minLength: 1, maxLength: 40 }), (counts) => {
        const lr = largestRemainder(counts);
        const s = counts.reduce((a, b) => a + b, 0);
        if (s === 0) return lr.every((v) => v === 0);
        return lr.reduce((a, b) => a + b, 0) === 100 && lr.every((v, i) => Math.abs(v - (counts[i]! * 100) / s) < 1);
      }),
    );
  });
  it('percent() rounds half up to one decimal', () => {
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(908, 1811)).toBe(50.1);
    expect(percent(1, 0)).toBeNull();
  });
});

describe('--check comparison', () => {
  const rows = publishedRows(r) as unknown as Array<Record<string, unknown>>;
  const asStrings = rows.map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v === null ? '' : String(v)])));
  const opts = { keys: ['scope', 'departement', 'thematique', 'kind', 'level', 'group', 'label'], values: ['count'], file: 'expected.csv' };
  it('passes on its own output and fails after a one-count change', () => {
    expect(compareRows(asStrings, rows, opts)).toEqual([]);
    const edited = asStrings.map((x, i) => (i === 20 ? { ...x, count: String(Number(x.count) + 1) } : x));
    const d = compareRows(edited, rows, opts);
    expect(d).toEqual([expect.objectContaining({ change: 'changed', row: 21 })]);
  });
  it('rejects a file without the key columns, naming the columns found', () => {
    expect(() => compareRows([{ foo: '1' }], rows, opts)).toThrow(/lacks column\(s\) scope.*columns found: foo/);
  });
});
