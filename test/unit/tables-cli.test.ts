// `tables` does what was asked or refuses in one line (issue 13 items 6, 7, 8).
import { describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { departementColumn } from '../../src/aggregate/classified-items.js';
import { ROOT, run, tempDir } from '../helpers/cli.mjs';

// Each test spawns the CLI: on a loaded 2-core machine that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const dir = tempDir('cnr-tables-');
const ndjson = (s: string) =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const refused = (p: { status: number | null; stdout: string; stderr: string }, err: string) => {
  expect(p.status).toBe(2);
  expect(p.stdout).toBe('');
  expect(p.stderr).toBe(`cnr-synth: ${err}\n`);
};

describe('--recompute with filters (item 6)', () => {
  it('refuses --departement and --scope departement: the recomputed rows are the regional ones', () => {
    refused(
      run(['tables', '--recompute', '--departement', '33']),
      '--recompute compares the regional rows with the sum of the départements: drop --departement',
    );
    refused(
      run(['tables', '--recompute', '--scope', 'departement']),
      '--recompute compares the regional rows with the sum of the départements: drop --scope departement',
    );
  });
  it('refuses filters that a table cannot honour', () => {
    refused(run(['tables', '--table', 'contributions', '--departement', '33']), '--table contributions has regional rows only: drop --departement');
    refused(run(['tables', '--table', 'workshops', '--scope', 'region']), '--table workshops has département rows only: drop --scope region');
  });
  it('--recompute --scope region gives the regional rows, as without --scope', () => {
    const a = run(['tables', '--recompute', '--scope', 'region', '--format', 'ndjson']);
    expect(a.status).toBe(0);
    const rows = ndjson(a.stdout);
    expect(rows.every((r) => r.scope === 'region')).toBe(true);
    expect(a.stdout).toBe(run(['tables', '--recompute', '--format', 'ndjson']).stdout);
  });
});

describe('--source classified: the département column (item 7)', () => {
  // The fixture's records, each with a département column named as French Excel exports it.
  const lines = readFileSync(join(ROOT, 'fixtures/classified/sample.ndjson'), 'utf8').trim().split('\n');
  const withColumn = (name: string, values: string[]) => {
    const f = join(dir, `${name.replace(/\W/g, '_')}.ndjson`);
    writeFileSync(
      f,
      lines
        .map((l, i) => {
          const r = JSON.parse(l) as { input?: Record<string, unknown> };
          return JSON.stringify({ ...r, input: { ...(r.input ?? {}), [name]: values[i % values.length] } });
        })
        .join('\n') + '\n',
    );
    return f;
  };
  it('a --departement-column that is not there is a usage error naming the columns found', () => {
    const f = withColumn('Département', ['33']);
    refused(
      run(['tables', '--source', 'classified', '--classified', f, '--departement-column', 'Nope']),
      `${basename(f)}: no column "Nope" (columns: commune, atelier, Département): name the département column with --departement-column`,
    );
  });
  it('the default finds "Département" and counts the département rows', () => {
    const f = withColumn('Département', ['33', '87']);
    const p = run(['tables', '--source', 'classified', '--classified', f, '--scope', 'departement', '--format', 'ndjson']);
    expect(p.status, p.stderr).toBe(0);
    const rows = ndjson(p.stdout).filter((r) => r.level === 'group');
    const counted = rows.filter((r) => (r.count as number) > 0);
    expect(new Set(counted.map((r) => r.departement))).toEqual(new Set(['33', '87']));
    // Every classified verbatim with a group counts once in its département.
    const region = ndjson(run(['tables', '--source', 'classified', '--classified', f, '--scope', 'region', '--format', 'ndjson']).stdout).filter(
      (r) => r.level === 'group',
    );
    expect(counted.reduce((a, r) => a + (r.count as number), 0)).toBe(region.reduce((a, r) => a + (r.count as number), 0));
  });
  it('with no département column: regional rows only, said on stderr; --scope departement is refused', () => {
    const f = join(ROOT, 'fixtures/classified/sample.ndjson');
    const p = run(['tables', '--source', 'classified', '--classified', f, '--format', 'ndjson']);
    expect(p.status).toBe(0);
    expect(ndjson(p.stdout).every((r) => r.scope === 'region')).toBe(true);
    expect(p.stderr).toBe(
      `cnr-synth: note: sample.ndjson has no département column (columns: commune, atelier): regional rows only (name it with --departement-column)\n`,
    );
    refused(
      run(['tables', '--source', 'classified', '--classified', f, '--scope', 'departement']),
      'sample.ndjson: no département column (columns: commune, atelier): name it with --departement-column',
    );
  });
  it('département values may be codes or names; unknown values are counted on stderr', () => {
    const f = withColumn('dept', ['Gironde', '33', 'Atlantis']);
    const p = run(['tables', '--source', 'classified', '--classified', f, '--scope', 'departement', '--format', 'ndjson']);
    expect(p.status, p.stderr).toBe(0);
    expect(p.stderr).toMatch(
      /^cnr-synth: note: 2 record\(s\) of .* name no département of the report in column "dept" \(e\.g\. "Atlantis"\): counted for the region only\n$/,
    );
    expect(
      new Set(
        ndjson(p.stdout)
          .filter((r) => (r.count as number) > 0)
          .map((r) => r.departement),
      ),
    ).toEqual(new Set(['33']));
  });
  it('departementColumn matches the usual names, case- and accent-insensitively', () => {
    for (const name of ['departement', 'Département', 'DEPT', 'dept', 'code département', 'Code_Departement', 'dép'])
      expect(departementColumn(['id', name, 'texte'])).toBe(name);
    expect(departementColumn(['id', 'texte'])).toBeNull();
    expect(departementColumn(['id', 'Département'], 'département')).toBe('Département');
  });
});

describe('--check with an expected file of another scope (item 8)', () => {
  const expected = (args: string[], name: string) => {
    const f = join(dir, name);
    expect(run(['tables', ...args, '--format', 'csv', '-o', f]).status).toBe(0);
    return f;
  };
  it('names the filter to add', () => {
    const dep = expected(['--scope', 'departement'], 'dep.csv');
    refused(run(['tables', '--check', dep]), `${dep} holds only département rows: add --scope departement`);
    const reg = expected(['--scope', 'region'], 'reg.csv');
    refused(run(['tables', '--check', reg]), `${reg} holds only region rows: add --scope region`);
    const one = expected(['--departement', '33'], 'one.csv');
    refused(run(['tables', '--check', one]), `${one} holds only the rows of département 33: add --departement 33`);
    const ws = expected(['--table', 'workshops', '--departement', '33'], 'ws.csv');
    refused(run(['tables', '--table', 'workshops', '--check', ws]), `${ws} holds only the rows of département 33: add --departement 33`);
  }, 30_000);
  it('passes once the filter is given', () => {
    const dep = expected(['--scope', 'departement'], 'dep2.csv');
    const p = run(['tables', '--scope', 'departement', '--check', dep]);
    expect(p.status, p.stderr).toBe(0);
    expect(p.stderr).toBe(`cnr-synth: ${dep}: 1151 rows identical\n`);
  });
});

describe('--check writes nothing: -o, --format and --excel-fr are refused (review N6)', () => {
  it('refused before any work, nothing written; without them the check passes', () => {
    const d = tempDir('cnr-tables-check-');
    const exp = join(d, 'exp.csv');
    expect(run(['tables', '--scope', 'region', '--format', 'csv', '-o', exp]).status).toBe(0);
    const check = ['tables', '--scope', 'region', '--check', exp];
    refused(run([...check, '-o', join(d, 'chk.csv')]), '--check compares and writes nothing: drop -o');
    refused(run([...check, '-o', '-']), '--check compares and writes nothing: drop -o');
    refused(run([...check, '--format', 'xlsx']), '--check compares and writes nothing: drop --format');
    refused(run([...check, '--format', 'csv']), '--check compares and writes nothing: drop --format');
    refused(run([...check, '--excel-fr']), '--check compares and writes nothing: drop --excel-fr');
    expect(readdirSync(d)).toEqual(['exp.csv']);
    const p = run(check);
    expect(p.status, p.stderr).toBe(0);
    expect(p.stderr).toBe(`cnr-synth: ${exp}: 376 rows identical\n`);
  });
});

describe('--excel-fr keeps section ids and codes as text (review 12, finding 2)', () => {
  it('writes the section ="2.1.2" (LibreOffice fr-FR read the bare 2.1.2 as the date 02/01/2002), counts as numbers; --check reads it back', () => {
    const f = join(dir, 'workshops-fr.csv');
    const p = run(['tables', '--table', 'workshops', '--departement', '16', '--excel-fr', '-o', f]);
    expect(p.status, p.stderr).toBe(0);
    const bytes = readFileSync(f);
    const lines = bytes.toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      '\ufeffdepartement;section;title;lieu;jour;date;horaires;elus;institutionnels;professionnels;associations;usagers;autres;total;line;page',
    );
    // The bytes of the row: "=""16""";"=""2.1.2""";Angoulême;… and the numbers bare.
    expect(lines[1]).toBe('"=""16""";"=""2.1.2""";Angoulême;Angoulême;"=""Lundi 5 décembre 2022""";"=""2022-12-05""";"=""19h""";11;6;9;5;6;18;55;1509;');
    expect(bytes.includes(Buffer.from(';"=""2.1.2""";', 'utf8'))).toBe(true);
    // The README shows this very line.
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`\n${lines[1]}\n`);
    const c = run(['tables', '--table', 'workshops', '--departement', '16', '--check', f]);
    expect(c.status, c.stderr).toBe(0);
    expect(c.stderr).toBe(`cnr-synth: ${f}: 3 rows identical\n`);
    // Plain CSV is not altered.
    const plain = run(['tables', '--table', 'workshops', '--departement', '16', '--format', 'csv']);
    expect(plain.stdout.split('\n')[1]).toBe('16,2.1.2,Angoulême,Angoulême,Lundi 5 décembre 2022,2022-12-05,19h,11,6,9,5,6,18,55,1509,');
  });
});

