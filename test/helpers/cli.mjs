// The built CLI as users run it, in child processes: the one spawn helper of the tests and of the golden
// case runner (test/cases/run-case.mjs, plain Node, hence .mjs; types in cli.d.mts).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

/** As `sh`, without blocking the test worker (long commands would starve vitest's RPC); resolves, never rejects. */
export function shAsync(cmd, { cwd = ROOT, extraEnv } = {}) {
  return new Promise((resolve) => {
    const p = spawn('bash', ['-o', 'pipefail', '-c', cmd], { cwd, env: extraEnv ? { ...env, ...extraEnv } : env });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A fresh directory under the system temporary folder, removed when the test process exits. */
export function tempDir(prefix = 'cnr-test-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** jq is optional: the examples that pipe into it are skipped without it. */
export const hasJq = spawnSync('bash', ['-c', 'command -v jq'], { env }).status === 0;
