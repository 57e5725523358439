/** Where command output goes: stdout, or a file written atomically (`-o FILE`); and in which format. */
import { extname } from 'node:path';
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
};

export function extensionFormat(output: string | undefined): string | undefined {
  if (!output || output === '-') return undefined;
  return EXTENSION_FORMATS[extname(output).toLowerCase()];
}

/**
 * The output format of every command with -o, one rule: an explicit --format wins but must not
 * contradict the -o extension (a .csv file holding NDJSON is a silent wrong answer); without
 * --format, the extension decides; without either, `dflt` (table on a terminal, else `pipe`).
 * --excel-fr means CSV. Throws a UsageError (exit 2) on a contradiction or an extension the
 * command cannot write.
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
  const format = o.format ?? implied;
  if (o.excelFr && format && format !== 'csv') throw new UsageError('--excel-fr goes with --format csv');
  if (format && !formats.includes(format)) {
    throw new UsageError(
      `-o ${o.output}: this command writes no ${format} (formats: ${formats.join(', ')}): ${formats.length > 1 ? 'give --format or change the extension' : 'change the extension'}`,
    );
  }
  return format ?? (o.excelFr ? 'csv' : defaultFormat(o.output, dflt.tty, dflt.pipe));
}
