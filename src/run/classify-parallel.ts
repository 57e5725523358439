/**
 * `classify --jobs N`: N threads classify — this one and N − 1 worker threads — and the output
 * bytes are written in input order: the same bytes as on one thread.
 *
 * The run's loop (./classify.ts) reads the input on the main thread (so reading errors,
 * skipped-line notes, guesses and line numbers are exactly those of one thread) and offers each
 * batch of items here:
 *  - the first SPAWN_AFTER records are classified on the main thread (a small input never pays
 *    for threads: start-up of `classify` on one verbatim is unchanged);
 *  - then N − 1 workers are started (./classify-worker.ts: each loads the model once); the main
 *    thread goes on classifying until one is ready;
 *  - from then on a batch goes to the pool (src/io/pool.ts) while the workers have fewer than
 *    QUEUE_PER_WORKER batches each, and is classified here otherwise: the main thread works
 *    instead of waiting, with no copy of its batches, and takes a larger share when the workers
 *    get less CPU. Results are written strictly in order, with at most MAX_PENDING_PER_JOB
 *    batches per thread alive, so memory stays constant and a slow stdout holds the reader back.
 * `BatchEncoder` classifies (`classifyBatch`, ./classify-record.ts: the run's own rules for
 * out-of-scheme and empty records) and encodes a batch, here and in the workers alike.
 * Layer: run (it applies the run's record rules and calls render's encoder); the pool is io.
 * Formats: ndjson and json (`csv`, `table` and `xlsx` stay on one thread).
 */
import type { WorkerPool, OrderedRunner } from '../io/pool.js';
import type { Loaded } from '../classify/load.js';
import type { ClassRecord } from '../classify/predict.js';
import type { Item } from '../io/classify-input.js';
import { NdjsonRecords } from '../render/classified-ndjson.js';
import { classifyBatch, type BuildRecord } from './classify-record.js';

export type ParallelFormat = 'ndjson' | 'json';

/** What a worker needs to classify like the main thread (its `workerData`). */
export interface WorkerSetup {
  format: ParallelFormat;
  top: number;
  model?: string;
  taxonomy?: string;
}

/**
 * Records before workers are started (~50 ms of work on one thread; measured in `npm run bench`:
 * below it, thread start-up costs more than it saves). CNR_SYNTH_PARALLEL_AFTER overrides it;
 * 0 (for tests) starts the workers at once and waits for them before the first record.
 */
export const SPAWN_AFTER = 2000;
/**
 * An input file at least this large (~13 000 verbatims of ~150 bytes: a quarter of a second on one
 * thread) starts the workers before its first record: their start-up (~0.3 s: Node, modules,
 * model) then overlaps this thread's, instead of following 2 000 records.
 */
export const EARLY_START_BYTES = 2 * 1024 * 1024;

/**
 * The default --jobs (no --jobs given) uses threads only where they pay, measured on 2 cores
 * (interleaved, quiet; NDJSON of the bench corpus, ~154 bytes a verbatim): a second thread made
 * 10k / 20k / 40k verbatims 45 / 35 / 17 % slower than one thread (its start-up and cold first
 * batches take a core that this thread was using), 60k even, 80k 6 % and 100k 12 % faster. So: a
 * file smaller than AUTO_MIN_BYTES (~54 000 such verbatims) stays on one thread; a larger one
 * starts the workers before its first record; an input of unknown size (a pipe) starts them after
 * AUTO_SPAWN_AFTER records, when at least as many are likely to follow.
 */
export const AUTO_MIN_BYTES = 8 * 1024 * 1024;
export const AUTO_SPAWN_AFTER = 50_000;

/** EARLY_START_BYTES, or CNR_SYNTH_EARLY_START_BYTES (tests). */
export function earlyStartBytes(): number {
  const env = process.env.CNR_SYNTH_EARLY_START_BYTES;
  return env !== undefined && /^\d+$/.test(env) ? Number(env) : EARLY_START_BYTES;
}
/** Records per task sent to a worker (~6 ms of work: message costs stay negligible). */
export const BATCH_RECORDS = 256;
/**
 * Tasks alive per thread (queued, running, or done and waiting for their turn to be written):
 * ~6 MB of output per thread at most. Room for the main thread to go on while a worker is
 * descheduled on a loaded machine (with 4, the whole pipeline stalled behind it).
 */
