// The README's "Errors and exit codes" table is a contract: every row is run here.
import { describe, expect, it } from 'vitest';
import { existsSync, openSync, writeSync, closeSync, readdirSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, sh as shell, tempDir } from '../helpers/cli.mjs';

const sh = (cmd: string) => shell(cmd, { pipefail: false });

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Errors and exit codes'), readme.indexOf('\n## ', readme.indexOf('## Errors and exit codes') + 5));
const rows = [...section.matchAll(/^\| [^|]+ \| `(cnr-synth [^`]+)` \| `([^`]+)` \| (\d) \|$/gm)].map((m) => ({ cmd: m[1]!, err: m[2]!, exit: Number(m[3]) }));

describe('README errors table', () => {
  it('lists the bad inputs', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });
  for (const r of rows) {
    it(r.cmd, () => {
      const p = sh(r.cmd);
      expect(p.status, p.stderr).toBe(r.exit);
      expect(p.stderr.trimEnd().split('\n').at(-1)).toBe(r.err);
      if (r.exit === 2) {
        expect(p.stdout).toBe('');
        expect(p.stderr.trim().split('\n')).toHaveLength(1);
        expect(p.stderr).not.toMatch(/\n\s+at /);
      }
    });
  }
});

describe('no partial output file on error', () => {
  const dir = tempDir('cnr-out-');
  // The -o names are ones the commands write (an unknown extension would be refused before any input is read).
  for (const [cmd, name] of [
    ['cnr-synth classify fixtures/bad/ragged.csv', 'out.ndjson'],
    ['cnr-synth classify fixtures/bad/invalid.ndjson --format csv', 'out.txt'],
    ['cnr-synth tables fixtures/bad/binary.txt', 'out.ndjson'],
    ['cnr-synth tables fixtures/bad/truncated.pdf --format csv', 'out.csv'],
  ] as const) {
    it(cmd, () => {
      const out = join(dir, name);
      const p = sh(`${cmd} -o ${out}`);
      expect(p.status).toBe(2);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
    });
  }
  it('a single 100 MB NDJSON line is refused with its line number, quickly and without output', () => {
    const big = join(dir, 'big.ndjson');
    const fd = openSync(big, 'w');
    writeSync(fd, '{"id":1,"text":"ok"}\n{"text":"');
    const chunk = 'a'.repeat(1 << 20);
    for (let i = 0; i < 100; i++) writeSync(fd, chunk);
    writeSync(fd, '"}\n');
    closeSync(fd);
    const out = join(dir, 'big-out.ndjson');
    const p = sh(`cnr-synth classify ${big} -o ${out}`);
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/^cnr-synth: .*big\.ndjson:2: line too long \(over 16 MiB\)/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
