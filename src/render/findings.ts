/**
 * The one place where a finding becomes a sentence, in English (the CLI's default) or in French
 * (`--lang fr`, and the HTML report). Findings are data (src/aggregate/audit.ts); every format
 * (table, markdown, json, ndjson, xlsx, html) takes its wording from `message()` and `summary()`.
 */
import type { Finding, Severity } from '../model.js';

export type Lang = 'en' | 'fr';

const str = (v: unknown) => (v === null || v === undefined ? '—' : String(v));
const kindFr = (k: unknown) => (k === 'probleme' ? 'problèmes' : 'solutions');

export function message(x: Finding, lang: Lang = 'en'): string {
  if (lang === 'fr') return messageFr(x);
  const d = x.detail ?? {};
  switch (x.code) {
    case 'group-ideas-sum':
      return `group "${str(d.group)}" (T${str(d.thematique)} ${kindFr(d.kind)}${d.departement ? `, département ${str(d.departement)}` : ', region'}) prints ${str(x.expected)} but its ideas add up to ${str(x.found)}`;
    case 'group-no-ideas':
      return `group "${str(d.group)}" (T${str(d.thematique)} ${kindFr(d.kind)}${d.departement ? `, département ${str(d.departement)}` : ', region'}, ${str(x.found)}) has no idea under it: every group of the report has ideas, so ideas were read as groups`;
    case 'region-departements-sum':
      return `regional ${d.idea ? `idea "${str(d.idea)}"` : `group "${str(d.group)}"`} (T${str(d.thematique)} ${kindFr(d.kind)}) prints ${str(x.expected)} but the départements add up to ${str(x.found)}`;
    case 'contributions-total':
      return x.expected === null || x.expected === undefined
        ? `the contributions table has no Total row (its thématiques add up to ${str(x.found)})`
        : `contributions total prints ${str(x.expected)} but the thématiques add up to ${str(x.found)}`;
    case 'workshops-total':
      return `workshops table total prints ${str(x.expected)} but its rows add up to ${str(x.found)}`;
    case 'percent-recomputed':
      return `thématique ${str(d.thematique)}: ${str(d.count)}/${str(d.denominator)} is ${str(x.expected)}%, printed ${str(x.found)}%`;
    case 'percent-sum': {
      const lr = Array.isArray(d.largestRemainder) ? (d.largestRemainder as number[]).join(' + ') : '';
      return `contribution percents add up to ${str(x.found)}% (printed total ${str(x.expected)}%); largest-remainder rounding gives ${lr} = 100`;
    }
    case 'contributions-unexplained': {
      const k = (d.byKind ?? {}) as Record<string, { groups: number; sujets: number }>;
      return `thématique ${str(d.thematique)}: ${str(x.expected)} contributions cannot be rebuilt from the tables: groups add up to ${str(d.groups)} (problèmes ${str(k.probleme?.groups)} + solutions ${str(k.solution?.groups)}), sujets to ${str(d.sujets)}`;
    }
    case 'workshop-count':
      return d.departement
        ? `département ${str(d.departement)}: ${str(d.regionalTable)} workshops in the regional table, ${str(d.announced)} announced, ${str(d.tableRows)} in its table, ${str(d.reports)} reports`
        : `the introduction announces ${str(x.expected)} workshops, the table totals ${str(x.found)}`;
    case 'workshop-missing-report':
      return `workshop "${str(d.lieu)}" (${str(d.jour)}) is in the département table but has no report`;
    case 'workshop-report-not-in-table':
      return `workshop report "${str(x.found)}" has no row in the département table`;
    case 'workshop-date':
      return `${str(d.lieu)}: dated ${str(x.expected)} in the table but ${str(x.found)} in its report`;
    case 'workshop-hours':
      return `${str(d.lieu)}: hours "${str(x.expected)}" in the table, "${str(x.found)}" in its report`;
    case 'workshop-date-period':
      return `${str(x.found)} (${str(d.where)}) is outside the stated period "${str(x.expected)}"`;
    case 'workshop-weekday':
      return `${str(d.date)} was a ${str(x.expected)}, printed "${str(x.found)}" (${str(d.where)})`;
    case 'workshop-date-no-year':
      return `date "${str(x.found)}" (${str(d.where)}) has no year`;
    case 'participants-total':
      return `${str(d.workshop)}: participants rows add up to ${str(x.found)} against a printed Total of ${str(x.expected)}`;
    case 'participants-text':
      return `${str(d.workshop)}: the text says "${str(d.phrase)}", the participants table Total is ${str(x.expected)}`;
    case 'participants-nc': {
      const fields = Array.isArray(d.fields) ? (d.fields as string[]) : [];
      return `${str(d.workshop)}: participants not known (NC or empty) for ${fields.length === 6 ? 'every category' : fields.join(', ')}; Total ${d.total === '' ? 'empty' : str(d.total)}`;
    }
    case 'participants-garbled':
      return `${str(d.workshop)}: unreadable participants cell ${str(x.found)}`;
    case 'participants-missing':
      return `${str(d.workshop)}: no participants table`;
    case 'label-variant':
      return `départements ${Array.isArray(d.departements) ? (d.departements as string[]).join(', ') : ''} word "${str(x.expected)}" as "${str(x.found)}"`;
    case 'label-unmatched':
      return str(x.found);
    case 'section-sequence':
      return `section ${str(x.found)} follows ${str(d.previous)}: a heading is missing or misnumbered (${str(x.expected)} expected)${d.readAs !== x.found ? `; read as ${str(d.readAs)}` : ''}`;
    case 'section-repeated':
      return `section ${str(x.found)} "${str(d.title)}" appears twice (lines ${str(d.firstLine)} and ${str(d.line)}): a block pasted twice? (the second is not read)`;
    case 'section-heading-missing':
      return `a workshop report starts without its numbered heading (after section ${str(d.previous)}): read as section ${str(d.readAs)}`;
    case 'workshop-thematique-order':
      return `section ${str(x.section)}: Thématique ${str(d.thematique)} follows Thématique ${str(d.previous)}: two workshop reports run together (a heading or a page lost?)`;
    case 'workshop-no-verbatims':
      return `workshop report ${str(x.section)} "${str(d.title)}" has ${str(d.headings)} thématique heading(s) and no verbatim read: every report of the published report has verbatims, so its items were not seen as items`;
    default:
      return `${x.code}: expected ${str(x.expected)}, found ${str(x.found)}`;
  }
}

