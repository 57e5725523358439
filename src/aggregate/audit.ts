/**
 * audit: every consistency check the report allows, as typed findings (data with a code; the
 * sentence is written by src/render/findings.ts). Pure.
 *
 * Severity: error — a published number contradicts another published number it must equal
 * (a total, a sum); warning — two statements of the report disagree or a figure cannot be
 * rebuilt; info — something a reader should know (NC cells, wording variants, missing year).
 * A parser mistake must never become a finding: the group and région sums hold exactly in the
 * bundled report, and a test pins 0 findings of those codes.
 */
import type { Finding, Provenance, Report, Workshop } from '../model.js';
import { PARTICIPANT_FIELDS } from '../model.js';
import { foldKey, parseFrenchDate, weekdayOf } from '../ingest/text.js';
import { contributionsBreak, emptyGroups, groupSumBreaks, regionSumBreaks } from '../ingest/integrity.js';
import { periodFr } from './period.js';
import { largestRemainder } from './rounding.js';
import { pairWorkshops } from './workshop-match.js';

/** Every finding code, with its severity: the README documents each. */
export const FINDING_CODES = {
  'group-ideas-sum': 'error',
  'group-no-ideas': 'error',
  'region-departements-sum': 'error',
  'contributions-total': 'error',
  'workshops-total': 'error',
  'participants-total': 'error',
  'workshop-missing-report': 'error',
  'section-sequence': 'error',
  'section-heading-missing': 'error',
  'section-repeated': 'error',
  'workshop-thematique-order': 'error',
  'workshop-no-verbatims': 'error',
  'percent-recomputed': 'warning',
  'percent-sum': 'warning',
  'contributions-unexplained': 'warning',
  'workshop-count': 'warning',
  'workshop-date': 'warning',
  'workshop-date-period': 'warning',
  'workshop-weekday': 'warning',
  'participants-text': 'warning',
  'label-unmatched': 'warning',
  'workshop-hours': 'info',
  'workshop-date-no-year': 'info',
  'workshop-report-not-in-table': 'warning',
  'participants-missing': 'info',
  'participants-nc': 'info',
  'participants-garbled': 'info',
  'label-variant': 'info',
} as const;
export type FindingCode = keyof typeof FINDING_CODES;

function f(code: FindingCode, section: string | null, provs: Array<Provenance | undefined>, rest: Partial<Finding> = {}): Finding {
  const ps = provs.filter((p): p is Provenance => p !== undefined);
  const lines = [...new Set(ps.map((p) => p.line))].sort((a, b) => a - b);
  const pages = [...new Set(ps.map((p) => p.page).filter((p): p is number => p !== undefined))].sort((a, b) => a - b);
  return { code, severity: FINDING_CODES[code], section, lines, ...(pages.length ? { pages } : {}), ...rest };
}

