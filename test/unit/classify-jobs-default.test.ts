// The --jobs default: one thread per core on an idle machine, one thread on a busy one.
import { describe, expect, it } from 'vitest';
import { defaultJobs } from '../../src/run/classify.js';

describe('classify --jobs default', () => {
  it('is the number of cores while the load average is below it', () => {
    expect(defaultJobs(2, 0.4, null)).toBe(2);
    expect(defaultJobs(8, 7.9, null)).toBe(8);
  });
  it('is one thread once the load average reaches the cores (threads would only split a busy machine)', () => {
    expect(defaultJobs(2, 2, null)).toBe(1);
    expect(defaultJobs(2, 3.7, null)).toBe(1);
  });
  it('says its choice under --debug', () => {
    const said: string[] = [];
    defaultJobs(2, 3.5, (m) => said.push(m));
    expect(said).toEqual(['debug: --jobs 1 (2 cores, load average 3.50: busy, one thread)']);
  });
});
