/**
 * cnr-synth classify [FILE|-] — classify verbatims into the analysts' scheme.
 *
 * Usage: cnr-synth classify [FILE|-] [--input auto|report|text|csv|ndjson] [--text-column C]
 *          [--id-column C] [--delimiter D] [--encoding E] [--text-field F] [--id-field F]
 *          [--skip-invalid] [--top K] [--format table|json|ndjson|csv] [--excel-fr] [-o FILE]
 *          [--model FILE] [--taxonomy FILE]
 * One record per input, in order (see src/classify/predict.ts for the fields and how scores,
 * needs_review and status are decided). Text, CSV and NDJSON inputs are streamed: records are
 * read, classified and written in batches, in constant memory (except `--format table`, and `-o`,
 * whose atomic write needs the whole output).
 */
import { Command, Option } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { action, parseIntOption, withExamples, type CommandFactory } from './shared.js';

interface Opts {
  input: string;
  textColumn?: string;
  idColumn?: string;
  delimiter?: string;
  encoding?: string;
  textField?: string;
  idField?: string;
  skipInvalid?: boolean;
  top: number;
  format?: string;
  excelFr?: boolean;
  output?: string;
  model?: string;
  taxonomy?: string;
  password?: string;
  jobs?: number;
}

const TEXT_COLUMNS = ['text', 'texte', 'verbatim', 'contribution'];
const REPORT_MARKERS = /^\s*(1\.\d(\.\d)?\s+Th[ée]matique|S\s?y\s?n\s?t\s?h\s?[èe]\s?s\s?e\s+r\s?[ée]\s?g\s?i\s?o\s?n\s?a\s?l\s?e|2\.\d+\s+\S.*\(\d\w\)\s*$)/m;
const BATCH_CHARS = 1 << 16;
const BATCH_BYTES = 1 << 16;
/** A verbatim is a few sentences: a longer line is a broken export, not a verbatim. */
const MAX_LINE = 16 << 20;

interface Item {
  id: string;
  text: string;
  input?: Record<string, unknown>;
}

