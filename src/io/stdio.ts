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
