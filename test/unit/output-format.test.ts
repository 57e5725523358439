// Issue 13 item 1: without --format, the format follows the -o extension, for every command with -o;
// an explicit --format that contradicts the extension is a usage error (exit 2, one line, no file).
import { describe, expect, it, vi } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionFormat, outputFormat } from '../../src/io/output.js';
import { run, tempDir } from '../helpers/cli.mjs';

// Each test spawns the CLI: on a loaded 2-core machine that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const dir = tempDir('cnr-format-');
const isZip = (f: string) => readFileSync(f).subarray(0, 4).toString('latin1') === 'PK\u0003\u0004';

describe('outputFormat (the one rule)', () => {
  const formats = ['table', 'json', 'ndjson', 'csv', 'xlsx'];
  const dflt = { tty: 'table', pipe: 'ndjson' };
  it('maps the extensions, case-insensitively', () => {
    expect(
      ['a.csv', 'a.XLSX', 'a.json', 'a.ndjson', 'a.jsonl', 'a.md', 'a.markdown', 'a.html', 'a.txt', 'a', '-', undefined].map((f) => extensionFormat(f)),
    ).toEqual(['csv', 'xlsx', 'json', 'ndjson', 'ndjson', 'markdown', 'markdown', 'html', undefined, undefined, undefined, undefined]);
  });
  it('takes the extension when --format is absent, --format when it agrees, the default otherwise', () => {
    expect(outputFormat({ output: 'dir.v2/t.csv' }, formats, dflt)).toBe('csv');
    expect(outputFormat({ output: 't.jsonl', format: 'ndjson' }, formats, dflt)).toBe('ndjson');
    expect(outputFormat({ output: 't.txt', format: 'table' }, formats, dflt)).toBe('table');
    expect(outputFormat({ output: '-' }, formats, dflt)).toBe('ndjson');
    expect(outputFormat({ excelFr: true }, formats, dflt)).toBe('csv');
  });
  it('refuses a contradiction, an extension the command cannot write, and --excel-fr without CSV', () => {
    expect(() => outputFormat({ output: 't.txt' }, formats, dflt)).toThrow(
      '-o t.txt: cnr-synth writes no .txt (formats: .csv, .xlsx, .json, .ndjson, .jsonl): give --format or change the extension',
    );
    expect(() => outputFormat({ output: 't.csv', format: 'ndjson' }, formats, dflt)).toThrow(
      '--format ndjson contradicts -o t.csv (a .csv file is csv): drop --format or change the extension',
    );
    expect(() => outputFormat({ output: 't.md' }, formats, dflt)).toThrow(
      '-o t.md: this command writes no markdown (formats: table, json, ndjson, csv, xlsx): give --format or change the extension',
    );
    expect(() => outputFormat({ output: 't.xlsx', excelFr: true }, formats, dflt)).toThrow('--excel-fr goes with --format csv');
  });
});

describe('every command with -o follows the extension', () => {
  it('tables -o t.csv writes CSV, -o t.xlsx a workbook, -o t.json one JSON document', () => {
    expect(run(['tables', '--scope', 'region', '-o', join(dir, 't.csv')]).status).toBe(0);
    expect(readFileSync(join(dir, 't.csv'), 'utf8').split('\n')[0]).toBe(
      'scope,departement,thematique,kind,level,group,label,printed,count,percent,denominator,line,page',
    );
    expect(run(['tables', '--scope', 'region', '-o', join(dir, 't.xlsx')]).status).toBe(0);
    expect(isZip(join(dir, 't.xlsx'))).toBe(true);
    expect(run(['tables', '--table', 'contributions', '-o', join(dir, 't.json')]).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 't.json'), 'utf8')).rows).toHaveLength(4);
  });
  it('audit -o a.md writes Markdown, -o a.xlsx a workbook (exit 1: the report has errors)', () => {
    expect(run(['audit', '-o', join(dir, 'a.md')]).status).toBe(1);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toMatch(/^# Audit — /);
    expect(run(['audit', '-o', join(dir, 'a.xlsx')]).status).toBe(1);
    expect(isZip(join(dir, 'a.xlsx'))).toBe(true);
  });
  it('ingest -o r.ndjson writes NDJSON, taxonomy -o x.csv CSV, eval -o e.json JSON', () => {
    expect(run(['ingest', '-o', join(dir, 'r.ndjson')]).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'r.ndjson'), 'utf8').split('\n')[0]!).type).toBe('source');
    expect(run(['taxonomy', '-o', join(dir, 'x.csv')]).status).toBe(0);
    expect(readFileSync(join(dir, 'x.csv'), 'utf8').split('\n')[0]).toBe('id,level,thematique,kind,label,count,aliases,quotes,line');
    const e = run(['eval', '--agreement', 'data/labels/double-coded/coder-a.jsonl', 'data/labels/double-coded/coder-b.jsonl', '-o', join(dir, 'e.json')]);
    expect(e.status, e.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'e.json'), 'utf8'))).toHaveProperty('shared');
  });
  it('classify -o out.xlsx writes a workbook, not NDJSON', () => {
    const p = run(['classify', '-', '--input', 'text', '-o', join(dir, 'c.xlsx')], { input: "Il n'y a plus de médecin généraliste dans mon village\n" });
    expect(p.status, p.stderr).toBe(0);
    expect(isZip(join(dir, 'c.xlsx'))).toBe(true);
  });
});

