/**
 * The regional introduction (1.1): workshops per département and contributions per thématique,
 * and the thématique titles of the regional section headings.
 */
import type { ContributionRow, Provenance, Region, ThematiqueId, WorkshopCountRow } from '../model.js';
import type { SourceLine } from './lines.js';
import { COUNT_PERCENT, COUNT_PERCENT_END, INTRO_WORKSHOPS, THEMATIQUE, TOTAL_ROW, WORKSHOPS_TABLE_HEADER, WORKSHOPS_TABLE_ROW } from './template.js';
import { clean, foldKey, MONTHS, parseCount } from './text.js';

const MONTH_RE = MONTHS.join('|');
/** "en novembre et décembre 2022" (folded: no accents). */
const PERIOD = new RegExp(`en ((?:${MONTH_RE})(?:(?:,\\s*|\\s+et\\s+)(?:${MONTH_RE}))*)\\s+(\\d{4})`);

const ACCENTED: Record<string, string> = { a: 'àâä', e: 'éèêë', i: 'îï', o: 'ôö', u: 'ûùü', c: 'ç' };

/** A match found on the folded line, found again on the printed line: labels keep their accents. */
function asPrinted(folded: string, line: string): string {
  const re = new RegExp(folded.replace(/[aeiouc]/g, (c) => `[${c}${ACCENTED[c]}]`).replace(/\s+/g, '\\s+'), 'i');
  return re.exec(line)?.[0] ?? folded;
}

type Intro = Pick<Region, 'announcedWorkshops' | 'announcedPeriod' | 'workshopsTable' | 'workshopsTotal' | 'contributions' | 'contributionsTotal'> & {
  regionFromIntro: string | null;
};

function p(l: SourceLine): Provenance {
  return l.page === undefined ? { line: l.n } : { line: l.n, page: l.page };
}

export function parseIntro(lines: SourceLine[]): Intro {
  const out: Intro = {
    announcedWorkshops: null,
    announcedPeriod: null,
    workshopsTable: [],
    workshopsTotal: null,
    contributions: [],
    contributionsTotal: null,
    regionFromIntro: null,
  };
  let inWorkshops = false;
  let pendingThematique: { id: ThematiqueId; line: SourceLine } | null = null;
  for (const l of lines) {
    const t = l.text;
    const intro = INTRO_WORKSHOPS.exec(t);
    if (intro && out.announcedWorkshops === null) {
      out.announcedWorkshops = Number(intro[1]);
      const r = /en r[ée]gion\s+(.+?)\s+en\s+(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)/i.exec(t);
      if (r) out.regionFromIntro = clean(r[1]!);
      const period = PERIOD.exec(foldKey(t));
      if (period) {
        const months = period[1]!
          .split(/,\s*|\s+et\s+/)
          .map((m) => (MONTHS as readonly string[]).indexOf(m.trim()) + 1)
          .filter((m) => m > 0);
        out.announcedPeriod = { months, year: Number(period[2]), text: clean(asPrinted(period[0], t)), prov: p(l) };
      }
    }
    if (WORKSHOPS_TABLE_HEADER.test(t)) {
      inWorkshops = true;
      continue;
    }
    if (inWorkshops) {
      const r = WORKSHOPS_TABLE_ROW.exec(t);
      if (r) {
        out.workshopsTable.push({ departement: r[1]!, name: clean(r[2]!), count: Number(r[3]), prov: p(l) } satisfies WorkshopCountRow);
        continue;
      }
      const tot = TOTAL_ROW.exec(t);
      if (tot) {
        out.workshopsTotal = { count: parseCount(tot[1]!), prov: p(l) };
        inWorkshops = false;
      }
      continue;
    }
    const th = THEMATIQUE.exec(t);
    if (th) {
      pendingThematique = { id: Number(th[1]) as ThematiqueId, line: l };
    }
    // The count and percent on a line of their own (the text), or at the end of the label's
    // (last) line (a PDF whose row label lines are joined onto its count cell).
    const cp = COUNT_PERCENT.exec(t) ?? (pendingThematique ? COUNT_PERCENT_END.exec(t) : null);
    if (th && !cp) continue;
    if (cp && pendingThematique) {
      out.contributions.push({
        thematique: pendingThematique.id,
        count: parseCount(cp[1]!),
        percent: Number(cp[2]),
        prov: p(l),
      } satisfies ContributionRow);
      pendingThematique = null;
      continue;
    }
    const tot = TOTAL_ROW.exec(t);
    if (tot && tot[2] !== undefined && out.contributions.length > 0) {
      out.contributionsTotal = { count: parseCount(tot[1]!), percent: Number(tot[2]), prov: p(l) };
    }
  }
  return out;
}
