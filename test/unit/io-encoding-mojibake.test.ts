// UTF-8 text opened as Latin-1 and saved again (review11 S6): refused by the shared text reader.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir } from '../helpers/cli.mjs';

const tmp = tempDir('cnr-mojibake-');
const write = (name: string, text: string) => {
  const f = join(tmp, name);
  writeFileSync(f, text);
  return f;
};

describe('UTF-8 read as Latin-1 and saved again (LibreOffice default import)', () => {
  const moji =
    'id,text,group_id\nV1,Les communes se font concurrence Ã\u00a0 coups de primes,t1.solution.g01\nV2,lâ€™installation de mÃ©decins,t1.solution.g01\n';
  it('is refused by eval, train and classify in one line with the fix', () => {
    const f = write('moji.csv', moji);
    for (const args of [
      ['eval', '--labels', f],
      ['train', '--examples', f, '-o', join(tmp, 'never.json')],
      ['classify', f, '-o', join(tmp, 'never.csv')],
    ]) {
      const r = run(args);
      expect(r.status, args[0]).toBe(2);
      expect(r.stderr.trim().split('\n'), args[0]).toHaveLength(1);
      expect(r.stderr).toMatch(/moji\.csv:2: holds UTF-8 read as Latin-1 .* on 2 lines.*re-open the original as UTF-8/);
    }
  }, 60_000);
});
