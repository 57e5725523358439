/**
 * The invariants that hold on the report as published: the parser's proof of a right read.
 * Pure. In the published report (and every fixture made from it):
 *  - each group = Σ its ideas, in the regional and in every départemental synthesis, and has
 *    ideas (304 of 304 groups);
 *  - each regional group and idea = Σ of the same row over the départements;
 *  - the regional synthesis has a sujets table for each thématique × kind;
 *  - every département of the regional workshops table has its section;
 *  - the contributions table (label | count | %), when there is one, has its Total row and the
 *    thématiques add up to it (908 + 345 + 243 + 315 = 1 811);
 *  - every départemental group and idea is a row of the regional table (else it escapes the sums
 *    above: a year read as a count under a label no table has);
 *  - every workshop report with thématique headings has verbatims (46 of 46);
 *  - the section numbers follow each other (no heading lost, mistyped or repeated) and each
 *    workshop report prints its thématiques in order (no two reports run together).
 * So a break is a misread (or a cut file), never the report's own inconsistency: those (totals of
 * participants, percents…) are audit's other findings and are not checked here.
 * audit (src/aggregate/audit.ts) turns the two sums, the empty groups and the contributions total below into its findings:
 * one definition each.
 */
import type { Branch, Group, Kind, Provenance, Report, ThematiqueId } from '../model.js';
import { KINDS } from '../model.js';
import { SECTION_NOTES } from './sections.js';
import { firstFew } from '../wording.js';

const sum = (xs: ReadonlyArray<{ count: number }>): number => xs.reduce((a, x) => a + x.count, 0);

export interface GroupSumBreak {
  /** null: the regional synthesis; else the département code. */
  departement: string | null;
  /** Section of the synthesis ("1" regional, "2.3.1" départemental). */
  section: string | null;
  branch: Branch;
  group: Group;
  found: number;
}

/** Groups whose printed count is not the sum of their ideas (groups without ideas aside). */
export function groupSumBreaks(report: Report): GroupSumBreak[] {
  const out: GroupSumBreak[] = [];
  const visit = (branches: Branch[], section: string | null, departement: string | null): void => {
    for (const branch of branches)
      for (const group of branch.groups) {
        const found = sum(group.ideas);
        if (group.ideas.length > 0 && found !== group.count) out.push({ departement, section, branch, group, found });
      }
  };
  visit(report.region.synthesis.branches, regionSection(report), null);
  for (const d of report.departements) visit(d.synthesis.branches, `${d.section}.1`, d.code);
  return out;
}

export interface EmptyGroup {
  departement: string | null;
  section: string | null;
  branch: Branch;
  group: Group;
}

/**
 * Group rows with no idea under them. Every group of the published report has ideas (304 of
 * 304): one without is an idea row read as a group (an indented or list-disc idea not seen as
 * an item), which the sums above cannot see (Σ of no ideas is not checked).
 */
export function emptyGroups(report: Report): EmptyGroup[] {
  const out: EmptyGroup[] = [];
  const visit = (branches: Branch[], section: string | null, departement: string | null): void => {
    for (const branch of branches) for (const group of branch.groups) if (group.ideas.length === 0) out.push({ departement, section, branch, group });
  };
  visit(report.region.synthesis.branches, regionSection(report), null);
  for (const d of report.departements) visit(d.synthesis.branches, `${d.section}.1`, d.code);
  return out;
}

export interface RegionSumBreak {
  thematique: ThematiqueId;
  kind: Kind;
  group: string;
  /** null for a group row. */
  idea: string | null;
  /** The regional count. */
  expected: number;
  /** Σ over the départements. */
  found: number;
  prov: Provenance;
  /** Where the départemental rows were read. */
  departementProvs: Provenance[];
}

/**
 * Regional group and idea rows that are not the sum of the départemental rows of the same
 * canonical label. Checked only when the report has both a regional synthesis and départements.
 */
