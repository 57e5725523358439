/**
 * An ordered pool of worker threads (node:worker_threads), for CPU-bound work on a stream:
 *  - each worker runs `script` once with `workerData` (it loads what it needs, e.g. a model) and
 *    says `{ type: 'ready' }`; then it answers every `{ seq, task }` with `{ seq, result }` (or
 *    `{ seq, error }`, see `serializeError`);
 *  - `run(task)` gives a promise per task; tasks go to the first idle worker, or wait in a queue;
 *  - order and memory are the caller's FIFO of these promises (see `OrderedRunner`): results are
 *    consumed in submission order, and at most `maxPending` tasks exist at any time, so memory is
 *    bounded whatever the input size and a slow consumer (stdout) holds the producer back.
 *
 * Generic plumbing (this layer knows nothing of what the workers compute): the caller gives the
 * worker script's URL. An error thrown in a worker comes back as the same error class for the
 * project's CnrErrors (one line on stderr, exit 2), as an Error with the worker's stack otherwise.
 */
import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';
import { InputError, UsageError, isCnrError } from '../errors.js';

export interface SerializedError {
  name: string;
  message: string;
  file?: string;
  line?: number;
  stack?: string;
}

/** An error as it can cross a thread boundary (structured clone keeps no class). */
export function serializeError(e: unknown): SerializedError {
  if (isCnrError(e))
    return {
      name: e.name,
      message: e.message,
      ...(e.file !== undefined ? { file: e.file } : {}),
      ...(e.line !== undefined ? { line: e.line } : {}),
      ...(e.stack ? { stack: e.stack } : {}),
    };
  if (e instanceof Error) return { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
  return { name: 'Error', message: String(e) };
}

export function deserializeError(s: SerializedError): Error {
  const Cls = s.name === 'InputError' ? InputError : s.name === 'UsageError' ? UsageError : null;
  const e = Cls ? new Cls(s.message, s.file, s.line) : new Error(s.message);
  if (s.stack) e.stack = s.stack;
  return e;
}

export type WorkerReply<R> = { type: 'ready' } | { type: 'done'; seq: number; result: R } | { type: 'error'; seq: number; error: SerializedError };

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Tasks posted to it and not answered yet. */
  busy: number;
}

interface Pending<R> {
  seq: number;
  task: unknown;
  transfer: TransferListItem[];
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

export class WorkerPool<T, R> {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending<R>[] = [];
  private readonly running = new Map<number, Pending<R>>();
  private seq = 0;
  private failure: Error | null = null;
  private closed = false;
  private readonly onReady: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];

  /**
   * `perWorker`: tasks posted to a worker at once. Above 1, the next task already waits in the
   * worker's message queue when it finishes one: it does not idle until this thread (busy with
   * work of its own) gets round to dispatching.
   */
  constructor(
    script: URL,
    jobs: number,
    workerData: unknown,
    resourceLimits?: ResourceLimits,
    private readonly perWorker = 1,
  ) {
    for (let i = 0; i < jobs; i++) {
      // stdout: true keeps anything a worker prints off the process's stdout (data goes there).
      const worker = new Worker(script, { workerData, stdout: true, ...(resourceLimits ? { resourceLimits } : {}) });
      worker.stdout.resume();
      const slot: Slot = { worker, ready: false, busy: 0 };
      worker.on('message', (m: WorkerReply<R>) => this.onMessage(slot, m));
      worker.on('error', (e) => this.fail(e));
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`a worker thread exited (code ${code}) before the end`));
      });
      this.slots.push(slot);
    }
  }

  /** At least one worker has loaded and can take tasks. */
  get ready(): boolean {
    return this.slots.some((s) => s.ready);
  }

  /** Tasks queued or running. */
  get outstanding(): number {
    return this.queue.length + this.running.size;
  }

  /** Resolves when a worker is ready; rejects if the pool fails first. */
  whenReady(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.ready) return Promise.resolve();
    return new Promise((resolve, reject) => this.onReady.push({ resolve, reject }));
  }

  /** The first error of the pool (a worker that could not start or crashed), if any. */
  get error(): Error | null {
    return this.failure;
  }

  run(task: T, transfer: TransferListItem[] = []): Promise<R> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ seq: this.seq++, task, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /** Post a message to every worker, ahead of the tasks posted after it (set-up data: not a task, no answer). */
  broadcast(message: unknown): void {
    for (const s of this.slots) s.worker.postMessage(message);
  }

  /** Stop every worker (tasks still queued or running are rejected). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const gone = new Error('worker pool closed');
    for (const p of [...this.queue, ...this.running.values()]) p.reject(gone);
    this.queue.length = 0;
    this.running.clear();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    for (const s of this.slots) {
      while (this.queue.length > 0 && s.ready && s.busy < this.perWorker) {
        const p = this.queue.shift()!;
        s.busy++;
        this.running.set(p.seq, p);
        s.worker.postMessage({ seq: p.seq, task: p.task }, p.transfer);
      }
    }
  }

  private onMessage(slot: Slot, m: WorkerReply<R>): void {
    if (m.type === 'ready') {
      slot.ready = true;
      for (const w of this.onReady.splice(0)) w.resolve();
      this.dispatch();
      return;
    }
    if (m.seq < 0) {
      // The worker could not start (its set-up threw).
      this.fail(deserializeError((m as { error: SerializedError }).error));
      return;
    }
    const p = this.running.get(m.seq);
    this.running.delete(m.seq);
    slot.busy--;
    if (p) {
      if (m.type === 'done') p.resolve(m.result);
      else p.reject(deserializeError(m.error));
    }
    this.dispatch();
  }

  private fail(e: Error): void {
    if (this.failure || this.closed) return;
    this.failure = e;
    for (const w of this.onReady.splice(0)) w.reject(e);
    for (const p of [...this.queue, ...this.running.values()]) p.reject(e);
    this.queue.length = 0;
    this.running.clear();
  }
}

/**
 * Tasks through a pool, results consumed strictly in submission order, at most `maxPending`
 * tasks alive (queued, running, or done and not yet consumed): `submit` waits for the oldest
 * result (and hands it to `consume`) when the window is full — the backpressure.
 */
export class OrderedRunner<T, R> {
  private readonly fifo: Promise<R>[] = [];

  constructor(
    private readonly pool: WorkerPool<T, R>,
    private readonly consume: (r: R) => Promise<void>,
    private readonly maxPending: number,
  ) {}

  async submit(task: T, transfer?: TransferListItem[]): Promise<void> {
    await this.room();
    const p = this.pool.run(task, transfer);
    // Rejections are seen when their turn comes (in order); until then they are not "unhandled".
    p.catch(() => undefined);
    this.fifo.push(p);
  }

  /** Wait for a free place in the window (consuming the oldest results). */
  async room(): Promise<void> {
    while (this.fifo.length >= this.maxPending) await this.consume(await this.fifo.shift()!);
  }

  /** Queue a result computed by the caller itself (after `room()`), in its turn. */
  add(result: R): void {
    this.fifo.push(Promise.resolve(result));
  }

  /** Consume every remaining result, in order. */
  async drain(): Promise<void> {
    while (this.fifo.length > 0) await this.consume(await this.fifo.shift()!);
  }
}
