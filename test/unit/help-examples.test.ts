// Every `--help` example runs as written, once, each in a fresh temporary directory of its own: cwd
// there, with data/ and fixtures/ linked in so that relative paths resolve, and `/tmp/NAME` read as
// NAME in that directory (two runs of the suite never share a file). Each file an example writes
// (-o, --output, --predictions) must exist, be non-empty and be of the format its extension says;
// nothing else may appear in the directory.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { hasJq, ROOT, run, shAsync, tempDir } from '../helpers/cli.mjs';

/** The directories of the package an example may name by a relative path. */
const LINKED = ['data', 'fixtures'];

const commands = run(['--help'])
  .stdout.match(/^ {2}(\w+) \[options\]/gm)!
  .map((l) => l.trim().split(' ')[0]!);
const examples = commands.flatMap((command) => [...run([command, '--help']).stdout.matchAll(/^ {2}\$ (.+)$/gm)].map((m) => ({ command, line: m[1]! })));

/** The files an example writes, as written in it. */
function outputs(line: string): string[] {
  return [...line.matchAll(/(?:^|\s)(?:-o|--output|--predictions)\s+(\S+)/g)].map((m) => m[1]!).filter((f) => f !== '-');
}

/** Run an example in its own directory: `/tmp/` becomes that directory. */
async function runExample(line: string) {
  const dir = tempDir('cnr-help-');
  for (const d of LINKED) symlinkSync(join(ROOT, d), join(dir, d));
  const cmd = line.replace(/(^|[\s=])\/tmp\//g, `$1${dir}/`);
  const p = await shAsync(cmd, { cwd: dir });
  return { ...p, dir, cmd };
}

/** The file is what its extension says: parsed by an independent reader, with at least one record. */
async function expectFormat(file: string, line: string) {
  expect(existsSync(file), `${line}: ${file} written`).toBe(true);
  const bytes = readFileSync(file);
  expect(bytes.length, `${file} non-empty`).toBeGreaterThan(0);
  const text = bytes.toString('utf8');
  switch (extname(file)) {
    case '.json':
      expect(typeof JSON.parse(text)).toBe('object');
      break;
    case '.ndjson':
    case '.jsonl': {
      const lines = text.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(typeof JSON.parse(l)).toBe('object');
      break;
    }
    case '.csv': {
      // --excel-fr: UTF-8 BOM, ";" and CRLF; else RFC 4180 with ",".
      const fr = line.includes('--excel-fr');
      expect(text.startsWith('\ufeff')).toBe(fr);
      if (fr)
        expect(
          text
            .split('\n')
            .slice(0, -1)
            .every((l) => l.endsWith('\r')),
        ).toBe(true);
      const rows = parseCsv(text, { bom: true, delimiter: fr ? ';' : ',', relax_column_count: false }) as string[][];
      expect(rows.length).toBeGreaterThan(1);
      expect(rows[0]!.length).toBeGreaterThan(1);
      break;
    }
    case '.md':
      expect(text).toMatch(/^(#|\|)/m);
      break;
    case '.html':
      expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(text.trimEnd().endsWith('</html>')).toBe(true);
      break;
    case '.xlsx': {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      expect(wb.worksheets.length).toBeGreaterThan(0);
      expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(1);
      break;
    }
    default:
      throw new Error(`${line}: no format check for ${file}: add one here`);
  }
}

describe('--help examples', () => {
  it('every command has 2–5, and together they show a jq pipe and an --excel-fr export', () => {
    expect(commands).toEqual(expect.arrayContaining(['ingest', 'tables', 'audit', 'classify', 'report', 'train', 'eval', 'taxonomy']));
    for (const c of commands) {
      const n = examples.filter((e) => e.command === c).length;
      expect(n, c).toBeGreaterThanOrEqual(2);
      expect(n, c).toBeLessThanOrEqual(5);
    }
    expect(examples.some((e) => e.line.includes('| jq'))).toBe(true);
    expect(examples.some((e) => e.line.includes('--excel-fr'))).toBe(true);
  });
});

// Concurrent: the training and cross-validation examples take most of the time; they overlap with the others.
describe.concurrent('every --help example runs as written', () => {
  for (const { command, line } of examples) {
    it.runIf(hasJq || !line.includes('| jq'))(
      `${command}: ${line}`,
      async () => {
        const p = await runExample(line);
        // audit's own examples exit 1: the bundled report has error findings.
        expect([0, command === 'audit' ? 1 : 0], p.stderr).toContain(p.status);
        expect(p.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
        const files = outputs(line).map((f) => (f.startsWith('/tmp/') ? f.slice('/tmp/'.length) : f));
        if (files.length === 0) expect(p.stdout.length, 'prints something').toBeGreaterThan(0);
        for (const f of files) await expectFormat(join(p.dir, f), line);
        // Nothing written but the outputs it names.
        expect(readdirSync(p.dir).sort()).toEqual([...LINKED, ...files].sort());
        for (const f of files) expect(statSync(join(p.dir, f)).isFile()).toBe(true);
        rmSync(p.dir, { recursive: true, force: true });
      },
      600_000,
    );
  }
});
