import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Most of the suite's time is spent in child processes (the built CLI), not in the test workers: one
// worker per core (vitest's default, cores − 1, runs the files one at a time on a 2-core machine), and
// as many concurrent tests (the --help examples) as cores, so that the training examples do not starve
// the in-process tests of the other worker. A timeout only catches a hang (speed is measured in
// `npm run bench`): 60 s, not 5 s, so that a loaded machine does not fail a test that trains a model.
const cores = availableParallelism();
export default defineConfig({
  test: {
    maxWorkers: cores,
    maxConcurrency: cores,
    testTimeout: 60_000,
  },
});
