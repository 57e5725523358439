// The ingest JSON of the bundled report, kept small: its SHA-256 (any byte that changes shows here),
// then a readable projection (counts and first lines of each part) so that a diff says where.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const bytes = readFileSync(0);
const r = JSON.parse(bytes.toString('utf8'));
const out = [];
const line = (...xs) => out.push(xs.join(' '));
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
/** Groups and ideas of a synthesis, with Σ counts: "g28 i256 Σg 3625 Σi 3591". */
const syn = (s) => {
  const groups = s.branches.flatMap((b) => b.groups);
  const ideas = groups.flatMap((g) => g.ideas ?? []);
  return `g${groups.length} i${ideas.length} Σg ${sum(groups.map((g) => g.count ?? 0))} Σi ${sum(ideas.map((i) => i.count ?? 0))} sujets ${sum(s.branches.map((b) => b.sujets.length))}`;
};

line('sha256', createHash('sha256').update(bytes).digest('hex'), 'bytes', bytes.length);
line('keys', Object.keys(r).join(','));
line('meta', JSON.stringify(r.meta));
line('source', JSON.stringify(r.source));
const { synthesis, thematiques, ...region } = r.region;
line('region', JSON.stringify(region));
for (const t of thematiques) line('thematique', JSON.stringify(t));
line('region synthesis', syn(synthesis), 'line', synthesis.prov.line);
for (const b of synthesis.branches) line(' branch', `t${b.thematique}.${b.kind}`, 'line', b.prov.line, JSON.stringify(b.groups[0]).slice(0, 300));
for (const d of r.departements)
  line('departement', d.code, d.name, d.section, 'workshops', d.announcedWorkshops, d.workshopsTable.length, syn(d.synthesis), 'line', d.prov.line);
for (const w of r.workshops) line('workshop', w.section, w.departement, w.date, w.horaires, 'participants', w.participants?.total ?? '-', 'line', w.prov.line);
const cells = new Map();
for (const v of r.verbatims) cells.set(`${v.departement} t${v.thematique}.${v.kind}`, (cells.get(`${v.departement} t${v.thematique}.${v.kind}`) ?? 0) + 1);
line('verbatims', r.verbatims.length);
for (const [k, n] of [...cells].sort()) line(' verbatims', k, n);
line('first verbatim', JSON.stringify(r.verbatims[0]));
line('last verbatim', JSON.stringify(r.verbatims.at(-1)));
line('notes', JSON.stringify(r.notes));
process.stdout.write(`${out.join('\n')}\n`);
