// The review loop's corrected rows (review11): one rule for train and eval — a filled group_id is
// the analyst's decision whatever the stale status, an empty one a line that states nothing; the
// thématique and kind are the group's; French headers; which sheet was read; unchanged model output;
// all said on stderr in one line each.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toXlsx } from '../../src/render/xlsx.js';
import { run, tempDir } from '../helpers/cli.mjs';

const tmp = tempDir('cnr-review-rows-');
const write = (name: string, text: string) => {
  const f = join(tmp, name);
  writeFileSync(f, text);
  return f;
};
const evalJson = (f: string) => {
  const r = run(['eval', '--labels', f, '--format', 'json']);
  expect(r.status, r.stderr).toBe(0);
  return { out: JSON.parse(r.stdout) as Record<string, any>, err: r.stderr };
};
const xlsx = async (name: string, sheets: { name: string; rows: Record<string, string>[] }[]) => {
  const f = join(tmp, name);
  writeFileSync(
    f,
    await toXlsx(sheets.map((s) => ({ name: s.name, columns: Object.keys(s.rows[0]!).map((key) => ({ key, kind: 'text' as const })), rows: s.rows }))),
  );
  return f;
};

// V041-like: the model said out_of_scheme, the analyst picked a group; V115-like: the model said ok, the analyst emptied the group.
const ROWS =
  'id,text,status,thematique_id,kind,group_id,idea_id\n' +
  'V041,Étendre les contrats locaux de santé à tout le département,out_of_scheme,,,t2.probleme.g01,t2.probleme.g01.i01\n' +
  'V115,Questions / réponses,ok,t1,solution,,\n' +
  'V006,Les communes se font concurrence à coups de primes pour attirer un docteur,ok,t1,solution,t3.solution.g02,\n';

