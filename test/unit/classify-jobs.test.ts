// classify --jobs N (src/run/classify-parallel.ts, src/io/pool.ts): the built CLI on a few
// thousand records made from the report's real verbatims, as NDJSON, CSV and text: the same bytes
// with 1, 2 and 4 threads, in input order; the same error, exit code and no output file on a bad
// line in the middle; an empty input refused as without --jobs. CNR_SYNTH_PARALLEL_AFTER=0 sends
// every record to the workers (500: the first ones on the main thread, then the workers once they
// are ready), and --debug says how many records they classified (so that the test cannot pass on
// the main thread alone). Child processes are spawned asynchronously (vitest's RPC stays alive).
import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundled } from '../helpers/report.js';
import { runAsync, tempDir } from '../helpers/cli.mjs';

const tmp = tempDir('cnr-jobs-');
const run = (args: string[], after = '0') => runAsync(args, { extraEnv: { CNR_SYNTH_PARALLEL_AFTER: after } });
/** Records classified in workers, from the --debug note. */
const inWorkers = (stderr: string) => Number(/--jobs \d+: (\d+) records classified in \d+ worker thread/.exec(stderr)?.[1] ?? 0);

// 3000 records: the report's verbatims, then halves of two of them joined (deterministic), with
// ids, accents, quotes, a `;` and extra fields of several JSON types to pass through.
const texts = bundled().verbatims.map((v) => v.text);
const N = 3000;
const records = Array.from({ length: N }, (_, i) => {
  const a = texts[i % texts.length]!;
  const b = texts[(i * 7 + 3) % texts.length]!;
  const text = i < texts.length ? a : `${a.slice(0, a.length >> 1)} ${b.slice(b.length >> 1)}`;
  return {
    id: `r${i + 1}`,
    text: i % 97 === 0 ? `« ${text} » ; "cité"` : text,
    n: i,
    tags: i % 5 ? ['x'] : [],
    meta: i % 11 ? null : { d: '2022-11-22', ok: true },
  };
});
const ndjson = join(tmp, 'in.ndjson');
writeFileSync(ndjson, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
const csv = join(tmp, 'in.csv');
const cell = (s: string) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
writeFileSync(csv, `id;texte;n\r\n${records.map((r) => `${r.id};${cell(r.text)};${r.n}`).join('\r\n')}\r\n`);
const txt = join(tmp, 'in.txt');
writeFileSync(txt, records.map((r) => r.text).join('\n') + '\n');

describe('classify --jobs: workers started before the first record (a large input file)', () => {
  it('starts them at once for a file over the size (here 1 byte), from a path or from stdin redirected from the file, with the same bytes', async () => {
    const one = await run(['classify', ndjson, '--input', 'ndjson', '--format', 'ndjson', '--jobs', '1']);
    expect(one.status, one.stderr).toBe(0);
    // Never after N records (100000): only the early start can start them.
    const early = { extraEnv: { CNR_SYNTH_EARLY_START_BYTES: '1', CNR_SYNTH_PARALLEL_AFTER: '100000' } };
    const byPath = await runAsync(['classify', ndjson, '--input', 'ndjson', '--format', 'ndjson', '--jobs', '2', '--debug'], early);
    expect(byPath.status, byPath.stderr).toBe(0);
    expect(byPath.stderr).toMatch(/records classified in 1 worker thread\(s\)\n/);
    expect(byPath.stdout).toBe(one.stdout);
    const byStdin = await runAsync(['classify', '-', '--input', 'ndjson', '--format', 'ndjson', '--jobs', '2', '--debug'], { ...early, stdinFile: ndjson });
    expect(byStdin.status, byStdin.stderr).toBe(0);
    expect(byStdin.stderr).toMatch(/records classified in 1 worker thread\(s\)\n/);
    expect(byStdin.stdout).toBe(one.stdout);
  });
});

describe('classify --jobs: the same bytes as one thread, in input order', () => {
  for (const [kind, file] of [
    ['ndjson', ndjson],
    ['csv', csv],
    ['text', txt],
  ] as const) {
    it(`${kind} input, NDJSON output: --jobs 1, 2, 4 give identical output`, async () => {
      const outs: string[] = [];
      for (const j of [1, 2, 4]) {
        const r = await run(['classify', file, '--input', kind, '--format', 'ndjson', '--jobs', String(j), '--debug']);
        expect(r.status, r.stderr).toBe(0);
        if (j > 1) expect(inWorkers(r.stderr)).toBeGreaterThan(0);
        outs.push(r.stdout);
      }
      // Main thread first, then the workers when they are ready (how many is a matter of timing).
      const mixed = await run(['classify', file, '--input', kind, '--format', 'ndjson', '--jobs', '2'], '500');
      expect(mixed.status, mixed.stderr).toBe(0);
      expect(outs[1]).toBe(outs[0]);
      expect(outs[2]).toBe(outs[0]);
      expect(mixed.stdout).toBe(outs[0]);
      const ids = outs[0]!
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id);
      expect(ids).toEqual(kind === 'text' ? records.map((_, i) => String(i + 1)) : records.map((r) => r.id));
    }, 120_000);
  }

  it('JSON output (rows, then meta): --jobs 1 and 4 identical', async () => {
    const [a, b] = await Promise.all(
      [1, 4].map(async (j) => {
        const r = await run(['classify', ndjson, '--format', 'json', '--jobs', String(j), '--debug']);
        expect(r.status, r.stderr).toBe(0);
        if (j > 1) expect(inWorkers(r.stderr)).toBeGreaterThan(0);
        return r.stdout;
      }),
    );
    expect(b).toBe(a);
    expect((JSON.parse(a!) as { rows: unknown[] }).rows).toHaveLength(N);
  }, 120_000);

  /** `classify FILE` with --jobs 1 and 2: both exit 0, the workers took records, the same bytes; the rows parsed. */
  async function sameOnBoth(file: string) {
    const [a, b] = await Promise.all([1, 2].map((j) => run(['classify', file, '--format', 'ndjson', '--jobs', String(j), '--debug'])));
    expect(a!.status, a!.stderr).toBe(0);
    expect(b!.status, b!.stderr).toBe(0);
    expect(inWorkers(b!.stderr)).toBeGreaterThan(0);
    expect(b!.stdout).toBe(a!.stdout);
    const rows = b!.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: string; thematique: unknown; kind: unknown; group: unknown; candidates: unknown[] });
    return { a: a!, b: b!, rows };
  }

  it("the run's rules in the workers: empty texts and out-of-scheme records with null categories, as on one thread", async () => {
    // Every 50th text emptied (blank or spaces): status "empty", no candidates (src/run/classify-record.ts).
    const file = join(tmp, 'empties.ndjson');
    writeFileSync(file, records.map((r, i) => JSON.stringify(i % 50 === 7 ? { ...r, text: i % 100 === 7 ? '' : '   ' } : r)).join('\n') + '\n');
    const { rows } = await sameOnBoth(file);
    const empty = rows.filter((r) => r.status === 'empty');
    expect(empty).toHaveLength(N / 50);
    expect(empty.every((r) => r.thematique === null && r.kind === null && r.candidates.length === 0)).toBe(true);
    const out = rows.filter((r) => r.status === 'out_of_scheme');
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((r) => r.thematique === null && r.kind === null && r.candidates.length > 0)).toBe(true);
  }, 120_000);
  it('non-answers ("N/A", "#N/A", "Sans opinion", "-"…) are "empty" in the workers as on one thread, counted once on stderr', async () => {
    const na = ['N/A', '#N/A', ' Sans opinion. ', '-', 'Aucune idée', 'NSP'];
    const file = join(tmp, 'nonanswers.ndjson');
    writeFileSync(file, records.map((r, i) => JSON.stringify(i % 40 === 9 ? { ...r, text: na[((i / 40) % na.length) | 0] } : r)).join('\n') + '\n');
    const { a, b, rows } = await sameOnBoth(file);
    const empty = rows.filter((r, i) => i % 40 === 9);
    expect(empty.every((r) => r.status === 'empty' && r.group === null && r.candidates.length === 0)).toBe(true);
    for (const r of [a, b]) expect(r.stderr).toContain(`nonanswers.ndjson: ${N / 40} records are non-answers (N/A, #N/A, …): status "empty"\n`);
  }, 120_000);
});

