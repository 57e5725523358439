#!/usr/bin/env node
// Golden case folders (Miller style): test/cases/<command>/<case>/{cmd,expout,exit[,experr]}.
// `cmd` is one shell line run from the package root with bin/ on PATH and $CASE_DIR set to the
// case folder (for its input files and projection scripts); keep expout small (project big outputs).
//   node test/cases/run-case.mjs --regen [DIR...]   rewrites expout/exit from the current build
// (`npm run golden` does that for every case); review the diffs with `git diff test/cases`.
import { readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, sh } from '../helpers/cli.mjs';

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
  const r = sh(cmd, { encoding: 'buffer', pipefail: false, extraEnv: { CASE_DIR: dir } });
  return { stdout: r.stdout, stderr: r.stderr.toString('utf8'), status: r.status };
}

if (process.argv[2] === '--regen') {
  const dirs = process.argv.length > 3 ? process.argv.slice(3).map((d) => resolve(d)) : listCases();
  for (const dir of dirs) {
    const r = runCase(dir);
    writeFileSync(join(dir, 'expout'), r.stdout);
    writeFileSync(join(dir, 'exit'), `${r.status}\n`);
    if (existsSync(join(dir, 'experr'))) writeFileSync(join(dir, 'experr'), r.stderr);
    process.stdout.write(`${dir.slice(CASES.length + 1)}: exit ${r.status}, ${r.stdout.length} bytes\n`);
  }
}