const sum = (xs: Array<{ count: number }>) => xs.reduce((a, x) => a + x.count, 0);
const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function audit(report: Report): Finding[] {
  const out: Finding[] = [];
  const regionSection = report.region.synthesis.prov ? '1' : null;
  // 1. Each group = Σ its ideas, in the region and every département (src/ingest/integrity.ts).
  for (const b of groupSumBreaks(report)) {
    out.push(
      f('group-ideas-sum', b.section, [b.group.prov, ...b.group.ideas.map((i) => i.prov)], {
        expected: b.group.count,
        found: b.found,
        detail: { departement: b.departement, thematique: b.branch.thematique, kind: b.branch.kind, group: b.group.label },
      }),
    );
  }

  // 1b. Each group has ideas (every group of the published report has).
  for (const b of emptyGroups(report)) {
    out.push(
      f('group-no-ideas', b.section, [b.group.prov], {
        expected: null,
        found: b.group.count,
        detail: { departement: b.departement, thematique: b.branch.thematique, kind: b.branch.kind, group: b.group.label },
      }),
    );
  }

  // 2. Each regional group and idea = Σ over the départements (canonical labels).
  for (const b of regionSumBreaks(report)) {
    out.push(
      f('region-departements-sum', regionSection, [b.prov, ...b.departementProvs], {
        expected: b.expected,
        found: b.found,
        detail: { thematique: b.thematique, kind: b.kind, group: b.group, idea: b.idea },
      }),
    );
  }

  // 3. Contributions table: total, printed percents, Σ percents, and whether the group tables explain it.
  const contrib = report.region.contributions;
  const ctotal = report.region.contributionsTotal;
  const cb = contributionsBreak(report);
  if (cb) out.push(f('contributions-total', regionSection, cb.provs, { expected: cb.expected, found: cb.found }));
  if (contrib.length > 0 && ctotal) {
    const lr = largestRemainder(contrib.map((c) => c.count));
    contrib.forEach((c, i) => {
      const exact = (c.count * 100) / ctotal.count;
      // A printed percent is right if it is the exact share rounded, truncated, or its largest-remainder share.
      if (c.percent !== Math.round(exact) && c.percent !== Math.floor(exact) && c.percent !== lr[i]) {
        out.push(
          f('percent-recomputed', regionSection, [c.prov], {
            expected: Math.round(exact),
            found: c.percent,
            detail: { thematique: c.thematique, count: c.count, denominator: ctotal.count },
          }),
        );
      }
    });
    const ps = contrib.reduce((a, c) => a + c.percent, 0);
    if (ps !== ctotal.percent) {
      out.push(
        f('percent-sum', regionSection, [ctotal.prov, ...contrib.map((c) => c.prov)], {
          expected: ctotal.percent,
          found: ps,
          detail: { printed: contrib.map((c) => c.percent), largestRemainder: lr },
        }),
      );
    }
    for (const c of contrib) {
      const branches = report.region.synthesis.branches.filter((b) => b.thematique === c.thematique);
      const groupsTotal = branches.reduce((a, b) => a + sum(b.groups), 0);
      const sujetsTotal = branches.reduce((a, b) => a + sum(b.sujets), 0);
      if (groupsTotal !== c.count && sujetsTotal !== c.count) {
        out.push(
          f('contributions-unexplained', regionSection, [c.prov, ...branches.map((b) => b.prov)], {
            expected: c.count,
            found: groupsTotal,
            detail: {
              thematique: c.thematique,
              groups: groupsTotal,
              sujets: sujetsTotal,
              byKind: Object.fromEntries(branches.map((b) => [b.kind, { groups: sum(b.groups), sujets: sum(b.sujets) }])),
            },
          }),
        );
      }
    }
  }

  // 4. Workshops: announced (intro, per département) vs the regional table vs département tables vs reports.
  const wt = report.region.workshopsTable;
  if (wt.length > 0 && report.region.workshopsTotal) {
    const s = sum(wt);
    if (s !== report.region.workshopsTotal.count)
      out.push(f('workshops-total', regionSection, [report.region.workshopsTotal.prov], { expected: report.region.workshopsTotal.count, found: s }));
  }
  if (report.region.announcedWorkshops !== null && report.region.workshopsTotal && report.region.announcedWorkshops !== report.region.workshopsTotal.count) {
    out.push(
      f('workshop-count', regionSection, [report.region.workshopsTotal.prov], {
        expected: report.region.announcedWorkshops,
        found: report.region.workshopsTotal.count,
        detail: { what: 'intro vs table total' },
      }),
    );
  }
  for (const d of report.departements) {
    const reports = report.workshops.filter((w) => w.departement === d.code);
    const regional = wt.find((w) => w.departement === d.code);
    const figures = { regionalTable: regional?.count ?? null, announced: d.announcedWorkshops, tableRows: d.workshopsTable.length, reports: reports.length };
    const distinct = new Set(Object.values(figures).filter((x) => x !== null));
    if (distinct.size > 1) {
      out.push(
        f('workshop-count', d.section, [d.prov, regional?.prov], {
          expected: regional?.count ?? d.announcedWorkshops,
          found: reports.length,
          detail: { departement: d.code, ...figures },
        }),
      );
    }
    // Match table rows and reports by place name.
    const { pairs, left: unmatched } = pairWorkshops(report, d);
    for (const { row, report: w } of pairs) {
      if (!w) {
        out.push(
          f('workshop-missing-report', d.section, [row.prov], {
            expected: row.lieu,
            found: null,
            detail: { departement: d.code, lieu: row.lieu, jour: row.jour },
          }),
        );
        continue;
      }
      const td = parseFrenchDate(row.jour);
      const rd = w.jour ? parseFrenchDate(w.jour) : null;
      if (td && rd && (td.day !== rd.day || td.month !== rd.month || (td.year !== null && rd.year !== null && td.year !== rd.year))) {
        out.push(
          f('workshop-date', w.section, [row.prov, w.prov], {
            expected: row.jour,
            found: w.jour,
            detail: { departement: d.code, lieu: row.lieu, table: td.iso ?? row.jour, report: rd.iso ?? w.jour },
          }),
        );
      }
      if (row.horaires && w.horaires && normHours(row.horaires) !== normHours(w.horaires)) {
        const a = normHours(row.horaires);
        const b = normHours(w.horaires);
        out.push(
          f('workshop-hours', w.section, [row.prov, w.prov], {
            expected: row.horaires,
            found: w.horaires,
            detail: { lieu: row.lieu, compatible: a.startsWith(b) || b.startsWith(a) },
          }),
        );
      }
    }
    for (const w of unmatched)
      out.push(f('workshop-report-not-in-table', w.section, [w.prov], { expected: null, found: w.title, detail: { departement: d.code } }));
  }
  // Dates: outside the announced period, weekday, missing year (tables and reports alike).
  const period = report.region.announcedPeriod;
  const dated: Array<{ section: string; jour: string; prov: Provenance; where: 'table' | 'report' }> = [
    ...report.departements.flatMap((d) => d.workshopsTable.map((r) => ({ section: d.section, jour: r.jour, prov: r.prov, where: 'table' as const }))),
    ...report.workshops.filter((w) => w.jour).map((w) => ({ section: w.section, jour: w.jour!, prov: w.prov, where: 'report' as const })),
  ];
  for (const x of dated) {
    const d = parseFrenchDate(x.jour);
    if (!d) continue;
    if (d.year === null) out.push(f('workshop-date-no-year', x.section, [x.prov], { expected: null, found: x.jour, detail: { where: x.where } }));
    if (period && (!period.months.includes(d.month) || (d.year !== null && d.year !== period.year))) {
      out.push(
        f('workshop-date-period', x.section, [x.prov, period.prov], {
          expected: periodFr(period.months, period.year),
          found: x.jour,
          detail: { where: x.where },
        }),
      );
    }
    if (d.weekday && d.iso && weekdayOf(d.iso) !== d.weekday) {
      out.push(f('workshop-weekday', x.section, [x.prov], { expected: weekdayOf(d.iso), found: d.weekday, detail: { where: x.where, date: d.iso } }));
    }
  }

  // 5. Participants.
  for (const w of report.workshops) out.push(...participantFindings(w), ...attendanceFindings(w));

  // 6. Labels: départemental wordings that differ from the regional table; labels not found.
  const variants = new Map<string, { printed: string; label: string; provs: Provenance[]; departements: Set<string> }>();
  for (const d of report.departements)
    for (const b of d.synthesis.branches)
      for (const x of b.groups.flatMap((g) => [g, ...g.ideas])) {
        if (x.printed === x.label) continue;
        const k = `${x.printed}\u0000${x.label}`;
        const v = variants.get(k) ?? { printed: x.printed, label: x.label, provs: [], departements: new Set<string>() };
        v.provs.push(x.prov);
        v.departements.add(d.code);
        variants.set(k, v);
      }
  for (const v of variants.values()) {
    out.push(f('label-variant', null, v.provs, { expected: v.label, found: v.printed, detail: { departements: [...v.departements] } }));
  }
  // 7. The numbering as printed (src/ingest/sections.ts, workshops.ts): a heading lost, mistyped or
  //    repeated, two workshop reports run together. The parser read on and says where.
  for (const n of report.notes) {
    const d = n.detail ?? {};
    const at = [n.line === undefined ? undefined : { line: n.line }];
    if (n.code === 'section-sequence') {
      out.push(
        f('section-sequence', str(d.readAs), at, {
          expected: str(d.expected),
          found: str(d.found),
          detail: { previous: d.previous, readAs: d.readAs, title: d.title },
        }),
      );
    } else if (n.code === 'section-repeated') {
      out.push(
        f('section-repeated', str(d.section), [{ line: typeof d.firstLine === 'number' ? d.firstLine : 0 }, ...at], {
          expected: null,
          found: str(d.section),
          detail: { title: d.title, firstLine: d.firstLine, line: n.line },
        }),
      );
    } else if (n.code === 'section-heading-missing') {
      out.push(f('section-heading-missing', str(d.readAs), at, { expected: str(d.readAs), found: null, detail: { previous: d.previous, readAs: d.readAs } }));
    } else if (n.code === 'workshop-thematique-order') {
      out.push(
        f('workshop-thematique-order', str(d.section), [...at, typeof d.previousLine === 'number' ? { line: d.previousLine } : undefined], {
          expected: `Thématique > ${str(d.previous)}`,
          found: `Thématique ${str(d.found)}`,
          detail: { previous: d.previous, thematique: d.found },
        }),
      );
    }
  }
  // 8. A workshop report with thématique headings and no verbatim (its items not seen as items).
  for (const n of report.notes.filter((n) => n.code === 'workshop-no-verbatims')) {
    const d = n.detail ?? {};
    out.push(
      f('workshop-no-verbatims', str(d.section), [n.line === undefined ? undefined : { line: n.line }], {
        expected: null,
        found: 0,
        detail: { title: d.title, headings: d.headings },
      }),
    );
  }
  for (const n of report.notes.filter((n) => n.code === 'label-unmatched')) {
    out.push(f('label-unmatched', null, [n.line ? { line: n.line } : undefined], { expected: null, found: n.message }));
  }
  return out;
}

