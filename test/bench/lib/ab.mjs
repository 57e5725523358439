/**
 * A/B wall time of two builds of the CLI on the same command, runs interleaved (A, B, A, B…) so
 * that machine noise hits both alike. For owners checking an optimisation against the baseline:
 *
 *   node test/bench/lib/ab.mjs A_BIN B_BIN RUNS [--stdin FILE] -- tables --format ndjson
 * Prints JSON {a: {median_ms, min_ms}, b: {…}, ratio_b_over_a}.
 */
import { runTimed, NODE, summary, round } from './util.mjs';

const argv = process.argv.slice(2);
const dd = argv.indexOf('--');
const head = argv.slice(0, dd);
const cmd = argv.slice(dd + 1);
const [a, b, runsArg] = head;
const si = head.indexOf('--stdin');
const stdin = si >= 0 ? head[si + 1] : 'ignore';
const runs = Number(runsArg ?? 15);
const ta = [];
const tb = [];
for (let i = 0; i < runs; i++) {
  ta.push((await runTimed(NODE, [a, ...cmd], { stdin })).ms);
  tb.push((await runTimed(NODE, [b, ...cmd], { stdin })).ms);
}
const sa = summary(ta);
const sb = summary(tb);
process.stdout.write(`${JSON.stringify({ a: sa, b: sb, ratio_b_over_a: round(sb.median_ms / sa.median_ms, 3) })}\n`);