describe('a --format that contradicts -o is a usage error, and nothing is written', () => {
  const cases: Array<[string[], string]> = [
    [
      ['tables', '--format', 'ndjson', '-o', 'X/t.csv'],
      'cnr-synth: --format ndjson contradicts -o X/t.csv (a .csv file is csv): drop --format or change the extension',
    ],
    [
      ['audit', '--format', 'json', '-o', 'X/a.md'],
      'cnr-synth: --format json contradicts -o X/a.md (a .md file is markdown): drop --format or change the extension',
    ],
    [
      ['tables', '-o', 'X/t.md'],
      'cnr-synth: -o X/t.md: this command writes no markdown (formats: table, json, ndjson, csv, xlsx): give --format or change the extension',
    ],
    [
      ['ingest', '--format', 'json', '-o', 'X/r.ndjson'],
      'cnr-synth: --format json contradicts -o X/r.ndjson (a .ndjson file is ndjson): drop --format or change the extension',
    ],
    [
      ['taxonomy', '--format', 'csv', '-o', 'X/t.json'],
      'cnr-synth: --format csv contradicts -o X/t.json (a .json file is json): drop --format or change the extension',
    ],
    [['report', '-o', 'X/r.csv'], 'cnr-synth: -o X/r.csv: this command writes no csv (formats: html): change the extension'],
    [
      ['classify', '-', '--input', 'text', '--format', 'ndjson', '-o', 'X/c.xlsx'],
      'cnr-synth: --format ndjson contradicts -o X/c.xlsx (a .xlsx file is xlsx): drop --format or change the extension',
    ],
  ];
  for (const [args, err] of cases) {
    it(args.join(' '), () => {
      const out = tempDir('cnr-format-bad-');
      const p = run(
        args.map((a) => a.replace('X/', `${out}/`)),
        // stdin only where "-" reads it (data on stdin without FILE is refused before anything else)
        { input: args.includes('-') ? 'texte\n' : '' },
      );
      expect(p.status).toBe(2);
      expect(p.stdout).toBe('');
      expect(p.stderr).toBe(`${err.replaceAll('X/', `${out}/`)}\n`);
      expect(readdirSync(out)).toEqual([]);
    });
  }
  it('an explicit --format that agrees is fine', () => {
    expect(run(['tables', '--table', 'contributions', '--format', 'csv', '-o', join(dir, 'ok.csv')]).status).toBe(0);
    expect(existsSync(join(dir, 'ok.csv'))).toBe(true);
  });
});

describe('eval --predictions is NDJSON', () => {
  it('refuses a .csv name instead of writing NDJSON into it', () => {
    const p = run(['eval', '--predictions', join(dir, 'oof.csv')]);
    expect(p.status).toBe(2);
    expect(p.stderr).toBe(`cnr-synth: --predictions writes NDJSON, not csv: name the file .ndjson or .jsonl (got ${join(dir, 'oof.csv')})\n`);
    expect(existsSync(join(dir, 'oof.csv'))).toBe(false);
  });
});
