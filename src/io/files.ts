/**
 * Files: reading inputs (with encoding detection), the bundled report, atomic output.
 * The only module besides src/io/* that touches the disk is none: commands call these.
 */
import { createHash } from 'node:crypto';
import { promises as fsp, rmSync, statSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, UsageError } from '../errors.js';
import { decodeText } from './encoding.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Package root (…/dist/io → …). */
export const PACKAGE_ROOT = resolve(here, '..', '..');
export const BUNDLED_REPORT = join(PACKAGE_ROOT, 'data', 'cnr-sante-nouvelle-aquitaine-2022.txt');
export const DATA_DIR = join(PACKAGE_ROOT, 'data');

export interface InputFile {
  /** As shown to users and recorded in outputs: the base name (no absolute path). */
  name: string;
  path: string;
  bytes: Buffer;
  sha256: string;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Read a whole input file; `-` reads stdin. Errors name the file and the fix. */
export async function readInput(path: string | undefined): Promise<InputFile> {
  const p = path ?? BUNDLED_REPORT;
  if (p === '-') {
    const bytes = await readStdin();
    return { name: '<stdin>', path: '-', bytes, sha256: sha256(bytes) };
  }
  const name = path === undefined ? basename(p) : displayName(p);
  let st;
  try {
    st = statSync(p);
  } catch {
    throw new InputError('no such file (check the path)', name);
  }
  if (st.isDirectory()) throw new InputError('is a directory, not a file (give a report, CSV or NDJSON file)', name);
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read the file (${code ?? 'I/O error'}; check its permissions)`, name);
  }
  return { name, path: p, bytes, sha256: sha256(bytes) };
}

/** A PDF by its magic bytes, "%PDF-" (what a file or stdin holds, whatever its name). */
export function hasPdfMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46 && bytes[4] === 0x2d;
}

/** Paths as the user typed them when relative, else the base name (outputs carry no absolute path). */
export function displayName(p: string): string {
  // /dev/fd/63 (`<(command)`), /dev/stdin: the whole path says what it is; "63" would not.
  return p.startsWith('/') && !p.startsWith('/dev/') ? basename(p) : p;
}

export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Where an `-o` path really writes. A symlink is followed (its target is replaced, the link stays
 * a link); a regular file, or a name not there yet, is written atomically (a temp file beside
 * the target, renamed on success: `direct` false, `mode` the permissions of the file replaced);
 * a FIFO, a device, a socket or anything under /dev or /proc (/dev/stdout, /dev/fd/N) is written
 * directly (`direct` true: no temp file, no rename, so no all-or-nothing promise there).
 * A directory is refused.
 */
async function outputTarget(path: string): Promise<{ path: string; direct: boolean; mode?: number }> {
  const special = (p: string) => /^\/(dev|proc)\//.test(resolve(p));
  let real: string;
  try {
    real = await fsp.realpath(path);
  } catch {
    // Not there yet, or a dangling symlink: write where the link points.
    try {
      real = resolve(dirname(path), await fsp.readlink(path));
    } catch {
      real = path;
    }
  }
  let st;
  try {
    st = await fsp.stat(real);
  } catch {
    return special(path) || special(real) ? { path, direct: true } : { path: real, direct: false };
  }
  if (st.isDirectory()) throw directoryError(path);
  // Opened as given (open follows the links): /dev/stdout is this process's stdout, whatever it is.
  if (!st.isFile() || special(path) || special(real)) return { path, direct: true };
  return { path: real, direct: false, mode: st.mode & 0o7777 };
}

function directoryError(path: string): UsageError {
  return new UsageError(`-o ${path}: is a directory: give a file name`);
}

function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/**
 * The temp files of the atomic writers still open. While there is one, SIGINT, SIGTERM and SIGHUP
 * remove them (synchronously), then the signal is raised again with its default action, so the
 * process ends as it would have (killed by it: 130, 143, 129 in a shell; worker threads go with
 * it). With none open, no handler is installed and a signal does what it always does.
 */
const openTemps = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const tmp of openTemps) rmSync(tmp, { force: true });
  openTemps.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
  // Should the signal not end the process (another listener for it), end it as a shell would report it.
  setTimeout(() => process.exit(128 + osConstants.signals[signal]), 200);
}

function holdTemp(tmp: string): void {
  if (openTemps.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  openTemps.add(tmp);
}

function releaseTemp(tmp: string): void {
  if (!openTemps.delete(tmp) || openTemps.size > 0) return;
  for (const s of SIGNALS) process.removeListener(s, onSignal);
}

/**
 * Write a whole output file atomically: a temp file beside the target, renamed on success, so
 * an error never leaves a partial file behind. The file replaced keeps its permissions; a symlink
 * keeps pointing to its target, which gets the content; a FIFO or device is written directly.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const target = await outputTarget(path);
  if (target.direct) {
    try {
      await fsp.writeFile(target.path, data);
    } catch (e) {
      throw outputError(path, e);
    }
    return;
  }
  const tmp = tempBeside(target.path);
  holdTemp(tmp);
  try {
    await fsp.writeFile(tmp, data);
    if (target.mode !== undefined) await fsp.chmod(tmp, target.mode);
    await fsp.rename(tmp, target.path);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw outputError(path, e);
  } finally {
    releaseTemp(tmp);
  }
}

/** The refusal for an output file that cannot be written: the path as given, and the directory that is missing. */
function outputError(path: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  const dir = dirname(path);
  if (code === 'EISDIR') return directoryError(path);
  if (code === 'ENOENT') {
    try {
      statSync(dir);
    } catch {
      return new UsageError(`cannot write the output file: no directory "${dir}" (create it first: mkdir -p ${dir})`, path);
    }
  }
  return new UsageError(`cannot write the output file (${code ?? 'I/O error'}; check the directory exists and is writable)`, path);
}

export async function readJsonFile<T>(path: string): Promise<T> {
  return parseJsonInput<T>(await readInput(path));
}

/** The JSON value of a file already read (an InputError naming it if it is not JSON). */
export function parseJsonInput<T>(f: InputFile): T {
  try {
    return JSON.parse(decodeText(f.bytes, undefined, f.name).text) as T;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`not valid JSON (${(e as Error).message})`, f.name);
  }
}

/**
 * A streamed output file that appears only when complete: writes go to a temp file beside the
 * target, `commit()` renames it, `abort()` removes it (call it on any error). The targets of
 * `outputTarget` that cannot be renamed onto (FIFO, device) are written directly, as they come.
 */
export async function openAtomicWriter(
  path: string,
): Promise<{ write(s: string | Uint8Array): Promise<void>; commit(): Promise<void>; abort(): Promise<void> }> {
  const target = await outputTarget(path);
  const tmp = target.direct ? target.path : tempBeside(target.path);
  let fh: import('node:fs/promises').FileHandle;
  // Held before it exists: a signal while it is being created still removes it.
  if (!target.direct) holdTemp(tmp);
  try {
    fh = await fsp.open(tmp, 'w');
  } catch (e) {
    releaseTemp(tmp);
    throw outputError(path, e);
  }
  let closed = false;
  const close = async () => {
    if (!closed) {
      closed = true;
      await fh.close();
    }
  };
  return {
    write: async (s) => {
      if (typeof s === 'string') await fh.write(s);
      else await fh.write(s);
    },
    commit: async () => {
      if (target.mode !== undefined) await fh.chmod(target.mode);
      await close();
      if (!target.direct) {
        await fsp.rename(tmp, target.path);
        releaseTemp(tmp);
      }
    },
    abort: async () => {
      await close().catch(() => undefined);
      if (!target.direct) {
        await fsp.rm(tmp, { force: true });
        releaseTemp(tmp);
      }
    },
  };
}
