import { fstatSync, readFileSync, type Stats } from 'node:fs';
import { UsageError } from '../errors.js';
/** stdout/stderr manners: a closed pipe (`| head -1`) is not an error. */
export function installPipeGuards(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
}

/** Write a string or bytes to stdout, resolving once it is flushed (or the pipe closed). */
export function writeStdout(s: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    if (s.length === 0) return resolve();
    process.stdout.write(s, () => resolve());
  });
}

/** One line on stderr, "cnr-synth: MESSAGE": notes, warnings and guesses (never data). */
export function note(message: string): void {
  process.stderr.write(`cnr-synth: ${message}\n`);
}

/** One line of a command's result on stdout (short confirmations such as "wrote model.json"). */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * What waits on stdin when a command was given no FILE (it then reads the bundled report):
 * 'data' when bytes came within `waitMs` or a non-empty file is redirected (`cat x.csv | cnr-synth
 * classify`: the user meant stdin, and reading the report instead would be a silent wrong
 * answer); 'open' for a pipe with nothing yet (a slow producer, or a runner's idle pipe); null for
 * a terminal, /dev/null, a closed pipe or an empty file. It reads at most one chunk, and only when
 * the answer is 'data' (then the command refuses, so nothing is lost).
 */
export async function pendingStdin(waitMs = 60): Promise<'data' | 'open' | null> {
  let st: Stats;
  try {
    st = fstatSync(0);
  } catch {
    return null;
  }
  // A redirected file: data unless something before us already read into it (a shell's
  // `while read …; do cnr-synth …; done < list`, whose lines are not for us; Linux says where).
  if (st.isFile()) return st.size > 0 && stdinOffset() === 0 ? 'data' : null;
  if (!st.isFIFO() && !st.isSocket()) return null;
  const s = process.stdin;
  const answer = await new Promise<'data' | 'open' | null>((resolve) => {
    const finish = (v: 'data' | 'open' | null) => {
      clearTimeout(timer);
      s.removeListener('readable', onReadable);
      s.removeListener('error', onError);
      resolve(v);
    };
    const onReadable = () => {
      const chunk = s.read() as Buffer | null;
      // A bare newline (`echo | cnr-synth tables`) carries nothing to read.
      finish(chunk !== null && /\S/.test(chunk.toString('latin1')) ? 'data' : null);
    };
    const onError = () => finish(null);
    const timer = setTimeout(() => finish('open'), waitMs);
    s.on('readable', onReadable);
    s.on('error', onError);
  });
  // Not read further: the process must not wait on a pipe it will never read (a bare newline
  // read from a pipe left open included).
  if (answer === 'data' || (answer === null && !s.readableEnded)) s.destroy();
  else if (answer === 'open') {
    // Data that comes later (a slow producer: `jq … | cnr-synth classify`) is still seen, once,
    // and the pipe dropped: `lateStdin()` tells the CLI before it reports success.
    s.on('data', (chunk: Buffer) => {
      if (!/\S/.test(chunk.toString('latin1'))) return; // blank lines are no data, here as at the start
      lateData = true;
      s.destroy();
    });
    (s as unknown as { unref?: () => void }).unref?.();
  }
  return answer;
}

/**
 * No FILE means the bundled report: data piped in without "-" would be silently ignored, so it is
 * refused (exit 2); an open pipe with nothing in it yet is said, and data coming later is caught
 * by `lateStdin`.
 */
export async function refusePipedStdin(command: string): Promise<void> {
  const waiting = await pendingStdin();
  if (waiting === 'data')
    throw new UsageError(`stdin has data but no FILE was given: pass - to read it (without FILE, ${command} reads the bundled report; </dev/null to say so)`);
  if (waiting === 'open') note('stdin is an open pipe but no FILE was given: reading the bundled report (pass - to read stdin)');
}

let lateData = false;

/** The read offset of stdin when it is a file (Linux: /proc/self/fdinfo/0); 0 when unknown. */
function stdinOffset(): number {
  try {
    const m = /^pos:\s*(\d+)/m.exec(readFileSync('/proc/self/fdinfo/0', 'latin1'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Data reached stdin after `pendingStdin` found an open, empty pipe (the command read the bundled report instead). */
export function lateStdin(): boolean {
  return lateData;
}
