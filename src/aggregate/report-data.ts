/**
 * What the HTML report shows, as plain data (pure; the page is written by src/render/report-html.ts).
 *
 *  - overview: contributions per thématique (printed count and percent, exact share and the
 *    largest-remainder percent of recomputedContributions), and the problèmes / solutions totals
 *    (Σ of the regional groups of each thématique × kind);
 *  - branches: each regional thématique × kind with its groups sorted by count (ties: print
 *    order), each group's ideas sorted the same way, with their "Ex : « … »" quotes;
 *  - heatmap: département × thématique = Σ of the group counts of the département's synthesis
 *    (problèmes and solutions together), with the share of the département's total
 *    (largest remainder at one decimal, so each département sums to 100,0 %);
 *  - départements: their workshops (the département table joined with the workshop reports);
 *  - classified (optional): published vs classified counts per branch and group, items to review.
 *
 * Stable ids: a group is "t1-solution-g04" (its print position in the regional branch, as the
 * taxonomy's "t1.solution.g04"), a département "dep-33".
 */
import type { Kind, Report, ThematiqueId, Workshop } from '../model.js';
import { KINDS, THEMATIQUE_IDS } from '../model.js';
import type { ClassifiedRecord } from '../io/classified.js';
import { pairWorkshops } from './workshop-match.js';
import { periodFr } from './period.js';
import { recomputedContributions } from './recompute.js';
import { largestRemainder, percent } from './rounding.js';

export { periodFr };

export interface OverviewRow {
  thematique: ThematiqueId;
  title: string;
  count: number;
  percentPrinted: number | null;
  percentExact: number | null;
  percentRecomputed: number | null;
  line: number;
}

export interface KindTotal {
  thematique: ThematiqueId;
  kind: Kind;
  /** Σ of the regional groups of this thématique × kind. */
  count: number;
}

export interface IdeaView {
  label: string;
  count: number;
  /** Share of its group, half up at one decimal (as `tables`). */
  percent: number | null;
  line: number;
  quotes: Array<{ text: string; line: number }>;
}

export interface GroupView {
  id: string;
  /** The taxonomy id, e.g. "t1.solution.g04". */
  taxId: string;
  label: string;
  count: number;
  /** Share of the groups of its thématique × kind, half up at one decimal (as `tables`). */
  percent: number | null;
  line: number;
  ideas: IdeaView[];
}

export interface BranchView {
  id: string;
  thematique: ThematiqueId;
  kind: Kind;
  total: number;
  line: number;
  groups: GroupView[];
}

export interface HeatCell {
  departement: string;
  thematique: ThematiqueId;
  count: number;
  /** Percent of the département's total (one decimal, largest remainder); null when the total is 0. */
  share: number | null;
}

export interface HeatRow {
  code: string;
  name: string;
  total: number;
  cells: HeatCell[];
}

export interface WorkshopView {
  section: string | null;
  lieu: string;
  jour: string | null;
  date: string | null;
  horaires: string | null;
  participants: Workshop['participants'];
  /** In the département's workshop table / has a workshop report. */
  inTable: boolean;
  hasReport: boolean;
  line: number;
}

export interface DepartementView {
  id: string;
  code: string;
  name: string;
  section: string;
  announced: number | null;
  line: number;
  workshops: WorkshopView[];
}

export interface ReportData {
  region: string | null;
  announcedWorkshops: number | null;
  workshopsTotal: number | null;
  period: string | null;
  contributionsTotal: number | null;
  overview: OverviewRow[];
  kindTotals: KindTotal[];
  branches: BranchView[];
  heatmap: HeatRow[];
  departements: DepartementView[];
}

/** Sort by count descending, ties in print order (stable). */
const byCount = <T extends { count: number }>(xs: T[]): T[] =>
  xs
    .map((x, i) => ({ x, i }))
    .sort((a, b) => b.x.count - a.x.count || a.i - b.i)
    .map((o) => o.x);
const pad2 = (n: number) => String(n).padStart(2, '0');

