/**
 * Lines of a synthesis block → raw "label … count" entries, with their "Ex : « … »" quotes.
 *
 * What the extraction did to these tables (all handled here):
 *  - a label wraps over several lines; its count ends the last line, or stands alone on a line
 *    after a blank line;
 *  - a count printed in the middle of a wrapped label ("… les vaccibus, les 8" / "mammobus,...");
 *  - labels ending in a number that is not the count ("… secteur 1  27"): the count is the last
 *    number of the line;
 *  - "Ex : « … »" quote blocks spanning lines and blank lines, nested « », a missing »;
 *  - a word broken after "-" or "/" at a line end ("para-" / "médicaux", "emploi/" / "retraite"):
 *    joined without a space (no label of the report's tables has a "-" or "/" before a space).
 */
import type { SourceLine } from './lines.js';
import type { Provenance } from '../model.js';
import { EXAMPLE_START } from './template.js';
import { clean, parseCount } from './text.js';

export interface RawEntry {
  label: string;
  count: number;
  /** The first line started with a space (the lost bullet glyph): an idea, by the column. */
  indented: boolean;
  prov: Provenance;
  quotes: Array<{ text: string; prov: Provenance }>;
}

const WITH_COUNT = /^(\s*)(\S.*?)\s+(\d{1,4})\s*$/;
const BARE_COUNT = /^\s*(\d{1,4})\s*$/;

function prov(l: SourceLine, end?: SourceLine): Provenance {
  const p: Provenance = { line: l.n };
  if (end && end.n !== l.n) p.endLine = end.n;
  if (l.page !== undefined) p.page = l.page;
  return p;
}

/** A label's wrapped lines, joined: with a space, except after a letter + "-" or "/" before a letter. */
export function joinLabel(parts: readonly string[]): string {
  let out = '';
  for (const p of parts) {
    if (out === '') out = p;
    else out = /\p{L}[-/]\s*$/u.test(out) && /^\s*\p{L}/u.test(p) ? out.trimEnd() + p.trimStart() : `${out} ${p}`;
  }
  return clean(out);
}

function startsLower(s: string): boolean {
  const c = s.trimStart()[0] ?? '';
  return c !== c.toUpperCase() && c === c.toLowerCase();
}

/** An entry-looking line: text then a count, and no guillemets (those are quotes). */
function looksLikeEntry(text: string): boolean {
  return WITH_COUNT.test(text) && !/[«»]/.test(text);
}

/**
 * Tokenise a block. `lines` is the block (blank lines and furniture included); lines that are
 * template prose must already be blanked by the caller.
 */
export function readEntries(lines: SourceLine[]): RawEntry[] {
  const out: RawEntry[] = [];
  let pending: { parts: string[]; first: SourceLine; indented: boolean } | null = null;
  let quote: { parts: string[]; first: SourceLine; last: SourceLine } | null = null;
  let prevBlank = true;

  const finishQuote = () => {
    if (!quote) return;
    const owner = out[out.length - 1];
    if (owner) {
      for (const q of splitQuotes(quote.parts.join(' '))) {
        owner.quotes.push({ text: q, prov: prov(quote.first, quote.last) });
      }
    }
    quote = null;
  };

  for (const l of lines) {
    const t = l.text;
    const blank = t.trim() === '';
    if (quote) {
      // A whitespace-only line holding a space is the paragraph break printed after a quote block.
      if (blank && t.length > 0 && pending === null) {
        finishQuote();
        prevBlank = true;
        continue;
      }
      if (blank) {
        prevBlank = true;
        continue;
      }
      const q: { parts: string[]; first: SourceLine; last: SourceLine } = quote;
      const balance = guillemetBalance(q.parts.join(' '));
      const entryStart = /^\s+[A-ZÀ-Ý]/.test(t) && !/^\s*«/.test(t) && prevBlank && balance <= 0;
      if (!looksLikeEntry(t) && !entryStart && !BARE_COUNT.test(t)) {
        q.parts.push(t);
        q.last = l;
        prevBlank = false;
        continue;
      }
      finishQuote();
    }
    if (blank) {
      prevBlank = true;
      continue;
    }
    if (EXAMPLE_START.test(t)) {
      if (pending) pending = null; // an unfinished label before a quote is not a row
      quote = { parts: [t.replace(EXAMPLE_START, '')], first: l, last: l };
      prevBlank = false;
      continue;
    }
    const bare = BARE_COUNT.exec(t);
    if (bare && pending) {
      const p = pending;
      out.push({ label: joinLabel(p.parts), count: parseCount(bare[1]!), indented: p.indented, prov: prov(p.first, l), quotes: [] });
      pending = null;
      prevBlank = false;
      continue;
    }
    const m = WITH_COUNT.exec(t);
    if (m) {
      if (pending) {
        const p = pending;
        p.parts.push(m[2]!);
        out.push({ label: joinLabel(p.parts), count: parseCount(m[3]!), indented: p.indented, prov: prov(p.first, l), quotes: [] });
        pending = null;
      } else {
        out.push({ label: clean(m[2]!), count: parseCount(m[3]!), indented: m[1]!.length > 0, prov: prov(l), quotes: [] });
      }
      prevBlank = false;
      continue;
    }
    // A line without a count.
    const last = out[last0(out)];
    if (!pending && last && startsLower(t) && last.quotes.length === 0) {
      // The count was printed in the middle of the wrapped label: the rest of the label follows.
      last.label = joinLabel([last.label, t]);
      last.prov.endLine = l.n;
      prevBlank = false;
      continue;
    }
    if (pending) pending.parts.push(t);
    else pending = { parts: [t], first: l, indented: /^\s/.test(t) };
    prevBlank = false;
  }
  finishQuote();
  return out;
}

function last0<T>(a: T[]): number {
  return a.length - 1;
}

function guillemetBalance(s: string): number {
  let b = 0;
  for (const c of s) {
    if (c === '«') b++;
    else if (c === '»') b--;
  }
  return b;
}

/**
 * Split the text of an "Ex :" block into its quotes. Quotes are separated by "» ;", "» «",
 * "». «" or, where the closing » is missing, by "; «". Nested « » inside a quote do not split.
 */
export function splitQuotes(block: string): string[] {
  const s = clean(block);
  const pieces = s.split(/\s*(?:»\s*[;.,]*|[.;]\s*;|;)\s*(?=«)/);
  return pieces
    .map((p) =>
      clean(
        p
          .replace(/^«\s*/, '')
          .replace(/\s*»?\s*[.;]*\s*$/, '')
          .replace(/\s*»\s*\.{2,}$/, ''),
      ),
    )
    .filter((p) => p.length > 0);
}
