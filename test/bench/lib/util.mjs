/**
 * Bench plumbing: paths, the environment children run in, timed child processes with peak RSS
 * (GNU time, else an in-process wrapper), statistics, machine facts, the time budget.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(dirname(BENCH_DIR));
export const OUT = join(BENCH_DIR, 'out');
export const BIN = join(ROOT, 'bin', 'cnr-synth');
export const REPORT_TXT = join(ROOT, 'data', 'cnr-sante-nouvelle-aquitaine-2022.txt');
export const NODE = process.execPath;

export function ensureDir(d) {
  mkdirSync(d, { recursive: true });
  return d;
}

/**
 * The environment benchmarked children run in. Variables that change Node's own start-up and are
 * a property of the machine, not of cnr-synth, are removed unless BENCH_KEEP_ENV=1:
 * NODE_EXTRA_CA_CERTS (Node 20 parses the whole bundle at start-up: ~+100 ms here) and
 * NODE_OPTIONS. FORCE_COLOR/NO_COLOR are left alone (stdout is never a terminal here).
 */
export const STRIPPED_ENV = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'];
export function childEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  if (process.env.BENCH_KEEP_ENV !== '1') for (const k of STRIPPED_ENV) delete env[k];
  return env;
}
export function ambientEnv(extra = {}) {
  return { ...process.env, ...extra };
}

// ------------------------------------------------------------------------------------------
// Statistics

export function median(xs) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
export function quantile(xs, q) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}
export function round(x, d = 1) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** d;
  return Math.round(x * f) / f;
}
/** Summary of a list of millisecond samples. */
export function summary(ms) {
  return {
    runs: ms.length,
    median_ms: round(median(ms), 1),
    min_ms: round(Math.min(...ms), 1),
    max_ms: round(Math.max(...ms), 1),
  };
}

// ------------------------------------------------------------------------------------------
// Timed children

const GNU_TIME = '/usr/bin/time';
/** GNU time with -v (BusyBox/BSD time have no -v): used for peak RSS when present. */
export function gnuTimeAvailable() {
  if (process.env.BENCH_NO_GNU_TIME === '1') return false;
  if (!existsSync(GNU_TIME)) return false;
  const r = spawnSync(GNU_TIME, ['-v', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /Maximum resident set size/.test(r.stderr);
}
let gnuTime;
export function rssMethod() {
  gnuTime ??= gnuTimeAvailable();
  return gnuTime ? 'GNU time -v (ru_maxrss of the child)' : 'node wrapper (process.resourceUsage().maxRSS of the CLI process)';
}

let seq = 0;
/**
 * Run a command; resolve {ms, code, stderr, stdoutText?, rssKb?}.
 *  - stdin: a file path (opened and passed as fd 0) or 'ignore';
 *  - stdout: 'ignore' (= /dev/null), 'capture', or a file path;
 *  - rss: measure the peak RSS of the command (GNU time -v around it; for a cnr-synth command
 *    without GNU time, the in-process wrapper lib/rss-wrap.mjs).
 * Wall time is measured here, from spawn to exit (fork/exec and the wrapper included).
 */
export function runTimed(cmd, args, opts = {}) {
  const { stdin = 'ignore', stdout = 'ignore', env = childEnv(), rss = false, cwd = ROOT, cliArgs } = opts;
  let file = cmd;
  let argv = args;
  let rssFile = null;
  if (rss) {
    rssFile = join(ensureDir(join(OUT, 'tmp')), `rss-${process.pid}-${++seq}.txt`);
    rmSync(rssFile, { force: true });
    gnuTime ??= gnuTimeAvailable();
    if (gnuTime) {
      file = GNU_TIME;
      argv = ['-v', '-o', rssFile, cmd, ...args];
    } else if (cliArgs) {
      // cnr-synth in-process under a wrapper that records its own maxRSS at exit.
      file = NODE;
      argv = [join(BENCH_DIR, 'lib', 'rss-wrap.mjs'), rssFile, ...cliArgs];
    }
  }
  const fds = [];
  const open = (p, flags) => {
    const fd = openSync(p, flags);
    fds.push(fd);
    return fd;
  };
  const stdio = [stdin === 'ignore' ? 'ignore' : open(stdin, 'r'), stdout === 'ignore' ? 'ignore' : stdout === 'capture' ? 'pipe' : open(stdout, 'w'), 'pipe'];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(file, argv, { stdio, env, cwd });
    const out = [];
    const err = [];
    child.stdout?.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', (e) => {
      for (const fd of fds) closeSync(fd);
      reject(e);
    });
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      for (const fd of fds) closeSync(fd);
      const r = { ms, code: code ?? (signal ? 128 : 1), signal, stderr: Buffer.concat(err).toString('utf8') };
      if (stdout === 'capture') r.stdoutText = Buffer.concat(out).toString('utf8');
      if (rssFile && existsSync(rssFile)) {
        const t = readFileSync(rssFile, 'utf8');
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(t) ?? /^maxrss_kb=(\d+)/m.exec(t);
        if (m) r.rssKb = Number(m[1]);
        const u = /User time \(seconds\): ([\d.]+)/.exec(t);
        const sy = /System time \(seconds\): ([\d.]+)/.exec(t);
        const c = /^cpu_ms=([\d.]+)/m.exec(t);
        if (u && sy) r.cpuMs = (Number(u[1]) + Number(sy[1])) * 1000;
        else if (c) r.cpuMs = Number(c[1]);
        // GNU time prefixes the stderr file with "Command exited with non-zero status N".
        rmSync(rssFile, { force: true });
      }
      resolve(r);
    });
  });
}

/** Run a cnr-synth command (bin/cnr-synth through node). */
export function runCli(args, opts = {}) {
  return runTimed(NODE, [BIN, ...args], { ...opts, cliArgs: args });
}

/** First meaningful line of a child's stderr, for "not available yet (…)" reasons. */
export function firstLine(s, max = 160) {
  const l =
    (s || '')
      .split('\n')
      .map((x) => x.trim())
      .find((x) => x !== '') ?? '';
  return l.length > max ? `${l.slice(0, max - 1)}…` : l;
}

// ------------------------------------------------------------------------------------------
// Machine and time budget

export function machine() {
  const c = cpus();
  const sh = (cmd) => {
    const r = spawnSync('sh', ['-c', cmd], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  return {
    date: sh('date -u +%F'),
    cpu_model: c[0]?.model?.trim() ?? null,
    cores: c.length,
    nproc: Number(sh('nproc')) || c.length,
    memory_gb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    kernel: sh('uname -r'),
    load_average_at_start: loadavg().map((x) => round(x, 2)),
  };
}

export class Budget {
  constructor(seconds) {
    this.seconds = seconds;
    this.t0 = Date.now();
  }
  elapsed() {
    return (Date.now() - this.t0) / 1000;
  }
  left() {
    return this.seconds - this.elapsed();
  }
}

export function fileSize(p) {
  try {
    return statSync(p).size;
  } catch {
    return null;
  }
}

const T0 = Date.now();
export function log(...a) {
  process.stderr.write(`[bench +${String(Math.round((Date.now() - T0) / 1000)).padStart(3)} s] ${a.join(' ')}\n`);
}