describe('run modules return data', () => {
  it('runTables: rows, view, meta, exit code — nothing written', async () => {
    const { runTables } = await import('../../src/run/tables.js');
    const r = await runTables(undefined, { source: 'published', table: 'counts', scope: 'region', format: 'ndjson' });
    expect(r.exitCode).toBe(0);
    expect(r.rows).toHaveLength(376);
    expect(r.view.columns).toEqual([
      'scope',
      'departement',
      'thematique',
      'kind',
      'level',
      'group',
      'label',
      'printed',
      'count',
      'percent',
      'denominator',
      'line',
      'page',
    ]);
    expect(r.meta).toMatchObject({ tool: 'cnr-synth', table: 'counts', source: 'published' });
  });
  it('runAudit: every finding, the ones shown, exit 1 on errors', async () => {
    const { runAudit } = await import('../../src/run/audit.js');
    const r = await runAudit(undefined, { severity: 'error', format: 'json' });
    expect(r.exitCode).toBe(1);
    expect(r.all).toHaveLength(49);
    expect(r.shown).toHaveLength(5);
  });
});

describe('--table workshops: every workshop the report announces (review 12, #1)', () => {
  it('has as many rows per département as the report counts workshops there, a workshop without write-up included', () => {
    const rows = run(['tables', '--table', 'workshops', '--format', 'ndjson'])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { departement: string; section: string | null; lieu: string; jour: string; total: number | null });
    const counts = run(['ingest', '--format', 'ndjson'])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; departement?: string; count?: number })
      .filter((r) => r.type === 'workshop-count');
    expect(counts).toHaveLength(12);
    for (const c of counts)
      expect(
        rows.filter((r) => r.departement === c.departement),
        c.departement,
      ).toHaveLength(c.count!);
    expect(rows).toHaveLength(counts.reduce((s, c) => s + c.count!, 0));
    const none = rows.filter((r) => r.section === null);
    expect(none).toEqual([expect.objectContaining({ departement: '87', lieu: 'Châteauneuf-La-Forêt', jour: '21 novembre 2022', total: null })]);
  });
});

