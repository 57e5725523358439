// The --jobs default: a worker per core that other processes leave idle, measured as the run starts.
import { describe, expect, it } from 'vitest';
import { autoWorkers } from '../../src/run/classify.js';
import { cpuSample, idleCores } from '../../src/io/cpu.js';

describe('classify --jobs default', () => {
  it('starts a worker per idle core, up to cores − 1', () => {
    expect(autoWorkers(2, 0.97, null)).toBe(1);
    expect(autoWorkers(8, 7.0, null)).toBe(7);
    expect(autoWorkers(8, 3.7, null)).toBe(4);
  });
  it('starts none when the other cores are busy (threads would only split a busy machine)', () => {
    expect(autoWorkers(2, 0, null)).toBe(0);
    expect(autoWorkers(2, 0.5, null)).toBe(0);
    expect(autoWorkers(1, 0, null)).toBe(0);
  });
  it('says its choice under --debug', () => {
    const said: string[] = [];
    autoWorkers(2, 0.31, (m) => said.push(m));
    expect(said).toEqual(['debug: --jobs 1 (2 cores, 0.31 idle: busy, fewer threads)']);
  });
  it('measures idle cores between two samples, and nothing over too short an interval', () => {
    expect(idleCores({ at: 0, idle: 0 }, { at: 100, idle: 150 })).toBe(1.5);
    expect(idleCores({ at: 0, idle: 0 }, { at: 10, idle: 10 })).toBe(0);
    const s = cpuSample();
    expect(s.idle).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(s.at)).toBe(true);
  });
});
