/**
 * Report → flat table rows, one per published count. Pure.
 *
 * Percent denominators (the `denominator` field carries the number):
 *  - sujet: the sum of the sujets rows of its thématique × kind table;
 *  - group: the sum of the groups of its thématique × kind, in the same scope (region or département);
 *  - idea: its parent group's count.
 * Percents are rounded half up to one decimal.
 */
import type { Branch, ParticipantField, Report, TableRow } from '../model.js';
import { PARTICIPANT_FIELDS } from '../model.js';
import { percent } from './rounding.js';
import { pairWorkshops } from './workshop-match.js';

function branchRows(b: Branch, scope: TableRow['scope'], departement: string | null): TableRow[] {
  const rows: TableRow[] = [];
  const base = { scope, departement, thematique: b.thematique, kind: b.kind };
  const sujetTotal = b.sujets.reduce((a, s) => a + s.count, 0);
  for (const s of b.sujets) {
    rows.push({
      ...base,
      level: 'sujet',
      group: null,
      label: s.label,
      printed: s.printed,
      count: s.count,
      percent: percent(s.count, sujetTotal),
      denominator: sujetTotal,
      ...where(s.prov),
    });
  }
  const groupTotal = b.groups.reduce((a, g) => a + g.count, 0);
  for (const g of b.groups) {
    rows.push({
      ...base,
      level: 'group',
      group: g.label,
      label: g.label,
      printed: g.printed,
      count: g.count,
      percent: percent(g.count, groupTotal),
      denominator: groupTotal,
      ...where(g.prov),
    });
    for (const i of g.ideas) {
      rows.push({
        ...base,
        level: 'idea',
        group: g.label,
        label: i.label,
        printed: i.printed,
        count: i.count,
        percent: percent(i.count, g.count),
        denominator: g.count,
        ...where(i.prov),
      });
    }
  }
  return rows;
}

function where(p: { line: number; page?: number }): { line: number; page?: number } {
  return p.page === undefined ? { line: p.line } : { line: p.line, page: p.page };
}

export interface TableFilter {
  departement?: string;
  scope?: TableRow['scope'];
}

/** All published count rows: the region first, then each département, in print order. */
export function publishedRows(report: Report, filter: TableFilter = {}): TableRow[] {
  const rows: TableRow[] = [];
  if (!filter.departement && filter.scope !== 'departement') {
    for (const b of report.region.synthesis.branches) rows.push(...branchRows(b, 'region', null));
  }
  if (filter.scope !== 'region') {
    for (const d of report.departements) {
      if (filter.departement && d.code !== filter.departement) continue;
      for (const b of d.synthesis.branches) rows.push(...branchRows(b, 'departement', d.code));
    }
  }
  return rows;
}

export interface ContributionTableRow {
  scope: 'region';
  thematique: number;
  label: string;
  count: number;
  /** As printed (integer). */
  percent: number | null;
  /** The printed total of contributions. */
  denominator: number | null;
  line: number;
  page?: number;
}

export function contributionRows(report: Report): ContributionTableRow[] {
  const total = report.region.contributionsTotal;
  const rows: ContributionTableRow[] = report.region.contributions.map((c) => ({
    scope: 'region',
    thematique: c.thematique,
    label: report.region.thematiques.find((t) => t.id === c.thematique)?.title ?? '',
    count: c.count,
    percent: c.percent,
    denominator: total?.count ?? null,
    ...where(c.prov),
  }));
  return rows;
}

/**
 * One row per workshop: where and when, then one column per participants category (from the
 * model). A workshop that its département's table lists but that has no write-up in the report
 * (Châteauneuf-La-Forêt, 87) is a row too, after the département's others: its place, day and
 * hours from the table, `section` and `title` null, no participants (null), `line` its table row.
 */
export type WorkshopTableRowFlat = {
  departement: string;
  section: string | null;
  title: string | null;
  lieu: string;
  jour: string | null;
  date: string | null;
  horaires: string | null;
} & Record<ParticipantField | 'total', number | null> & { line: number; page?: number };

export function workshopRows(report: Report, filter: TableFilter = {}): WorkshopTableRowFlat[] {
  const noParticipants = Object.fromEntries([...PARTICIPANT_FIELDS, 'total' as const].map((k) => [k, null])) as Record<ParticipantField | 'total', null>;
  const out: WorkshopTableRowFlat[] = [];
  for (const d of report.departements) {
    if (filter.departement && d.code !== filter.departement) continue;
    for (const w of report.workshops.filter((x) => x.departement === d.code))
      out.push({
        departement: w.departement,
        section: w.section,
        title: w.title,
        lieu: w.lieu,
        jour: w.jour,
        date: w.date,
        horaires: w.horaires,
        ...(Object.fromEntries([...PARTICIPANT_FIELDS, 'total' as const].map((k) => [k, w.participants?.[k] ?? null])) as Record<
          ParticipantField | 'total',
          number | null
        >),
        ...where(w.prov),
      });
    for (const { row } of pairWorkshops(report, d).pairs.filter((p) => p.report === undefined))
      out.push({
        departement: d.code,
        section: null,
        title: null,
        lieu: row.lieu,
        jour: row.jour,
        date: row.date,
        horaires: row.horaires || null,
        ...noParticipants,
        ...where(row.prov),
      });
  }
  return out;
}
