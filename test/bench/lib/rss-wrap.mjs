/**
 * Peak-RSS fallback when GNU time is absent: run cnr-synth in this very process (as bin/cnr-synth
 * does: import dist/cli.js with the same argv) and, at exit, write this process's
 * `process.resourceUsage().maxRSS` (ru_maxrss, KiB) and its user + system CPU time to the file
 * given as first argument.
 *
 *   node test/bench/lib/rss-wrap.mjs OUT_FILE classify - --input ndjson …
 */
import { writeFileSync } from 'node:fs';

const [, , out, ...args] = process.argv;
process.argv = [process.argv[0], new URL('../../../bin/cnr-synth', import.meta.url).pathname, ...args];
process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(out, `maxrss_kb=${u.maxRSS}\ncpu_ms=${(u.userCPUTime + u.systemCPUTime) / 1000}\n`);
});
await import('../../../dist/cli.js');
