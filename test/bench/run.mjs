#!/usr/bin/env node
/**
 * `npm run bench`: speed, memory and scaling of cnr-synth, with a scikit-learn baseline, in one
 * run. Writes test/bench/results.json and test/bench/results.md (same shape every run; the figures
 * vary). Inputs it generates are cached under test/bench/out/ (gitignored).
 *
 *   1. start-up and text ingest (CLI wall time, in-process parse, which packages load);
 *   2. PDF ingest against bare pdf-parse getText() on the same file;
 *   3. classify throughput and peak RSS on 10k / 100k / 1M synthetic verbatims (NDJSON; CSV 100k),
 *      with the default --jobs (one thread per core) and --jobs 1 (100k, 1M; runs interleaved),
 *      the outputs of both compared byte for byte (100k), and the floor: reading + JSON parse +
 *      writing records of the output's shape, no classification (lib/floor.mjs);
 *   4. training time and model size;
 *   5. scikit-learn baseline (test/bench/sklearn_baseline.py): predict-only throughput, CV macro-F1;
 *   6. sharding NDJSON over 2 processes (split + xargs -P 2; GNU parallel --pipepart), --jobs 1 each.
 * Each section reports "not available yet (<reason>)" or "skipped (<reason>)" instead of failing.
 *
 * Options (env): BENCH_BUDGET_S (default 540: the whole run stays within ~10 min with the build),
 * BENCH_QUICK=1 (fewer runs, no 1M), BENCH_KEEP_ENV=1 (keep NODE_EXTRA_CA_CERTS/NODE_OPTIONS for
 * the children), BENCH_NO_GNU_TIME=1 (force the node RSS wrapper), BENCH_PYTHON=/path/python3.
 * Argument: --only=startup,text,pdf,train,classify,sklearn,shard,profiles (development).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { corpusPaths, makeCorpus, mulberry32 } from './lib/corpus.mjs';
import { benchPdf } from './lib/make-pdf.mjs';
import { analyseProfile } from './lib/profile.mjs';
import { renderMarkdown } from './lib/report.mjs';
import {
  ambientEnv,
  BENCH_DIR,
  BIN,
  Budget,
  childEnv,
  ensureDir,
  firstLine,
  log,
  machine,
  median,
  NODE,
  OUT,
  ROOT,
  round,
  rssMethod,
  runCli,
  runTimed,
  STRIPPED_ENV,
  summary,
} from './lib/util.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const only = (process.argv.find((a) => a.startsWith('--only=')) ?? '').slice(7).split(',').filter(Boolean);
const want = (s) => only.length === 0 || only.includes(s);
const budget = new Budget(Number(process.env.BENCH_BUDGET_S ?? 540));

const REPS = QUICK
  ? { floor: 5, help: 5, tables: 5, inproc: 20, pdf: 3, startup: 3, 10000: 3, 100000: 1, 1000000: 0, train: 1 }
  : { floor: 10, help: 10, tables: 10, inproc: 30, pdf: 5, startup: 5, 10000: 5, 100000: 3, 1000000: 1, train: 3 };
const SIZES = QUICK ? [10000, 100000] : [10000, 100000, 1000000];
const CORPUS_SIZES = [10000, 100000, 1000000];
const TABLES_ARGS = ['tables', '--source', 'published', '--format', 'ndjson'];
const CLASSIFY_ARGS = ['classify', '-', '--input', 'ndjson', '--format', 'ndjson'];
const CLASSIFY_J1 = [...CLASSIFY_ARGS, '--jobs', '1'];
/** The default --jobs, with --debug: stderr says how many threads it chose (one per core left idle). */
const CLASSIFY_DEFAULT = [...CLASSIFY_ARGS, '--debug'];

/** The threads the default --jobs chose in these runs ("2", or "1–2" when runs differ), from their --debug line. */
function threadsChosen(runs) {
  const n = runs.map((r) => Number(/debug: --jobs (\d+): \d+ records/.exec(r.stderr ?? '')?.[1] ?? 1));
  const lo = Math.min(...n);
  const hi = Math.max(...n);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}
/** classify's default --jobs: os.availableParallelism() (the same call as src/commands/classify.ts). */
const JOBS = (await import('node:os')).availableParallelism();
const CORPUS_DIR = join(OUT, 'corpus');
const TMP = ensureDir(join(OUT, 'tmp'));

const na = (reason) => ({ status: 'not available yet', reason });
const skipped = (reason) => ({ status: 'skipped', reason });
const mb = (kb) => (kb == null ? null : round(kb / 1024, 1));

async function repeat(n, f) {
  const rs = [];
  for (let i = 0; i < n; i++) rs.push(await f(i));
  return rs;
}
/** {runs, median_ms, min_ms, max_ms, peak_rss_mb} of timed results. */
function timing(rs) {
  const rss = rs.map((r) => r.rssKb).filter((x) => x != null);
  const cpu = rs.map((r) => r.cpuMs).filter((x) => x != null);
  const s = summary(rs.map((r) => r.ms));
  const cpuMs = cpu.length ? median(cpu) : null;
  return {
    ...s,
    peak_rss_mb: rss.length ? mb(Math.max(...rss)) : null,
    cpu_ms: round(cpuMs, 0),
    cpu_pct: cpuMs != null ? round((100 * cpuMs) / s.median_ms, 0) : null,
  };
}
function assertOk(r, what) {
  if (r.code !== 0) throw Object.assign(new Error(`${what}: exit ${r.code}${r.stderr ? `: ${firstLine(r.stderr)}` : ''}`), { na: true });
  return r;
}
const sha256 = (s) => createHash('sha256').update(s).digest('hex');

// ------------------------------------------------------------------------------------------
// Shared probes

let helpCommands = null;
async function commands() {
  const r = await runCli(['--help'], { stdout: 'capture' });
  const m = /\nCommands:\n([\s\S]*?)(\n\n|$)/.exec(r.stdoutText ?? '');
  helpCommands = m ? [...m[1].matchAll(/^ {2}([a-z][\w-]*)/gm)].map((x) => x[1]) : [];
  return helpCommands;
}