export function reportData(report: Report): ReportData {
  const titles = new Map(report.region.thematiques.map((t) => [t.id, t.title]));
  const overview: OverviewRow[] = recomputedContributions(report).map((c) => ({
    thematique: c.thematique as ThematiqueId,
    title: c.label || titles.get(c.thematique as ThematiqueId) || '',
    count: c.count,
    percentPrinted: c.percent,
    percentExact: c.percent_exact,
    percentRecomputed: c.percent_recomputed,
    line: c.line,
  }));

  const branches: BranchView[] = [];
  for (const b of report.region.synthesis.branches) {
    if (branches.some((x) => x.thematique === b.thematique && x.kind === b.kind)) continue;
    const total = b.groups.reduce((a, g) => a + g.count, 0);
    const base = `t${b.thematique}-${b.kind}`;
    const groups = b.groups.map((g, gi): GroupView => ({
      id: `${base}-g${pad2(gi + 1)}`,
      taxId: `t${b.thematique}.${b.kind}.g${pad2(gi + 1)}`,
      label: g.label,
      count: g.count,
      percent: percent(g.count, total),
      line: g.prov.line,
      ideas: byCount(
        g.ideas.map((i) => ({
          label: i.label,
          count: i.count,
          percent: percent(i.count, g.count),
          line: i.prov.line,
          quotes: i.quotes.map((q) => ({ text: q.text, line: q.prov.line })),
        })),
      ),
    }));
    branches.push({ id: base, thematique: b.thematique, kind: b.kind, total, line: b.prov.line, groups: byCount(groups) });
  }
  branches.sort((a, b) => a.thematique - b.thematique || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));

  const kindTotals: KindTotal[] = [];
  for (const t of THEMATIQUE_IDS) {
    for (const k of KINDS) {
      const br = branches.find((b) => b.thematique === t && b.kind === k);
      if (br || branches.some((b) => b.thematique === t)) kindTotals.push({ thematique: t, kind: k, count: br?.total ?? 0 });
    }
  }

  const heatmap: HeatRow[] = report.departements.map((d) => {
    const counts = THEMATIQUE_IDS.map((t) =>
      d.synthesis.branches.filter((b) => b.thematique === t).reduce((a, b) => a + b.groups.reduce((s, g) => s + g.count, 0), 0),
    );
    const total = counts.reduce((a, c) => a + c, 0);
    const lr = largestRemainder(counts, 1000);
    return {
      code: d.code,
      name: d.name,
      total,
      cells: THEMATIQUE_IDS.map((t, i) => ({ departement: d.code, thematique: t, count: counts[i]!, share: total === 0 ? null : lr[i]! / 10 })),
    };
  });

  const departements: DepartementView[] = report.departements.map((d) => {
    const { pairs, left } = pairWorkshops(report, d);
    const rows: WorkshopView[] = pairs.map(({ row, report: w }) => {
      return {
        section: w?.section ?? null,
        lieu: row.lieu,
        jour: row.jour,
        date: row.date ?? w?.date ?? null,
        horaires: row.horaires || w?.horaires || null,
        participants: w?.participants ?? null,
        inTable: true,
        hasReport: w !== undefined,
        line: row.prov.line,
      };
    });
    for (const w of left)
      rows.push({
        section: w.section,
        lieu: w.lieu,
        jour: w.jour,
        date: w.date,
        horaires: w.horaires,
        participants: w.participants,
        inTable: false,
        hasReport: true,
        line: w.prov.line,
      });
    return { id: `dep-${d.code}`, code: d.code, name: d.name, section: d.section, announced: d.announcedWorkshops, line: d.prov.line, workshops: rows };
  });

  const period = report.region.announcedPeriod;
  return {
    region: report.region.name,
    announcedWorkshops: report.region.announcedWorkshops,
    workshopsTotal: report.region.workshopsTotal?.count ?? null,
    period: period ? periodFr(period.months, period.year) : null,
    contributionsTotal: report.region.contributionsTotal?.count ?? null,
    overview,
    kindTotals,
    branches,
    heatmap,
    departements,
  };
}