export const classifyCommand: CommandFactory = (setExit) =>
  withExamples(
    new Command('classify')
      .summary("classify verbatims into the analysts' scheme (thématique, kind, group, idea)")
      .description(
        "Classify verbatims (problem statements or proposals) into the analysts' scheme: thématique,\n" +
          'problème/solution, group and idea of the regional synthesis, sujet, with calibrated scores,\n' +
          'top candidates, a review flag, a status (ok, uncertain, out_of_scheme) and the words that\n' +
          'weighed most. Input: a report (its verbatims; the default is the bundled report), a text file\n' +
          '(one verbatim per line), a CSV (--text-column) or NDJSON (--text-field); other input columns\n' +
          'are passed through unchanged. Output: one record per input, in order.',
      )
      .argument('[FILE]', 'input file, or - for stdin; default: the bundled report')
      .addOption(new Option('--input <kind>', 'input kind (auto: by extension, then content)').choices(['auto', 'report', 'text', 'csv', 'ndjson']).default('auto'))
      .option('--text-column <name>', `CSV column of the text (default: first of ${TEXT_COLUMNS.join(', ')})`)
      .option('--id-column <name>', 'CSV column of the record id (default: an "id" column if any, else the line number)')
      .option('--delimiter <char>', 'CSV delimiter (default: detected among ; , tab)')
      .option('--encoding <enc>', 'input encoding (default: detected)')
      .option('--text-field <name>', 'NDJSON field of the text (default: first of text, texte, verbatim, contribution)')
      .option('--id-field <name>', 'NDJSON field of the record id (default: "id" if present, else the line number)')
      .option('--skip-invalid', 'NDJSON: skip lines that are not JSON objects (reported on stderr)')
      .option('--top <k>', 'number of candidates per record', parseIntOption('--top'), 3)
      .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, else ndjson)').choices(['table', 'json', 'ndjson', 'csv', 'xlsx']))
      .option('--excel-fr', 'CSV for French Excel: ";" delimiter, UTF-8 BOM, CRLF, decimal comma')
      .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
      .option('--model <file>', 'model file (default: data/model.json)')
      .option('--taxonomy <file>', 'taxonomy file (default: data/taxonomy.json)')
      .option('--password <pw>', 'password of an encrypted PDF report')
      .option('-j, --jobs <n>', 'worker threads for large inputs, NDJSON and JSON output (default: the number of cores; 1: one thread)', parseIntOption('--jobs'))
      .action(
        action(setExit, async (file: string | undefined, o: Opts, cmd: Command) => {
          if (o.excelFr && o.format && o.format !== 'csv') throw new UsageError('--excel-fr goes with --format csv');
          if (o.top < 1 || o.top > 50) throw new UsageError('--top takes a number from 1 to 50');
          if (o.jobs !== undefined && (o.jobs < 1 || o.jobs > 256)) throw new UsageError('--jobs takes a number from 1 to 256');
          const { defaultFormat } = await import('../io/output.js');
          const format = (o.format ?? (o.excelFr ? 'csv' : defaultFormat(o.output, 'table', 'ndjson'))) as 'table' | 'json' | 'ndjson' | 'csv' | 'xlsx';
          if (format === 'xlsx') (await import('../render/xlsx.js')).assertXlsxOutput(o.output);
          const { loadClassifier } = await import('../classify/assets.js');
          const { buildRecord, flatten, FLAT_COLUMNS, NdjsonRecords } = await import('../classify/predict.js');
          const loaded = await loadClassifier({ ...(o.model ? { model: o.model } : {}), ...(o.taxonomy ? { taxonomy: o.taxonomy } : {}) });

          const skipped = { n: 0 };
          const { items, kind, name, columns, sha256: inputSha } = await openItems(file, o, skipped);
          const { readInput, DATA_DIR } = await import('../io/files.js');
          const modelSha = (await readInput(o.model ?? `${DATA_DIR}/model.json`)).sha256;
          const quiet = (cmd.optsWithGlobals() as { quiet?: boolean }).quiet ?? false;
          const { progressBar } = await import('../io/progress.js');
          const progress = progressBar({ total: null, label: 'classify', quiet });
          const out = await makeWriter(format === 'xlsx' ? undefined : o.output);
          let par: import('../render/classify-parallel.js').ParallelClassify | null = null;
          try {
          const { toolVersion } = await import('../version.js');
          let passCols: string[] = [];
          let flatCols: { key: string; header: string }[] = [];
          const setColumns = (inputCols: string[]) => {
            passCols = inputCols;
            flatCols = FLAT_COLUMNS.map((c) => ({ key: c, header: inputCols.includes(c) ? `cnr_${c}` : c }));
          };
          setColumns(columns());
          const flatRow = (rec: ReturnType<typeof buildRecord>, input?: Record<string, unknown>) => {
            const f = flatten(rec);
            const row: Record<string, unknown> = {};
            for (const c of passCols) row[`in:${c}`] = input?.[c];
            for (const c of flatCols) row[c.header] = f[c.key];
            return row;
          };
          const csvColumns = () => [...passCols.map((c) => ({ key: `in:${c}`, header: c })), ...flatCols.map((c) => ({ key: c.header, header: c.header }))];

          const { toCsv } = await import('../render/csv.js');
          let n = 0;
          let csvHeader: string | null = null;
          const table: Record<string, unknown>[] = [];
          // JSON: the rows stream first; `meta` (the run fingerprint) comes last, once the input's hash is known.
          if (format === 'json') await out.write('{"rows":[');
          const records: Array<ReturnType<typeof buildRecord>> = [];
          // NDJSON: records encoded straight to UTF-8 bytes (the same bytes as JSON.stringify + "\n").
          const lines = format === 'ndjson' ? new NdjsonRecords(loaded) : null;
          // --jobs (src/render/classify-parallel.ts): past the first records, batches go to worker threads.
          const jobs = o.jobs ?? (await import('node:os')).availableParallelism();
          par = jobs > 1 && (format === 'ndjson' || format === 'json') ? new (await import('../render/classify-parallel.js')).ParallelClassify({
            jobs, loaded, format, top: o.top, ...(o.model ? { model: o.model } : {}), ...(o.taxonomy ? { taxonomy: o.taxonomy } : {}),
            write: (b) => out.writeBytes(b),
            flush: async () => { if (lines && lines.size > 0) await out.writeBytes(lines.take()); },
            debug: (cmd.optsWithGlobals() as { debug?: boolean }).debug ?? false,
          }) : null;
          let batch: Record<string, unknown>[] = [];
          const flushCsv = async () => {
            if (batch.length === 0 && csvHeader !== null) return;
            const cols = csvColumns();
            const text = toCsv(batch, cols, { excelFr: o.excelFr ?? false });
            if (csvHeader === null) {
              csvHeader = toCsv([], cols, { excelFr: o.excelFr ?? false });
              await out.write(text);
            } else await out.write(text.slice(csvHeader.length));
            batch = [];
          };
          for await (const got of items()) {
            // NDJSON gives a batch per input chunk (no async step per record); other inputs one item.
            const batchOfItems = Array.isArray(got) ? got : [got];
            if (par && (await par.offer(batchOfItems, n))) {
              n += batchOfItems.length;
              progress.tick(batchOfItems.length);
              continue;
            }
            for (const it of batchOfItems) {
            if (n === 0 && passCols.length === 0) setColumns(columns());
            const rec = buildRecord(loaded, it.id, it.text, o.top);
            if (it.input) rec.input = it.input;
            switch (format) {
              case 'ndjson':
                lines!.push(rec);
                if (lines!.size >= BATCH_BYTES) await out.writeBytes(lines!.take());
                break;
              case 'json':
                await out.write(`${n === 0 ? '\n' : ',\n'}${JSON.stringify(rec)}`);
                break;
              case 'csv':
                batch.push(flatRow(rec, it.input));
                if (batch.length >= 512) await flushCsv();
                break;
              case 'xlsx':
                records.push(rec);
                break;
              case 'table':
                table.push({ id: rec.id, text: rec.text.length > 70 ? `${rec.text.slice(0, 69)}…` : rec.text, thematique: rec.thematique.id, kind: rec.kind.id, group: rec.group?.label ?? '', idea: rec.idea?.label ?? '', score: rec.thematique.score, status: rec.needs_review ? `${rec.status} (review)` : rec.status });
                break;
            }
            n++;
            }
            progress.tick(batchOfItems.length);
          }
          await par?.finish();
          progress.stop();
          if (lines && lines.size > 0) await out.writeBytes(lines.take());
          if (n === 0) {
            const what = { report: 'report', text: 'text file', csv: 'CSV', ndjson: 'NDJSON file' }[kind];
            throw new InputError(`no verbatims in this input (an empty ${what}); expected one verbatim per ${kind === 'csv' ? 'row' : 'line'}`, name);
          }
          if (skipped.n > 0) process.stderr.write(`cnr-synth: ${name}: ${skipped.n} invalid line(s) skipped\n`);
          const meta = { tool: 'cnr-synth', version: toolVersion(), input: { file: name, kind, sha256: inputSha() }, model: { sha256: modelSha, taxonomy: loaded.model.taxonomy.sha256 } };
          if (format === 'json') await out.write(`${n ? '\n' : ''}],"meta":${JSON.stringify(meta)}}\n`);
          if (format === 'xlsx') {
            const { toXlsx, classifyRowsToSheet, metaSheet } = await import('../render/xlsx.js');
            const { emit } = await import('../io/output.js');
            await emit(await toXlsx([classifyRowsToSheet(records as never), metaSheet(meta)]), o.output);
          }
          if (format === 'csv') await flushCsv();
          if (format === 'table') {
            const { toTable } = await import('../render/table.js');
            const { colorEnabled } = await import('../io/color-policy.js');
            const color = colorEnabled('stdout', { color: (cmd.optsWithGlobals() as { color?: boolean }).color !== false }) && !o.output;
            await out.write(toTable(table, ['id', 'text', 'thematique', 'kind', 'group', 'idea', 'score', 'status'].map((key) => ({ key })), { color, title: `${name} — ${n} verbatims` }));
          }
          await out.close();
          return 0;
          } catch (e) {
            progress.stop();
            await par?.abort();
            await out.abort();
            throw e;
          }
        }),
      ),
    [
      "cnr-synth classify --format ndjson | head -2 | jq -c '{id, thematique: .thematique.id, group: .group.label, status}'",
      "echo \"Il n'y a plus de médecin généraliste dans mon village\" | cnr-synth classify - --input text --format json | jq '.rows[0].thematique'",
      'cnr-synth classify --format csv --excel-fr -o /tmp/verbatims-classes.csv',
      "printf 'id;texte\\n1;Créer des maisons de santé pluridisciplinaires\\n2;Merci de votre attention\\n' | cnr-synth classify - --input csv --id-column id --format table",
    ],
  );

