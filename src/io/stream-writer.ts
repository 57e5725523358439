/**
 * A streamed output: batched writes to stdout, or to a file that appears only when complete
 * (`-o`: a temp file beside it, renamed by `close`, removed by `abort`). Strings are joined into
 * chunks of about 64 K characters before they reach the sink; bytes go straight through.
 */
import { openAtomicWriter } from './files.js';
import { writeStdout } from './stdio.js';

const BATCH_CHARS = 1 << 16;

export interface StreamWriter {
  write(s: string): Promise<void>;
  writeBytes(b: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export async function openStreamWriter(output: string | undefined): Promise<StreamWriter> {
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