function normHours(s: string): string {
  return foldKey(s)
    .replace(/\s+/g, '')
    .replace(/h00/g, 'h')
    .replace(/[àa/–—]/g, '-')
    .replace(/-+/g, '-');
}

function participantFindings(w: Workshop): Finding[] {
  const out: Finding[] = [];
  const p = w.participants;
  if (!p) {
    out.push(f('participants-missing', w.section, [w.prov], { expected: null, found: null, detail: { workshop: w.title } }));
    return out;
  }
  const nc = PARTICIPANT_FIELDS.filter((k) => (p.raw[k] ?? '') === 'NC' || (p.raw[k] ?? '') === '');
  const garbled = [...PARTICIPANT_FIELDS, 'total' as const].filter((k) => p.raw[k] !== undefined && p.raw[k] !== '' && p.raw[k] !== 'NC' && p[k] === null);
  if (nc.length > 0 || p.total === null) {
    out.push(
      f('participants-nc', w.section, [p.prov], { expected: null, found: nc.length, detail: { workshop: w.title, fields: nc, total: p.raw.total ?? null } }),
    );
  }
  if (garbled.length > 0) {
    out.push(
      f('participants-garbled', w.section, [p.prov], {
        expected: null,
        found: garbled.map((k) => `${k}=${p.raw[k]}`).join(', '),
        detail: { workshop: w.title, fields: garbled },
      }),
    );
  }
  const values = PARTICIPANT_FIELDS.map((k) => p[k]);
  if (p.total !== null && values.every((v) => v !== null)) {
    const s = values.reduce((a, v) => a + v, 0);
    if (s !== p.total)
      out.push(
        f('participants-total', w.section, [p.prov, { line: p.prov.endLine ?? p.prov.line }], { expected: p.total, found: s, detail: { workshop: w.title } }),
      );
  }
  return out;
}

function attendanceFindings(w: Workshop): Finding[] {
  const out: Finding[] = [];
  const total = w.participants?.total ?? null;
  for (const s of w.statedAttendance) {
    if (total === s.count) continue;
    const finding = f('participants-text', w.section, [s.prov, w.participants?.prov], {
      expected: total,
      found: s.count,
      detail: { workshop: w.title, phrase: s.phrase },
    });
    // "38 personnes (hors ARS et préfecture)" need not equal the table; an empty table is not a contradiction.
    if (s.qualified || total === null) finding.severity = 'info';
    out.push(finding);
  }
  return out;
}
