/**
 * `classify` run: open the input (src/io/classify-input.ts), classify it batch by batch
 * (`classifyItem`/`classifyBatch`, ./classify-record.ts: input items → output records, a pure
 * function of the batch and the loaded model), write each batch in the chosen format as it comes
 * (constant memory, except `--format table` and `xlsx`, which need every row), and return the
 * run's data (count, meta, exit code). With --jobs N (NDJSON and JSON output), batches past the
 * first records go to worker threads and come back encoded, in input order
 * (./classify-parallel.ts): the same bytes as on one thread.
 *
 * Why src/run/: this module uses io (input, output stream), render (CSV, table, XLSX) and
 * classify (the scorer); under the one-way imports (commands → run → render/aggregate → io →
 * ingest/classify → model) it sits just below the command, which keeps only its options.
 *
 * The output record (one per input item, in order) is classify's record with null categories
 * when out of the scheme or empty (./classify-record.ts, shared with the worker threads).
 */
import { InputError } from '../errors.js';
import type { ClassRecord } from '../classify/predict.js';
import type { Loaded } from '../classify/load.js';
import { openClassifyInput, type ClassifyInputOptions, type Item, type OpenedInput } from '../io/classify-input.js';
import { classifyItem, isNonAnswer, type OutRecord } from './classify-record.js';
import { clip, firstFew } from '../wording.js';

export type ClassifyFormat = 'table' | 'json' | 'ndjson' | 'csv' | 'xlsx';

export interface ClassifyRunOptions extends Omit<ClassifyInputOptions, 'note'> {
  top: number;
  format: ClassifyFormat;
  excelFr: boolean;
  output?: string | undefined;
  model?: string | undefined;
  taxonomy?: string | undefined;
  quiet: boolean;
  /** False with --no-color; colour also needs a terminal (src/io/color-policy.ts). */
  color: boolean;
  /** Threads that classify (NDJSON and JSON output; default: the number of cores; 1: this one only). */
  jobs?: number | undefined;
  /** --debug: say how many records the worker threads classified. */
  debug?: boolean | undefined;
  /** A line for stderr. */
  note: (message: string) => void;
}

export interface ClassifyRunResult {
  exit: number;
  count: number;
  meta: { tool: string; version: string; input: { file: string; kind: string; sha256: string }; model: { sha256: string; taxonomy: string } };
}

/**
 * A writer per format: `add` one record (a promise only when it wrote), `end` with the run's meta.
 * Records are written as they are made (not a batch at a time): short-lived, they stay in the
 * young generation of the heap, which keeps memory and time as before the split.
 */
interface Sink {
  add(rec: OutRecord, input: OpenedInput): Promise<void> | void;
  end(meta: ClassifyRunResult['meta'], title: string): Promise<void>;
  /** Write what is buffered (before bytes written past the sink: --jobs). */
  flush?(): Promise<void>;
}

/** Records whose text is only a non-answer (classify-record.ts `isNonAnswer`: status "empty"), counted on this thread whatever thread classifies them. */
class NonAnswers {
  private n = 0;
  private readonly seen: string[] = [];

  count(items: Item[]): void {
    for (const it of items) {
      if (!isNonAnswer(it.text)) continue;
      this.n++;
      const t = it.text.trim();
      if (this.seen.length < 3 && !this.seen.includes(t)) this.seen.push(t);
    }
  }

  /** `a.csv: 3 records are non-answers (N/A, Aucune, …): status "empty"`, or null. */
  summary(name: string): string | null {
    if (this.n === 0) return null;
    const shown = firstFew(this.seen, 2);
    return `${name}: ${this.n} record${this.n === 1 ? ' is a non-answer' : 's are non-answers'} (${shown}): status "empty"`;
  }
}

