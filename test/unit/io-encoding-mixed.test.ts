// A file mostly UTF-8 with one Windows-1252 row (pasted from an old export) is refused, naming a
// line of each, instead of being decoded whole as Windows-1252 (mojibake on the UTF-8 lines).
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { decodeText, mixedEncodings } from '../../src/io/encoding.js';
import { run, tempDir } from '../helpers/cli.mjs';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const cp = (s: string) => iconv.encode(s, 'windows-1252');
const MIXED = Buffer.concat([utf8('id;texte\r\n1;Créer des maisons de santé\r\n'), cp('2;Améliorer l’accès aux soins\r\n')]);

describe('mixedEncodings / decodeText', () => {
  it('names the first UTF-8 line and the first line that is not UTF-8', () => {
    expect(mixedEncodings(MIXED)).toEqual({ utf8Line: 2, otherLine: 3 });
    expect(mixedEncodings(Buffer.concat([cp('1;Améliorer\n'), utf8('2;Créer l’accès\n')]))).toEqual({ utf8Line: 2, otherLine: 1 });
  });
  it('a plain Windows-1252 file (accents, ’, «, €) is not mixed', () => {
    expect(mixedEncodings(cp('id;texte\r\n1;Améliorer l’accès « aux soins » : 3 € — été\r\nÉTÉ…\r\n'))).toBeNull();
    expect(decodeText(cp('Améliorer l’accès\n'), undefined, 'f.txt')).toMatchObject({ encoding: 'windows-1252', text: 'Améliorer l’accès\n' });
  });
  it('decodeText refuses a mixed file unless the encoding is forced', () => {
    expect(() => decodeText(MIXED, undefined, 'mixed.csv')).toThrow(
      'mixed encodings: line 2 is UTF-8, line 3 is not (Windows-1252?): re-save the file in one encoding (UTF-8)',
    );
    expect(decodeText(MIXED, 'windows-1252', 'mixed.csv').encoding).toBe('windows-1252');
  });
});

describe('classify on a mixed file (CLI)', () => {
  it('one line on stderr, exit 2, nothing on stdout', () => {
    const dir = tempDir('cnr-mixed-');
    writeFileSync(join(dir, 'mixed.csv'), MIXED);
    const r = run(['classify', 'mixed.csv', '--format', 'ndjson'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('cnr-synth: mixed.csv: mixed encodings: line 2 is UTF-8, line 3 is not (Windows-1252?): re-save the file in one encoding (UTF-8)\n');
  });
});
