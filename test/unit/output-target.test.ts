// Where `-o` writes (review findings H5, M2, M3, M7, M8): a symlink keeps pointing to its target,
// which gets the content; a FIFO is written to, not replaced; a file replaced keeps its mode; an
// extension that names no format, a directory, or the input file itself is refused (exit 2, one
// line, nothing written); an XLSX cell over Excel's limit is cut, and said once.
import { describe, expect, it, vi } from 'vitest';
import { chmodSync, copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openAtomicWriter, writeFileAtomic } from '../../src/io/files.js';
import { checkOutputTarget, outputFormat } from '../../src/io/output.js';
import { EXCEL_CELL_MAX, toXlsx } from '../../src/render/xlsx.js';
import { ROOT, run, sh, tempDir } from '../helpers/cli.mjs';

// Each CLI test spawns the CLI: on a loaded 2-core machine that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const CSV = 'id;texte\r\n1;Créer des maisons de santé\r\n';

describe('the atomic writers follow symlinks, write FIFOs directly, keep the mode', () => {
  it('writeFileAtomic onto a symlink writes its target; the link stays a link', async () => {
    const d = tempDir('cnr-otarget-');
    writeFileSync(join(d, 'real.csv'), 'orig\n');
    symlinkSync('real.csv', join(d, 'link.csv'));
    await writeFileAtomic(join(d, 'link.csv'), 'new\n');
    expect(lstatSync(join(d, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(d, 'link.csv'))).toBe('real.csv');
    expect(readFileSync(join(d, 'real.csv'), 'utf8')).toBe('new\n');
    expect(readdirSync(d).sort()).toEqual(['link.csv', 'real.csv']);
  });
  it('a dangling symlink: the file it names is created', async () => {
    const d = tempDir('cnr-otarget-');
    symlinkSync('later.ndjson', join(d, 'link.ndjson'));
    const w = await openAtomicWriter(join(d, 'link.ndjson'));
    await w.write('{}\n');
    await w.commit();
    expect(lstatSync(join(d, 'link.ndjson')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'later.ndjson'), 'utf8')).toBe('{}\n');
  });
  it('the file replaced keeps its permissions (0600, 0444), whole or streamed', async () => {
    const d = tempDir('cnr-otarget-');
    for (const [name, mode] of [
      ['a.json', 0o600],
      ['b.json', 0o444],
    ] as const) {
      writeFileSync(join(d, name), 'old\n');
      chmodSync(join(d, name), mode);
      await writeFileAtomic(join(d, name), 'new\n');
      expect(statSync(join(d, name)).mode & 0o7777).toBe(mode);
      chmodSync(join(d, name), mode);
      const w = await openAtomicWriter(join(d, name));
      await w.write('streamed\n');
      await w.commit();
      expect(statSync(join(d, name)).mode & 0o7777).toBe(mode);
      expect(readFileSync(join(d, name), 'utf8')).toBe('streamed\n');
    }
  });
  it('a directory is refused, nothing left behind', async () => {
    const d = tempDir('cnr-otarget-');
    mkdirSync(join(d, 'sub'));
    await expect(writeFileAtomic(join(d, 'sub'), 'x')).rejects.toThrow(`-o ${join(d, 'sub')}: is a directory: give a file name`);
    await expect(openAtomicWriter(join(d, 'sub'))).rejects.toThrow('is a directory: give a file name');
    expect(readdirSync(d)).toEqual(['sub']);
    expect(readdirSync(join(d, 'sub'))).toEqual([]);
  });
});

