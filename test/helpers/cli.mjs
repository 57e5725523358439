// The built CLI as users run it, in child processes: the one spawn helper of the tests and of the golden
// case runner (test/cases/run-case.mjs, plain Node, hence .mjs; types in cli.d.mts).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'cnr-synth');
/** bin/ on PATH so that shell lines say `cnr-synth` as the README does; no colour, whatever the terminal. */
export const env = { ...process.env, PATH: `${join(ROOT, 'bin')}:${process.env.PATH}`, NO_COLOR: '1', FORCE_COLOR: '0' };
const MAX = 256 << 20;

/** `cnr-synth ARGS` with optional stdin; text output (`encoding: 'buffer'` for bytes). */
export function run(args, { input, cwd = ROOT, encoding = 'utf8', extraEnv } = {}) {
  return spawnSync(BIN, args, { cwd, env: extraEnv ? { ...env, ...extraEnv } : env, encoding, maxBuffer: MAX, ...(input !== undefined ? { input } : {}) });
}

/** One bash line (pipefail: a failing command inside a pipe fails the line). */
export function sh(cmd, { input, cwd = ROOT, encoding = 'utf8', extraEnv, pipefail = true } = {}) {
  return spawnSync('bash', [...(pipefail ? ['-o', 'pipefail'] : []), '-c', cmd], {
    cwd,
    env: extraEnv ? { ...env, ...extraEnv } : env,
    encoding,
    maxBuffer: MAX,
    ...(input !== undefined ? { input } : {}),
  });
}

/** A child's status and text output, once it has closed; a child that cannot start resolves with status null. */
function collect(p) {
  return new Promise((resolve) => {
    const out = [];
    const err = [];
    p.stdout.on('data', (c) => out.push(c));
    p.stderr.on('data', (c) => err.push(c));
    p.on('error', (e) => resolve({ status: null, stdout: '', stderr: String(e) }));
    p.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** As `sh`, without blocking the test worker (long commands would starve vitest's RPC); resolves, never rejects. */
export function shAsync(cmd, { cwd = ROOT, extraEnv } = {}) {
  return collect(spawn('bash', ['-o', 'pipefail', '-c', cmd], { cwd, env: extraEnv ? { ...env, ...extraEnv } : env }));
}

/** As `run`, without blocking the test worker, and with no stdin; resolves, never rejects. */
export function runAsync(args, { cwd = ROOT, extraEnv, stdinFile } = {}) {
  // stdinFile: stdin redirected from that file (a regular file, as `< file` in a shell).
  const fd = stdinFile ? openSync(stdinFile, 'r') : null;
  const child = spawn(BIN, args, { cwd, env: extraEnv ? { ...env, ...extraEnv } : env, stdio: [fd ?? 'ignore', 'pipe', 'pipe'] });
  if (fd !== null) closeSync(fd);
  return collect(child);
}

/** The temporary directories made in this process, removed by one exit listener (one per directory would trip Node's 10-listener warning). */
const made = [];
process.on('exit', () => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh directory under the system temporary folder, removed when the test process exits. */
export function tempDir(prefix = 'cnr-test-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** jq is optional: the examples that pipe into it are skipped without it. */
export const hasJq = spawnSync('bash', ['-c', 'command -v jq'], { env }).status === 0;
