// -o onto the shipped model or taxonomy (read by default by classify, trace, report, eval) is
// refused; only `train` writes a model and `taxonomy` a taxonomy. Run on a copy of the package,
// so that a regression cannot damage the real data/.
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, env, tempDir } from '../helpers/cli.mjs';

const pkg = tempDir('cnr-pkg-');
for (const d of ['bin', 'dist', 'data', 'package.json']) cpSync(join(ROOT, d), join(pkg, d), { recursive: true });
symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
const cli = (args: string[]) =>
  spawnSync(process.execPath, [join(pkg, 'bin', 'cnr-synth'), ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('-o onto the shipped model or taxonomy', () => {
  const model = join(pkg, 'data', 'model.json');
  const taxonomy = join(pkg, 'data', 'taxonomy.json');
  const before = [readFileSync(model), readFileSync(taxonomy)];
  for (const [args, what] of [
    [['classify', '--format', 'ndjson', '-o', model], 'model'],
    [['trace', '--format', 'ndjson', '-o', model], 'model'],
    [['classify', '--format', 'json', '-o', taxonomy], 'taxonomy'],
    [['train', '-o', taxonomy], 'taxonomy'],
  ] as const) {
    it(`${args[0]} -o data/${what}.json is refused, the file untouched`, () => {
      const p = cli([...args]);
      expect(p.status, p.stderr).toBe(2);
      expect(p.stderr.trim()).toBe(`cnr-synth: -o ${what === 'model' ? model : taxonomy} is the shipped ${what}, read by default: write to another file`);
      expect(readFileSync(model).equals(before[0]!)).toBe(true);
      expect(readFileSync(taxonomy).equals(before[1]!)).toBe(true);
    });
  }
});
