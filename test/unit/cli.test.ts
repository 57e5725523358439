// The CLI as users run it: the built bin/cnr-synth in a child process.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'cnr-synth');
const env = { ...process.env, PATH: `${join(ROOT, 'bin')}:${process.env.PATH}`, NO_COLOR: '1' };
const run = (args: string[], input?: string) => spawnSync(BIN, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20, ...(input !== undefined ? { input } : {}) });
const sh = (cmd: string) => spawnSync('bash', ['-o', 'pipefail', '-c', cmd], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20 });
/** As `sh`, without blocking the worker (long examples would starve vitest's RPC). */
const shAsync = (cmd: string) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn('bash', ['-o', 'pipefail', '-c', cmd], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
const hasJq = sh('command -v jq').status === 0;

describe('cnr-synth tables --format ndjson on the bundled report', () => {
  const r = run(['tables', '--format', 'ndjson']);
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  it('prints only JSON lines on stdout, nothing on stderr, exit 0', () => {
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('{"scope":"region"')).toBe(true);
  });
  it('has the row counts the report publishes', () => {
    const c: Record<string, number> = {};
    for (const x of rows) c[`${x.scope} ${x.level}`] = (c[`${x.scope} ${x.level}`] ?? 0) + 1;
    expect(c).toEqual({ 'region sujet': 92, 'region group': 28, 'region idea': 256, 'departement group': 276, 'departement idea': 875 });
  });
  it('is byte-identical when run twice', () => {
    expect(run(['tables', '--format', 'ndjson']).stdout).toBe(r.stdout);
  });
});

describe('pipes', () => {
  it.runIf(hasJq)('`tables --format json | jq` reads the regional T1 solution groups', () => {
    const p = sh(`cnr-synth tables --format json | jq -c '[.rows[] | select(.scope=="region" and .thematique==1 and .kind=="solution" and .level=="group") | .count] | add'`);
    expect(p.status, p.stderr).toBe(0);
    expect(p.stdout.trim()).toBe('735');
  });
  it('`ingest --format json` is one JSON document whatever the pipe', () => {
    const p = sh('cnr-synth ingest | node -e \'const r=JSON.parse(require("fs").readFileSync(0,"utf8")); console.log(r.workshops.length, r.verbatims.length > 1700, r.region.contributionsTotal.count)\'');
    expect(p.stdout.trim()).toBe('46 true 1811');
  });
  it('`| head -1` exits quietly (EPIPE is not an error)', () => {
    const p = sh('cnr-synth ingest --format ndjson | head -1');
    expect(p.status).toBe(0);
    expect(p.stderr).toBe('');
    expect(JSON.parse(p.stdout).type).toBe('source');
  });
});

describe('exit codes and errors', () => {
  it('audit exits 1 on the bundled report (it has error findings)', () => {
    const r = run(['audit', '--format', 'ndjson']);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).code)).toContain('participants-total');
  });
  it('usage errors exit 2 with one line on stderr and nothing on stdout', () => {
    for (const args of [['tables', '--frobnicate'], ['tables', '--format', 'xml'], ['nope'], ['tables', '--departement', '99']]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^cnr-synth: /);
    }
  });
  it('--version and --help exit 0', () => {
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run(['--help']).status).toBe(0);
  });
});

describe('every --help example runs as written', () => {
  const commands = run(['--help']).stdout.match(/^  (\w+) \[options\]/gm)!.map((l) => l.trim().split(' ')[0]!);
  it('lists the commands', () => {
    expect(commands).toEqual(expect.arrayContaining(['ingest', 'tables', 'audit']));
  });
  for (const c of commands) {
    const help = run([c, '--help']).stdout;
    const examples = [...help.matchAll(/^  \$ (.+)$/gm)].map((m) => m[1]!);
    it(`${c}: has 2–5 examples`, () => {
      expect(examples.length).toBeGreaterThanOrEqual(2);
      expect(examples.length).toBeLessThanOrEqual(5);
    });
    for (const ex of examples) {
      it.runIf(hasJq || !ex.includes('| jq'))(`${c}: ${ex}`, async () => {
        const p = await shAsync(ex);
        // audit's own examples exit 1: the bundled report has error findings.
        expect([0, c === 'audit' ? 1 : 0], p.stderr).toContain(p.status);
        expect(p.stdout.length + (ex.includes(' -o ') ? 1 : 0)).toBeGreaterThan(0);
        expect(p.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
      }, 120_000);
    }
  }
});
