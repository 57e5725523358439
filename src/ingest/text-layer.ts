/**
 * A damaged text layer: a PDF re-saved by a tool that rewrote its fonts' character maps wrongly
 * (ghostscript's pdfwrite on Chromium's subset fonts turns "’" into "9": "d9un RDV",
 * "l9installation"). The positions and counts are still right; the words are not. Pure.
 *
 * The sign: a letter, a digit, a letter inside a word (`\p{L}\d\p{L}`). No label, quote or
 * verbatim of the published report has one. It is a note, not an integrity break: it is a
 * heuristic on words, not a property of the report's numbers (a report may print "H1N1"), and
 * no reading can repair the words a broken map gives.
 */
import type { Report } from '../model.js';
import { firstFew } from '../wording.js';

/** The sign, tested first on every text (fast); the word around it is only cut out on a hit. */
const SIGN = /\p{L}\d\p{L}/u;
const TOKEN = /[^\s,;:.!?()«»"]*\p{L}\d\p{L}[^\s,;:.!?()«»"]*/gu;

export interface DamagedTextLayer {
  /** Labels, quotes and verbatims holding such a token. */
  texts: number;
  /** The first distinct tokens, in reading order. */
  tokens: string[];
}

/** Letter–digit–letter tokens in the report's labels, quotes and verbatims, or null when none. */
export function damagedTextLayer(report: Report, max = 3): DamagedTextLayer | null {
  const texts: string[] = [];
  const branches = [report.region.synthesis.branches, ...report.departements.map((d) => d.synthesis.branches)];
  for (const bs of branches)
    for (const b of bs) {
      for (const s of b.sujets) texts.push(s.label);
      for (const g of b.groups) {
        texts.push(g.label);
        for (const i of g.ideas) {
          texts.push(i.label);
          for (const q of i.quotes) texts.push(q.text);
        }
      }
    }
  for (const v of report.verbatims) texts.push(v.text);
  let n = 0;
  const tokens: string[] = [];
  for (const t of texts) {
    if (!SIGN.test(t)) continue;
    n++;
    if (tokens.length >= max) continue;
    for (const k of t.match(TOKEN) ?? []) if (tokens.length < max && !tokens.includes(k)) tokens.push(k);
  }
  return n === 0 ? null : { texts: n, tokens };
}

/** The one stderr line (without "cnr-synth: "), or null. */
export function damagedTextLayerNote(file: string, d: DamagedTextLayer | null): string | null {
  if (!d) return null;
  const list = firstFew(
    d.tokens.map((t) => JSON.stringify(t)),
    d.tokens.length,
    d.texts,
  );
  return `${file}: note: ${d.texts} label${d.texts > 1 ? 's' : ''} or verbatim${d.texts > 1 ? 's' : ''} hold a letter-digit-letter word (${list}): the PDF's text layer looks damaged (a re-save that broke its fonts' character maps?); the counts may be right but those words are not: re-export the PDF from its source, or use the original PDF`;
}