export const MAX_PENDING_PER_JOB = 16;
/**
 * Batches queued or running per worker before the main thread classifies the next one itself.
 * The main thread also reads, parses and writes everything, so the worker should take a little
 * more than its share: with 2 the worker classified 46 % of the records, with 4 it takes ~50 %
 * (measured at 300k and 1M on 2 cores: 3.53–3.56 s vs 3.80–4.02 s; 9.7 s vs 10.5 s).
 */
export const QUEUE_PER_WORKER = 4;
/**
 * Batches a worker answers, one at a time, before it gets QUEUE_PER_WORKER: its first batch took
 * 180 ms where a warm one takes 7, and with four queued behind it this thread's output window
 * filled and waited (10k verbatims: the default --jobs was 45 % slower than --jobs 1).
 */
export const WARM_BATCHES = 4;
/**
 * Batches posted to a worker at once: with one, a worker idled after each batch until the main
 * thread, classifying a batch of its own, dispatched the next (measured: a third of its time).
 */
const POSTED_PER_WORKER = 2;
/**
 * A worker's young generation (MB): records die young. At 8 MB the worker spent 12 % of its time
 * in the scavenger (3 % at 48, the main thread's default size) and the run took 7 % longer; peak
 * RSS did not grow (225–231 MB at 1M with 48, 234–254 MB with 8, where more batches wait).
 */
const WORKER_YOUNG_MB = 48;

/**
 * A batch of records → the bytes `classify` writes for them on one thread (NDJSON: one line per
 * record; JSON: `,\n` + the record, as after the first row of `{"rows":[`).
 */
export class BatchEncoder {
  private readonly lines: NdjsonRecords | null;

  constructor(
    private readonly L: Loaded,
    private readonly setup: Pick<WorkerSetup, 'format' | 'top'>,
    private readonly buildRecord: BuildRecord,
  ) {
    this.lines = setup.format === 'ndjson' ? new NdjsonRecords(L) : null;
  }

  encode(items: Item[]): Uint8Array {
    const json: string[] = [];
    for (const rec of classifyBatch(this.L, items, this.setup.top, this.buildRecord)) {
      if (this.lines) this.lines.push(rec as unknown as ClassRecord);
      else json.push(`,\n${JSON.stringify(rec)}`);
    }
    return this.lines ? this.lines.take() : Buffer.from(json.join(''), 'utf8');
  }
}

export interface ParallelOptions extends WorkerSetup {
  /** Records before the workers are started (default SPAWN_AFTER; CNR_SYNTH_PARALLEL_AFTER wins). */
  spawnAfter?: number;
  /** Threads that classify, this one included (≥ 2): at most, with `workersNow`. */
  jobs: number;
  /** The default --jobs: how many workers to start, asked when they would start (0: none, this thread does all; null: too early to tell, ask again later). */
  workersNow?: () => number | null;
  /** The classifier this thread uses. */
  loaded: Loaded;
  /** classify's buildRecord (loaded lazily by the run). */
  buildRecord: BuildRecord;
  /** Write bytes to the output, in order. */
  write: (b: Uint8Array) => Promise<void>;
  /** Write what the main thread has buffered, before the first worker's bytes. */
  flush: () => Promise<void>;
  /** Say on stderr how many records went through the workers (--debug). */
  debug?: boolean;
  /** A line for stderr. */
  note: (message: string) => void;
}

export class ParallelClassify {
  private pool: WorkerPool<Item[], Uint8Array> | null = null;
  private runner: OrderedRunner<Item[], Uint8Array> | null = null;
  private staged: Item[] = [];
  private inWorkers = 0;
  /** Batches given to the workers so far (answered = this − the pool's outstanding). */
  private sentToPool = 0;
  private readonly spawnAfter: number;
  private workers: number;
  /** The default --jobs found no idle core: everything stays on this thread. */
  private alone = false;
  private here: BatchEncoder | null = null;

  constructor(private readonly o: ParallelOptions) {
    const env = process.env.CNR_SYNTH_PARALLEL_AFTER;
    this.spawnAfter = env !== undefined && /^\d+$/.test(env) ? Number(env) : (o.spawnAfter ?? SPAWN_AFTER);
    this.workers = Math.max(1, o.jobs - 1);
  }