export async function runClassify(file: string | undefined, o: ClassifyRunOptions): Promise<ClassifyRunResult> {
  const { format } = o;
  // The default --jobs counts the cores left idle while this thread loads the model (src/io/cpu.ts).
  const { coreCount, cpuSample, idleCores, inputFileSize } = await import('../io/cpu.js');
  const start = o.jobs === undefined ? cpuSample() : null;
  if (format === 'xlsx') (await import('../render/xlsx.js')).assertXlsxOutput(o.output);
  const { loadClassifierFile } = await import('../io/classifier.js');
  const { buildRecord } = await import('../classify/predict.js');
  const { loaded, modelSha256: modelSha } = await loadClassifierFile({
    ...(o.model ? { model: o.model } : {}),
    ...(o.taxonomy ? { taxonomy: o.taxonomy } : {}),
  });
  // Guesses said on stderr wait for the first records: a refusal before them stays one line.
  const pending: string[] = [];
  let started = false;
  const note = (m: string) => (started ? o.note(m) : pending.push(m));
  const input = await openClassifyInput(file, { ...o, note });
  const { progressBar } = await import('../io/progress.js');
  const progress = progressBar({ total: null, label: 'classify', quiet: o.quiet });
  const { openStreamWriter } = await import('../io/stream-writer.js');
  const out = await openStreamWriter(format === 'xlsx' ? undefined : o.output);
  let par: import('./classify-parallel.js').ParallelClassify | null = null;
  try {
    const sink = await makeSink(format, out, loaded, o);
    // --jobs N, or (default) one thread per core, cut down at spawn time to the cores then idle.
    const jobs = o.jobs ?? coreCount();
    const size = input.kind !== 'xlsx' && input.kind !== 'report' ? inputFileSize(file) : null;
    const { AUTO_MIN_BYTES, AUTO_SPAWN_AFTER } = await import('./classify-parallel.js');
    // The default --jobs: a file too small for threads to pay stays on this thread (see AUTO_MIN_BYTES).
    const small = o.jobs === undefined && size !== null && size < AUTO_MIN_BYTES;
    if (small && jobs > 1 && o.debug) o.note(`debug: --jobs 1 (${size} bytes of input: threads pay from ${AUTO_MIN_BYTES} bytes)`);
    if (jobs > 1 && !small && (format === 'ndjson' || format === 'json')) {
      const { ParallelClassify, earlyStartBytes } = await import('./classify-parallel.js');
      par = new ParallelClassify({
        jobs,
        ...(o.jobs === undefined ? { spawnAfter: AUTO_SPAWN_AFTER } : {}),
        ...(start
          ? {
              workersNow: () => {
                const idle = idleCores(start, cpuSample());
                return idle === null ? null : autoWorkers(jobs, idle, o.debug ? o.note : null);
              },
            }
          : {}),
        loaded,
        buildRecord,
        format,
        top: o.top,
        ...(o.model ? { model: o.model } : {}),
        ...(o.taxonomy ? { taxonomy: o.taxonomy } : {}),
        write: (b) => out.writeBytes(b),
        flush: async () => sink.flush?.(),
        debug: o.debug ?? false,
        note: o.note,
      });
      if ((size ?? -1) >= (o.jobs === undefined ? AUTO_MIN_BYTES : earlyStartBytes())) await par.start();
    }
    let n = 0;
    const nonAnswers = new NonAnswers();
    for await (const items of input.items()) {
      if (!started && items.length > 0) {
        started = true;
        for (const m of pending.splice(0)) o.note(m);
      }
      nonAnswers.count(items);
      // --jobs: past the first records, the batch is classified and written by ./classify-parallel.ts.
      if (par && (await par.offer(items, n))) {
        n += items.length;
        progress.tick(items.length);
        continue;
      }
      for (const it of items) {
        const wrote = sink.add(classifyItem(loaded, it, o.top, buildRecord), input);
        if (wrote) await wrote;
      }
      n += items.length;
      progress.tick(items.length);
    }
    await par?.finish();
    progress.stop();
    if (n === 0) {
      const what = { report: 'report', text: 'text file', csv: 'CSV', ndjson: 'NDJSON file', json: 'JSON document', xlsx: 'sheet' }[input.kind];
      throw new InputError(
        `no verbatims in this input (an empty ${what}); expected one verbatim per ${input.kind === 'csv' || input.kind === 'xlsx' ? 'row' : 'line'}`,
        input.name,
      );
    }
    for (const m of pending.splice(0)) o.note(m);
    for (const line of input.summary()) o.note(line);
    const na = nonAnswers.summary(input.name);
    if (na !== null) o.note(na);
    const { toolVersion } = await import('../version.js');
    const meta = {
      tool: 'cnr-synth',
      version: toolVersion(),
      input: { file: input.name, kind: input.kind, sha256: input.sha256() },
      model: { sha256: modelSha, taxonomy: loaded.model.taxonomy.sha256 },
    };
    await sink.end(meta, `${input.name} — ${n} verbatims`);
    await out.close();
    return { exit: 0, count: n, meta };
  } catch (e) {
    progress.stop();
    await par?.abort();
    await out.abort();
    throw e;
  }
}

