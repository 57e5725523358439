// The team-coded workshop verbatims: the data files are consistent with the scheme and the
// report, coder agreement is computed right, and `evalCoded` scores the lines out of fold.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadReport } from '../../src/io/report.js';
import { buildTaxonomy } from '../../src/classify/taxonomy.js';
import { stemFr, tokenizeFr } from '../../src/classify/natural.js';
import { bulletDocs, bulletFolds } from '../../src/classify/training-set.js';
import { agreement } from '../../src/eval/agreement.js';
import { evalCoded } from '../../src/eval/coded.js';
import { parseCoded } from '../../src/io/coded.js';
import type { CodedLine } from '../../src/model.js';
import { InputError } from '../../src/errors.js';
import { run } from '../helpers/cli.mjs';

const path = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const readCoded = (p: string): (CodedLine & { section: string })[] =>
  readFileSync(path(p), 'utf8')
    .trim()
    .split('\n')
    .map((l, i) => {
      const v = JSON.parse(l) as Record<string, unknown>;
      return { ...parseCoded(v, i + 1, p), section: String(v.section) };
    });
const report = await loadReport(path('data/cnr-sante-nouvelle-aquitaine-2022.txt'));
const tax = buildTaxonomy(report);
const coded = readCoded('data/labels/workshop-coded.jsonl');

describe('data/labels/workshop-coded.jsonl', () => {
  it('codes 361 report verbatims, with their text and section as printed', () => {
    const byId = new Map(report.verbatims.map((v) => [v.id, v]));
    expect(coded.length).toBe(361);
    expect(new Set(coded.map((c) => c.id)).size).toBe(361);
    for (const c of coded) {
      const v = byId.get(c.id!);
      expect(v, c.id).toBeDefined();
      expect(c.text).toBe(v!.text);
      expect(c.section).toBe(`t${v!.thematique}.${v!.kind}`);
    }
  });
  it('puts every group in the coded branch and every idea in its group', () => {
    const branchOf = new Map<string, string>();
    const groupOf = new Map<string, string>();
    for (const b of tax.branches)
      for (const g of b.groups) {
        branchOf.set(g.id, b.id);
        for (const i of g.ideas) groupOf.set(i.id, g.id);
      }
    for (const c of coded) {
      if (c.status === 'out_of_scheme') continue;
      if (c.group) expect(branchOf.get(c.group), c.id).toBe(`${c.thematique}.${c.kind}`);
      if (c.idea) expect(groupOf.get(c.idea), c.id).toBe(c.group);
    }
  });
});

describe('agreement', () => {
  it('computes observed agreement and kappa per field (hand-checked)', () => {
    const l = (id: string, thematique: string, kind: string, group?: string, idea?: string | null): CodedLine => ({
      line: 1,
      id,
      text: id,
      status: 'ok',
      thematique,
      kind,
      ...(group ? { group } : {}),
      ...(idea !== undefined ? { idea } : {}),
    });
    const a = [l('1', 't1', 'probleme'), l('2', 't1', 'solution'), l('3', 't2', 'solution'), l('4', 't2', 'solution'), l('5', 't3', 'solution')];
    const b = [l('1', 't1', 'probleme'), l('2', 't2', 'solution'), l('3', 't2', 'solution'), l('4', 't2', 'solution'), l('6', 't3', 'solution')];
    const r = agreement(a, b);
    expect([r.shared, r.onlyA, r.onlyB]).toEqual([4, 1, 1]);
    // thématique: A t1 t1 t2 t2, B t1 t2 t2 t2: p_o = 3/4, p_e = (2/4·1/4) + (2/4·3/4) = 1/2 → κ = 1/2
    expect(r.fields.thematique!.agreement).toBe(0.75);
    expect(r.fields.thematique!.kappa).toBeCloseTo(0.5, 12);
    expect(r.fields.thematique!.differences).toEqual([{ id: '2', a: 't1', b: 't2' }]);
    expect(r.fields.kind!.kappa).toBe(1);
    expect(r.fields.group).toBeNull();
    // One value only on both sides: kappa is undefined, reported as null, not as 0.
    expect(r.fields.status!.agreement).toBe(1);
    expect(r.fields.status!.kappa).toBeNull();
  });
  it('on the double-coded sample: the figures the README quotes', () => {
    const r = agreement(readCoded('data/labels/double-coded/coder-a.jsonl'), readCoded('data/labels/double-coded/coder-b.jsonl'));
    expect(r.shared).toBe(120);
    const f = r.fields;
    expect([f.thematique!.n, f.thematique!.agreement]).toEqual([120, 109 / 120]);
    expect(f.thematique!.kappa).toBeCloseTo(0.868, 3);
    expect([f.kind!.agreement, f.kind!.kappa! > 0.979 && f.kind!.kappa! < 0.981]).toEqual([119 / 120, true]);
    expect(f.group!.n).toBe(112);
    expect(f.group!.kappa).toBeCloseTo(0.877, 3);
    expect(f.idea!.n).toBe(99);
    // Every coded difference is listed with both values (up to 20).
    expect(f.thematique!.differences).toHaveLength(11);
  });
  it('the section headings agree with the codes on 0.849 of the lines in the scheme (the data behind "one in seven")', () => {
    const ok = coded.filter((c) => c.status !== 'out_of_scheme');
    const same = ok.filter((c) => c.section.split('.')[0] === c.thematique).length;
    expect([ok.length, same]).toEqual([358, 304]);
  });
});

