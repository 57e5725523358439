/** Where command output goes: stdout, or a file written atomically (`-o FILE`). */
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
