// The --jobs default: a worker per core that other processes leave idle, measured as the run starts.
import { describe, expect, it } from 'vitest';
import { autoWorkers } from '../../src/run/classify.js';
import { cpuSample, idleCores } from '../../src/io/cpu.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir } from '../helpers/cli.mjs';

describe('classify --jobs default', () => {
  it('starts a worker per free core, up to cores − 1', () => {
    expect(autoWorkers(2, 0.97, null)).toBe(1);
    expect(autoWorkers(8, 7.0, null)).toBe(7);
    expect(autoWorkers(8, 3.7, null)).toBe(4);
  });
  it('starts none when the other cores are busy (threads would only split a busy machine)', () => {
    expect(autoWorkers(2, 0, null)).toBe(0);
    expect(autoWorkers(2, 0.4, null)).toBe(0);
    expect(autoWorkers(2, 0.5, null)).toBe(1);
    expect(autoWorkers(1, 0, null)).toBe(0);
  });
  it('says its choice under --debug', () => {
    const said: string[] = [];
    autoWorkers(2, 0.31, (m) => said.push(m));
    expect(said).toEqual(['debug: --jobs 1 (2 cores, 0.31 free: busy, fewer threads)']);
  });
  it('measures idle cores between two samples, and nothing over too short an interval', () => {
    // 100 ms: 80 ms idle on the cores, this process busy 120 ms (its thread and a helper): 1 core free.
    expect(idleCores({ at: 0, idle: 0, own: 0 }, { at: 100, idle: 80, own: 120 })).toBe(1);
    // Another process took the other core: nothing idle, this process one core.
    expect(idleCores({ at: 0, idle: 0, own: 0 }, { at: 100, idle: 0, own: 100 })).toBe(0);
    expect(idleCores({ at: 0, idle: 0, own: 0 }, { at: 10, idle: 10, own: 10 })).toBe(null);
    const s = cpuSample();
    expect(s.idle).toBeGreaterThanOrEqual(0);
    expect(s.own).toBeGreaterThan(0);
    expect(Number.isFinite(s.at)).toBe(true);
  });
  it('keeps a file under 8 MiB on one thread (a second one made 10k-40k verbatims slower), and says so under --debug', () => {
    const dir = tempDir();
    const f = join(dir, 'in.ndjson');
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `Créer des maisons de santé pluriprofessionnelles ${i}` }));
    writeFileSync(f, lines.join('\n') + '\n');
    const r = run(['classify', f, '--format', 'ndjson', '--debug']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/debug: --jobs 1 \(\d+ bytes of input: threads pay from 8388608 bytes\)/);
    expect(r.stderr).not.toMatch(/worker thread/);
    expect(r.stdout.trim().split('\n')).toHaveLength(3000);
  });
});
