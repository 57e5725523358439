/**
 * Where a classified verbatim's time goes, in-process and without a profiler: the classify hot
 * path cut into cumulative stages, each timed over the same N verbatims (after a warm-up pass), so
 * each stage's cost is the difference with the previous one. Uses dist/ internals (loadClassifier,
 * scanTokens, the Scorer's steps, buildRecord, NdjsonRecords); when they change shape this prints {error}.
 *
 *   [BENCH_DIST=/abs/path/to/another/dist] node test/bench/lib/classify-stages.mjs CORPUS.ndjson [N]
 * Prints JSON: {n, load_ms, stages: [{stage, total_us, us}], output_bytes_per_record}.
 */
import { readFileSync } from 'node:fs';

const [, , file, nArg] = process.argv;
const N = Number(nArg ?? 10000);
const PASSES = 5;
const dist = process.env.BENCH_DIST ? new URL(`file://${process.env.BENCH_DIST.replace(/\/?$/, '/')}`) : new URL('../../../dist/', import.meta.url);

try {
  const t0 = performance.now();
  const { loadClassifier } = await import(new URL('io/classifier.js', dist).href);
  const { buildRecord } = await import(new URL('classify/predict.js', dist).href);
  const { NdjsonRecords } = await import(new URL('render/classified-ndjson.js', dist).href);
  const { scanTokens } = await import(new URL('classify/scan.js', dist).href);
  const L = await loadClassifier();
  const loadMs = performance.now() - t0;
  const sc = L.scorer;
  const lines = readFileSync(file, 'utf8')
    .split('\n', N + 3000)
    .filter(Boolean);
  const warm = lines.slice(N);
  const work = lines.slice(0, N);
  const enc = new NdjsonRecords(L);
  let sink = 0;
  let buf = new Uint16Array(512);
  // The scorer's private steps (TypeScript-private, callable from JS): tokenise into the token
  // cache, then the heads and prototype cosines, then the branch, group and idea scores.
  const stages = [
    [
      'read: JSON.parse of the input line',
      (l) => {
        sink += JSON.parse(l).text.length;
      },
    ],
    [
      '+ scan (one-pass tokenizer, normalisation)',
      (l) => {
        buf = scanTokens(JSON.parse(l).text, buf, () => {});
      },
    ],
    [
      '+ token cache, heads and prototype cosines (Scorer.heads)',
      (l) => {
        const t = JSON.parse(l).text;
        sc.nToks = 0;
        sc.buf = scanTokens(t, sc.buf, sc.emit);
        sc.heads(t);
      },
    ],
    [
      '+ branches, groups, ideas (Scorer.branches)',
      (l) => {
        sc.score(JSON.parse(l).text);
      },
    ],
    [
      '+ buildRecord (record, candidates, explanation, status)',
      (l) => {
        const r = JSON.parse(l);
        sink += buildRecord(L, r.id, r.text, 3).status.length;
      },
    ],
    [
      '+ NDJSON encoding of the output record (input passed through)',
      (l) => {
        const r = JSON.parse(l);
        const rec = buildRecord(L, r.id, r.text, 3);
        rec.input = r;
        enc.push(rec);
        if (enc.size > 1 << 20) sink += enc.take().length;
      },
    ],
  ];
  // Warm every stage up, then PASSES timed passes, stages interleaved (machine noise hits all
  // alike); each stage's figure is its fastest pass.
  for (const [, f] of stages) for (const l of warm) f(l);
  const best = stages.map(() => Infinity);
  for (let pass = 0; pass < PASSES; pass++) {
    stages.forEach(([, f], i) => {
      const t = performance.now();
      for (const l of work) f(l);
      best[i] = Math.min(best[i], ((performance.now() - t) * 1000) / work.length);
    });
  }
  const out = stages.map(([stage], i) => ({ stage, total_us: Math.round(best[i] * 100) / 100, us: Math.round((best[i] - (i ? best[i - 1] : 0)) * 100) / 100 }));
  let bytes = 0;
  enc.take();
  for (const l of work.slice(0, 2000)) {
    const r = JSON.parse(l);
    const rec = buildRecord(L, r.id, r.text, 3);
    rec.input = r;
    enc.push(rec);
  }
  bytes = enc.take().length;
  process.stdout.write(
    `${JSON.stringify({ n: work.length, load_ms: loadMs, stages: out, output_bytes_per_record: Math.round(bytes / 2000), sink: sink > 0 })}\n`,
  );
} catch (e) {
  process.stdout.write(`${JSON.stringify({ error: String(e?.message ?? e).split('\n')[0] })}\n`);
}
