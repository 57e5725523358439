/**
 * Synthesis blocks → branches (thématique × kind) of sujets, groups and ideas.
 *
 * Group or idea? In the regional synthesis a GROUP line starts at column 0 and an IDEA line with
 * a space. The départemental syntheses break that rule both ways (groups printed with a leading
 * space, ideas at column 0), so there the level comes from the regional label set of the same
 * branch, and the column only decides where the label set cannot.
 */
import type { Branch, CountRow, Group, Idea, Kind, ParseNote, Provenance, ThematiqueId } from '../model.js';
import type { SourceLine } from './lines.js';
import { readEntries, type RawEntry } from './counts.js';
import { matchLabel } from './labels.js';
import { ENTRIES_PROBLEMES, ENTRIES_SOLUTIONS, SUJETS_HEADER, SYNTHESIS_PROSE, THEMATIQUE } from './template.js';

/** Blank the template's prose paragraphs (a paragraph runs to the next blank line). */
function blankProse(lines: SourceLine[]): SourceLine[] {
  let inProse = false;
  return lines.map((l) => {
    if (l.text.trim() === '') inProse = false;
    else if (SYNTHESIS_PROSE.some((re) => re.test(l.text))) inProse = true;
    return inProse ? { ...l, text: '' } : l;
  });
}

function row(e: RawEntry): CountRow {
  return { label: e.label, printed: e.label, count: e.count, prov: e.prov };
}

/**
 * A regional sub-section (1.x.2 Problématiques or 1.x.3 Solutions et propositions): the sujets
 * table, then the groups and ideas with their quotes. Levels by column (see above).
 */
export function parseRegionalBranch(lines: SourceLine[], thematique: ThematiqueId, kind: Kind, prov: Provenance): Branch {
  const body = blankProse(lines);
  const header = body.findIndex((l) => SUJETS_HEADER.test(l.text));
  const entriesAt = body.findIndex((l) => ENTRIES_PROBLEMES.test(l.text) || ENTRIES_SOLUTIONS.test(l.text));
  const sujetLines = header >= 0 ? body.slice(header + 1, entriesAt >= 0 ? entriesAt : body.length) : [];
  const entryLines = entriesAt >= 0 ? body.slice(entriesAt + 1) : header >= 0 ? [] : body;
  const sujets = readEntries(sujetLines).map(row);
  const groups: Group[] = [];
  for (const e of readEntries(entryLines)) {
    const cur = groups[groups.length - 1];
    if (!e.indented || !cur) groups.push({ ...row(e), ideas: [] });
    else cur.ideas.push({ ...row(e), quotes: e.quotes });
  }
  return { thematique, kind, sujets, groups, prov };
}

/**
 * A départemental synthesis (2.x.1): "Thématique N : …" headings, then "Les ateliers ont tiré
 * les constats suivants" (problèmes) and "Les solutions et propositions qui ont été formulées"
 * (solutions), each followed by group and idea rows. Labels are matched to the regional ones.
 */
export function parseDepartementalSynthesis(lines: SourceLine[], regional: Branch[], notes: ParseNote[]): Branch[] {
  const blocks: Array<{ thematique: ThematiqueId; kind: Kind; lines: SourceLine[]; prov: Provenance }> = [];
  let thematique: ThematiqueId | null = null;
  let current: (typeof blocks)[number] | null = null;
  for (const l of blankProse(lines)) {
    const t = THEMATIQUE.exec(l.text);
    if (t && Number(t[1]) >= 1 && Number(t[1]) <= 4) {
      thematique = Number(t[1]) as ThematiqueId;
      current = null; // the wrapped title that follows is not a row
      continue;
    }
    const kind: Kind | null = ENTRIES_PROBLEMES.test(l.text) ? 'probleme' : ENTRIES_SOLUTIONS.test(l.text) ? 'solution' : null;
    if (kind && thematique !== null) {
      current = { thematique, kind, lines: [], prov: provOf(l) };
      blocks.push(current);
      continue;
    }
    if (current) current.lines.push(l);
  }
  return blocks.map((b) => {
    const ref = regional.find((r) => r.thematique === b.thematique && r.kind === b.kind);
    return { thematique: b.thematique, kind: b.kind, sujets: [], groups: assignLevels(readEntries(b.lines), ref, notes), prov: b.prov };
  });
}

function provOf(l: SourceLine): Provenance {
  return l.page === undefined ? { line: l.n } : { line: l.n, page: l.page };
}

/** Build groups from entries using the regional branch's labels, then the column. */
function assignLevels(entries: RawEntry[], ref: Branch | undefined, notes: ParseNote[]): Group[] {
  const groupLabels = ref?.groups.map((g) => g.label) ?? [];
  const ideaLabels = ref?.groups.flatMap((g) => g.ideas.map((i) => i.label)) ?? [];
  const groups: Group[] = [];
  for (const e of entries) {
    const asGroup = matchLabel(e.label, groupLabels);
    const asIdea = matchLabel(e.label, ideaLabels);
    const isGroup = asGroup && !asIdea ? true : asIdea && !asGroup ? false : !e.indented;
    const cur = groups[groups.length - 1];
    if (isGroup || !cur) {
      const label = asGroup?.label ?? e.label;
      if (!asGroup && ref) notes.push({ code: 'label-unmatched', message: `group "${e.label}" is not in the regional table`, line: e.prov.line });
      groups.push({ label, printed: e.label, count: e.count, prov: e.prov, ideas: [] });
    } else {
      // Prefer the idea of that label under the same regional group.
      const under = ref?.groups.find((g) => g.label === cur.label)?.ideas.map((i) => i.label) ?? [];
      const m = matchLabel(e.label, under) ?? asIdea;
      if (!m && ref) notes.push({ code: 'label-unmatched', message: `idea "${e.label}" is not in the regional table`, line: e.prov.line });
      const idea: Idea = { label: m?.label ?? e.label, printed: e.label, count: e.count, prov: e.prov, quotes: e.quotes };
      cur.ideas.push(idea);
    }
  }
  return groups;
}
