#!/usr/bin/env node
// Draws the team-coding sample (data/labels/README.md, "Workshop verbatims coded by meaning"):
// workshop verbatims of the bundled report, stratified by section (thématique × kind): 320 in
// proportion, at least 24 per branch (361 in all), seeded; writes one JSON object per line {id, text, section} to stdout.
// Run: npm run build && node test/labels/sample.mjs > sample.jsonl
import { execFileSync } from 'node:child_process';
import { mulberry32 } from '../../dist/classify/prng.js';

const N = 320,
  MIN = 24,
  SEED = 2022;
const out = execFileSync(process.execPath, ['bin/cnr-synth', 'ingest', '--format', 'ndjson'], { encoding: 'utf8', maxBuffer: 1 << 28 });
const verbatims = out
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l))
  .filter((r) => r.type === 'verbatim');
const branches = new Map();
for (const v of verbatims) {
  const b = `t${v.thematique}.${v.kind}`;
  if (!branches.has(b)) branches.set(b, []);
  branches.get(b).push(v);
}
const keys = [...branches.keys()].sort();
const quota = new Map(keys.map((k) => [k, Math.max(MIN, Math.round((N * branches.get(k).length) / verbatims.length))]));
const rnd = mulberry32(SEED);
const picked = [];
for (const k of keys) {
  const xs = branches.get(k).slice();
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  picked.push(...xs.slice(0, quota.get(k)));
}
const order = new Map(verbatims.map((v, i) => [v.id, i]));
picked.sort((a, b) => order.get(a.id) - order.get(b.id));
for (const v of picked) process.stdout.write(JSON.stringify({ id: v.id, text: v.text, section: `t${v.thematique}.${v.kind}` }) + '\n');
