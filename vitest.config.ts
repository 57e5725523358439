import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Most of the suite's time is spent in child processes (the built CLI), not in the test workers: one
// worker per core. (vitest's default, cores − 1, runs the files one at a time on a 2-core machine.)
export default defineConfig({
  test: {
    maxWorkers: availableParallelism(),
  },
});