  /**
   * Offer the next batch, `done` records having been handled before it. True: taken (its bytes
   * will be written in order); false: classify it on this thread, as without --jobs.
   */
  async offer(items: Item[], done: number): Promise<boolean> {
    if (!this.runner) {
      if (this.alone) return false;
      if (!this.pool) {
        if (done < this.spawnAfter) return false;
        await this.start();
        if (!this.pool) return false; // no idle core (or not known yet)
      }
      // The first record opens the output (JSON: no comma before it): written by this thread.
      if (done === 0) return false;
      if (this.pool.error) throw this.pool.error;
      // CNR_SYNTH_PARALLEL_AFTER=0 (tests): wait for the workers rather than start here.
      if (this.spawnAfter === 0) await this.pool.whenReady();
      else if (!this.pool.ready) return false;
      await this.o.flush();
      // This thread's token cache, ahead of the first batch: a worker's first batches were mostly
      // the analysis of words seen here already (stems, char n-grams: 100k, 11 interleaved runs:
      // 1 682 → 1 642 ms; its first batch 185 → 111 ms).
      this.pool.broadcast({ seq: -1, tokens: this.o.loaded.scorer.exportTokens() });
      const { OrderedRunner } = await import('../io/pool.js');
      this.runner = new OrderedRunner(this.pool, this.o.write, (this.workers + 1) * MAX_PENDING_PER_JOB);
    }
    for (const it of items) this.staged.push(it);
    if (this.staged.length >= BATCH_RECORDS) await this.send();
    return true;
  }

  /**
   * Start the workers now (a large input known from its size: they load the model while this
   * thread reads and classifies the first records), or not at all when the default --jobs finds
   * no idle core. Called by `offer` otherwise, once SPAWN_AFTER records are done.
   */
  async start(): Promise<void> {
    if (this.pool || this.alone) return;
    if (this.o.workersNow) {
      const w = this.o.workersNow();
      if (w === null) return;
      this.workers = Math.min(this.workers, w);
      if (this.workers === 0) {
        this.alone = true;
        return;
      }
    }
    const setup: WorkerSetup = {
      format: this.o.format,
      top: this.o.top,
      ...(this.o.model ? { model: this.o.model } : {}),
      ...(this.o.taxonomy ? { taxonomy: this.o.taxonomy } : {}),
    };
    // Loaded here, not at start-up: a small input never loads node:worker_threads.
    const { WorkerPool } = await import('../io/pool.js');
    this.pool = new WorkerPool(
      new URL('./classify-worker.js', import.meta.url),
      this.workers,
      setup,
      { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
      POSTED_PER_WORKER,
    );
  }

  /** Write every remaining result in order, then stop the workers. */
  async finish(): Promise<void> {
    try {
      if (this.runner) {
        if (this.staged.length) await this.send();
        await this.runner.drain();
      }
      if (this.o.debug)
        this.o.note(
          `debug: --jobs ${this.workers + 1}: ${this.inWorkers} records classified in ${this.workers} worker thread(s)${this.pool || this.alone ? '' : ' (too few records to start them)'}`,
        );
    } finally {
      await this.abort();
    }
  }

  /** Stop the workers (on error: nothing more is written). */
  async abort(): Promise<void> {
    const p = this.pool;
    this.pool = null;
    this.runner = null;
    await p?.close();
  }

  private async send(): Promise<void> {
    const batch = this.staged;
    this.staged = [];
    const runner = this.runner!;
    // A worker's first batches are slow (cold JIT, empty token cache): while it has answered
    // fewer than WARM_BATCHES, it holds one batch at a time, so that this thread's window of
    // pending results does not fill up behind it and stall (measured: see WARM_BATCHES).
    const outstanding = this.pool!.outstanding;
    const warm = this.sentToPool - outstanding >= this.workers * WARM_BATCHES;
    if (outstanding < this.workers * (warm ? QUEUE_PER_WORKER : 1)) {
      this.sentToPool++;
      this.inWorkers += batch.length;
      await runner.submit(batch);
      return;
    }
    await runner.room();
    this.here ??= new BatchEncoder(this.o.loaded, this.o, this.o.buildRecord);
    runner.add(this.here.encode(batch));
  }
}