describe('corrected rows: the group_id decides', () => {
  it('a group picked on an out_of_scheme row is a statement; an emptied group on an ok row a non-statement; said in one line', () => {
    const { out, err } = evalJson(write('rows.csv', ROWS));
    expect(out.group.n).toBe(2);
    expect(out.flagged.nonStatements.n).toBe(1);
    expect(out.flagged.statements.n).toBe(2);
    expect(err).toMatch(
      /rows\.csv: read as CSV \(separator ",", encoding utf-8\): 3 rows: 2 statements with a group \(1 of them with status out_of_scheme: the group_id wins; first line 2\), 1 non-statement \(empty group_id\) \(1 of them with status ok; first line 3\), 0 skipped/,
    );
  });
  it('train reads the same rows: 2 coded examples, the bundled examples left out said', () => {
    const r = run(['train', '--examples', join(tmp, 'rows.csv'), '--folds', '2', '-o', join(tmp, 'm.json')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\(2 coded examples\)/);
    expect(r.stderr).toMatch(/2 statements with a group .*1 non-statement/);
    expect(r.stderr).toMatch(/--examples replaces the bundled examples: workshop-coded\.jsonl, other-docs-train\.jsonl, non-statements-train\.jsonl left out/);
  }, 120_000);
  it("the thématique and kind are the group's, a stale thematique_id contradicting it is said; an empty idea cell is not scored", () => {
    const { out, err } = evalJson(
      write('stale.csv', 'text,thematique_id,kind,group_id\nLes communes se font concurrence à coups de primes,t1,solution,t3.solution.g02\n'),
    );
    expect(out.errors.find((e: { field: string }) => e.field === 'thematique')?.expected).toBe('t3');
    expect(out.idea).toBeNull();
    expect(err).toMatch(
      /stale\.csv: 1 row with a thématique or kind that contradicts the group \(first: line 2, thematique_id t1 vs t3\.solution\.g02\): the group's are used/,
    );
  });
});

describe('corrected rows: columns', () => {
  it('French headers (texte, groupe, idée) are read', () => {
    const { out, err } = evalJson(write('fr.csv', 'Texte;Groupe;Idée\nManque de médecins;t1.probleme.g01;t1.probleme.g01.i01\nMerci;;\n'));
    expect(out.group.n).toBe(1);
    expect(err).toMatch(/1 statement with a group, 1 non-statement \(empty Groupe\)/);
  });
  it('a table without a group column is refused naming the columns found (never 0 coded rows, exit 0)', () => {
    const r = run(['eval', '--labels', write('nogroup.csv', 'text,classe\nManque de médecins,t1.probleme.g01\n')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nogroup\.csv: no group_id column \(columns found: "text", "classe"\): name the column/);
    const t = run(['train', '--examples', write('notext.csv', 'verbatim_x,group_id\na,t1.probleme.g01\n'), '-o', join(tmp, 'never.json')]);
    expect(t.status).toBe(2);
    expect(t.stderr).toMatch(/notext\.csv: no text column \(columns found: "verbatim_x", "group_id"\)/);
  });
  it('eval: an unknown id names the file and line; an idea without its group says "fill group_id"', () => {
    const r = run(['eval', '--labels', write('unk.csv', 'text,group_id\nA,t1.probleme.g01\nB,t3.solution.g99\n')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unk\.csv:3: unknown group id "t3\.solution\.g99"/);
    const i = run(['eval', '--labels', write('idea.csv', 'text,group_id,idea_id\nA,,t4.solution.g03.i01\n')]);
    expect(i.status).toBe(2);
    expect(i.stderr).toMatch(/idea\.csv:2: idea "t4\.solution\.g03\.i01" with an empty group_id: fill group_id \(t4\.solution\.g03\)/);
  });
  it('an .ods file: ODS is not read, save as .xlsx or CSV', () => {
    const r = run(['eval', '--labels', write('c.ods', 'PK\u0003\u0004 not really')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/c\.ods: ODS \(LibreOffice Calc\) files are not read: save it as \.xlsx/);
  });
});

describe('corrected workbooks: which sheet', () => {
  const classifyRow = (group: string, label: string) => ({
    id: 'V1',
    text: 'Manque de médecins généralistes',
    group_id: group,
    group_label: label,
    idea_id: '',
    idea_label: '',
    needs_review: 'false',
    explanation: 'medecins',
  });
  it('a sheet named "Review" (any case) is the review sheet, and it is said with its row count', async () => {
    const f = await xlsx('case.xlsx', [
      { name: 'classify', rows: [{ text: 'Autre chose', group_id: 't1.solution.g01' }] },
      { name: 'Review', rows: [{ text: 'Manque de médecins', group_id: 't1.probleme.g01' }] },
    ]);
    const { out, err } = evalJson(f);
    expect(out.n).toBe(1);
    expect(err).toMatch(/case\.xlsx: read sheet "Review": 1 row: 1 statement with a group/);
  });
  it('the "classify" sheet read (no review sheet): said to be the model\'s own guesses', async () => {
    const f = await xlsx('noreview.xlsx', [{ name: 'classify', rows: [{ text: 'Manque de médecins', group_id: 't1.probleme.g01' }] }]);
    const { err } = evalJson(f);
    expect(err).toMatch(/noreview\.xlsx: read sheet "classify" \(no sheet named "review": the first of "classify"\)/);
    expect(err).toMatch(/sheet "classify" is the model's own output: its rows are the model's guesses, not corrections/);
  });
  it('a CSV of classify output unchanged is said to be the model\'s guesses; corrections left in "classify" are said', async () => {
    const r = run(['classify', '-', '--input', 'ndjson', '--format', 'csv', '-o', join(tmp, 'c.csv')], {
      input: '{"id":"a","text":"Il manque des médecins généralistes dans le canton"}\n{"id":"b","text":"Les urgences sont saturées le week-end"}\n',
    });
    expect(r.status, r.stderr).toBe(0);
    const { err } = evalJson(join(tmp, 'c.csv'));
    expect(err).toMatch(/c\.csv: these 2 rows are classify's output unchanged .*the model's own guesses, not corrections/);
    const f = await xlsx('edited.xlsx', [
      { name: 'classify', rows: [classifyRow('t3.solution.g02', "Encourager l'installation en territoires sous-denses")] },
      { name: 'review', rows: [{ id: 'V1', text: 'Manque de médecins généralistes', group_id: 't1.probleme.g01' }] },
    ]);
    const e = evalJson(f);
    expect(e.err).toMatch(/edited\.xlsx: 1 row of sheet "classify" edited \(first: row 2\) and not so in sheet "review": only "review" is read/);
  });
});