export function regionSumBreaks(report: Report): RegionSumBreak[] {
  if (report.departements.length === 0) return [];
  const acc = new Map<string, { count: number; provs: Provenance[] }>();
  const add = (k: string, n: number, p: Provenance): void => {
    const e = acc.get(k) ?? { count: 0, provs: [] };
    e.count += n;
    e.provs.push(p);
    acc.set(k, e);
  };
  for (const d of report.departements)
    for (const b of d.synthesis.branches)
      for (const g of b.groups) {
        add(`${b.thematique}|${b.kind}|${g.label}`, g.count, g.prov);
        for (const i of g.ideas) add(`${b.thematique}|${b.kind}|${g.label}|${i.label}`, i.count, i.prov);
      }
  const out: RegionSumBreak[] = [];
  for (const b of report.region.synthesis.branches)
    for (const g of b.groups) {
      const check = (key: string, expected: number, prov: Provenance, idea: string | null): void => {
        const e = acc.get(key);
        const found = e?.count ?? 0;
        if (found !== expected) {
          out.push({ thematique: b.thematique, kind: b.kind, group: g.label, idea, expected, found, prov, departementProvs: e?.provs ?? [] });
        }
      };
      check(`${b.thematique}|${b.kind}|${g.label}`, g.count, g.prov, null);
      for (const i of g.ideas) check(`${b.thematique}|${b.kind}|${g.label}|${i.label}`, i.count, i.prov, i.label);
    }
  return out;
}

export interface ContributionsBreak {
  /** The printed Total, null when the table has no Total row. */
  expected: number | null;
  /** Σ of the thématique rows read. */
  found: number;
  provs: Provenance[];
}

/**
 * The contributions table does not add up: its Total row missing, or Σ thématiques ≠ Total (a
 * row lost or misread: a count vertically centred beside a 3-line label). Null when it holds, or
 * when the report has no contributions table at all (a fragment).
 */
export function contributionsBreak(report: Report): ContributionsBreak | null {
  const rows = report.region.contributions;
  const total = report.region.contributionsTotal;
  if (rows.length === 0 && !total) return null;
  const found = sum(rows);
  if (total && found === total.count) return null;
  return { expected: total?.count ?? null, found, provs: [...(total ? [total.prov] : []), ...rows.map((c) => c.prov)] };
}

function regionSection(report: Report): string | null {
  return report.region.synthesis.prov ? '1' : null;
}

/** How many invariants break, by kind of invariant. */
export interface IntegrityCheck {
  /** Groups ≠ Σ ideas (regional and départemental). */
  groupSums: number;
  /** Groups with no idea (regional and départemental). */
  emptyGroups: number;
  /** Regional rows ≠ Σ départements. */
  regionSums: number;
  /** Regional thématique × kind without its sujets table (or missing altogether). */
  missingSujets: number;
  /** Départements of the regional workshops table without a section. */
  missingDepartements: number;
  /** The contributions table: Total row missing or ≠ Σ thématiques (0 or 1). */
  contributions: number;
  /** Workshop reports with thématique headings and no verbatim read (parse notes `workshop-no-verbatims`). */
  emptyWorkshops: number;
  /** Départemental group and idea rows found in no regional table (parse notes `label-unmatched`). */
  unmatchedLabels: number;
  /** Numbering breaks: headings out of sequence or missing, reports run together (parse notes). */
  structure: number;
  /** Input lines of the structure breaks, in order (for the warning). */
  structureLines: number[];
  total: number;
}

/** Parse notes that say the section structure as printed does not hold. */
export const STRUCTURE_NOTES: readonly string[] = [...SECTION_NOTES, 'workshop-thematique-order'];

/**
 * Check the invariants of a parsed report. A fragment (no regional synthesis, or no
 * départements) is checked for what it holds: its group sums.
 */
