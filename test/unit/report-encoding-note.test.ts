// A report's encoding is a guess unless given (--encoding) or marked (BOM): a guess is said on stderr.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir, ROOT } from '../helpers/cli.mjs';

describe('the report encoding guess', () => {
  const dir = tempDir();
  const utf8 = readFileSync(join(ROOT, 'data', 'cnr-sante-nouvelle-aquitaine-2022.txt'), 'utf8');
  // Windows-1252 has no code for a few characters of the report: keep the lines it can encode.
  const latin = utf8.replace(/[^\u0000-\u00ff€‘’“”–—…œŒ•]/g, '?');
  const cp1252 = join(dir, 'report-1252.txt');
  const map: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '…': 0x85, œ: 0x9c, Œ: 0x8c, '•': 0x95 };
  writeFileSync(cp1252, Buffer.from([...latin].map((c) => map[c] ?? c.charCodeAt(0))));
  it('a Windows-1252 copy is read (same 1 527 rows) and the guess said once', () => {
    const r = run(['tables', cp1252, '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1527);
    expect(r.stderr).toBe(`cnr-synth: ${cp1252.split('/').pop()}: read as windows-1252 text (not valid UTF-8); pass --encoding to choose\n`);
  });
  it('nothing is said when --encoding gives it, or for UTF-8', () => {
    expect(run(['tables', cp1252, '--encoding', 'windows-1252', '--format', 'ndjson']).stderr).toBe('');
    expect(run(['tables', '--format', 'ndjson']).stderr).toBe('');
  });
});