/** Batched writes to stdout, or a streamed file that appears only when complete (`-o`). */
async function makeWriter(output: string | undefined): Promise<{ write(s: string): Promise<void>; writeBytes(b: Uint8Array): Promise<void>; close(): Promise<void>; abort(): Promise<void> }> {
  const { writeStdout } = await import('../io/stdio.js');
  const { openAtomicWriter } = await import('../io/files.js');
  const file = output && output !== '-' ? await openAtomicWriter(output) : null;
  const sink = file ? (s: string | Uint8Array) => file.write(s) : writeStdout;
  const parts: string[] = [];
  let size = 0;
  return {
    write: async (s) => {
      parts.push(s);
      size += s.length;
      if (size >= BATCH_CHARS) {
        const chunk = parts.join('');
        parts.length = 0;
        size = 0;
        await sink(chunk);
      }
    },
    writeBytes: async (b) => {
      if (parts.length) await sink(parts.join(''));
      parts.length = 0;
      size = 0;
      await sink(b);
    },
    close: async () => {
      if (parts.length) await sink(parts.join(''));
      parts.length = 0;
      if (file) await file.commit();
    },
    abort: async () => {
      if (file) await file.abort();
    },
  };
}

type InputKind = 'report' | 'text' | 'csv' | 'ndjson';

