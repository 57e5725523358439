// Review finding N5: Ctrl-C or SIGTERM during `-o` left the hidden temp file of the atomic writer
// (`.out.ndjson.PID.tmp`, partial, can be huge). While an atomic writer is open, SIGINT, SIGTERM and
// SIGHUP remove its temp file, then the process dies of the signal (130, 143, 129 in a shell); with
// none open, no handler is installed. The CLI case reads a FIFO kept open, so that the run is
// deterministically mid-way when the signal comes.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openAtomicWriter, writeFileAtomic } from '../../src/io/files.js';
import { BIN, env, tempDir } from '../helpers/cli.mjs';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const listeners = () => SIGNALS.map((s) => process.listenerCount(s));

describe('signal handlers exist only while an atomic writer is open', () => {
  it('openAtomicWriter: installed on open, removed on commit and on abort', async () => {
    const d = tempDir('cnr-signal-');
    const before = listeners();
    const a = await openAtomicWriter(join(d, 'a.ndjson'));
    const b = await openAtomicWriter(join(d, 'b.ndjson'));
    expect(listeners()).toEqual(before.map((n) => n + 1));
    await a.commit();
    expect(listeners()).toEqual(before.map((n) => n + 1));
    await b.abort();
    expect(listeners()).toEqual(before);
    expect(readdirSync(d)).toEqual(['a.ndjson']);
  });
  it('writeFileAtomic: none left after it, nor after a failure', async () => {
    const d = tempDir('cnr-signal-');
    const before = listeners();
    await writeFileAtomic(join(d, 'a.json'), '{}\n');
    await expect(writeFileAtomic(join(d, 'missing', 'a.json'), '{}\n')).rejects.toThrow(/no directory/);
    expect(listeners()).toEqual(before);
  });
});

/** `classify FIFO -o out.ndjson`, a few lines in, the temp file there, then `signal`: how it ended and what is left. */
async function interrupted(signal: NodeJS.Signals, jobs: string) {
  const d = tempDir('cnr-signal-');
  const fifo = join(d, 'in.ndjson');
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  const child = spawn(BIN, ['classify', fifo, '--jobs', jobs, '-o', join(d, 'out.ndjson')], { cwd: d, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += String(c)));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, sig) => resolve({ code, signal: sig })),
  );
  // The writer end stays open: classify waits for more lines, mid-run, until the signal.
  const writer = createWriteStream(fifo);
  writer.on('error', () => undefined); // EPIPE once the reader is gone: expected
  try {
    // More than the 64 KB that classify sniffs from a pipe before it starts (and opens the output).
    for (let i = 0; i < 2000; i++) writer.write(`{"id":${i},"texte":"Créer des maisons de santé ${i}"}\n`);
    const temp = () => readdirSync(d).find((f) => f.endsWith('.tmp'));
    const deadline = Date.now() + 20_000;
    while (!temp() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(temp(), stderr).toBe(`.out.ndjson.${child.pid}.tmp`);
    child.kill(signal);
    const end = await Promise.race([ended, new Promise<null>((r) => setTimeout(() => r(null), 20_000))]);
    return { end, left: readdirSync(d).sort(), stderr };
  } finally {
    child.kill('SIGKILL');
    writer.destroy();
  }
}

describe('a signal during classify -o removes the temp file (N5)', () => {
  for (const [signal, jobs] of [
    ['SIGTERM', '1'],
    ['SIGINT', '2'],
    ['SIGHUP', '1'],
  ] as const) {
    it(`${signal}, --jobs ${jobs}: killed by it, no temp file, no output file`, async () => {
      const { end, left, stderr } = await interrupted(signal, jobs);
      expect(end, 'the process did not end within 20 s').toEqual({ code: null, signal });
      expect(left, stderr).toEqual(['in.ndjson']);
    });
  }
});