describe('-o on the CLI', () => {
  it('classify -o link.csv writes real.csv through the link, exit 0', () => {
    const d = tempDir('cnr-otarget-');
    writeFileSync(join(d, 's.csv'), CSV);
    writeFileSync(join(d, 'real.csv'), 'orig\n');
    symlinkSync('real.csv', join(d, 'link.csv'));
    const p = run(['classify', 's.csv', '-o', 'link.csv'], { cwd: d });
    expect(p.status, p.stderr).toBe(0);
    expect(lstatSync(join(d, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'real.csv'), 'utf8')).toMatch(/^id,texte,cnr_id,text,/);
  });
  it('classify -o FIFO: the reader gets the records, the FIFO stays a FIFO', () => {
    // Bounded by `timeout`: a FIFO replaced by a file would leave its reader blocked.
    const d = tempDir('cnr-otarget-');
    writeFileSync(join(d, 's.csv'), CSV);
    const p = sh('mkfifo ff.ndjson && { timeout 30 cat ff.ndjson > got & } && timeout 30 cnr-synth classify s.csv -o ff.ndjson; r=$?; wait; exit $r', {
      cwd: d,
    });
    expect(p.status, p.stderr).toBe(0);
    expect(lstatSync(join(d, 'ff.ndjson')).isFIFO()).toBe(true);
    expect(JSON.parse(readFileSync(join(d, 'got'), 'utf8'))).toMatchObject({ id: '1', text: 'Créer des maisons de santé' });
  });

  const refusals: Array<[string, string]> = [
    [
      'classify s.csv -o out.xls',
      'cnr-synth: -o out.xls: cnr-synth writes no .xls (formats: .csv, .xlsx, .json, .ndjson, .jsonl): name the file .xlsx, the Excel workbook it writes',
    ],
    [
      'classify s.csv -o out.tsv',
      'cnr-synth: -o out.tsv: cnr-synth writes no .tsv (formats: .csv, .xlsx, .json, .ndjson, .jsonl): give --format or change the extension',
    ],
    [
      'classify s.csv -o out.txt',
      'cnr-synth: -o out.txt: cnr-synth writes no .txt (formats: .csv, .xlsx, .json, .ndjson, .jsonl): give --format or change the extension',
    ],
    [
      'classify s.csv -o out',
      'cnr-synth: -o out: no extension to tell the format (formats: .csv, .xlsx, .json, .ndjson, .jsonl): give --format or add an extension',
    ],
    [
      'tables -o out.foo',
      'cnr-synth: -o out.foo: cnr-synth writes no .foo (formats: .csv, .xlsx, .json, .ndjson, .jsonl): give --format or change the extension',
    ],
    [
      'audit -o out.txt',
      'cnr-synth: -o out.txt: cnr-synth writes no .txt (formats: .xlsx, .json, .ndjson, .jsonl, .md, .markdown): give --format or change the extension',
    ],
    ['ingest -o out.txt', 'cnr-synth: -o out.txt: cnr-synth writes no .txt (formats: .json, .ndjson, .jsonl): give --format or change the extension'],
    ['taxonomy -o out.tsv', 'cnr-synth: -o out.tsv: cnr-synth writes no .tsv (formats: .csv, .json): give --format or change the extension'],
    ['eval -o out.txt', 'cnr-synth: -o out.txt: cnr-synth writes no .txt (formats: .json): give --format or change the extension'],
    [
      'trace -o out.txt',
      'cnr-synth: -o out.txt: cnr-synth writes no .txt (formats: .csv, .xlsx, .json, .ndjson, .jsonl): give --format or change the extension',
    ],
    ['report -o page', 'cnr-synth: -o page: no extension to tell the format (formats: .html, .htm): add an extension'],
    ['train -o model.csv', 'cnr-synth: -o model.csv: this command writes no csv (formats: json): change the extension'],
    ['classify in.csv -o in.csv', 'cnr-synth: -o in.csv is the input file: write to another file'],
    ['classify link-in.csv -o in.csv', 'cnr-synth: -o in.csv is the input file: write to another file'],
    ['ingest report.txt -o report.txt', 'cnr-synth: -o report.txt is the input file: write to another file'],
    ['tables report.txt --format json -o report.txt', 'cnr-synth: -o report.txt is the input file: write to another file'],
    ['classify s.csv --model m.json -o m.json', 'cnr-synth: -o m.json is the --model file: write to another file'],
    ['classify s.csv -o .', 'cnr-synth: -o .: is a directory: give a file name'],
    ['tables -o somedir', 'cnr-synth: -o somedir: is a directory: give a file name'],
    ['ingest -o somedir.json', 'cnr-synth: -o somedir.json: is a directory: give a file name'],
  ];
  for (const [cmd, err] of refusals) {
    it(`${cmd}: exit 2, one line, nothing written`, () => {
      const d = tempDir('cnr-otarget-');
      writeFileSync(join(d, 's.csv'), CSV);
      writeFileSync(join(d, 'in.csv'), CSV);
      symlinkSync('in.csv', join(d, 'link-in.csv'));
      copyFileSync(join(ROOT, 'data', 'cnr-sante-nouvelle-aquitaine-2022.txt'), join(d, 'report.txt'));
      writeFileSync(join(d, 'm.json'), '{}\n');
      mkdirSync(join(d, 'somedir'));
      mkdirSync(join(d, 'somedir.json'));
      const before = readdirSync(d).sort();
      const bytes = before.map((f) => (f.startsWith('somedir') ? '' : readFileSync(join(d, f), 'latin1')));
      const p = sh(`cnr-synth ${cmd}`, { cwd: d });
      expect(p.stderr).toBe(`${err}\n`);
      expect(p.status).toBe(2);
      expect(p.stdout).toBe('');
      expect(readdirSync(d).sort()).toEqual(before);
      expect(before.map((f) => (f.startsWith('somedir') ? '' : readFileSync(join(d, f), 'latin1')))).toEqual(bytes);
      expect(readdirSync(join(d, 'somedir'))).toEqual([]);
    });
  }

  it('an explicit --format takes any extension, or none', () => {
    const d = tempDir('cnr-otarget-');
    writeFileSync(join(d, 's.csv'), CSV);
    for (const name of ['out.txt', 'out']) {
      const p = run(['classify', 's.csv', '--format', 'ndjson', '-o', name], { cwd: d });
      expect(p.status, p.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(d, name), 'utf8'))).toMatchObject({ id: '1' });
    }
    const t = run(['tables', '--table', 'contributions', '--excel-fr', '-o', 'contrib.txt'], { cwd: d });
    expect(t.status, t.stderr).toBe(0);
    expect(readFileSync(join(d, 'contrib.txt'), 'utf8').startsWith('\uFEFF')).toBe(true);
  });
});

