/**
 * Worker thread entry of `classify --jobs N` (started by ./classify-parallel.ts through
 * src/io/pool.ts): loads the classifier once, says ready, takes the main thread's token cache
 * (a message before the first batch), then answers each batch of records with its encoded output
 * bytes (transferred, not copied), or with the error it threw.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildRecord } from '../classify/predict.js';
import type { Item } from '../io/classify-input.js';
import type { TokenSnapshot } from '../classify/scorer.js';
import { loadClassifier } from '../io/classifier.js';
import { serializeError } from '../io/pool.js';
import { BatchEncoder, type WorkerSetup } from './classify-parallel.js';

const port = parentPort!;
const setup = workerData as WorkerSetup;

/** A buffer that owns its whole ArrayBuffer can be transferred; a slice of Node's pool cannot. */
function own(b: Uint8Array): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
}

try {
  const L = await loadClassifier({ ...(setup.model ? { model: setup.model } : {}), ...(setup.taxonomy ? { taxonomy: setup.taxonomy } : {}) });
  const encoder = new BatchEncoder(L, setup, buildRecord);
  port.on('message', ({ seq, task, tokens }: { seq: number; task: Item[]; tokens?: TokenSnapshot }) => {
    if (tokens) {
      L.scorer.importTokens(tokens);
      return;
    }
    try {
      const bytes = own(encoder.encode(task));
      port.postMessage({ type: 'done', seq, result: bytes }, [bytes.buffer as ArrayBuffer]);
    } catch (e) {
      port.postMessage({ type: 'error', seq, error: serializeError(e) });
    }
  });
  port.postMessage({ type: 'ready' });
} catch (e) {
  port.postMessage({ type: 'error', seq: -1, error: serializeError(e) });
}
