/**
 * Preload (`node --import ./test/bench/lib/trace-loads.mjs …`) that records every module the
 * process loads, one per line, into the file named by BENCH_TRACE_OUT:
 *  - "esm <url>" for each ESM resolution (a loader hook, which runs on the loader thread and
 *    appends to the file itself, so nothing is lost at exit);
 *  - "cjs <path>" for each CommonJS require() (Module._load), including requires made inside
 *    CommonJS packages, which ESM hooks do not see in Node 20.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const out = process.env.BENCH_TRACE_OUT;
if (out) {
  register('./trace-hooks.mjs', import.meta.url, { data: { out } });
  const Module = createRequire(import.meta.url)('node:module');
  const load = Module._load;
  Module._load = function traced(request, parent, isMain) {
    try {
      const f = Module._resolveFilename(request, parent, isMain);
      appendFileSync(out, `cjs ${f}\n`);
    } catch {
      // resolution errors are the real load's to report
    }
    return load.apply(this, arguments);
  };
}