describe('evalCoded', () => {
  const nlp = { tokenize: tokenizeFr, stem: stemFr };
  it('scores the headings against the codes, and each line with the model of its fold', () => {
    // Only lines of outer fold 0: one model is trained (the protocol's folds: 5, seed 1).
    const folds = bulletFolds(bulletDocs(report), 5, 1);
    const at = new Map(report.verbatims.map((v, i) => [v.id, i]));
    const mine = coded.filter((c) => folds[at.get(c.id!)!] === 0 && c.status === 'ok').slice(0, 12);
    expect(mine.length).toBe(12);
    const r = evalCoded(report, tax, nlp, mine, { folds: 5, seed: 1 });
    const agreeT = mine.filter((c) => c.section.split('.')[0] === c.thematique).length / mine.length;
    const agreeK = mine.filter((c) => c.section.split('.')[1] === c.kind).length / mine.length;
    expect(r.headings.thematique.accuracy).toBeCloseTo(agreeT, 12);
    expect(r.headings.kind.accuracy).toBeCloseTo(agreeK, 12);
    expect(r.model.thematique!.n).toBe(12);
    expect(r.modelVsHeadings.thematique.n).toBe(12);
    expect(r.model.group!.n).toBe(mine.filter((c) => c.group).length);
  }, 60_000);
  it('refuses a line without id or with an id the report does not have', () => {
    const base = { line: 3, text: 'x', status: 'ok', thematique: 't1', kind: 'solution' };
    expect(() => evalCoded(report, tax, nlp, [base], { folds: 5, seed: 1 })).toThrow(InputError);
    expect(() => evalCoded(report, tax, nlp, [{ ...base, id: '9.9.9-1s-01' }], { folds: 5, seed: 1 })).toThrow(/no verbatim "9.9.9-1s-01"/);
  });
});

describe('eval CLI: --agreement and --coded usage', () => {
  it('--agreement prints kappa per field as JSON', () => {
    const r = run(['eval', '--agreement', 'data/labels/double-coded/coder-a.jsonl', 'data/labels/double-coded/coder-b.jsonl', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.shared).toBe(120);
    expect(j.fields.thematique.kappa).toBeGreaterThan(0.8);
    expect(j.fields.status.kappa).toBeNull();
  });
  it('usage errors exit 2 with one line', () => {
    for (const args of [
      ['eval', '--agreement', 'data/labels/double-coded/coder-a.jsonl'],
      ['eval', '--coded', 'data/labels/workshop-coded.jsonl', '--no-scheme'],
      ['eval', '--coded', 'data/labels/workshop-coded.jsonl', '--labels', 'data/labels/held-out.jsonl'],
    ]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