describe('--format table on a narrow terminal (review 12, #7)', () => {
  it('keeps every idea indented under its group, wrapped label or not', () => {
    const r = run(['tables', '--scope', 'region', '--format', 'table'], { extraEnv: { COLUMNS: '90' } });
    expect(r.status).toBe(0);
    const ideas = r.stdout.split('\n').filter((l) => /│ idea +│/.test(l));
    expect(ideas.length).toBeGreaterThan(100);
    const labels = ideas.map((l) => l.split('│')[5]!);
    expect(labels.filter((c) => !c.startsWith(' \u00a0\u00a0· '))).toEqual([]);
    // Some of them are wrapped at this width: the case that lost its indent.
    expect(r.stdout.split('\n').some((l) => /^│ +│ +│ +│ +│ \S/.test(l))).toBe(true);
  });
});

describe('--table workshops: a workshop dated differently by its write-up and its table (review 12, #6)', () => {
  it('is said in one note when its département is shown, not otherwise', () => {
    const all = run(['tables', '--table', 'workshops', '--format', 'ndjson']);
    expect(all.status).toBe(0);
    expect(all.stderr).toBe(
      `cnr-synth: note: cnr-sante-nouvelle-aquitaine-2022.txt: 1 workshop has another date in its département's table (Confolens: 25/11/2022 in its write-up, 05/12/2022 in the table): the rows give the write-up's; "cnr-synth audit" lists it (workshop-date)\n`,
    );
    const confolens = all.stdout.split('\n').find((l) => l.includes('"lieu":"Confolens"'))!;
    expect(JSON.parse(confolens)).toMatchObject({ date: '2022-11-25' });
    expect(run(['tables', '--table', 'workshops', '--departement', '33', '--format', 'ndjson']).stderr).toBe('');
  });
});
