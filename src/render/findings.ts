/**
 * The one place where a finding becomes a sentence. Findings are data (src/aggregate/audit.ts);
 * every format (table, markdown, json, ndjson) takes its wording from `message()`.
 */
import type { Finding, Severity } from '../model.js';

const str = (v: unknown) => (v === null || v === undefined ? '—' : String(v));
const kindFr = (k: unknown) => (k === 'probleme' ? 'problèmes' : 'solutions');

export function message(x: Finding): string {
  const d = (x.detail ?? {}) as Record<string, unknown>;
  switch (x.code) {
    case 'group-ideas-sum':
      return `group "${str(d.group)}" (T${str(d.thematique)} ${kindFr(d.kind)}${d.departement ? `, département ${str(d.departement)}` : ', region'}) prints ${str(x.expected)} but its ideas add up to ${str(x.found)}`;
    case 'region-departements-sum':
      return `regional ${d.idea ? `idea "${str(d.idea)}"` : `group "${str(d.group)}"`} (T${str(d.thematique)} ${kindFr(d.kind)}) prints ${str(x.expected)} but the départements add up to ${str(x.found)}`;
    case 'contributions-total':
      return `contributions total prints ${str(x.expected)} but the thématiques add up to ${str(x.found)}`;
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
    default:
      return `${x.code}: expected ${str(x.expected)}, found ${str(x.found)}`;
  }
}

export function summary(findings: Finding[]): string {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const p = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  return `${p(n('error'), 'error')}, ${p(n('warning'), 'warning')}, ${n('info')} info`;
}

/** Findings with their message, for json/ndjson (the message is a rendering, the code is the contract). */
export function withMessages(findings: Finding[]): Array<Finding & { message: string }> {
  return findings.map((x) => ({ code: x.code, severity: x.severity, message: message(x), section: x.section, lines: x.lines, ...(x.pages ? { pages: x.pages } : {}), expected: x.expected ?? null, found: x.found ?? null, ...(x.detail ? { detail: x.detail } : {}) }));
}

export function toMarkdown(findings: Finding[], title: string): string {
  const rows = withMessages(findings);
  const lines = [`# Audit — ${title}`, '', summary(findings), ''];
  for (const sev of ['error', 'warning', 'info'] as const) {
    const xs = rows.filter((r) => r.severity === sev);
    if (xs.length === 0) continue;
    lines.push(`## ${sev} (${xs.length})`, '', '| code | section | lines | message |', '| --- | --- | --- | --- |');
    for (const r of xs) lines.push(`| ${r.code} | ${r.section ?? ''} | ${r.lines.join(', ')} | ${r.message.replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  return lines.join('\n');
}
