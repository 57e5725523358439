/**
 * Where a classified verbatim's time goes, in-process and without a profiler: the classify hot
 * path cut into cumulative stages, each timed over the same N verbatims (after a warm-up pass), so
 * each stage's cost is the difference with the previous one. Uses dist/ internals (loadClassifier,
 * Scorer, Featurizer, buildRecord); when they change shape this prints {error}.
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
  const { loadClassifier } = await import(new URL('classify/assets.js', dist).href);
  const { buildRecord } = await import(new URL('classify/predict.js', dist).href);
  const { normalise } = await import(new URL('classify/text.js', dist).href);
  const { NLP } = await import(new URL('classify/assets.js', dist).href);
  const { decisionDense } = await import(new URL('classify/linear.js', dist).href);
  const L = await loadClassifier();
  const loadMs = performance.now() - t0;
  const sc = L.scorer;
  const fz = sc.fz;
  const lines = readFileSync(file, 'utf8').split('\n', N + 3000).filter(Boolean);
  const warm = lines.slice(N);
  const work = lines.slice(0, N);
  let sink = 0;
  const stages = [
    ['read: JSON.parse of the input line', (l) => { sink += JSON.parse(l).text.length; }],
    ['+ normalise + tokenize (natural)', (l) => { sink += NLP.tokenize(normalise(JSON.parse(l).text)).length; }],
    ['+ rest of Featurizer.count (token cache, n-gram buckets)', (l) => { fz.count(JSON.parse(l).text); fz.reset(); }],
    ['+ Featurizer.weigh (tf-idf, l2)', (l) => { fz.count(JSON.parse(l).text); fz.weigh(sc.idf); fz.reset(); }],
    ['+ linear heads (decisionDense thématique + kind)', (l) => { fz.count(JSON.parse(l).text); fz.weigh(sc.idf); decisionDense(sc.headT, fz.touched, fz.nTouched, fz.acc, sc.dT); decisionDense(sc.headK, fz.touched, fz.nTouched, fz.acc, sc.dK); fz.reset(); }],
    ['+ prototype cosines (ProtoIndex.query)', (l) => { fz.count(JSON.parse(l).text); fz.weigh(sc.idf); decisionDense(sc.headT, fz.touched, fz.nTouched, fz.acc, sc.dT); decisionDense(sc.headK, fz.touched, fz.nTouched, fz.acc, sc.dK); sc.protos.query(fz); fz.reset(); }],
    ['+ rest of Scorer.scoreCurrent (softmaxes, branches, groups)', (l) => { sc.score(JSON.parse(l).text); sc.done(); }],
    ['+ buildRecord (record, candidates, explanation, status)', (l) => { const r = JSON.parse(l); sink += buildRecord(L, r.id, r.text, 3).status.length; }],
    ['+ JSON.stringify of the output record (input passed through)', (l) => { const r = JSON.parse(l); const rec = buildRecord(L, r.id, r.text, 3); rec.input = r; sink += JSON.stringify(rec).length; }],
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
  for (const l of work.slice(0, 2000)) {
    const r = JSON.parse(l);
    const rec = buildRecord(L, r.id, r.text, 3);
    rec.input = r;
    bytes += Buffer.byteLength(JSON.stringify(rec)) + 1;
  }
  process.stdout.write(`${JSON.stringify({ n: work.length, load_ms: loadMs, stages: out, output_bytes_per_record: Math.round(bytes / 2000), sink: sink > 0 })}\n`);
} catch (e) {
  process.stdout.write(`${JSON.stringify({ error: String(e?.message ?? e).split('\n')[0] })}\n`);
}
