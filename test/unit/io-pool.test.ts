// src/io/pool.ts: results in submission order whatever order workers finish in, a bounded window,
// worker errors surfacing as the same error class (file, line) — with a small protocol worker
// (test/helpers/pool-worker.mjs, which imports the built dist/: `npm run build` first).
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { OrderedRunner, WorkerPool } from '../../src/io/pool.js';

const WORKER = new URL('../helpers/pool-worker.mjs', import.meta.url);
type Task = { n: number; delay: number; fail?: 'input' | 'bug' };
const pools: WorkerPool<Task, number>[] = [];
const pool = (jobs: number, data: unknown = {}) => {
  const p = new WorkerPool<Task, number>(WORKER, jobs, data);
  pools.push(p);
  return p;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('WorkerPool + OrderedRunner', () => {
  it('consumes results in submission order when later tasks finish first, within the window', async () => {
    const p = pool(3);
    const got: number[] = [];
    let alive = 0;
    let maxAlive = 0;
    const runner = new OrderedRunner<Task, number>(
      p,
      async (r) => {
        got.push(r);
        alive--;
      },
      4,
    );
    for (let n = 0; n < 40; n++) {
      await runner.submit({ n, delay: (n * 7) % 5 === 0 ? 30 : 1 });
      alive++;
      maxAlive = Math.max(maxAlive, alive);
    }
    await runner.drain();
    expect(got).toEqual(Array.from({ length: 40 }, (_, n) => n * 2));
    expect(maxAlive).toBe(4);
    expect(p.ready).toBe(true);
  });

  it("a worker's InputError comes back as an InputError with its file and line; a bug as an Error with the worker's stack", async () => {
    const p = pool(2);
    const e = await p.run({ n: 17, delay: 0, fail: 'input' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).oneLine).toBe('in.ndjson:17: bad record');
    const b = await p.run({ n: 1, delay: 0, fail: 'bug' }).catch((x: unknown) => x);
    expect(b).not.toBeInstanceOf(InputError);
    expect((b as Error).message).toBe('boom');
    expect((b as Error).stack).toContain('pool-worker.mjs');
    // The pool goes on after a task's error.
    expect(await p.run({ n: 4, delay: 0 })).toBe(8);
  });

  it('an error in the middle stops the ordered consumption at its turn, after the results before it', async () => {
    const p = pool(2);
    const got: number[] = [];
    const runner = new OrderedRunner<Task, number>(p, async (r) => void got.push(r), 3);
    const go = async () => {
      for (let n = 0; n < 10; n++) await runner.submit({ n, delay: n === 5 ? 0 : 5, ...(n === 5 ? { fail: 'input' as const } : {}) });
      await runner.drain();
    };
    await expect(go()).rejects.toThrow('bad record');
    expect(got).toEqual([0, 2, 4, 6, 8]);
  });

  it('a worker whose set-up fails makes the pool fail with that error', async () => {
    const p = pool(1, { failStart: true });
    const e = await p.run({ n: 1, delay: 0 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).oneLine).toBe('model.json: cannot load the model');
    expect(p.error).toBe(e);
    expect(p.ready).toBe(false);
  });
});
