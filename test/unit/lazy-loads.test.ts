// Packages a run does not need are not loaded (start-up time): iconv-lite only for input that is
// not UTF-8, cli-progress only when a bar is drawn. Recorded with the bench's own load tracer.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runAsync, tempDir } from '../helpers/cli.mjs';

const TRACER = join(ROOT, 'test', 'bench', 'lib', 'trace-loads.mjs');

/** The packages a `cnr-synth ARGS` run loads (names under node_modules). */
async function packagesLoaded(args: string[], stdinFile: string): Promise<Set<string>> {
  const out = join(tempDir('cnr-loads-'), 'loads.txt');
  writeFileSync(out, '');
  const r = await runAsync(args, { stdinFile, extraEnv: { NODE_OPTIONS: `--import ${TRACER}`, BENCH_TRACE_OUT: out } });
  expect(r.status, r.stderr).toBe(0);
  const names = new Set<string>();
  for (const m of readFileSync(out, 'utf8').matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)) names.add(m[1]!);
  return names;
}

describe('packages loaded by classify', () => {
  const dir = tempDir('cnr-lazy-');
  const ndjson = join(dir, 'in.ndjson');
  writeFileSync(ndjson, '{"id":"1","text":"Manque de médecins généralistes en zone rurale"}\n');
  const latin1 = join(dir, 'in.csv');
  writeFileSync(latin1, Buffer.from('id;text\r\n1;Manque de médecins généralistes en zone rurale\r\n', 'latin1'));

  it('UTF-8 NDJSON on a pipe: neither iconv-lite nor cli-progress', async () => {
    const loaded = await packagesLoaded(['classify', '-', '--input', 'ndjson', '--format', 'ndjson'], ndjson);
    expect(loaded.has('natural')).toBe(true); // the tracer sees what is loaded
    expect(loaded.has('iconv-lite')).toBe(false);
    expect(loaded.has('cli-progress')).toBe(false);
  });

  it('a Windows-1252 CSV: iconv-lite is loaded to decode it', async () => {
    const loaded = await packagesLoaded(['classify', '-', '--input', 'csv', '--format', 'ndjson'], latin1);
    expect(loaded.has('iconv-lite')).toBe(true);
    expect(loaded.has('cli-progress')).toBe(false);
  });
});