async function makeSink(
  format: ClassifyFormat,
  out: Awaited<ReturnType<(typeof import('../io/stream-writer.js'))['openStreamWriter']>>,
  loaded: Loaded,
  o: ClassifyRunOptions,
): Promise<Sink> {
  switch (format) {
    case 'ndjson': {
      // Records encoded straight to UTF-8 bytes (the same bytes as JSON.stringify + "\n").
      const { NdjsonRecords } = await import('../render/classified-ndjson.js');
      const lines = new NdjsonRecords(loaded);
      const flush = async () => {
        if (lines.size > 0) await out.writeBytes(lines.take());
      };
      return {
        add: (r) => {
          lines.push(r as unknown as ClassRecord);
          if (lines.size >= 1 << 16) return out.writeBytes(lines.take());
        },
        end: flush,
        flush,
      };
    }
    case 'json': {
      // The rows stream first; `meta` (the run fingerprint) comes last, once the input's hash is known.
      let n = 0;
      await out.write('{"rows":[');
      return {
        add: (r) => out.write(`${n++ === 0 ? '\n' : ',\n'}${JSON.stringify(r)}`),
        end: async (meta) => out.write(`${n ? '\n' : ''}],"meta":${JSON.stringify(meta)}}\n`),
      };
    }
    case 'csv':
      return csvSink(out, o);
    case 'xlsx': {
      const records: OutRecord[] = [];
      return {
        add: (r) => {
          records.push(r);
        },
        end: async (meta) => {
          const { toXlsx, classifyRowsToSheet, metaSheet } = await import('../render/xlsx.js');
          const { emit } = await import('../io/output.js');
          const { reviewSheets } = await import('../render/xlsx-review.js');
          await emit(
            await toXlsx([classifyRowsToSheet(records), ...reviewSheets(records as never, loaded.tax), metaSheet(meta)], { output: o.output }),
            o.output,
          );
        },
      };
    }
    case 'table': {
      const rows: Record<string, unknown>[] = [];
      return {
        add: (r) => {
          rows.push({
            id: r.id,
            text: clip(r.text, 70),
            thematique: r.thematique?.id ?? '',
            kind: r.kind?.id ?? '',
            group: r.group?.label ?? '',
            idea: r.idea?.label ?? '',
            score: r.thematique?.score ?? '',
            status: r.needs_review ? `${r.status} (review)` : r.status,
          });
        },
        end: async (_meta, title) => {
          const { toTable } = await import('../render/table.js');
          const { colorEnabled } = await import('../io/color-policy.js');
          const color = colorEnabled('stdout', { color: o.color }) && !o.output;
          await out.write(
            toTable(
              rows,
              // The score is the thématique's: beside it (after the idea it read as the idea's: review 12).
              ['id', 'text', 'thematique', 'score', 'kind', 'group', 'idea', 'status'].map((key) => ({ key })),
              { color, title },
            ),
          );
        },
      };
    }
  }
}

/**
 * CSV, streamed: the header (the flat columns of src/render/classify-flat.ts) is written with the
 * first batch; the input's columns are known by then (CSV: its header; NDJSON: the fields of the
 * first batch). A field that first appears later cannot get a column: it is said on stderr.
 */
async function csvSink(out: Awaited<ReturnType<(typeof import('../io/stream-writer.js'))['openStreamWriter']>>, o: ClassifyRunOptions): Promise<Sink> {
  const { toCsv } = await import('../render/csv.js');
  const { classifyColumns, flattenClassified } = await import('../render/classify-flat.js');
  let inputCols: string[] | null = null;
  let columns: Array<{ key: string; header: string }> = [];
  let headerLength = 0;
  const late = new Set<string>();
  const opts = { excelFr: o.excelFr };
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    const text = toCsv(batch, columns, opts);
    batch = [];
    await out.write(headerLength === 0 ? text : text.slice(headerLength));
    if (headerLength === 0) headerLength = toCsv([], columns, opts).length;
  };
  return {
    add: (r, input) => {
      if (inputCols === null) {
        inputCols = [...input.columns()];
        columns = classifyColumns(inputCols);
      }
      const inp = r.input;
      if (inp)
        for (const k of Object.keys(inp))
          if (!inputCols.includes(k) && !late.has(k)) {
            late.add(k);
            o.note(
              `${input.name}: field "${k}" first appears in record ${r.id}, after the CSV header was written: it is left out of the CSV (use --format ndjson or xlsx to keep it)`,
            );
          }
      batch.push(flattenClassified(r, inputCols));
      if (batch.length >= 512) return flush();
    },
    end: async () => {
      if (inputCols === null) {
        inputCols = [];
        columns = classifyColumns(inputCols);
      }
      if (batch.length > 0 || headerLength === 0) await flush();
    },
  };
}

/**
 * Worker threads to start when --jobs is not given: one per core that other processes left free
 * while this run loaded the model and read its first records (src/io/cpu.ts; a core counts from
 * 0.45 free), up to cores − 1. Threads only split a busy machine's share and add the hand-off:
 * measured on 2 cores, `--jobs 2` was faster than one thread on an idle machine and 0.66–0.72× as
 * fast when other processes kept both cores busy. The output is the same bytes either way.
 */
export function autoWorkers(cores: number, idle: number, debug: ((m: string) => void) | null): number {
  const workers = Math.max(0, Math.min(cores - 1, Math.floor(idle + 0.55)));
  debug?.(`debug: --jobs ${workers + 1} (${cores} cores, ${idle.toFixed(2)} free${workers + 1 < cores ? ': busy, fewer threads' : ''})`);
  return workers;
}
