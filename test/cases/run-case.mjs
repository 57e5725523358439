#!/usr/bin/env node
// Golden case folders (Miller style): test/cases/<command>/<case>/{cmd,expout,exit[,experr]}.
// `cmd` is one shell line run from the package root with bin/ on PATH.
//   node test/cases/run-case.mjs --regen [DIR...]   rewrites expout/exit from the current build
// (`npm run golden` does that for every case); review the diffs with `git diff test/cases`.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CASES = join(ROOT, 'test', 'cases');

export function listCases() {
  const out = [];
  for (const cmd of readdirSync(CASES).sort()) {
    const d = join(CASES, cmd);
    if (!statSync(d).isDirectory()) continue;
    for (const c of readdirSync(d).sort()) if (existsSync(join(d, c, 'cmd'))) out.push(join(d, c));
  }
  return out;
}

export function runCase(dir) {
  const cmd = readFileSync(join(dir, 'cmd'), 'utf8').trim();
  const r = spawnSync('bash', ['-c', cmd], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${join(ROOT, 'bin')}:${process.env.PATH}`, NO_COLOR: '1', FORCE_COLOR: '0', CASE_DIR: dir },
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'buffer',
  });
  return { stdout: r.stdout, stderr: r.stderr.toString('utf8'), status: r.status };
}

if (process.argv[2] === '--regen') {
  const dirs = process.argv.length > 3 ? process.argv.slice(3).map((d) => join(process.cwd(), d)) : listCases();
  for (const dir of dirs) {
    const r = runCase(dir);
    writeFileSync(join(dir, 'expout'), r.stdout);
    writeFileSync(join(dir, 'exit'), `${r.status}\n`);
    if (existsSync(join(dir, 'experr'))) writeFileSync(join(dir, 'experr'), r.stderr);
    process.stdout.write(`${dir.slice(CASES.length + 1)}: exit ${r.status}, ${r.stdout.length} bytes\n`);
  }
}
void execFileSync;
