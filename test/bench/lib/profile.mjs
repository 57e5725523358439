/**
 * Reading a V8 .cpuprofile (node --cpu-prof): self time per function and per "area" (a dist/
 * module, a node_modules package, Node's module loader, GC…), for the "what dominates" notes.
 */
import { readFileSync } from 'node:fs';

/** Where a call frame's code lives, as a short stable label. */
export function areaOf(frame, root) {
  const fn = frame.functionName;
  const url = frame.url || '';
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(program)') return 'V8/native (program)';
  if (fn === '(idle)') return 'idle (waiting for I/O)';
  if (fn === '(root)') return 'root';
  if (url.startsWith('node:internal/modules') || url.startsWith('node:internal/vm')) return 'Node module loader (resolve, read, compile)';
  if (url.startsWith('node:')) return `Node built-ins (${url.replace(/^node:(internal\/)?/, '').split('/')[0]})`;
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split('/');
    return `node_modules/${rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  const d = url.indexOf('/dist/');
  if (d >= 0 && (!root || url.includes(root))) return url.slice(d + 1);
  if (url === '') return 'V8 builtins (no url)';
  return url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-2)
    .join('/');
}

/**
 * Analyse a profile: total sampled ms, self ms per area and per function (top n).
 * Returns { totalMs, areas: [{area, ms, pct}], functions: [{name, where, area, ms, pct}] }.
 */
export function analyseProfile(file, { top = 10, root } = {}) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const { samples, timeDeltas } = p;
  // timeDeltas[i] is the time before sample i; attribute the interval after sample i to it.
  for (let i = 0; i < samples.length; i++) {
    const dt = (timeDeltas[i + 1] ?? 0) / 1000;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + dt);
  }
  let total = 0;
  const areas = new Map();
  const fns = new Map();
  for (const [id, ms] of self) {
    const n = byId.get(id);
    if (!n) continue;
    total += ms;
    const f = n.callFrame;
    const area = areaOf(f, root);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const where = f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'}\u0000${where}`;
    const cur = fns.get(key) ?? { name: f.functionName || '(anonymous)', where, area, ms: 0 };
    cur.ms += ms;
    fns.set(key, cur);
  }
  const pct = (ms) => (total > 0 ? (100 * ms) / total : 0);
  return {
    totalMs: total,
    areas: [...areas].map(([area, ms]) => ({ area, ms, pct: pct(ms) })).sort((a, b) => b.ms - a.ms),
    functions: [...fns.values()]
      .map((x) => ({ ...x, pct: pct(x.ms) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
  };
}

function shortUrl(url) {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + 1);
  const d = url.indexOf('/dist/');
  if (d >= 0) return url.slice(d + 1);
  return url.replace(/^file:\/\//, '');
}
