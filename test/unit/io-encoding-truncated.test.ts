// N1: UTF-8 cut inside its last character (a truncated download) is refused, whatever the size or
// the reader, with one wording; a Windows-1252 file that ends in "é" (0xE9) is still read.
// N8: mixed encodings past the 64 KB sniff are refused before any guess is said (no line
// claiming Windows-1252 followed by a line saying the file is UTF-8).
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { TRUNCATED_UTF8, decodeText, detectEncoding } from '../../src/io/encoding.js';
import { openText } from '../../src/io/text-stream.js';
import { ROOT, run, tempDir } from '../helpers/cli.mjs';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const cp = (s: string) => iconv.encode(s, 'windows-1252');
const CUT = Buffer.concat([utf8('id;texte\n1;Créer des maisons de santé\n2;Les urgences sont satur'), Buffer.from([0xc3])]);
const MSG = 'ends in the middle of a UTF-8 character (a truncated file?): download or export it again';

async function* chunks(b: Buffer, size: number) {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
async function readAll(b: Buffer, sniffBytes?: number) {
  const t = await openText(chunks(b, 1000), { file: 'f.csv', ...(sniffBytes ? { sniffBytes } : {}) });
  let s = '';
  for await (const c of t.chunks) s += c;
  return { encoding: t.encoding, text: s };
}

describe('N1: truncated UTF-8', () => {
  it('whole bytes: refused with the line of the cut (also a BOM file, and a cut 3-byte sign)', () => {
    expect(TRUNCATED_UTF8).toBe(MSG);
    expect(() => decodeText(CUT, undefined, 'f.csv')).toThrow(expect.objectContaining({ message: MSG, file: 'f.csv', line: 3 }));
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), CUT]);
    expect(() => decodeText(bom, undefined, 'f.csv')).toThrow(MSG);
    expect(() => decodeText(Buffer.concat([utf8('Créer\nl'), Buffer.from([0xe2, 0x80])]), undefined, 'f.txt')).toThrow(MSG);
    // A prefix (more bytes follow) cut inside "é" is still UTF-8.
    expect(detectEncoding(CUT, { complete: false, file: 'f.csv' })).toEqual({ encoding: 'utf-8', bom: false });
  });
  it('a Windows-1252 file ending in "é" (0xE9 after ASCII only) is not truncated UTF-8', async () => {
    const w = cp('id;texte\n1;Les urgences sont saturé');
    expect(decodeText(w, undefined, 'w.csv')).toMatchObject({ encoding: 'windows-1252', text: 'id;texte\n1;Les urgences sont saturé' });
    // Past the sniffed prefix too: the streaming reader gives the same answer.
    const big = Buffer.concat([Buffer.from('1;Creer des maisons de sante\n'.repeat(3000)), cp('2;saturé')]);
    expect((await readAll(big)).text.endsWith('2;saturé')).toBe(true);
    expect((await readAll(cp('abcdefgh\nsaturé'), 4)).text).toBe('abcdefgh\nsaturé');
  });
  it('streamed: the same message, small or past the 64 KB sniff', async () => {
    await expect(readAll(CUT)).rejects.toMatchObject({ message: MSG, line: 3 });
    const big = Buffer.concat([utf8('1;Créer des maisons de santé\n'.repeat(3000)), CUT]);
    await expect(readAll(big)).rejects.toMatchObject({ message: MSG, line: 3003 });
  });
  it('CLI: classify (CSV, text, stdin) and tables on a cut report: exit 2, one line, nothing on stdout', () => {
    const dir = tempDir('cnr-trunc-');
    writeFileSync(join(dir, 'tr.csv'), CUT);
    writeFileSync(join(dir, 'tr.txt'), CUT);
    const report = readFileSync(join(ROOT, 'data', 'cnr-sante-nouvelle-aquitaine-2022.txt'));
    let i = report.length - 1;
    while (report[i]! < 0xc0) i--;
    writeFileSync(join(dir, 'rtc.txt'), report.subarray(0, i + 1));
    for (const [args, input, err] of [
      [['classify', 'tr.csv'], undefined, `cnr-synth: tr.csv:3: ${MSG}\n`],
      [['classify', 'tr.txt'], undefined, `cnr-synth: tr.txt:3: ${MSG}\n`],
      [['classify', '-'], CUT, `cnr-synth: <stdin>:3: ${MSG}\n`],
      [['--strict', 'tables', 'rtc.txt'], undefined, `cnr-synth: rtc.txt:12912: ${MSG}\n`],
    ] as const) {
      const r = run([...args, '--format', 'ndjson'], { cwd: dir, ...(input ? { input } : {}) });
      expect([r.status, r.stdout, r.stderr]).toEqual([2, '', err]);
    }
    writeFileSync(join(dir, 'w.txt'), cp('Creer des maisons de sante\nLes urgences sont saturé'));
    const w = run(['classify', 'w.txt', '--format', 'ndjson'], { cwd: dir });
    expect(w.status).toBe(0);
    expect(w.stderr).toBe('cnr-synth: w.txt: read as text (one verbatim per line, encoding windows-1252); pass --encoding to choose\n');
    expect(w.stdout).toContain('"text":"Les urgences sont saturé"');
  });
});

describe('N8: mixed encodings past the sniff', () => {
  const head = 'id;texte\r\n' + Array.from({ length: 2000 }, (_, i) => `${i + 1};Créer des maisons de santé pluridisciplinaires numéro ${i + 1}\r\n`).join('');
  const MIXED = Buffer.concat([utf8(head), cp('2001;Améliorer l’accès aux soins\r\n')]);
  it('a file: one refusal naming both lines, no "read as … windows-1252" before it', () => {
    const dir = tempDir('cnr-bigmixed-');
    writeFileSync(join(dir, 'bigmixed.csv'), MIXED);
    writeFileSync(join(dir, 'bigmixed.txt'), MIXED);
    for (const f of ['bigmixed.csv', 'bigmixed.txt']) {
      const r = run(['classify', f, '--format', 'ndjson'], { cwd: dir });
      expect([r.status, r.stdout, r.stderr]).toEqual([
        2,
        '',
        `cnr-synth: ${f}: mixed encodings: line 2 is UTF-8, line 2002 is not (Windows-1252?): re-save the file in one encoding (UTF-8)\n`,
      ]);
    }
  });
  it('stdin (sniffed on 64 KB): the guess says UTF-8, as the refusal does', () => {
    const r = run(['classify', '-', '--format', 'ndjson'], { input: MIXED });
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      'cnr-synth: <stdin>: read as CSV (separator ";", encoding utf-8, columns: id, texte); pass --input to choose',
      'cnr-synth: <stdin>:2002: not valid UTF-8 on this line although the start of the file is (mixed encodings); re-save the file as UTF-8, or pass --encoding windows-1252',
    ]);
  });
});
