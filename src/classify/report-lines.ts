/**
 * The lines of a report that are no verbatim and no text of the scheme: headings, dates,
 * participant tables, place names, template prompts, the prose around the syntheses. They are
 * the report's own negatives for the statement head (classify/statement.ts). `lines`: the texts
 * of the lines the report was parsed from (`loadReportLines`: a text's lines, or a PDF's pages as
 * `readPdf` lays them out), so nothing is read or parsed a second time.
 */
import type { Report } from '../model.js';
import type { Taxonomy } from './taxonomy.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Bullet markers and numbering at the start of a printed line. */
const MARKER = /^(?:[-•▪◦●*–]|\d+[.)]|[a-z][.)])\s+/i;

export function reportOtherLines(lines: readonly string[], report: Report, tax: Taxonomy): string[] {
  // What is a statement's text: every verbatim and every text of the scheme, as one string to search.
  const known: string[] = report.verbatims.map((v) => v.text);
  for (const b of tax.branches)
    for (const g of b.groups) {
      known.push(g.label, ...g.aliases);
      for (const i of g.ideas) known.push(i.label, ...i.aliases, ...i.quotes.map((q) => q.text));
    }
  const hay = squash(known.join('\n')).toLowerCase();
  const out = new Set<string>();
  for (const raw of lines) {
    const line = squash(raw.replace(MARKER, ''));
    if (line.length < 2 || out.has(line)) continue;
    // A scheme text followed by its count in a table ("Revaloriser les salaires … 15"), a quote
    // ("Ex : « … »"), or the continuation of a wrapped sentence (starts in lower case: a piece
    // of the syntheses' prose that lists ideas) is a statement or part of one: not a negative.
    if (hay.includes(line.replace(/\s+\d+$/, '').toLowerCase())) continue;
    if (/^ex\s*:|[«»"]/i.test(line) || /^[a-zàâäéèêëîïôöùûüç]/.test(line)) continue;
    out.add(line);
  }
  return [...out];
}
