/**
 * Files: reading inputs (with encoding detection), the bundled report, atomic output.
 * The only module besides src/io/* that touches the disk is none: commands call these.
 */
import { createHash } from 'node:crypto';
import { promises as fsp, statSync } from 'node:fs';
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

/** Paths as the user typed them when relative, else the base name (outputs carry no absolute path). */
export function displayName(p: string): string {
  return p.startsWith('/') ? basename(p) : p;
}

export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Write a whole output file atomically: a temp file beside the target, renamed on success, so
 * an error never leaves a partial file behind.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await fsp.writeFile(tmp, data);
    await fsp.rename(tmp, path);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw outputError(path, e);
  }
}

/** The refusal for an output file that cannot be written: the path as given, and the directory that is missing. */
function outputError(path: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  const dir = dirname(path);
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
 * target, `commit()` renames it, `abort()` removes it (call it on any error).
 */
export async function openAtomicWriter(
  path: string,
): Promise<{ write(s: string | Uint8Array): Promise<void>; commit(): Promise<void>; abort(): Promise<void> }> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let fh: import('node:fs/promises').FileHandle;
  try {
    fh = await fsp.open(tmp, 'w');
  } catch (e) {
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
      await close();
      await fsp.rename(tmp, path);
    },
    abort: async () => {
      await close().catch(() => undefined);
      await fsp.rm(tmp, { force: true });
    },
  };
}