export function checkIntegrity(report: Report): IntegrityCheck {
  const groupSums = groupSumBreaks(report).length;
  const empty = emptyGroups(report).length;
  const complete = report.region.synthesis.branches.length > 0 && report.departements.length > 0;
  const regionSums = complete ? regionSumBreaks(report).length : 0;
  let missingSujets = 0;
  if (report.region.synthesis.branches.length > 0) {
    const ids = new Set<ThematiqueId>([...report.region.thematiques.map((t) => t.id), ...report.region.synthesis.branches.map((b) => b.thematique)]);
    for (const id of ids)
      for (const kind of KINDS) {
        const b = report.region.synthesis.branches.find((x) => x.thematique === id && x.kind === kind);
        if (!b || b.sujets.length === 0) missingSujets++;
      }
  }
  let missingDepartements = 0;
  if (complete) {
    const present = new Set(report.departements.map((d) => d.code));
    for (const row of report.region.workshopsTable) if (!present.has(row.departement)) missingDepartements++;
  }
  const contributions = contributionsBreak(report) ? 1 : 0;
  const unmatchedLabels = report.notes.filter((n) => n.code === 'label-unmatched').length;
  const emptyWorkshops = report.notes.filter((n) => n.code === 'workshop-no-verbatims').length;
  const structural = report.notes.filter((n) => STRUCTURE_NOTES.includes(n.code));
  const structure = structural.length;
  const structureLines = structural
    .map((n) => n.line)
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b);
  return {
    groupSums,
    emptyGroups: empty,
    regionSums,
    missingSujets,
    missingDepartements,
    contributions,
    emptyWorkshops,
    unmatchedLabels,
    structure,
    structureLines,
    total: groupSums + empty + regionSums + missingSujets + missingDepartements + contributions + emptyWorkshops + unmatchedLabels + structure,
  };
}

/**
 * The one warning line (without the "cnr-synth: " prefix), or null when every invariant holds.
 * e.g. `report.pdf: warning: 12 of the published sums break (9 groups ≠ Σ ideas, 3 région ≠ Σ
 * départements): the file was misread; run "cnr-synth audit report.pdf" to see where`.
 */
export function integrityWarning(file: string, c: IntegrityCheck, source: { pageBreaks?: number } = {}): string | null {
  if (c.total === 0) return null;
  const parts: string[] = [];
  if (c.groupSums) parts.push(`${c.groupSums} group${c.groupSums > 1 ? 's' : ''} ≠ Σ ideas`);
  if (c.emptyGroups) parts.push(`${c.emptyGroups} group${c.emptyGroups > 1 ? 's' : ''} with no idea`);
  if (c.regionSums) parts.push(`${c.regionSums} région ≠ Σ départements`);
  if (c.missingSujets) parts.push(`${c.missingSujets} sujets table${c.missingSujets > 1 ? 's' : ''} missing`);
  if (c.missingDepartements) parts.push(`${c.missingDepartements} département section${c.missingDepartements > 1 ? 's' : ''} missing`);
  if (c.contributions) parts.push('contributions ≠ Total');
  if (c.emptyWorkshops) parts.push(`${c.emptyWorkshops} workshop report${c.emptyWorkshops > 1 ? 's' : ''} with no verbatim`);
  if (c.unmatchedLabels) parts.push(`${c.unmatchedLabels} départemental row${c.unmatchedLabels > 1 ? 's' : ''} in no regional table`);
  if (c.structure) {
    const at = firstFew(c.structureLines, 3);
    parts.push(
      `${c.structure} section heading${c.structure > 1 ? 's' : ''} missing, repeated or out of sequence${at ? ` at line${c.structureLines.length > 1 ? 's' : ''} ${at}` : ''}`,
    );
  }
  const arg = /^[\w./-]+$/.test(file) ? file : JSON.stringify(file);
  // A text with page breaks (form feeds) is a PDF's text dump by another tool (pdftotext writes
  // one per page): it keeps neither the bullets nor the indentation the tables are read from, and
  // the PDF itself, read from its layout, is what to give.
  const dump = (source.pageBreaks ?? 0) >= 2;
  const fix = dump
    ? `this text has ${source.pageBreaks} page breaks: a PDF's text dump (pdftotext, …) loses the bullets and indentation the tables are read from; give the PDF itself ("cnr-synth tables FILE.pdf"), or run "cnr-synth audit ${arg}" to see where`
    : `run "cnr-synth audit ${arg}" to see where`;
  return `${file}: warning: ${c.total} of the report's published sums and tables do not hold (${parts.join(', ')}): the numbers read are wrong somewhere; ${fix}`;
}
