/**
 * The synthetic classify corpus: N verbatims made by recombining the report's real verbatims
 * (those of `cnr-synth ingest --format ndjson`, type "verbatim") with a seeded PRNG, written as
 * NDJSON ({"id","text"} per line) and CSV (header id,text; RFC 4180 quoting).
 *
 * Recipe for record i (one mulberry32 stream, seed CORPUS_SEED, draws in this order):
 *   u = rng()
 *   u < 0.45  halves: first half of verbatim A + second half of verbatim B (cut at the word
 *             boundary nearest the middle), A and B drawn uniformly;
 *   u < 0.85  clauses: verbatim A split at , ; : and the clauses shuffled (Fisher–Yates);
 *             a single-clause verbatim falls back to halves;
 *   else      A as printed.
 * The 10k and 100k files are the first 10k / 100k records of the 1M stream, so they nest.
 * Cached under test/bench/out/corpus/ with a manifest (recipe version, seed, sha256 of the source
 * verbatims, sizes, bytes and sha256 per file): regenerated only when one of these changes.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, fileSize } from './util.mjs';

export const CORPUS_VERSION = 1;
export const CORPUS_SEED = 20221122;

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cutNearMiddle(words) {
  return Math.max(1, Math.round(words.length / 2));
}

/** A generator of synthetic verbatim texts. */
export function* synthetic(texts, n, seed = CORPUS_SEED) {
  const rng = mulberry32(seed);
  const words = texts.map((t) => t.split(' '));
  const clauses = texts.map((t) => t.split(/\s*[,;:]\s+/).filter((c) => c !== ''));
  const pick = () => Math.floor(rng() * texts.length);
  const halves = (a) => {
    const b = pick();
    const wa = words[a];
    const wb = words[b];
    return `${wa.slice(0, cutNearMiddle(wa)).join(' ')} ${wb.slice(cutNearMiddle(wb)).join(' ')}`.trim();
  };
  for (let i = 0; i < n; i++) {
    const u = rng();
    const a = pick();
    if (u < 0.45) yield halves(a);
    else if (u < 0.85) {
      const cs = clauses[a];
      if (cs.length < 2) {
        yield halves(a);
        continue;
      }
      const c = [...cs];
      for (let j = c.length - 1; j > 0; j--) {
        const k = Math.floor(rng() * (j + 1));
        [c[j], c[k]] = [c[k], c[j]];
      }
      yield c.join(', ');
    } else yield texts[a];
  }
}

function csvCell(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

class Sink {
  constructor(path) {
    this.path = path;
    this.fd = openSync(path, 'w');
    this.buf = [];
    this.len = 0;
    this.bytes = 0;
    this.hash = createHash('sha256');
  }
  write(s) {
    this.buf.push(s);
    this.len += s.length;
    if (this.len > 1 << 22) this.flush();
  }
  flush() {
    if (this.buf.length === 0) return;
    const b = Buffer.from(this.buf.join(''), 'utf8');
    this.hash.update(b);
    writeSync(this.fd, b);
    this.bytes += b.length;
    this.buf = [];
    this.len = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

export function corpusPaths(dir, n) {
  const tag = n >= 1e6 ? `${n / 1e6}m` : `${n / 1e3}k`;
  return { ndjson: join(dir, `corpus-${tag}.ndjson`), csv: join(dir, `corpus-${tag}.csv`), tag };
}

/**
 * Make (or reuse) the corpora of the given sizes from the source verbatim texts.
 * Returns { dir, generated, ms, manifest }.
 */
export function makeCorpus(texts, sizes, dir) {
  ensureDir(dir);
  const sourceSha = createHash('sha256').update(texts.join('\n')).digest('hex');
  const manifestPath = join(dir, 'manifest.json');
  const want = {
    version: CORPUS_VERSION,
    seed: CORPUS_SEED,
    source_verbatims: texts.length,
    source_sha256: sourceSha,
    sizes: [...sizes].sort((a, b) => a - b),
  };
  if (existsSync(manifestPath)) {
    try {
      const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
      const same =
        JSON.stringify({ ...want }) ===
        JSON.stringify({ version: m.version, seed: m.seed, source_verbatims: m.source_verbatims, source_sha256: m.source_sha256, sizes: m.sizes });
      const filesOk = same && Object.entries(m.files).every(([p, f]) => fileSize(join(dir, p)) === f.bytes);
      if (filesOk) return { dir, generated: false, ms: 0, manifest: m };
    } catch {
      // regenerate
    }
  }
  const t0 = performance.now();
  const max = Math.max(...sizes);
  const sinks = want.sizes.map((n) => {
    const p = corpusPaths(dir, n);
    return { n, nd: new Sink(p.ndjson), csv: new Sink(p.csv), p };
  });
  for (const s of sinks) s.csv.write('id,text\n');
  let i = 0;
  const width = String(max).length;
  for (const text of synthetic(texts, max)) {
    const id = `syn-${String(i + 1).padStart(width, '0')}`;
    const nd = `${JSON.stringify({ id, text })}\n`;
    const csv = `${id},${csvCell(text)}\n`;
    for (const s of sinks) {
      if (i < s.n) {
        s.nd.write(nd);
        s.csv.write(csv);
      }
    }
    i++;
  }
  const files = {};
  let chars = 0;
  for (const s of sinks) {
    files[s.p.ndjson.slice(dir.length + 1)] = { records: s.n, ...s.nd.close() };
    files[s.p.csv.slice(dir.length + 1)] = { records: s.n, ...s.csv.close() };
  }
  for (const t of synthetic(texts, Math.min(max, 10000))) chars += t.length;
  const manifest = { ...want, mean_chars_first_10k: Math.round(chars / Math.min(max, 10000)), files };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, generated: true, ms: performance.now() - t0, manifest };
}
