// A worker for test/unit/io-pool.test.ts, on the pool's protocol (src/io/pool.ts), built files:
// task {n, delay, fail?} → n * 2 after `delay` ms; fail: "input" throws an InputError naming a
// file and line, "bug" a plain Error. workerData.failStart: the set-up throws (an InputError).
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '../../dist/io/pool.js';
import { InputError } from '../../dist/errors.js';

const port = parentPort;
if (workerData?.failStart) {
  port.postMessage({ type: 'error', seq: -1, error: serializeError(new InputError('cannot load the model', 'model.json')) });
} else {
  port.on('message', ({ seq, task }) => {
    setTimeout(() => {
      try {
        if (task.fail === 'input') throw new InputError('bad record', 'in.ndjson', task.n);
        if (task.fail === 'bug') throw new TypeError('boom');
        port.postMessage({ type: 'done', seq, result: task.n * 2 });
      } catch (e) {
        port.postMessage({ type: 'error', seq, error: serializeError(e) });
      }
    }, task.delay);
  });
  port.postMessage({ type: 'ready' });
}
