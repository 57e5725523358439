/**
 * The parser: a normalised line stream → a Report. Pure (no I/O): see src/io/report.ts for the
 * loader that reads text or PDF files.
 *
 * Stages: furniture (footers, running heads) → section tree → regional introduction tables →
 * regional synthesis branches → départements (header, synthesis) → workshop reports (fields,
 * participants, verbatims). Nothing about a region is assumed: départements, titles, sujets,
 * groups and ideas all come from the report.
 */
import type { Branch, Departement, Kind, ParseNote, Report, Source, Thematique, ThematiqueId, Verbatim, Workshop } from '../model.js';
import type { SourceLine } from './lines.js';
import { findSections, stripFurniture, wrappedTitle, type Section } from './sections.js';
import { parseIntro } from './region.js';
import { parseDepartementalSynthesis, parseRegionalBranch } from './synthesis.js';
import { noVerbatimsNote, parseDepartementHeader, parseWorkshop, thematiqueOrderNote } from './workshops.js';
import { DEPARTEMENT_TITLE, SUBSECTION_PROBLEMES, SUBSECTION_SOLUTIONS, SYNTHESE_DEPARTEMENTALE, THEMATIQUE } from './template.js';
import { clean } from './text.js';

export class NotAReportError extends Error {}

/** Every section, depth first; a block pasted twice (`repeatOf`) is not read. */
function walk(sections: Section[], f: (s: Section) => void): void {
  for (const s of sections) {
    if (s.repeatOf !== undefined) continue;
    f(s);
    walk(s.children, f);
  }
}

export function parseReport(input: SourceLine[], source: Omit<Source, 'lines'>): Report {
  const notes: ParseNote[] = [];
  const { lines, regionFromFooter } = stripFurniture(input);
  const sections = findSections(lines, notes);
  const slice = (s: Section, from = s.start + 1, to = firstChildStart(s)) => lines.slice(from, to);

  // Regional thématique sections: "1.2 Thématique 1 : …".
  const thematiques: Thematique[] = [];
  const branches: Branch[] = [];
  let regionTop: Section | null = null;
  walk(sections, (s) => {
    const th = THEMATIQUE.exec(s.title);
    if (!th || s.number.split('.').length !== 2) return;
    const id = Number(th[1]) as ThematiqueId;
    const l = lines[s.start]!;
    const title = wrappedTitle(lines, s.start, s.title).title.replace(/^Th[ée]matique\s+\d\s*:\s*/i, '');
    thematiques.push({ id, title, prov: l.page === undefined ? { line: l.n } : { line: l.n, page: l.page } });
    regionTop ??= sections.find((r) => r.number === s.number.split('.')[0]) ?? null;
    for (const sub of s.children) {
      if (sub.repeatOf !== undefined) continue;
      const kind: Kind | null = SUBSECTION_PROBLEMES.test(sub.title) ? 'probleme' : SUBSECTION_SOLUTIONS.test(sub.title) ? 'solution' : null;
      if (!kind) continue;
      const hl = lines[sub.start]!;
      branches.push(parseRegionalBranch(slice(sub, sub.start + 1, sub.end), id, kind, hl.page === undefined ? { line: hl.n } : { line: hl.n, page: hl.page }));
    }
  });

  // The introduction: everything in the regional section before its first thématique.
  const firstThematique = regionTop ? (regionTop as Section).children.find((c) => THEMATIQUE.test(c.title)) : undefined;
  const introLines = regionTop ? lines.slice((regionTop as Section).start, firstThematique?.start ?? (regionTop as Section).end) : [];
  const intro = parseIntro(introLines);

  // Départements and their workshops.
  const departements: Departement[] = [];
  const workshops: Workshop[] = [];
  const verbatims: Verbatim[] = [];
  walk(sections, (s) => {
    const d = DEPARTEMENT_TITLE.exec(s.title);
    if (!d || s.number.split('.').length !== 2 || THEMATIQUE.test(s.title)) return;
    const code = d[2]!;
    const name = clean(d[1]!);
    const header = parseDepartementHeader(slice(s), code, name);
    const synth = s.children.find((c) => SYNTHESE_DEPARTEMENTALE.test(c.title));
    const hl = lines[s.start]!;
    departements.push({
      code,
      name,
      section: s.number,
      announcedWorkshops: header.announced,
      workshopsTable: header.rows,
      synthesis: synth
        ? { branches: parseDepartementalSynthesis(lines.slice(synth.start + 1, synth.end), branches, notes), prov: { line: lines[synth.start]!.n } }
        : { branches: [], prov: null },
      prov: hl.page === undefined ? { line: hl.n } : { line: hl.n, page: hl.page },
    });
    for (const w of s.children) {
      if (w === synth || w.repeatOf !== undefined) continue;
      const wl = lines.slice(w.start, w.end);
      const r = parseWorkshop(wl, w.number, code, w.title, source.file);
      // A report found by its first line (its heading lost) is named by its "Lieu :".
      if (w.title === '') r.workshop.title = r.workshop.lieu;
      const order = thematiqueOrderNote(wl, w.number);
      if (order) notes.push(order);
      const none = noVerbatimsNote(wl, w.number, r.workshop.title, r.verbatims.length);
      if (none) notes.push(none);
      workshops.push(r.workshop);
      verbatims.push(...r.verbatims);
    }
  });

  if (branches.length === 0 && departements.length === 0) {
    throw new NotAReportError('no regional thématique sections and no département sections found');
  }
  if (branches.length === 0) notes.push({ code: 'fragment-no-region', message: 'no regional synthesis (section "Thématique N") found: a fragment' });
  if (departements.length === 0) notes.push({ code: 'fragment-no-departements', message: 'no département sections found: a fragment' });

  return {
    source: { ...source, lines: input.length },
    region: {
      name: regionFromFooter ?? intro.regionFromIntro,
      announcedWorkshops: intro.announcedWorkshops,
      announcedPeriod: intro.announcedPeriod,
      workshopsTable: intro.workshopsTable,
      workshopsTotal: intro.workshopsTotal,
      contributions: intro.contributions,
      contributionsTotal: intro.contributionsTotal,
      thematiques,
      synthesis: { branches, prov: branches[0]?.prov ?? null },
    },
    departements,
    workshops,
    verbatims,
    notes,
  };
}

function firstChildStart(s: Section): number {
  return s.children[0]?.start ?? s.end;
}
