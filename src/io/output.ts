/** Where command output goes: stdout, or a file written atomically (`-o FILE`); and in which format. */
import { realpathSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from './files.js';
import { writeStdout } from './stdio.js';

export async function emit(data: string | Uint8Array, output?: string): Promise<void> {
  if (output && output !== '-') {
    await writeFileAtomic(output, data);
    return;
  }
  if (typeof data === 'string') await writeStdout(data);
  else await new Promise<void>((resolve) => process.stdout.write(data, () => resolve()));
}

/** Default format: a table for people at a terminal, NDJSON for pipes and files. */
export function defaultFormat(output: string | undefined, tty: string, pipe: string): string {
  return !output && process.stdout.isTTY ? tty : pipe;
}

/** The format an `-o` file name implies (case-insensitive extension); undefined for any other name. */
const EXTENSION_FORMATS: Record<string, string> = {
  '.csv': 'csv',
  '.xlsx': 'xlsx',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
};

/** The extensions of each format, as the refusals list them. */
function extensionsOf(formats: readonly string[]): string {
  return Object.entries(EXTENSION_FORMATS)
    .filter(([, f]) => formats.includes(f))
    .map(([e]) => e)
    .join(', ');
}

export function extensionFormat(output: string | undefined): string | undefined {
  if (!output || output === '-') return undefined;
  return EXTENSION_FORMATS[extname(output).toLowerCase()];
}

/**
 * The output format of every command with -o, one rule: an explicit --format wins but must not
 * contradict the -o extension (a .csv file holding NDJSON is a silent wrong answer); without
 * --format, the extension decides, and an extension that names no format (.xls, .txt, none) is
 * refused rather than filled with the default; without either, `dflt` (table on a terminal,
 * else `pipe`). --excel-fr means CSV. Throws a UsageError (exit 2) on a contradiction or an
 * extension the command cannot write.
 */
export function outputFormat(
  o: { format?: string | undefined; output?: string | undefined; excelFr?: boolean | undefined },
  formats: readonly string[],
  dflt: { tty: string; pipe: string },
): string {
  const implied = extensionFormat(o.output);
  if (o.format && implied && o.format !== implied) {
    throw new UsageError(`--format ${o.format} contradicts -o ${o.output} (a ${extname(o.output!)} file is ${implied}): drop --format or change the extension`);
  }
  // Commands with one format (report, train) have no --format to give.
  const fix = formats.length > 1 ? 'give --format or change the extension' : 'change the extension';
  if (o.output && o.output !== '-' && !implied && !o.format && !o.excelFr) {
    const ext = extname(o.output);
    const known = `formats: ${extensionsOf(formats)}`;
    if (!ext) throw new UsageError(`-o ${o.output}: no extension to tell the format (${known}): ${fix.replace('change the', 'add an')}`);
    const xls = ext.toLowerCase() === '.xls' && formats.includes('xlsx');
    throw new UsageError(`-o ${o.output}: cnr-synth writes no ${ext} (${known}): ${xls ? 'name the file .xlsx, the Excel workbook it writes' : fix}`);
  }
  const format = o.format ?? implied;
  if (o.excelFr && format && format !== 'csv') throw new UsageError('--excel-fr goes with --format csv');
  if (format && !formats.includes(format)) {
    throw new UsageError(`-o ${o.output}: this command writes no ${format} (formats: ${formats.join(', ')}): ${fix}`);
  }
  return format ?? (o.excelFr ? 'csv' : defaultFormat(o.output, dflt.tty, dflt.pipe));
}

/** What `checkCommandOutput` reads of a parsed command (commander's Command has it). */
interface ParsedCommand {
  name(): string;
  args: string[];
  opts(): Record<string, unknown>;
  readonly options: ReadonlyArray<{ flags: string; long?: string | undefined; attributeName(): string }>;
  getOptionValue(key: string): unknown;
}

/**
 * `-o` of a parsed command, checked before any work (`checkOutputTarget`) against every file the
 * command reads: its FILE (or the bundled report without one; with "-", the file stdin is
 * redirected from, as Linux names it in /proc), the files of options such as --model, and the
 * shipped model and taxonomy, read by default (only `train` may write the model, `taxonomy` the
 * taxonomy).
 */
export async function checkCommandOutput(cmd: ParsedCommand): Promise<void> {
  const output = cmd.opts().output;
  if (typeof output !== 'string') return;
  const { BUNDLED_REPORT, DATA_DIR } = await import('./files.js');
  const inputs = (cmd.args.length ? cmd.args : [BUNDLED_REPORT]).map((path) => ({ what: 'the input file', path }));
  if (cmd.args.includes('-')) inputs.push({ what: 'the input file (on stdin)', path: '/proc/self/fd/0' });
  if (cmd.name() !== 'train') inputs.push({ what: 'the shipped model, read by default', path: join(DATA_DIR, 'model.json') });
  if (cmd.name() !== 'taxonomy') inputs.push({ what: 'the shipped taxonomy, read by default', path: join(DATA_DIR, 'taxonomy.json') });
  for (const opt of cmd.options) {
    const v: unknown =
      opt.attributeName() === 'output' || !/<(file|files\.\.\.|ndjson|expected)>/.test(opt.flags) ? undefined : cmd.getOptionValue(opt.attributeName());
    for (const path of [v].flat()) if (typeof path === 'string') inputs.push({ what: `the ${opt.long ?? opt.flags} file`, path });
  }
  checkOutputTarget(output, inputs);
}

/**
 * The checks of an `-o` path made before any work, for every command (cli.ts calls this once the
 * options are parsed): an existing directory is refused, and so is the file the command reads
 * (`inputs`: the FILE argument, or the files of options such as --model; destroying the input
 * with its own output would be silent). Files compare by real path and by device and inode, so a
 * link or another spelling of the input is caught; FIFOs and devices (/dev/stdout read and
 * written on one terminal) are never "the input".
 */
export function checkOutputTarget(output: string | undefined, inputs: ReadonlyArray<{ what: string; path: string }>): void {
  if (!output || output === '-') return;
  let st;
  try {
    st = statSync(output);
  } catch {
    return; // not there yet: it cannot be an input
  }
  if (st.isDirectory()) throw new UsageError(`-o ${output}: is a directory: give a file name`);
  if (!st.isFile()) return;
  const real = realpathSync(output);
  for (const i of inputs) {
    if (i.path === '-') continue;
    try {
      const s = statSync(i.path);
      if ((s.dev === st.dev && s.ino === st.ino) || realpathSync(i.path) === real) {
        throw new UsageError(`-o ${output} is ${i.what}: write to another file`);
      }
    } catch (e) {
      if (e instanceof UsageError) throw e;
    }
  }
}
