/**
 * The floor of `classify` on one thread: the same process start, model load, reading (the
 * project's NDJSON reader, dist/io/ndjson.js, batched) and writing (NdjsonRecords, the output
 * encoder, 64 KB writes to stdout) — with no classification: every input record is written as a
 * record of the output's shape (one verbatim classified once at start; its id, text and input
 * replaced by the record's). What `classify` cannot beat on one thread.
 *
 *   node test/bench/lib/floor.mjs < CORPUS.ndjson > /dev/null
 * Uses dist/ internals; when they change shape it exits 1 with the reason on stderr.
 */
const dist = new URL('../../../dist/', import.meta.url);
try {
  const { loadClassifier } = await import(new URL('io/classifier.js', dist).href);
  const { buildRecord } = await import(new URL('classify/predict.js', dist).href);
  const { NdjsonRecords } = await import(new URL('render/classified-ndjson.js', dist).href);
  const { readNdjsonBatches } = await import(new URL('io/ndjson.js', dist).href);
  const L = await loadClassifier();
  const template = buildRecord(L, 'x', "Il n'y a plus de médecin généraliste dans mon village", 3);
  const enc = new NdjsonRecords(L);
  const write = (b) => new Promise((resolve) => process.stdout.write(b, () => resolve()));
  let n = 0;
  for await (const batch of readNdjsonBatches(process.stdin, { file: '<stdin>' })) {
    for (const r of batch) {
      const v = r.value;
      // Spread copies the encoder's node hints (a symbol key) too: the same fast path as classify.
      enc.push({ ...template, id: v.id === undefined ? String(r.line) : String(v.id), text: String(v.text), input: v });
      n++;
    }
    if (enc.size >= 1 << 16) await write(enc.take());
  }
  if (enc.size) await write(enc.take());
  process.stderr.write(`floor: ${n} records\n`);
} catch (e) {
  process.stderr.write(`floor.mjs: ${String(e?.message ?? e).split('\n')[0]}\n`);
  process.exitCode = 1;
}
