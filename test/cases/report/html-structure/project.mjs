// report.html of the bundled report, kept small: its SHA-256 (any byte that changes shows here), the
// outline (headings, section and figure ids, element counts), and the data part: each chart's
// "Les chiffres du graphique" table as text (header, first and last rows, row count).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const bytes = readFileSync(0);
const html = bytes.toString('utf8');
const text = (s) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const cells = (row) => [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => text(m[1]));
const out = [];
const line = (...xs) => out.push(xs.join(' '));

line('sha256', createHash('sha256').update(bytes).digest('hex'), 'bytes', bytes.length);
for (const tag of ['section', 'figure', 'svg', 'table', 'details', 'tr', 'script', 'style'])
  line('count', tag, (html.match(new RegExp(`<${tag}[\\s>]`, 'g')) ?? []).length);
for (const m of html.matchAll(/<(h[1-3])[^>]*>([\s\S]*?)<\/\1>|<(section|figure)\b[^>]*\bid="([^"]+)"/g)) line(m[1] ? m[1] : m[3], m[1] ? text(m[2]) : m[4]);
for (const m of html.matchAll(/<details class="data">([\s\S]*?)<\/details>/g)) {
  const rows = [...m[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => cells(r[1]).join(' | '));
  line('data', rows.length - 1, 'rows');
  for (const r of [rows[0], rows[1], rows.at(-1)]) line(' ', r);
}
process.stdout.write(`${out.join('\n')}\n`);
