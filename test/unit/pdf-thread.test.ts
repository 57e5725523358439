/**
 * pdf.js's parsing half on a thread of its own (src/io/pdf-thread-host.ts, src/io/pdf-thread.ts),
 * through the built CLI (the thread runs dist/io/pdf-thread.js; from the sources, as in the
 * other PDF unit tests, readPdf runs pdf.js on the calling thread). The thread changes nothing but
 * time: the same output and the same one-line refusals as pdf.js on the main thread
 * (CNR_SYNTH_PDF_THREAD=0), and a thread that dies is replaced by a read on the main thread.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeReportPdf, reportFragment } from '../helpers/make-pdf.js';
import { runAsync as cli, tempDir } from '../helpers/cli.mjs';

const dir = tempDir('cnr-pdf-thread-');
const plain = join(dir, 'fragment.pdf');
const locked = join(dir, 'locked.pdf');
const off = { CNR_SYNTH_PDF_THREAD: '0' };

beforeAll(async () => {
  // Several pages (more than the 4 requested ahead), so that pages are parsed while others are laid out.
  const text = reportFragment(0, 1200);
  writeFileSync(plain, await makeReportPdf(text, { bullet: 'glyph', wrap: true, footer: true }));
  writeFileSync(locked, await makeReportPdf(text, { bullet: 'glyph', userPassword: 's3cret' }));
}, 120_000);

describe('PDF read with pdf.js parsing on a thread', () => {
  it('gives the same model as pdf.js on the main thread, byte for byte', async () => {
    const [threaded, main] = await Promise.all([cli(['ingest', plain, '--format', 'json']), cli(['ingest', plain, '--format', 'json'], { extraEnv: off })]);
    expect(main.status, main.stderr).toBe(0);
    expect(threaded.status, threaded.stderr).toBe(0);
    expect(JSON.parse(threaded.stdout).source.pages).toBeGreaterThan(5);
    expect(threaded.stdout).toBe(main.stdout);
    expect(threaded.stderr).toBe(main.stderr);
  }, 60_000);

  it('refuses an encrypted PDF, and a wrong password, with the same one line', async () => {
    for (const extra of [[], ['--password', 'nope']]) {
      const [threaded, main] = await Promise.all([cli(['ingest', locked, ...extra]), cli(['ingest', locked, ...extra], { extraEnv: off })]);
      expect(threaded.status).toBe(2);
      expect(threaded.stderr.trim().split('\n')).toHaveLength(1);
      expect(threaded.stderr).toMatch(extra.length ? /wrong password/ : /encrypted PDF: pass its password/);
      expect(threaded.stderr).toBe(main.stderr);
      expect(threaded.stdout).toBe('');
    }
    const ok = await cli(['ingest', locked, '--password', 's3cret', '--format', 'json']);
    expect(ok.status, ok.stderr).toBe(0);
  }, 60_000);

  // pdf.js leaves some of its own promises rejected with no handler on a PDF damaged in the middle
  // (FormatError, XRefEntryException…), after readPdf has already refused the file: those must
  // neither crash the CLI (exit 1 and a stack trace) nor kill the parsing thread.
  it('refuses a PDF damaged in the middle with one line and exit 2, thread or not', async () => {
    const bytes = readFileSync(plain);
    const damaged = join(dir, 'damaged.pdf');
    const hole = Buffer.from(bytes);
    hole.fill(0, Math.floor(hole.length / 2), Math.floor(hole.length / 2) + Math.min(50_000, Math.floor(hole.length / 4)));
    writeFileSync(damaged, hole);
    const [threaded, main] = await Promise.all([
      cli(['tables', damaged, '--format', 'ndjson']),
      cli(['tables', damaged, '--format', 'ndjson'], { extraEnv: off }),
    ]);
    for (const r of [threaded, main]) {
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/damaged\.pdf: corrupt or truncated PDF/);
      expect(r.stdout).toBe('');
    }
  }, 60_000);

  // The thread started for a .pdf argument is unref'd until readPdf takes it; before that fix
  // these two runs never exited (the test's timeout is the guard).
  it('does not keep the process alive when the PDF named is never read (refused before reading)', async () => {
    const empty = join(dir, 'empty.pdf');
    writeFileSync(empty, '');
    const [gone, blank] = await Promise.all([cli(['tables', join(dir, 'missing.pdf')]), cli(['tables', empty])]);
    expect(gone.status).toBe(2);
    expect(gone.stderr).toMatch(/missing\.pdf: no such file/);
    expect(blank.status).toBe(2);
    expect(blank.stderr).toMatch(/empty\.pdf: empty file/);
  }, 30_000);

  it('reads on the main thread when the parsing thread dies, and says so under CNR_SYNTH_DEBUG', async () => {
    const [dies, main] = await Promise.all([
      cli(['ingest', plain, '--format', 'json'], { extraEnv: { CNR_SYNTH_PDF_THREAD: 'die', CNR_SYNTH_DEBUG: '1' } }),
      cli(['ingest', plain, '--format', 'json'], { extraEnv: off }),
    ]);
    expect(dies.status, dies.stderr).toBe(0);
    expect(dies.stdout).toBe(main.stdout);
    expect(dies.stderr).toMatch(/pdf\.js thread lost \(exited with code 3\); reading on the main thread/);
  }, 60_000);
});