// ── Classified verbatims beside the published counts ─────────────────────────────────────────

export interface CompareGroup {
  branch: string;
  thematique: ThematiqueId;
  kind: Kind;
  id: string;
  label: string;
  published: number;
  /** Share of the published groups of the branch (half up, one decimal). */
  publishedPercent: number | null;
  classified: number;
  /** Share of the verbatims classified into the branch (half up, one decimal). */
  classifiedPercent: number | null;
}

export interface CompareBranch {
  id: string;
  thematique: ThematiqueId;
  kind: Kind;
  published: number;
  /** Share of all published groups (half up, one decimal). */
  publishedPercent: number | null;
  classified: number;
  /** Share of all verbatims with a thématique and a kind (half up, one decimal). */
  classifiedPercent: number | null;
  /** Classified into the branch with no group, or a group the report does not have. */
  classifiedOther: number;
}

export interface ClassifiedSummary {
  total: number;
  needsReview: number;
  /** Records with no thématique or no kind. */
  unclassified: number;
  statuses: Array<{ status: string; count: number }>;
  branches: CompareBranch[];
  groups: CompareGroup[];
  review: ClassifiedRecord[];
}

export function compareClassified(data: ReportData, records: ClassifiedRecord[]): ClassifiedSummary {
  const groupOf = new Map<string, GroupView>();
  for (const b of data.branches)
    for (const g of b.groups) {
      groupOf.set(g.taxId, g);
      groupOf.set(`${b.thematique}|${b.kind}|${g.label}`, g);
    }
  const perGroup = new Map<string, number>();
  const perBranch = new Map<string, { n: number; other: number }>();
  let unclassified = 0;
  const statuses = new Map<string, number>();
  for (const r of records) {
    const st = r.status ?? (r.needs_review ? 'needs_review' : '—');
    statuses.set(st, (statuses.get(st) ?? 0) + 1);
    if (!r.thematique || !r.kind) {
      unclassified++;
      continue;
    }
    const bk = `t${r.thematique.n}-${r.kind.id}`;
    const acc = perBranch.get(bk) ?? { n: 0, other: 0 };
    acc.n++;
    const g = r.group ? (groupOf.get(r.group.id) ?? (r.group.label ? groupOf.get(`${r.thematique.n}|${r.kind.id}|${r.group.label}`) : undefined)) : undefined;
    if (g && g.id.startsWith(`${bk}-`)) perGroup.set(g.id, (perGroup.get(g.id) ?? 0) + 1);
    else acc.other++;
    perBranch.set(bk, acc);
  }
  const publishedAll = data.branches.reduce((a, b) => a + b.total, 0);
  const classifiedAll = records.length - unclassified;
  const branches: CompareBranch[] = data.branches.map((b) => {
    const c = perBranch.get(b.id) ?? { n: 0, other: 0 };
    return {
      id: b.id,
      thematique: b.thematique,
      kind: b.kind,
      published: b.total,
      publishedPercent: percent(b.total, publishedAll),
      classified: c.n,
      classifiedPercent: percent(c.n, classifiedAll),
      classifiedOther: c.other,
    };
  });
  const groups: CompareGroup[] = data.branches.flatMap((b) => {
    const inBranch = perBranch.get(b.id)?.n ?? 0;
    return b.groups.map((g) => {
      const n = perGroup.get(g.id) ?? 0;
      return {
        branch: b.id,
        thematique: b.thematique,
        kind: b.kind,
        id: g.id,
        label: g.label,
        published: g.count,
        publishedPercent: g.percent,
        classified: n,
        classifiedPercent: percent(n, inBranch),
      };
    });
  });
  return {
    total: records.length,
    needsReview: records.filter((r) => r.needs_review).length,
    unclassified,
    statuses: [...statuses].map(([status, count]) => ({ status, count })).sort((a, b) => b.count - a.count || (a.status < b.status ? -1 : 1)),
    branches,
    groups,
    review: records.filter((r) => r.needs_review),
  };
}