describe('the one -o rule, unit', () => {
  it('outputFormat refuses an unknown extension without --format, accepts it with', () => {
    const formats = ['table', 'json', 'ndjson', 'csv', 'xlsx'];
    const dflt = { tty: 'table', pipe: 'ndjson' };
    expect(() => outputFormat({ output: 'x.dat' }, formats, dflt)).toThrow('-o x.dat: cnr-synth writes no .dat');
    expect(outputFormat({ output: 'x.dat', format: 'table' }, formats, dflt)).toBe('table');
    expect(outputFormat({ output: '-' }, formats, dflt)).toBe('ndjson');
    expect(outputFormat({ output: 'page.HTM' }, ['html'], dflt)).toBe('html');
  });
  it('checkOutputTarget: a FIFO is never "the input"; a missing -o file is fine', () => {
    const d = tempDir('cnr-otarget-');
    expect(sh('mkfifo p', { cwd: d }).status).toBe(0);
    expect(() => checkOutputTarget(join(d, 'p'), [{ what: 'the input file', path: join(d, 'p') }])).not.toThrow();
    expect(() => checkOutputTarget(join(d, 'new.csv'), [{ what: 'the input file', path: join(d, 'new.csv') }])).not.toThrow();
  });
});

describe('XLSX cells over 32 767 characters', () => {
  it('are cut in the workbook only, said once on stderr with the first place', async () => {
    const long = 'é'.repeat(EXCEL_CELL_MAX + 10);
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      writes.push(String(s));
      return true;
    });
    let bytes: Buffer;
    try {
      bytes = await toXlsx(
        [
          { name: 'a', columns: [{ key: 't' }], rows: [{ t: 'short' }, { t: long }, { t: long }] },
          { name: 'b', columns: [{ key: 't', kind: 'text' }], rows: [{ t: `😀${'x'.repeat(EXCEL_CELL_MAX)}` }] },
        ],
        { output: 'out.xlsx' },
      );
    } finally {
      spy.mockRestore();
    }
    expect(writes).toEqual([
      "cnr-synth: out.xlsx: 3 cell(s) longer than Excel's 32 767 characters were cut (first: sheet a, row 3); the CSV/NDJSON outputs keep them whole\n",
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    expect(String(wb.getWorksheet('a')!.getCell('A3').value)).toBe(long.slice(0, EXCEL_CELL_MAX));
    expect(String(wb.getWorksheet('a')!.getCell('A2').value)).toBe('short');
    // Never half a surrogate pair: the emoji and 32 765 x (32 767 code units).
    expect(String(wb.getWorksheet('b')!.getCell('A2').value)).toHaveLength(EXCEL_CELL_MAX);
  });
  it('classify -o out.xlsx cuts the long verbatim; -o out.ndjson keeps it whole', () => {
    const d = tempDir('cnr-otarget-');
    const text = `Créer des maisons de santé ${'a'.repeat(40_000)}`;
    writeFileSync(join(d, 'big.ndjson'), `${JSON.stringify({ id: 1, text })}\n`);
    const x = run(['classify', 'big.ndjson', '-o', 'out.xlsx'], { cwd: d });
    expect(x.status, x.stderr).toBe(0);
    expect(x.stderr).toMatch(
      /^cnr-synth: out\.xlsx: \d+ cell\(s\) longer than Excel's 32 767 characters were cut \(first: sheet classify, row 2\); the CSV\/NDJSON outputs keep them whole\n$/,
    );
    const n = run(['classify', 'big.ndjson', '-o', 'out.ndjson'], { cwd: d });
    expect(n.status, n.stderr).toBe(0);
    expect(n.stderr).toBe('');
    expect((JSON.parse(readFileSync(join(d, 'out.ndjson'), 'utf8')) as { text: string }).text).toBe(text);
  });
});