const NBSP = '\u00a0';
const frList = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} et ${xs[xs.length - 1]}`);
const FIELDS_FR: Record<string, string> = {
  elus: 'élus',
  institutionnels: 'institutionnels',
  professionnels: 'professionnels',
  associations: 'associations',
  usagers: 'usagers',
  autres: 'autres',
  total: 'Total',
};
const WHERE_FR: Record<string, string> = { table: 'tableau', report: 'compte rendu' };
const q = (v: unknown) => `«${NBSP}${str(v)}${NBSP}»`;

function messageFr(x: Finding): string {
  const d = x.detail ?? {};
  const where = (w: unknown) => WHERE_FR[String(w)] ?? str(w);
  switch (x.code) {
    case 'group-ideas-sum':
      return `le groupe ${q(d.group)} (T${str(d.thematique)} ${kindFr(d.kind)}${d.departement ? `, département ${str(d.departement)}` : ', région'}) imprime ${str(x.expected)} mais ses idées font ${str(x.found)}`;
    case 'group-no-ideas':
      return `le groupe ${q(d.group)} (T${str(d.thematique)} ${kindFr(d.kind)}${d.departement ? `, département ${str(d.departement)}` : ', région'}, ${str(x.found)}) n’a aucune idée${NBSP}: tous les groupes du rapport en ont, des idées ont donc été lues comme des groupes`;
    case 'region-departements-sum':
      return `${d.idea ? `l’idée régionale ${q(d.idea)}` : `le groupe régional ${q(d.group)}`} (T${str(d.thematique)} ${kindFr(d.kind)}) imprime ${str(x.expected)} mais les départements font ${str(x.found)}`;
    case 'contributions-total':
      return x.expected === null || x.expected === undefined
        ? `le tableau des contributions n’a pas de ligne Total (ses thématiques font ${str(x.found)})`
        : `le total des contributions imprime ${str(x.expected)} mais les thématiques font ${str(x.found)}`;
    case 'workshops-total':
      return `le total du tableau des ateliers imprime ${str(x.expected)} mais ses lignes font ${str(x.found)}`;
    case 'percent-recomputed':
      return `thématique ${str(d.thematique)}${NBSP}: ${str(d.count)}/${str(d.denominator)} font ${str(x.expected)}${NBSP}%, imprimé ${str(x.found)}${NBSP}%`;
    case 'percent-sum': {
      const lr = Array.isArray(d.largestRemainder) ? (d.largestRemainder as number[]).join(' + ') : '';
      return `les pourcentages des contributions font ${str(x.found)}${NBSP}% (total imprimé ${str(x.expected)}${NBSP}%)${NBSP}; l’arrondi au plus fort reste donne ${lr} = 100`;
    }
    case 'contributions-unexplained': {
      const k = (d.byKind ?? {}) as Record<string, { groups: number; sujets: number }>;
      return `thématique ${str(d.thematique)}${NBSP}: les ${str(x.expected)} contributions ne se retrouvent pas dans les tableaux${NBSP}: les groupes font ${str(d.groups)} (problèmes ${str(k.probleme?.groups)} + solutions ${str(k.solution?.groups)}), les sujets ${str(d.sujets)}`;
    }
    case 'workshop-count':
      return d.departement
        ? `département ${str(d.departement)}${NBSP}: ${str(d.regionalTable)} ateliers dans le tableau régional, ${str(d.announced)} annoncés, ${str(d.tableRows)} dans son tableau, ${str(d.reports)} comptes rendus`
        : `l’introduction annonce ${str(x.expected)} ateliers, le tableau en totalise ${str(x.found)}`;
    case 'workshop-missing-report':
      return `l’atelier ${q(d.lieu)} (${str(d.jour)}) figure dans le tableau du département mais n’a pas de compte rendu`;
    case 'workshop-report-not-in-table':
      return `le compte rendu ${q(x.found)} n’a pas de ligne dans le tableau du département`;
    case 'workshop-date':
      return `${str(d.lieu)}${NBSP}: daté du ${str(x.expected)} dans le tableau mais du ${str(x.found)} dans son compte rendu`;
    case 'workshop-hours':
      return `${str(d.lieu)}${NBSP}: horaires ${q(x.expected)} dans le tableau, ${q(x.found)} dans son compte rendu`;
    case 'workshop-date-period':
      return `${str(x.found)} (${where(d.where)}) est hors de la période annoncée ${q(x.expected)}`;
    case 'workshop-weekday':
      return `le ${str(d.date)} était un ${str(x.expected)}, imprimé ${q(x.found)} (${where(d.where)})`;
    case 'workshop-date-no-year':
      return `la date ${q(x.found)} (${where(d.where)}) n’a pas d’année`;
    case 'participants-total':
      return `${str(d.workshop)}${NBSP}: les lignes de participants font ${str(x.found)} pour un Total imprimé de ${str(x.expected)}`;
    case 'participants-text':
      return `${str(d.workshop)}${NBSP}: le texte dit ${q(d.phrase)}, le Total du tableau des participants est ${str(x.expected)}`;
    case 'participants-nc': {
      const fields = Array.isArray(d.fields) ? (d.fields as string[]) : [];
      return `${str(d.workshop)}${NBSP}: participants non connus (NC ou vide) pour ${fields.length === 6 ? 'toutes les catégories' : frList(fields.map((f) => FIELDS_FR[f] ?? f))}${NBSP}; Total ${d.total === '' ? 'vide' : str(d.total)}`;
    }
    case 'participants-garbled':
      return `${str(d.workshop)}${NBSP}: case de participants illisible ${str(x.found)}`;
    case 'participants-missing':
      return `${str(d.workshop)}${NBSP}: pas de tableau des participants`;
    case 'label-variant':
      return `les départements ${Array.isArray(d.departements) ? frList(d.departements as string[]) : ''} écrivent ${q(x.expected)} sous la forme ${q(x.found)}`;
    case 'label-unmatched':
      return str(x.found);
    case 'section-sequence':
      return `la section ${str(x.found)} suit la ${str(d.previous)}${NBSP}: un titre manque ou est mal numéroté (${str(x.expected)} attendu)${d.readAs !== x.found ? `${NBSP}; lue comme ${str(d.readAs)}` : ''}`;
    case 'section-repeated':
      return `la section ${str(x.found)} ${q(d.title)} apparaît deux fois (lignes ${str(d.firstLine)} et ${str(d.line)})${NBSP}: un bloc collé deux fois${NBSP}? (le second n’est pas lu)`;
    case 'section-heading-missing':
      return `un compte rendu d’atelier commence sans son titre numéroté (après la section ${str(d.previous)})${NBSP}: lu comme la section ${str(d.readAs)}`;
    case 'workshop-thematique-order':
      return `section ${str(x.section)}${NBSP}: la Thématique ${str(d.thematique)} suit la Thématique ${str(d.previous)}${NBSP}: deux comptes rendus se suivent sans titre (un titre ou une page perdus${NBSP}?)`;
    case 'workshop-no-verbatims':
      return `le compte rendu ${str(x.section)} ${q(d.title)} a ${str(d.headings)} titre(s) de thématique et aucun verbatim lu${NBSP}: tous les comptes rendus du rapport en ont, ses items n’ont donc pas été lus comme des items`;
    default:
      return `${x.code}${NBSP}: attendu ${str(x.expected)}, trouvé ${str(x.found)}`;
  }
}

const SEVERITY_WORDS: Record<Lang, Record<Severity, [string, string]>> = {
  en: { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['info', 'info'] },
  fr: { error: ['erreur', 'erreurs'], warning: ['avertissement', 'avertissements'], info: ['information', 'informations'] },
};

/** "errors", "avertissements": a severity as a heading word. */
export function severityHeading(sev: Severity, lang: Lang = 'en'): string {
  return SEVERITY_WORDS[lang][sev][1];
}

/** "5 errors, 16 warnings, 28 info" / "5 erreurs, 16 avertissements, 28 informations" (French: 0 and 1 singular). */
export function summary(findings: Finding[], lang: Lang = 'en'): string {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const p = (s: Severity) => {
    const k = n(s);
    const [one, many] = SEVERITY_WORDS[lang][s];
    return `${k} ${(lang === 'fr' ? k > 1 : k !== 1) ? many : one}`;
  };
  return `${p('error')}, ${p('warning')}, ${p('info')}`;
}

/** Findings with their message, for json/ndjson (the message is a rendering, the code is the contract). */
export function withMessages(findings: Finding[], lang: Lang = 'en'): Array<Finding & { message: string }> {
  return findings.map((x) => ({
    code: x.code,
    severity: x.severity,
    message: message(x, lang),
    section: x.section,
    lines: x.lines,
    ...(x.pages ? { pages: x.pages } : {}),
    expected: x.expected ?? null,
    found: x.found ?? null,
    ...(x.detail ? { detail: x.detail } : {}),
  }));
}

/** Markdown: the summary counts every finding (`all`), the sections list the `shown` ones. */
export function toMarkdown(shown: Finding[], title: string, all: Finding[] = shown, lang: Lang = 'en'): string {
  const rows = withMessages(shown, lang);
  const lines = [`# Audit — ${title}`, '', summary(all, lang), ''];
  for (const sev of ['error', 'warning', 'info'] as const) {
    const xs = rows.filter((r) => r.severity === sev);
    if (xs.length === 0) continue;
    lines.push(
      `## ${lang === 'fr' ? severityHeading(sev, 'fr') : sev} (${xs.length})`,
      '',
      lang === 'fr' ? '| code | section | lignes | constat |' : '| code | section | lines | message |',
      '| --- | --- | --- | --- |',
    );
    for (const r of xs) lines.push(`| ${r.code} | ${r.section ?? ''} | ${r.lines.join(', ')} | ${r.message.replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  return lines.join('\n');
}
