import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readTextLines } from '../../src/io/lines-read.js';
import { LineSplitter, openText, trimPartialUtf8 } from '../../src/io/text-stream.js';

async function* chunks(data: Buffer | string, size = 1 << 16): AsyncGenerator<Buffer> {
  const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let pos = 0; pos < b.length; pos += size) yield b.subarray(pos, pos + size);
}

async function lines(data: Buffer | string, size?: number, extra: { maxLineLength?: number; encoding?: string } = {}) {
  const out: Array<[number, string]> = [];
  for await (const r of readTextLines(chunks(data, size), { file: 'v.txt', ...extra })) out.push([r.line, r.text]);
  return out;
}

describe('readTextLines', () => {
  it('one non-empty line = one record, numbered as in an editor (LF, CRLF, CR)', async () => {
    const text = 'Premier verbatim\r\n\r\n  Deuxième « cité »  \rTroisième\n\n\nQuatrième’';
    const expected: Array<[number, string]> = [
      [1, 'Premier verbatim'],
      [3, 'Deuxième « cité »'],
      [4, 'Troisième'],
      [7, 'Quatrième’'],
    ];
    expect(await lines(text)).toEqual(expected);
    for (const size of [1, 2, 3]) expect(await lines(text, size)).toEqual(expected);
  });

  it('detects Windows-1252 on the first chunk', async () => {
    expect(await lines(iconv.encode('Accès aux soins\r\nl’hôpital\r\n', 'windows-1252'))).toEqual([
      [1, 'Accès aux soins'],
      [2, 'l’hôpital'],
    ]);
  });

  it('a forced encoding wins over detection', async () => {
    // Valid UTF-8 bytes, read as Windows-1252 on request.
    expect(await lines('é\n', undefined, { encoding: 'windows-1252' })).toEqual([[1, 'Ã©']]);
  });

  it('an over-long line is an error naming its line', async () => {
    await expect(lines(`a\n${'b'.repeat(300)}\n`, 64, { maxLineLength: 100 })).rejects.toMatchObject({
      line: 2,
      file: 'v.txt',
    });
    await expect(lines(`a\n${'b'.repeat(300)}\n`, 64, { maxLineLength: 100 })).rejects.toBeInstanceOf(InputError);
  });
});

describe('text-stream', () => {
  it('trimPartialUtf8 drops only an incomplete trailing sequence', () => {
    const e = Buffer.from('é'); // c3 a9
    expect(trimPartialUtf8(Buffer.concat([Buffer.from('ab'), e.subarray(0, 1)])).toString()).toBe('ab');
    expect(trimPartialUtf8(Buffer.from('abé')).toString()).toBe('abé');
    const euro = Buffer.from('€'); // e2 82 ac
    expect(trimPartialUtf8(Buffer.concat([Buffer.from('x'), euro.subarray(0, 2)])).toString()).toBe('x');
  });

  it('switches to Windows-1252 when the first non-ASCII byte comes after the sniffed prefix', async () => {
    const bytes = Buffer.concat([Buffer.from('abc\n'.repeat(10)), iconv.encode('Ariège\n', 'windows-1252')]);
    const t = await openText(chunks(bytes, 8), { file: 'f', sniffBytes: 16 });
    expect(t.encoding).toBe('utf-8'); // what the prefix said
    let s = '';
    for await (const c of t.chunks) s += c;
    expect(s.endsWith('Ariège\n')).toBe(true);
  });

  it('but reports mixed encodings (with the line) once real UTF-8 has been seen', async () => {
    const bytes = Buffer.concat([Buffer.from('déjà\n'), Buffer.from('abc\n'.repeat(10)), iconv.encode('Ariège\n', 'windows-1252')]);
    const t = await openText(chunks(bytes, 8), { file: 'f.txt', sniffBytes: 16 });
    const read = async () => {
      for await (const _ of t.chunks);
    };
    await expect(read()).rejects.toMatchObject({ file: 'f.txt', line: 12 });
  });

  it('LineSplitter joins a long line once and reports tooLong as soon as the limit is crossed', () => {
    const sp = new LineSplitter({ crIsBreak: false, maxLength: 10 });
    expect(sp.push('abc')).toEqual([]);
    expect(sp.push('def\r\nxy')).toEqual([{ line: 1, text: 'abcdef' }]);
    expect(sp.push('z'.repeat(20))).toEqual([{ line: 2, tooLong: true }]);
    expect(sp.push('zz\nok')).toEqual([]); // the rest of line 2 is dropped
    expect(sp.end()).toEqual([{ line: 3, text: 'ok' }]);
  });
});