describe('classify --jobs: errors as on one thread', () => {
  const bad = join(tmp, 'bad.ndjson');
  const lines = records.map((r) => JSON.stringify(r));
  lines[2499] = '{"id": "r2500", "text": "unterminated';
  writeFileSync(bad, lines.join('\n') + '\n');

  it('an invalid line in the middle: same one-line error, exit 2, stdout a prefix of the good output, no -o file', async () => {
    const good = (await run(['classify', ndjson, '--format', 'ndjson', '--jobs', '1'])).stdout.split('\n');
    const stderrs: string[] = [];
    for (const j of [1, 2, 4]) {
      const r = await run(['classify', bad, '--format', 'ndjson', '--jobs', String(j)]);
      expect(r.status).toBe(2);
      const out = r.stdout.split('\n').filter(Boolean);
      expect(out.length).toBeLessThan(2499);
      expect(out).toEqual(good.slice(0, out.length));
      const o = join(tmp, `out-${j}.ndjson`);
      const w = await run(['classify', bad, '--format', 'ndjson', '--jobs', String(j), '-o', o]);
      expect(w.status).toBe(2);
      expect(w.stderr).toBe(r.stderr);
      expect(existsSync(o)).toBe(false);
      stderrs.push(r.stderr);
    }
    expect(stderrs[0]).toMatch(/^cnr-synth: .*bad\.ndjson:2500: invalid JSON on this line .*--skip-invalid\n$/);
    expect(stderrs[1]).toBe(stderrs[0]);
    expect(stderrs[2]).toBe(stderrs[0]);
  }, 120_000);

  it('--skip-invalid: the same notes on stderr and the same records on stdout', async () => {
    const [a, b] = await Promise.all([1, 2].map((j) => run(['classify', bad, '--format', 'ndjson', '--skip-invalid', '--jobs', String(j), '--debug'])));
    expect(a!.status).toBe(0);
    expect(b!.status).toBe(0);
    expect(inWorkers(b!.stderr)).toBeGreaterThan(0);
    expect(b!.stdout).toBe(a!.stdout);
    const notes = (s: string) => s.split('\n').filter((l) => !l.includes('debug'));
    expect(notes(b!.stderr)).toEqual(notes(a!.stderr));
    expect(a!.stdout.trimEnd().split('\n')).toHaveLength(N - 1);
  }, 120_000);

  it('an empty input and a bad --jobs are refused (exit 2, one line)', async () => {
    const empty = join(tmp, 'empty.ndjson');
    writeFileSync(empty, '');
    const [a, b] = await Promise.all([1, 2].map((j) => run(['classify', empty, '--jobs', String(j)])));
    expect(a!.status).toBe(2);
    expect(b!.stderr).toBe(a!.stderr);
    expect(b!.status).toBe(2);
    const z = await run(['classify', ndjson, '--jobs', '0']);
    expect(z.status).toBe(2);
    expect(z.stderr).toBe('cnr-synth: --jobs takes a number from 1 to 256\n');
    expect(z.stdout).toBe('');
  });
});