let ingestCache = null;
/** The report's verbatims as `cnr-synth ingest --format ndjson` gives them (type "verbatim"). */
async function verbatims() {
  if (ingestCache) return ingestCache;
  const r = assertOk(await runCli(['ingest', '--format', 'ndjson'], { stdout: 'capture' }), 'cnr-synth ingest --format ndjson');
  ingestCache = r.stdoutText
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((x) => x.type === 'verbatim');
  return ingestCache;
}

/** Which packages a command loads (ESM resolutions and CommonJS requires, via lib/trace-loads.mjs). */
async function traceModules(args, stdin = 'ignore') {
  const file = join(TMP, `trace-${args[0] ?? 'none'}-${process.pid}.txt`);
  rmSync(file, { force: true });
  const r = await runTimed(NODE, ['--import', pathToFileURL(join(BENCH_DIR, 'lib', 'trace-loads.mjs')).href, BIN, ...args], {
    stdin,
    env: childEnv({ BENCH_TRACE_OUT: file }),
  });
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  rmSync(file, { force: true });
  const pkgs = new Set();
  const dist = new Set();
  for (const l of lines) {
    const p = l.slice(4);
    const nm = p.lastIndexOf('/node_modules/');
    if (nm >= 0) {
      const parts = p.slice(nm + 14).split('/');
      pkgs.add(parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
    } else if (p.includes('/dist/')) dist.add(p);
  }
  const packages = [...pkgs].sort();
  return {
    exit: r.code,
    pdf_parse: packages.some((p) => p === 'pdf-parse' || p === 'pdfjs-dist'),
    natural: packages.includes('natural'),
    packages,
    dist_modules: dist.size,
  };
}

/** node --cpu-prof runs of a command, analysed (self time per area and per function, averaged). */
async function profile(name, args, { stdin = 'ignore', runs = 1, intervalUs = 250 } = {}) {
  const dir = join(OUT, 'prof', name);
  rmSync(dir, { recursive: true, force: true });
  ensureDir(dir);
  const walls = [];
  for (let i = 0; i < runs; i++) {
    const r = await runTimed(NODE, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', String(intervalUs), BIN, ...args], { stdin });
    assertOk(r, `profile ${name}`);
    walls.push(r.ms);
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const as = files.map((f) => analyseProfile(join(dir, f), { top: 40 }));
  const k = as.length || 1;
  const merge = (key, id) => {
    const m = new Map();
    for (const a of as)
      for (const x of a[key]) {
        const cur = m.get(id(x)) ?? { ...x, ms: 0 };
        cur.ms += x.ms / k;
        m.set(id(x), cur);
      }
    const total = as.reduce((s, a) => s + a.totalMs, 0) / k;
    return [...m.values()].map((x) => ({ ...x, ms: round(x.ms, 1), pct: round((100 * x.ms) / total, 1) })).sort((a, b) => b.ms - a.ms);
  };
  return {
    command: `cnr-synth ${args.map((a) => (a.startsWith(`${ROOT}/`) ? a.slice(ROOT.length + 1) : a)).join(' ')}${stdin !== 'ignore' ? ` < ${stdin.slice(ROOT.length + 1)}` : ''}`,
    runs: files.length,
    wall_ms_under_profiler: round(median(walls), 1),
    sampled_ms: round(as.reduce((s, a) => s + a.totalMs, 0) / k, 1),
    areas: merge('areas', (x) => x.area).map(({ area, ms, pct }) => ({ area, ms, pct })),
    functions: merge('functions', (x) => `${x.name}@${x.where}`)
      .slice(0, 8)
      .map(({ name, where, area, ms, pct }) => ({ name, where, area, ms, pct })),
    files: files.map((f) => join(dir, f).slice(ROOT.length + 1)),
  };
}

// ------------------------------------------------------------------------------------------
// 1. Start-up and text ingest

async function sectionStartup() {
  const floor = await repeat(REPS.floor, () => runTimed(NODE, ['-e', '0'], { rss: true }));
  const floorAmbient = await repeat(REPS.floor, () => runTimed(NODE, ['-e', '0'], { env: ambientEnv() }));
  const help = await repeat(REPS.help, () => runCli(['--help'], { rss: true }));
  help.forEach((r) => assertOk(r, 'cnr-synth --help'));
  const helpAmbient = await repeat(REPS.help, () => runCli(['--help'], { env: ambientEnv() }));
  const ambientVars = STRIPPED_ENV.filter((k) => process.env[k] !== undefined);
  return {
    status: 'ok',
    node_floor: timing(floor),
    node_floor_ambient: timing(floorAmbient),
    help: timing(help),
    help_ambient: timing(helpAmbient),
    ambient_vars: ambientVars,
    modules_help: await traceModules(['--help']),
  };
}

async function sectionText() {
  await runCli(TABLES_ARGS); // page cache warm-up, not counted
  const check = assertOk(await runCli(TABLES_ARGS, { stdout: 'capture' }), 'cnr-synth tables');
  const rows = check.stdoutText.split('\n').filter(Boolean).length;
  const cli = await repeat(REPS.tables, () => runCli(TABLES_ARGS, { rss: true }));
  cli.forEach((r) => assertOk(r, 'cnr-synth tables'));
  const ip = assertOk(await runTimed(NODE, [join(BENCH_DIR, 'lib', 'inproc-parse.mjs'), String(REPS.inproc)], { stdout: 'capture' }), 'in-process parse');
  const j = JSON.parse(ip.stdoutText);
  return {
    status: 'ok',
    rows,
    output_sha256: sha256(check.stdoutText),
    cli: timing(cli),
    inproc: {
      import_ms: round(j.import_ms, 1),
      cold_ms: round(j.cold_ms, 1),
      ...summary(j.warm),
      verbatims: j.verbatims,
      lines: j.lines,
    },
    modules_tables: await traceModules(TABLES_ARGS),
  };
}

// ------------------------------------------------------------------------------------------
// 2. PDF ingest

const rowKey = (r) => [r.scope, r.departement, r.thematique, r.kind, r.level, r.group, r.label].join('|');

async function sectionPdf(textRows) {
  let pdf;
  try {
    pdf = await benchPdf();
  } catch (e) {
    return na(`cannot build the PDF with test/helpers/make-pdf.ts: ${firstLine(e.message)}`);
  }
  const args = ['tables', pdf.file, '--format', 'ndjson'];
  const check = await runCli(args, { stdout: 'capture' });
  if (check.code !== 0) return { ...na(`cnr-synth tables x.pdf: exit ${check.code}: ${firstLine(check.stderr)}`), file: pdfInfo(pdf, null) };
  const bareCheck = await runTimed(NODE, [join(BENCH_DIR, 'lib', 'bare-pdf-parse.mjs'), pdf.file], { stdout: 'capture' });
  if (bareCheck.code !== 0) return { ...na(`bare pdf-parse: exit ${bareCheck.code}: ${firstLine(bareCheck.stderr)}`), file: pdfInfo(pdf, null) };
  const pages = JSON.parse(bareCheck.stdoutText).pages;
  const pdfRows = check.stdoutText
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const pdfKeys = new Set(pdfRows.map(rowKey));
  const missing = textRows ? textRows.filter((r) => !pdfKeys.has(rowKey(r))) : [];
  const textKeys = new Set((textRows ?? []).map(rowKey));
  const extra = textRows ? pdfRows.filter((r) => !textKeys.has(rowKey(r))) : [];
  // Interleave CLI and bare runs so that machine noise hits both alike.
  const cli = [];
  const bare = [];
  for (let i = 0; i < REPS.pdf; i++) {
    cli.push(assertOk(await runCli(args, { rss: true }), 'cnr-synth tables x.pdf'));
    bare.push(assertOk(await runTimed(NODE, [join(BENCH_DIR, 'lib', 'bare-pdf-parse.mjs'), pdf.file], { stdout: 'capture', rss: true }), 'bare pdf-parse'));
  }
  const inner = bare.map((r) => JSON.parse(r.stdoutText));
  const c = timing(cli);
  const b = timing(bare);
  return {
    status: 'ok',
    file: pdfInfo(pdf, pages),
    rows: pdfRows.length,
    rows_text: textRows?.length ?? null,
    rows_missing_vs_text: missing.length,
    rows_extra_vs_text: extra.length,
    missing_examples: missing.slice(0, 3).map((r) => `${r.scope} ${r.departement ?? ''} T${r.thematique} ${r.kind} ${r.level} "${r.label}"`),
    cli: c,
    bare: b,
    bare_import_ms: round(median(inner.map((x) => x.import_ms)), 1),
    bare_gettext_ms: round(median(inner.map((x) => x.gettext_ms)), 1),
    ratio: round(c.median_ms / b.median_ms, 2),
    modules_pdf: await traceModules(args),
    profile: await profile('pdf', args, { intervalUs: 1000 }),
  };
}
function pdfInfo(pdf, pages) {
  return {
    path: pdf.file.slice(ROOT.length + 1),
    bytes: pdf.bytes,
    pages,
    generated_this_run: pdf.generated,
    generate_ms: round(pdf.ms, 0),
    options: pdf.options,
  };
}

// ------------------------------------------------------------------------------------------
// 4. Training

async function sectionTrain() {
  if (!helpCommands.includes('train')) return na('no "train" command in cnr-synth --help');
  const out = join(TMP, 'model.json');
  rmSync(out, { force: true });
  const rs = [await runCli(['train', '-o', out], { rss: true })];
  // More runs only when training is quick (the median of 3 then).
  if (rs[0].code === 0 && rs[0].ms < 15000) for (let i = 1; i < REPS.train; i++) rs.push(await runCli(['train', '-o', out], { rss: true }));
  const bad = rs.find((r) => r.code !== 0);
  if (bad) return na(`cnr-synth train -o <tmp>: exit ${bad.code}: ${firstLine(bad.stderr)}`);
  const bundled = join(ROOT, 'data', 'model.json');
  const trained = existsSync(out) ? readFileSync(out) : null;
  const shipped = existsSync(bundled) ? readFileSync(bundled) : null;
  return {
    status: 'ok',
    train: timing(rs),
    model_bytes: shipped?.length ?? null,
    model_gzip_bytes: shipped ? gzipSync(shipped, { level: 9 }).length : null,
    trained_bytes: trained?.length ?? null,
    identical_to_bundled: trained && shipped ? Buffer.compare(trained, shipped) === 0 : null,
  };
}

// ------------------------------------------------------------------------------------------
// 3. Classify throughput

async function sectionClassify(texts) {
  const res = {
    status: 'ok',
    corpus: null,
    sample: null,
    startup: null,
    jobs: JOBS,
    sizes: [],
    jobs1: [],
    floor: [],
    scaling: [],
    identical: null,
    csv: null,
    linear: null,
    rss_flat: null,
    profile: null,
    stages: null,
  };
  if (!helpCommands.includes('classify')) return { ...res, ...na('no "classify" command in cnr-synth --help') };
  const c = makeCorpus(texts, CORPUS_SIZES, CORPUS_DIR);
  res.corpus = {
    dir: CORPUS_DIR.slice(ROOT.length + 1),
    seed: c.manifest.seed,
    recipe_version: c.manifest.version,
    source_verbatims: c.manifest.source_verbatims,
    mean_chars: c.manifest.mean_chars_first_10k,
    generated_this_run: c.generated,
    generate_ms: round(c.ms, 0),
    files: Object.fromEntries(Object.entries(c.manifest.files).map(([k, v]) => [k, { records: v.records, bytes: v.bytes, sha256: v.sha256 }])),
  };
  // Sample files: 1 and 100 records (start-up; a correctness probe).
  const nd10k = corpusPaths(CORPUS_DIR, 10000).ndjson;
  const lines100 = readFileSync(nd10k, 'utf8').split('\n').slice(0, 100);
  const s1 = join(CORPUS_DIR, 'sample-1.ndjson');
  const s100 = join(CORPUS_DIR, 'sample-100.ndjson');
  writeFileSync(s1, `${lines100[0]}\n`);
  writeFileSync(s100, `${lines100.join('\n')}\n`);
  const probe = await runCli(CLASSIFY_ARGS, { stdin: s100, stdout: 'capture' });
  if (probe.code !== 0) return { ...res, ...na(`cnr-synth classify - --input ndjson: exit ${probe.code}: ${firstLine(probe.stderr)}`) };
  const outLines = probe.stdoutText.split('\n').filter(Boolean);
  let first;
  try {
    first = JSON.parse(outLines[0]);
  } catch {
    return { ...res, ...na(`classify output is not NDJSON: ${firstLine(probe.stdoutText)}`) };
  }
  if (outLines.length !== 100) return { ...res, ...na(`classify wrote ${outLines.length} lines for 100 verbatims`) };
  res.sample = { records_in: 100, records_out: outLines.length, output_fields: Object.keys(first) };
  res.modules_classify = await traceModules(CLASSIFY_ARGS, s100);

  const st = await repeat(REPS.startup, () => runCli(CLASSIFY_ARGS, { stdin: s1, rss: true }));
  res.startup = timing(st);
  const t0 = res.startup.median_ms;
  let marginal100k = null;
  for (const n of SIZES) {
    const p = corpusPaths(CORPUS_DIR, n);
    const reps = REPS[n];
    const withJ1 = n >= 100000;
    if (n === 1000000 && marginal100k !== null) {
      // Default and --jobs 1 runs, the floor (~1/3 of a --jobs 1 run).
      const est = ((t0 + (marginal100k * n) / 1000) / 1000) * (withJ1 ? 1 + JOBS + JOBS / 3 : 1);
      // Leave room for the sklearn baseline (CV + 100k) and the sharding run.
      if (est > budget.left() - 90) {
        res.sizes.push({ n, format: 'ndjson', ...skipped(`estimated ${Math.round(est)} s > ${Math.round(budget.left() - 90)} s left of the budget`) });
        continue;
      }
    }
    // Default --jobs, --jobs 1 and the floor interleaved, so that machine noise hits them alike.
    const rs = [];
    const r1 = [];
    const rf = [];
    for (let i = 0; i < reps; i++) {
      rs.push(await runCli(CLASSIFY_DEFAULT, { stdin: p.ndjson, rss: true }));
      if (!withJ1) continue;
      r1.push(await runCli(CLASSIFY_J1, { stdin: p.ndjson, rss: true }));
      rf.push(await runTimed(NODE, [join(BENCH_DIR, 'lib', 'floor.mjs')], { stdin: p.ndjson, rss: true }));
    }
    const bad = rs.find((r) => r.code !== 0);
    if (bad) {
      res.sizes.push({ n, format: 'ndjson', ...na(`exit ${bad.code}: ${firstLine(bad.stderr)}`) });
      continue;
    }
    const t = { ...timing(rs), threads: threadsChosen(rs) };
    if (withJ1) {
      const b1 = r1.find((r) => r.code !== 0);
      const t1 = b1 ? null : timing(r1);
      res.jobs1.push(
        b1 ? { n, ...na(`--jobs 1: exit ${b1.code}: ${firstLine(b1.stderr)}`) } : { n, status: 'ok', ...t1, per_second: Math.round(n / (t1.median_ms / 1000)) },
      );
      const bf = rf.find((r) => r.code !== 0);
      const tf = bf ? null : timing(rf);
      res.floor.push(
        bf
          ? { n, ...na(`lib/floor.mjs: exit ${bf.code}: ${firstLine(bf.stderr)}`) }
          : { n, status: 'ok', ...tf, per_second: Math.round(n / (tf.median_ms / 1000)) },
      );
      if (t1) {
        const speedup = t1.median_ms / t.median_ms;
        res.scaling.push({
          n,
          jobs: JOBS,
          threads: t.threads,
          jobs1_ms: t1.median_ms,
          jobs_ms: t.median_ms,
          speedup: round(speedup, 2),
          per_core: round(speedup / JOBS, 2),
          of_floor: tf ? round(tf.median_ms / t.median_ms, 2) : null,
        });
      }
    }
    const marginal = ((t.median_ms - t0) * 1000) / n; // µs per verbatim beyond start-up
    if (n === 100000) marginal100k = marginal / 1000; // ms per verbatim
    res.sizes.push({ n, format: 'ndjson', status: 'ok', ...t, per_second: Math.round(n / (t.median_ms / 1000)), marginal_us: round(marginal, 2) });
    log(
      `classify ${p.tag}: ${Math.round(t.median_ms)} ms, ${Math.round(n / (t.median_ms / 1000))}/s, ${t.peak_rss_mb} MB${withJ1 ? `; --jobs 1 ${res.jobs1.at(-1)?.median_ms} ms; floor ${res.floor.at(-1)?.median_ms} ms` : ''}`,
    );
  }
  // The outputs of --jobs 1 and the default, byte for byte (the 100k corpus: past the main
  // thread's first records, then the workers).
  {
    const p = corpusPaths(CORPUS_DIR, 100000);
    const files = [CLASSIFY_J1, CLASSIFY_ARGS].map((args, i) => ({ args, file: join(TMP, `jobs-${i}.ndjson`) }));
    const rr = [];
    for (const f of files) rr.push(await runCli(f.args, { stdin: p.ndjson, stdout: f.file }));
    const hashes = files.map((f) => (existsSync(f.file) ? createHash('sha256').update(readFileSync(f.file)).digest('hex') : null));
    for (const f of files) rmSync(f.file, { force: true });
    res.identical = rr.some((r) => r.code !== 0)
      ? na(`exit ${rr.map((r) => r.code).join(', ')}`)
      : { status: 'ok', n: 100000, jobs: [1, JOBS], sha256: hashes, identical: hashes[0] !== null && hashes[0] === hashes[1] };
  }
  // CSV input, 100k, once.
  const csv = corpusPaths(CORPUS_DIR, 100000).csv;
  const rcsv = await runCli(['classify', '-', '--input', 'csv', '--format', 'ndjson'], { stdin: csv, rss: true });
  res.csv =
    rcsv.code === 0
      ? { n: 100000, format: 'csv', status: 'ok', ...timing([rcsv]), per_second: Math.round(100000 / (rcsv.ms / 1000)) }
      : { n: 100000, format: 'csv', ...na(`exit ${rcsv.code}: ${firstLine(rcsv.stderr)}`) };

  const ok = (n) => res.sizes.find((s) => s.n === n && s.status === 'ok');
  const a = ok(100000);
  const b = ok(1000000);
  const s10 = ok(10000);
  if (a && b) {
    // Linear = the cost per verbatim does not grow with n (it may fall: JIT and token-cache warm-up).
    const r = b.marginal_us / a.marginal_us;
    const slope = (x, y) => round(((y.median_ms - x.median_ms) * 1000) / (y.n - x.n), 2);
    res.linear = {
      marginal_ratio_1m_over_100k: round(r, 3),
      limit: 1.25,
      linear: r <= 1.25,
      slope_us_10k_100k: s10 ? slope(s10, a) : null,
      slope_us_100k_1m: slope(a, b),
    };
    res.rss_flat = { rss_100k_mb: a.peak_rss_mb, rss_1m_mb: b.peak_rss_mb, ratio: round(b.peak_rss_mb / a.peak_rss_mb, 2), limit_mb: 250 };
  }
  res.profile = await profile('classify', CLASSIFY_ARGS, { stdin: corpusPaths(CORPUS_DIR, 100000).ndjson, intervalUs: 1000 });
  const sg = await runTimed(NODE, [join(BENCH_DIR, 'lib', 'classify-stages.mjs'), corpusPaths(CORPUS_DIR, 100000).ndjson, '10000'], { stdout: 'capture' });
  try {
    const j = JSON.parse(sg.stdoutText);
    res.stages = j.error
      ? na(`lib/classify-stages.mjs: ${j.error}`)
      : { status: 'ok', n: j.n, load_ms: round(j.load_ms, 0), stages: j.stages, output_bytes_per_record: j.output_bytes_per_record };
  } catch {
    res.stages = na(`lib/classify-stages.mjs: exit ${sg.code}: ${firstLine(sg.stderr)}`);
  }
  return res;
}

// ------------------------------------------------------------------------------------------
// 5. scikit-learn baseline

function findPython() {
  const tried = [];
  const cands = process.env.BENCH_PYTHON ? [process.env.BENCH_PYTHON] : ['python3', '/usr/bin/python3'];
  for (const p of cands) {
    const r = spawnSync(p, ['-c', 'import sklearn, numpy, sys; print(sys.version.split()[0], sklearn.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { python: p, versions: r.stdout.trim(), tried };
    tried.push(`${p}: ${r.error ? r.error.code : firstLine(r.stderr.split('\n').filter(Boolean).pop() ?? '')}`);
  }
  return { python: null, tried };
}

/** Port of src/stats/metrics.ts stratifiedFolds (used only when dist/ lacks it). */
function stratifiedFoldsPort(strata, k, rng) {
  const by = new Map();
  strata.forEach((s, i) => {
    if (!by.has(s)) by.set(s, []);
    by.get(s).push(i);
  });
  const fold = new Int32Array(strata.length);
  let offset = 0;
  for (const key of [...by.keys()].sort((x, y) => x - y)) {
    const idx = by.get(key);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    for (let i = 0; i < idx.length; i++) fold[idx[i]] = (offset + i) % k;
    offset += idx.length;
  }
  return fold;
}

/** Search a JSON value for per-verbatim fold ids: an array of objects with an id and a fold. */
function findFolds(v, depth = 0) {
  if (depth > 6 || v === null || typeof v !== 'object') return null;
  if (Array.isArray(v)) {
    if (v.length > 0 && typeof v[0] === 'object' && v[0] && 'id' in v[0] && 'fold' in v[0]) return new Map(v.map((x) => [x.id, x.fold]));
    for (const x of v.slice(0, 50)) {
      const f = findFolds(x, depth + 1);
      if (f) return f;
    }
    return null;
  }
  for (const k of Object.keys(v)) {
    const f = findFolds(v[k], depth + 1);
    if (f) return f;
  }
  return null;
}

/** Our CV macro-F1 on thématique from `cnr-synth eval --format json` (`.thematique.model.macroF1`). */
function findThematiqueMacroF1(v) {
  const direct = v?.thematique?.model?.macroF1;
  if (typeof direct === 'number') return { path: 'thematique.model.macroF1', value: direct };
  const hits = [];
  const walk = (x, path) => {
    if (x === null || typeof x !== 'object') return;
    for (const [k, y] of Object.entries(x)) {
      const p = [...path, k];
      if (/^macro_?f1$/i.test(k) && typeof y === 'number') hits.push({ path: p.join('.'), value: y });
      else walk(y, p);
    }
  };
  walk(v, []);
  const th = hits.filter((h) => /thematique/i.test(h.path) && !/majority|bayes|baseline/i.test(h.path));
  return th.find((h) => /model|cv|cross|fold/i.test(h.path)) ?? th[0] ?? null;
}

async function runEval(args) {
  const r = await runCli(['eval', ...args, '--format', 'json'], { stdout: 'capture' });
  if (r.code !== 0) return { res: na(`cnr-synth eval ${args.join(' ')} --format json: exit ${r.code}: ${firstLine(r.stderr)}`), json: null };
  try {
    const json = JSON.parse(r.stdoutText);
    const f1 = findThematiqueMacroF1(json);
    return {
      res: { status: 'ok', wall_ms: round(r.ms, 0), macro_f1: f1 ? round(f1.value, 4) : null, json_path: f1?.path ?? null, protocol: json.protocol ?? null },
      json,
    };
  } catch {
    return { res: na(`cnr-synth eval ${args.join(' ')} --format json did not print JSON`), json: null };
  }
}

async function sectionSklearn(vs, classify) {
  const res = { status: 'ok', python: null, versions: null, folds: null, ours_cv: null, eval: null, eval_no_scheme: null, baseline: null, compare: [] };
  const py = findPython();
  if (!py.python) return { ...res, ...skipped(`no python3 with scikit-learn (tried ${py.tried.join('; ')}); apt-get install -y python3-sklearn`) };
  res.python = py.python;
  // Our side: `cnr-synth eval --format json` (CV metrics; fold ids when it exports them), with the
  // scheme's texts (as shipped) and with --no-scheme (verbatims only, as the baseline is trained).
  let evalJson = null;
  if (helpCommands.includes('eval')) {
    const e = await runEval([]);
    res.eval = e.res;
    evalJson = e.json;
    res.eval_no_scheme = budget.left() > 240 ? (await runEval(['--no-scheme'])).res : skipped('time budget');
  } else {
    res.eval = na('no "eval" command in cnr-synth --help');
    res.eval_no_scheme = na('no "eval" command in cnr-synth --help');
  }
  res.ours_cv = res.eval.macro_f1 != null ? { macro_f1: res.eval.macro_f1, json_path: res.eval.json_path } : null;

  // The folds.
  const evalFolds = evalJson ? findFolds(evalJson) : null;
  let folds;
  if (evalFolds && vs.every((v) => evalFolds.has(v.id))) {
    folds = vs.map((v) => Number(evalFolds.get(v.id)));
    res.folds = { source: 'cnr-synth eval --format json (fold id per verbatim)' };
  } else {
    let strat = stratifiedFoldsPort;
    let rng = mulberry32;
    let from = 'a port of src/stats/metrics.ts stratifiedFolds and src/classify/prng.ts mulberry32 (dist/ lacks them)';
    try {
      ({ stratifiedFolds: strat } = await import(pathToFileURL(join(ROOT, 'dist', 'stats', 'metrics.js')).href));
      ({ mulberry32: rng } = await import(pathToFileURL(join(ROOT, 'dist', 'classify', 'prng.js')).href));
      from = "cnr-synth's own dist/stats/metrics.js stratifiedFolds + dist/classify/prng.js mulberry32";
    } catch {
      // keep the port
    }
    const seed = Number(evalJson?.protocol?.seed ?? 1);
    const k = Number(evalJson?.protocol?.folds ?? 5);
    // As src/eval/cv.ts: stratifiedFolds(bullets.map((d) => d.t * 2 + d.k), folds, mulberry32(seed)),
    // bullets = report.verbatims in order, t = thématique − 1, k = 1 for solution.
    const strata = vs.map((v) => (v.thematique - 1) * 2 + (v.kind === 'solution' ? 1 : 0));
    folds = [...strat(strata, k, rng(seed))];
    res.folds = {
      source: `computed with ${from}, exactly as src/eval/cv.ts does: strata = (thématique − 1) × 2 + (kind = solution), k = ${k}, mulberry32(seed ${seed}), the ${vs.length} verbatims in ingest order (= report.verbatims, eval's bullets) — so the very folds of \`cnr-synth eval\``,
    };
  }
  const labelled = join(ensureDir(join(OUT, 'sklearn')), 'labelled.ndjson');
  writeFileSync(
    labelled,
    vs.map((v, i) => JSON.stringify({ id: v.id, text: v.text, thematique: v.thematique, kind: v.kind, fold: folds[i] })).join('\n') + '\n',
  );
  res.folds.sizes = [...new Set(folds)].sort().map((f) => folds.filter((x) => x === f).length);

  const pargs = [join(BENCH_DIR, 'sklearn_baseline.py'), '--train', labelled];
  const sizes = SIZES.filter((n) => n >= 100000);
  for (const n of sizes) {
    const p = corpusPaths(CORPUS_DIR, n).ndjson;
    if (!existsSync(p))
      makeCorpus(
        vs.map((v) => v.text),
        CORPUS_SIZES,
        CORPUS_DIR,
      );
    pargs.push('--predict', `${p}:${n}`);
  }
  pargs.push('--budget-s', String(Math.max(30, Math.round(budget.left() - 60))));
  const env = childEnv({ OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' });
  const r = await runTimed(py.python, pargs, { stdout: 'capture', env, rss: true });
  if (r.code !== 0) return { ...res, ...na(`sklearn_baseline.py: exit ${r.code}: ${firstLine(r.stderr.split('\n').filter(Boolean).pop())}`) };
  const j = JSON.parse(r.stdoutText);
  res.versions = j.versions;
  res.baseline = {
    model: j.model,
    train_size: j.train_size,
    cv_macro_f1_pooled: round(j.cv.macro_f1_pooled, 4),
    cv_macro_f1_mean_of_folds: round(j.cv.macro_f1_mean_of_folds, 4),
    cv_accuracy_pooled: round(j.cv.accuracy_pooled, 4),
    fold_sizes: j.cv.fold_sizes,
    train_seconds: round(j.train_seconds, 2),
    process_wall_ms: round(r.ms, 0),
    peak_rss_mb: mb(r.rssKb ?? j.max_rss_kb),
    predict: j.predict.map((p) =>
      p.skipped
        ? { n: p.n, status: 'skipped', reason: p.skipped }
        : { n: p.n, status: 'ok', seconds: round(p.seconds, 2), per_second: Math.round(p.per_second) },
    ),
  };
  for (const p of res.baseline.predict) {
    const ours = classify?.sizes?.find((s) => s.n === p.n && s.status === 'ok');
    const one = classify?.jobs1?.find((s) => s.n === p.n && s.status === 'ok');
    res.compare.push({
      n: p.n,
      ours_per_second: ours?.per_second ?? null,
      sklearn_per_second: p.per_second ?? null,
      ratio: ours && p.per_second ? round(ours.per_second / p.per_second, 2) : null,
      jobs1_per_second: one?.per_second ?? null,
      ratio_jobs1: one && p.per_second ? round(one.per_second / p.per_second, 2) : null,
    });
  }
  return res;
}

// ------------------------------------------------------------------------------------------
// 6. Sharding over 2 processes

async function sectionShard(classify) {
  if (classify?.status !== 'ok') return na('classify not available');
  if (spawnSync('sh', ['-c', 'command -v split && command -v xargs']).status !== 0) return skipped('split/xargs not found');
  const gnuParallel = spawnSync('sh', ['-c', 'parallel --version']).stdout?.toString().startsWith('GNU parallel') ?? false;
  const runs = [];
  const one = `${CLASSIFY_J1.join(' ')}`;
  // Each shard is one process with one thread (--jobs 1): 2 processes = 2 cores, as 2 machines would be.
  const methods = [
    {
      method: 'xargs',
      cmd: (p, dir) =>
        `ls ${dir}/${p.tag}-[0-9][0-9] | xargs -P 2 -I{} sh -c 'exec "$0" "$1" ${one} < "$2" > "$2.out"' "${NODE}" "${BIN}" {} && cat ${dir}/${p.tag}-[0-9][0-9].out > /dev/null`,
      split: true,
    },
    ...(gnuParallel
      ? [
          {
            method: 'gnu-parallel',
            cmd: (p) => `parallel --will-cite --pipepart -a ${p.ndjson} --block -1 -j 2 --keep-order "${NODE}" "${BIN}" ${one} > /dev/null`,
            split: false,
          },
        ]
      : []),
  ];
  for (const n of [100000, 1000000]) {
    const single = classify.jobs1.find((s) => s.n === n && s.status === 'ok');
    const dflt = classify.sizes.find((s) => s.n === n && s.status === 'ok');
    if (!single) continue;
    // One-process --jobs 1 runs interleaved with the sharded ones: the load moves between
    // sections, so the classify section's figure is no fair reference.
    const here = [];
    const reps = n >= 1000000 ? 1 : 3;
    const p = corpusPaths(CORPUS_DIR, n);
    const dir = ensureDir(join(OUT, 'shard'));
    for (const m of methods) {
      if ((reps * single.median_ms * 1.7) / 1000 > budget.left() - (n >= 1000000 ? 60 : 10)) {
        runs.push({ n, method: m.method, ...skipped(`budget: ${Math.round(budget.left())} s left`) });
        continue;
      }
      for (const f of readdirSync(dir)) rmSync(join(dir, f));
      if (m.split) {
        const sp = spawnSync('split', ['-n', 'l/2', '-d', p.ndjson, join(dir, `${p.tag}-`)]);
        if (sp.status !== 0) return skipped(`split -n l/2 failed: ${firstLine(String(sp.stderr))}`);
      }
      const load = (await import('node:os')).loadavg()[0];
      const rs = [];
      for (let i = 0; i < reps; i++) {
        rs.push(await runTimed('sh', ['-c', m.cmd(p, dir)], { rss: true }));
        here.push(await runCli(CLASSIFY_J1, { stdin: p.ndjson, rss: true }));
      }
      for (const f of readdirSync(dir)) rmSync(join(dir, f));
      const bad = rs.find((r) => r.code !== 0);
      if (bad) {
        runs.push({ n, method: m.method, ...na(`sharded run: exit ${bad.code}: ${firstLine(bad.stderr)}`) });
        continue;
      }
      const t = timing(rs);
      const one = timing(here.filter((r) => r.code === 0));
      runs.push({
        n,
        method: m.method,
        status: 'ok',
        single_ms: one.median_ms,
        single_cpu_pct: one.cpu_pct,
        default_jobs_ms: dflt?.median_ms ?? null,
        sharded: t,
        per_second: Math.round(n / (t.median_ms / 1000)),
        speedup: round(one.median_ms / t.median_ms, 2),
        load_average_1m_before: round(load, 2),
      });
    }
  }
  if (runs.length === 0) return na('no single-process figure to compare with');
  return {
    status: 'ok',
    shards: 2,
    command:
      "split -n l/2 -d corpus.ndjson part- && ls part-* | xargs -P 2 -I{} sh -c 'cnr-synth classify - --input ndjson --format ndjson --jobs 1 < {} > {}.out'",
    command_parallel: gnuParallel
      ? 'parallel --pipepart -a corpus.ndjson --block -1 -j 2 --keep-order cnr-synth classify - --input ndjson --format ndjson --jobs 1 > out.ndjson'
      : null,
    runs,
  };
}

// ------------------------------------------------------------------------------------------
// Targets

function targets(R) {
  const T = [];
  const add = (id, goal, measured, ok, why) => T.push({ id, goal, measured, status: ok === null ? `n/a${why ? ` (${why})` : ''}` : ok ? 'met' : 'not met' });
  const cls = R.classify;
  const big = cls?.sizes?.filter((s) => s.status === 'ok').sort((a, b) => b.n - a.n)[0];
  add(
    'classify-throughput',
    '≥ 50,000 verbatims/s end to end (NDJSON, one process, default --jobs)',
    big
      ? `${big.per_second.toLocaleString('en-US')}/s at ${big.n.toLocaleString('en-US')}${big.cpu_ms ? ` (${Math.round(big.n / (big.cpu_ms / 1000)).toLocaleString('en-US')} per CPU-second)` : ''}`
      : null,
    big ? big.per_second >= 50000 : null,
    cls?.reason ?? 'not measured',
  );
  for (const [n, goal] of [
    [100000, 8],
    [1000000, 10],
  ]) {
    const cmp = R.sklearn?.compare?.find((c) => c.n === n && c.ratio !== null);
    add(
      `vs-sklearn-${n >= 1e6 ? '1m' : '100k'}`,
      `≥ ${goal}× scikit-learn predict-only throughput at ${n.toLocaleString('en-US')}, same run (end to end, default --jobs)`,
      cmp ? `${cmp.ratio}× (${cmp.ratio_jobs1 ?? '–'}× with --jobs 1; default chose ${cls?.sizes?.find((x) => x.n === n)?.threads ?? '–'} thread(s))` : null,
      cmp ? cmp.ratio >= goal : null,
      R.sklearn?.reason ?? 'not measured',
    );
  }
  add(
    'classify-startup',
    'classify start-up ≤ 0.2 s for one verbatim (default --jobs)',
    cls?.startup ? `${cls.startup.median_ms} ms` : null,
    cls?.startup ? cls.startup.median_ms <= 200 : null,
    cls?.reason ?? 'not measured',
  );
  const idn = cls?.identical;
  add(
    'jobs-identical',
    `--jobs ${JOBS} output byte-identical to --jobs 1 (100k)`,
    idn?.status === 'ok' ? (idn.identical ? 'identical' : 'DIFFERENT') : null,
    idn?.status === 'ok' ? idn.identical : null,
    idn?.reason ?? 'not measured',
  );
  const rf = cls?.rss_flat;
  add(
    'rss-flat',
    'peak RSS flat; 1M within 250 MB',
    rf ? `${rf.rss_100k_mb} MB (100k) → ${rf.rss_1m_mb} MB (1M)` : null,
    rf ? rf.rss_1m_mb <= 250 && rf.ratio <= 1.25 : null,
    cls?.reason ?? 'needs 100k and 1M',
  );
  const pdf = R.pdf;
  add(
    'pdf-ratio',
    'PDF ingest ≤ 1.2 × bare pdf-parse',
    pdf?.status === 'ok' ? `${pdf.ratio}×` : null,
    pdf?.status === 'ok' ? pdf.ratio <= 1.2 : null,
    pdf?.reason ?? 'not measured',
  );
  const tx = R.text;
  add(
    'text-ingest',
    'text ingest CLI ≤ 300 ms',
    tx?.status === 'ok' ? `${tx.cli.median_ms} ms` : null,
    tx?.status === 'ok' ? tx.cli.median_ms <= 300 : null,
    tx?.reason ?? 'not measured',
  );
  const su = R.startup;
  const mh = su?.modules_help;
  const mt = tx?.modules_tables;
  add(
    'lazy-load',
    'pdf-parse and natural not loaded by `--help` and text `tables`',
    mh && mt ? (mh.pdf_parse || mh.natural || mt.pdf_parse || mt.natural ? 'loaded' : 'not loaded') : null,
    mh && mt ? !(mh.pdf_parse || mh.natural || mt.pdf_parse || mt.natural) : null,
    'not measured',
  );
  add(
    'help',
    '`--help` ≤ 150 ms',
    su?.status === 'ok' ? `${su.help.median_ms} ms` : null,
    su?.status === 'ok' ? su.help.median_ms <= 150 : null,
    su?.reason ?? 'not measured',
  );
  add(
    'linear',
    'linear scaling: cost per verbatim at 1M ≤ 1.25 × at 100k (no super-linear growth)',
    cls?.linear
      ? `${cls.linear.marginal_ratio_1m_over_100k}× (${cls.linear.slope_us_10k_100k ?? '–'} µs/verbatim 10k→100k, ${cls.linear.slope_us_100k_1m} µs 100k→1M)`
      : null,
    cls?.linear ? cls.linear.linear : null,
    cls?.reason ?? 'needs 100k and 1M',
  );
  return T;
}

// ------------------------------------------------------------------------------------------

/** Every section has these keys, in this order, whatever happened (null when not measured). */
const SHAPES = {
  startup: ['node_floor', 'node_floor_ambient', 'help', 'help_ambient', 'ambient_vars', 'modules_help'],
  text: ['rows', 'output_sha256', 'cli', 'inproc', 'modules_tables'],
  pdf: [
    'file',
    'rows',
    'rows_text',
    'rows_missing_vs_text',
    'rows_extra_vs_text',
    'missing_examples',
    'cli',
    'bare',
    'bare_import_ms',
    'bare_gettext_ms',
    'ratio',
    'modules_pdf',
    'profile',
  ],
  train: ['train', 'model_bytes', 'model_gzip_bytes', 'trained_bytes', 'identical_to_bundled'],
  classify: [
    'corpus',
    'sample',
    'modules_classify',
    'startup',
    'jobs',
    'sizes',
    'jobs1',
    'floor',
    'scaling',
    'identical',
    'csv',
    'linear',
    'rss_flat',
    'profile',
    'stages',
  ],
  sklearn: ['python', 'versions', 'folds', 'ours_cv', 'eval', 'eval_no_scheme', 'baseline', 'compare'],
  shard: ['shards', 'command', 'command_parallel', 'runs'],
  profiles: ['help', 'text_ingest', 'classify_startup'],
};
function shaped(name, r) {
  const out = { status: r.status ?? 'ok', reason: r.reason ?? null };
  for (const k of SHAPES[name]) out[k] = r[k] ?? null;
  return out;
}

const LOAD = {};
async function section(name, f) {
  if (!want(name)) return shaped(name, skipped('not selected (--only)'));
  LOAD[name] = round((await import('node:os')).loadavg()[0], 2);
  log(`${name}… (load average ${LOAD[name]})`);
  try {
    return shaped(name, await f());
  } catch (e) {
    log(`${name}: ${e.stack ?? e}`);
    return shaped(name, na(`${e.na ? '' : 'bench error: '}${firstLine(e.message)}`));
  }
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js missing: run npm run build (npm run bench does)');
  const R = {
    schema: 'cnr-synth/bench@1',
    machine: machine(),
    settings: {
      quick: QUICK,
      budget_s: budget.seconds,
      reps: REPS,
      sizes: SIZES,
      rss_method: rssMethod(),
      stripped_env: process.env.BENCH_KEEP_ENV === '1' ? [] : STRIPPED_ENV,
    },
  };
  await commands();
  R.commands = helpCommands;
  R.startup = await section('startup', sectionStartup);
  R.text = await section('text', sectionText);
  let textRows = null;
  if (R.text.status === 'ok' || want('pdf')) {
    const r = await runCli(TABLES_ARGS, { stdout: 'capture' });
    if (r.code === 0)
      textRows = r.stdoutText
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
  }
  R.pdf = await section('pdf', () => sectionPdf(textRows));
  R.train = await section('train', sectionTrain);
  let vs = null;
  R.classify = await section('classify', async () => {
    vs = await verbatims();
    return sectionClassify(vs.map((v) => v.text));
  });
  R.sklearn = await section('sklearn', async () => sectionSklearn(vs ?? (await verbatims()), R.classify));
  R.shard = await section('shard', () => sectionShard(R.classify));
  R.profiles = await section('profiles', async () => {
    const sample = join(CORPUS_DIR, 'sample-1.ndjson');
    return {
      status: 'ok',
      help: await profile('help', ['--help'], { runs: 3, intervalUs: 100 }),
      text_ingest: await profile('tables', TABLES_ARGS, { runs: 3, intervalUs: 100 }),
      classify_startup:
        R.classify?.status === 'ok' && existsSync(sample)
          ? await profile('classify-startup', CLASSIFY_ARGS, { stdin: sample, runs: 3, intervalUs: 100 })
          : na('classify not available'),
    };
  });
  R.targets = targets(R);
  R.machine.load_average_at_end = (await import('node:os')).loadavg().map((x) => round(x, 2));
  R.machine.load_average_1m_by_section = LOAD;
  R.elapsed_s = round(budget.elapsed(), 0);
  writeFileSync(join(BENCH_DIR, 'results.json'), `${JSON.stringify(R, null, 2)}\n`);
  writeFileSync(join(BENCH_DIR, 'results.md'), renderMarkdown(R));
  log(`done in ${R.elapsed_s} s: test/bench/results.md, test/bench/results.json`);
  process.stdout.write(renderMarkdown(R));
}

await main();