/** An opened input: its records (lazily, one by one or in batches), pass-through columns and fingerprint. */
interface OpenedInput {
  items: () => AsyncGenerator<Item | Item[]>;
  kind: InputKind;
  name: string;
  /** Pass-through columns (for CSV, known after the header). */
  columns: () => string[];
  /** sha256 of the input bytes (known once they have streamed past). */
  sha256: () => string;
}

/** The records of the input, lazily; `columns()` are the pass-through columns (known after the first record for CSV). */
async function openItems(
  file: string | undefined,
  o: Opts,
  skipped: { n: number },
): Promise<OpenedInput> {
  const { displayName } = await import('../io/files.js');
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  let digest: string | null = null;
  const sha256 = () => (digest ??= hash.digest('hex'));
  /** Hash the input bytes as they stream past (the run fingerprint). */
  const hashing = (src: AsyncIterable<Buffer>) =>
    (async function* () {
      for await (const c of src) {
        hash.update(c);
        yield c;
      }
    })();
  const enc = o.encoding ? { encoding: o.encoding } : {};
  if (file === undefined) {
    if (o.input !== 'auto' && o.input !== 'report') throw new UsageError(`--input ${o.input} needs a FILE (or - for stdin)`);
    return reportItems(undefined, o);
  }
  const name = file === '-' ? '<stdin>' : displayName(file);
  let source: AsyncIterable<Buffer>;
  let kind = o.input as InputKind | 'auto';
  if (file === '-') {
    const it = (process.stdin as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    const first = await it.next();
    const head: Buffer = first.done ? Buffer.alloc(0) : Buffer.from(first.value);
    if (kind === 'auto') kind = sniffKind(head.subarray(0, 65536).toString('utf8'));
    if (kind === 'report') throw new UsageError('a report cannot be read from stdin here: give its file name (cnr-synth classify REPORT.txt)');
    source = (async function* () {
      if (head.length) yield head;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value as Buffer;
    })();
  } else {
    const { statSync, createReadStream, openSync, readSync, closeSync } = await import('node:fs');
    let st;
    try {
      st = statSync(file);
    } catch {
      throw new InputError('no such file (check the path)', name);
    }
    if (st.isDirectory()) throw new InputError('is a directory, not a file', name);
    if (kind === 'auto') {
      const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
      if (ext === 'csv' || ext === 'tsv') kind = 'csv';
      else if (ext === 'ndjson' || ext === 'jsonl') kind = 'ndjson';
      else if (ext === 'pdf') kind = 'report';
      else {
        const fd = openSync(file, 'r');
        const buf = Buffer.alloc(Math.min(st.size, 1 << 20));
        readSync(fd, buf, 0, buf.length, 0);
        closeSync(fd);
        kind = sniffKind(buf.toString('utf8'));
      }
    }
    if (kind === 'report') return reportItems(file, o);
    source = createReadStream(file) as AsyncIterable<Buffer>;
  }
  source = hashing(source);
  const opened = (kind: InputKind, columns: () => string[], items: OpenedInput['items']): OpenedInput => ({ kind, name, sha256, columns, items });
  if (kind === 'text') {
    const { readTextLines } = await import('../io/lines-read.js');
    return opened(kind, () => [], async function* () {
      for await (const l of readTextLines(source, { file: name, maxLineLength: MAX_LINE, ...enc })) yield { id: String(l.line), text: l.text };
    });
  }
  if (kind === 'ndjson') {
    const { readNdjsonBatches } = await import('../io/ndjson.js');
    /** --skip-invalid: say which line is left out and why, count it, go on. */
    const skip = (line: number, reason: string) => {
      skipped.n++;
      process.stderr.write(`cnr-synth: ${name}:${line}: skipped (${reason})\n`);
    };
    return opened(kind, () => [], async function* () {
      let textField: string | undefined;
      for await (const batch of readNdjsonBatches(source, { file: name, maxLineLength: MAX_LINE, ...enc, ...(o.skipInvalid ? { skipInvalid: true, onSkip: skip } : {}) })) {
        const items: Item[] = [];
        for (const r of batch) {
          const v = r.value;
          textField ??= o.textField ?? TEXT_COLUMNS.find((f) => typeof v[f] === 'string');
          if (textField === undefined) throw new InputError(`no text field (fields: ${Object.keys(v).join(', ') || 'none'}); pass --text-field NAME`, name, r.line);
          const t = v[textField];
          if (typeof t !== 'string') {
            if (o.skipInvalid) {
              skip(r.line, `no string "${textField}"`);
              continue;
            }
            throw new InputError(`field "${textField}" is ${t === undefined ? 'missing' : 'not a string'} on this line; fix it or pass --skip-invalid`, name, r.line);
          }
          const idv = o.idField ? v[o.idField] : v.id;
          if (o.idField && idv === undefined) throw new InputError(`field "${o.idField}" is missing on this line`, name, r.line);
          items.push({ id: idv === undefined || idv === null ? String(r.line) : String(idv), text: t, input: v });
        }
        yield items;
      }
    });
  }
  // CSV
  const { readCsv, pickColumn } = await import('../io/csv.js');
  let headers: string[] = [];
  let textCol = '';
  let idCol: string | undefined;
  return opened('csv', () => headers, async function* () {
    for await (const r of readCsv(source, {
      file: name,
      ...enc,
      ...(o.delimiter ? { delimiter: o.delimiter } : {}),
      onHeader: (h) => {
        headers = h;
        textCol = pickColumn(h, o.textColumn, TEXT_COLUMNS, 'text', name);
        idCol = o.idColumn !== undefined ? pickColumn(h, o.idColumn, [], 'id', name) : h.find((x) => x.trim().toLowerCase() === 'id');
      },
    })) {
      yield { id: idCol !== undefined ? (r.record[idCol] ?? '') : String(r.line), text: r.record[textCol] ?? '', input: r.record };
    }
  });
}

async function reportItems(file: string | undefined, o: Opts): Promise<OpenedInput> {
  const { loadReport } = await import('../io/report.js');
  const report = await loadReport(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
  return {
    kind: 'report',
    name: report.source.file,
    sha256: () => report.source.sha256,
    columns: () => ['departement', 'workshop', 'section_thematique', 'section_kind', 'line'],
    items: async function* () {
      for (const v of report.verbatims)
        yield {
          id: v.id,
          text: v.text,
          input: { departement: v.departement, workshop: v.workshop, section_thematique: `t${v.thematique}`, section_kind: v.kind, line: v.prov.line },
        };
    },
  };
}

function sniffKind(head: string): InputKind {
  const h = head.replace(/^\ufeff/, '');
  if (REPORT_MARKERS.test(h)) return 'report';
  if (/^\s*\{/.test(h)) return 'ndjson';
  return 'text';
}
