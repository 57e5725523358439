import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { InputError, type CnrError } from '../../src/errors.js';
import { readNdjson, type ReadNdjsonOptions } from '../../src/io/ndjson.js';

const FIX = new URL('../../fixtures/', import.meta.url);

async function* chunks(data: Buffer | string, size = 1 << 16): AsyncGenerator<Buffer> {
  const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let pos = 0; pos < b.length; pos += size) yield b.subarray(pos, pos + size);
}

async function readAll(data: Buffer | string, opts: Partial<ReadNdjsonOptions> = {}, size?: number) {
  const out: Array<{ line: number; value: Record<string, unknown> }> = [];
  for await (const r of readNdjson(chunks(data, size), { file: 'in.ndjson', ...opts })) out.push(r);
  return out;
}

async function failure(p: Promise<unknown>): Promise<CnrError> {
  try {
    await p;
  } catch (e) {
    return e as CnrError;
  }
  throw new Error('expected an error');
}

describe('readNdjson', () => {
  it('reads objects with their line numbers; blank lines skipped but counted; last line without newline', async () => {
    const got = await readAll('{"id":1}\n\n   \n{"id":2,"t":"é « » ’"}\n{"id":3}');
    expect(got).toEqual([
      { line: 1, value: { id: 1 } },
      { line: 4, value: { id: 2, t: 'é « » ’' } },
      { line: 5, value: { id: 3 } },
    ]);
  });

  it('handles a UTF-8 BOM and CRLF line endings', async () => {
    const got = await readAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"x"}\r\n\r\n{"a":"y"}\r\n')]));
    expect(got).toEqual([
      { line: 1, value: { a: 'x' } },
      { line: 3, value: { a: 'y' } },
    ]);
  });

  it('reads UTF-16LE with BOM (Windows PowerShell redirection)', async () => {
    const got = await readAll(iconv.encode('{"t":"Corrèze"}\r\n{"t":"Creuse"}\r\n', 'utf-16le', { addBOM: true }));
    expect(got.map((r) => r.value.t)).toEqual(['Corrèze', 'Creuse']);
  });

  it('is independent of chunk boundaries (multi-byte characters, CRLF split across chunks)', async () => {
    const text = '{"t":"déjà « vu »"}\r\n{"t":"l’été"}\r\n\r\n{"n":1.5}';
    const expected = await readAll(text);
    for (const size of [1, 2, 3, 5]) expect(await readAll(text, {}, size)).toEqual(expected);
    expect(expected.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('reads from a Node stream of strings', async () => {
    const out = [];
    for await (const r of readNdjson(Readable.from(['{"a":', '1}\n{"a"', ':2}\n']), { file: 'x' })) out.push(r.value);
    expect(out).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('an invalid line is an error naming the file and line', async () => {
    const e = await failure(readAll('{"a":1}\n\n{"a":2,}\n'));
    expect(e).toBeInstanceOf(InputError);
    expect(e.line).toBe(3);
    expect(e.oneLine).toMatch(/^in\.ndjson:3: invalid JSON on this line \(.+ at column 8\); fix it or pass --skip-invalid$/);
  });

  it('a JSON value that is not an object is an error too', async () => {
    const e = await failure(readAll('{"a":1}\n[1,2]\n'));
    expect(e.oneLine).toBe('in.ndjson:2: invalid JSON on this line (expected an object {...}, got an array); fix it or pass --skip-invalid');
    expect((await failure(readAll('"texte"\n'))).message).toMatch(/got a string/);
    expect((await failure(readAll('null\n'))).message).toMatch(/got null/);
  });

  it('skipInvalid skips bad lines and reports each one', async () => {
    const skipped: Array<[number, string]> = [];
    const got = [];
    for await (const r of readNdjson(createReadStream(new URL('bad/invalid.ndjson', FIX)), {
      file: 'invalid.ndjson',
      skipInvalid: true,
      onSkip: (line, reason) => skipped.push([line, reason]),
    }))
      got.push(r);
    expect(got).toEqual([
      { line: 1, value: { id: 1, text: 'ok' } },
      { line: 5, value: { id: 3, text: 'fin' } },
    ]);
    expect(skipped.map((s) => s[0])).toEqual([3, 4]);
    expect(skipped[1]![1]).toBe('expected an object {...}, got an array');
  });

  it('a line over the limit is an error naming it; with skipInvalid it is skipped', async () => {
    const text = `{"a":1}\n{"big":"${'x'.repeat(5000)}"}\n{"a":3}\n`;
    const e = await failure(readAll(text, { maxLineLength: 1024 }, 100));
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/^line too long \(over 1 KiB\)/);
    const skipped: number[] = [];
    const got = await readAll(text, { maxLineLength: 1024, skipInvalid: true, onSkip: (l) => skipped.push(l) }, 100);
    expect(got.map((r) => r.line)).toEqual([1, 3]);
    expect(skipped).toEqual([2]);
  });

  it('reads a single 100 MB line quickly (no quadratic joining)', async () => {
    const size = 100 * 1024 * 1024;
    const chunk = Buffer.alloc(1 << 20, 'a');
    async function* gen(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"id":7,"text":"');
      for (let n = 0; n < size; n += chunk.length) yield chunk;
      yield Buffer.from('"}\n{"id":8}\n');
    }
    const t0 = Date.now();
    const got: Array<{ line: number; id: unknown; len: number }> = [];
    for await (const r of readNdjson(gen(), { file: 'big.ndjson' })) {
      got.push({ line: r.line, id: r.value.id, len: typeof r.value.text === 'string' ? r.value.text.length : 0 });
    }
    expect(got).toEqual([
      { line: 1, id: 7, len: size },
      { line: 2, id: 8, len: 0 },
    ]);
    expect(Date.now() - t0).toBeLessThan(10_000);
  }, 30_000);
});
