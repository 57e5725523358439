/** Loader hooks for trace-loads.mjs: append each resolved ESM URL to the trace file. */
import { appendFileSync } from 'node:fs';

let out = null;
export function initialize(data) {
  out = data?.out ?? null;
}
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (out) appendFileSync(out, `esm ${r.url}\n`);
  return r;
}
