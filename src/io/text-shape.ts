/**
 * What a text read one verbatim per line (classify's text input) looks like, said on stderr in
 * one note each at the end, never acted on (the contract stays one verbatim per line):
 *  - wrapped lines: a line that starts in lower case (after an optional "(" or "«") under a line
 *    that does not end a sentence (. ! ? : ; » ) … ” "), on 2 lines or more and 5 % of the
 *    lines or more (a one-per-line list of the report's own 1 918 verbatims has 1.0 %: some of
 *    them end without a full stop and the next starts in lower case), or page breaks (form feeds:
 *    a PDF's text dump, wrapped at the page width);
 *  - the furniture of the report's workshop reports ("Présentation de l'atelier", "Présentation
 *    des problématiques…", the participants table): two of them, and no département section
 *    heading (a text with one is read as the report);
 *  - line breaks other than CR and LF inside a line (\v, U+2028, U+2029, U+0085: Word's and
 *    PowerPoint's manual line break), where two statements may be joined.
 * Streamed: one call per non-empty line, a few character tests each.
 */
import { firstFew } from '../wording.js';

/** Lines listed in a note. */
const SHOWN = 5;
/** A line that ends a sentence (or a quote, a parenthesis) ends with one of these. */
const SENTENCE_END = new Set(['.', '!', '?', ':', ';', '»', ')', '…', '”', '"']);
const LOWER_START = /^[(«]?\s*\p{Ll}/u;
const ODD_BREAK = /[\v\u2028\u2029\u0085]/;
/** The workshop reports' furniture in the CNR Santé report (each a heading of its own). */
const FURNITURE: ReadonlyArray<[RegExp, string]> = [
  [/^Présentation de l['’]atelier\b/, "Présentation de l'atelier"],
  [/^Présentation des problématiques\b/, 'Présentation des problématiques…'],
  [/^Présentation des solutions\b/, 'Présentation des solutions…'],
  [/^Participants\s+Nombre\b/, 'Participants Nombre'],
  [/^Description du déroulement de la journée\b/, 'Description du déroulement de la journée'],
];

export class TextShape {
  private lines = 0;
  private prevEnds = true;
  private wrapped: number[] = [];
  private wrappedCount = 0;
  private pageBreaks: number[] = [];
  private odd: number[] = [];
  private oddCount = 0;
  private furniture = new Map<string, number>();

  /** A non-empty line (trimmed) and its number. */
  see(line: number, text: string): void {
    this.lines++;
    const c = text.charCodeAt(0);
    // ASCII upper case and digits (most lines) start no continuation.
    if (!this.prevEnds && !(c >= 65 && c <= 90) && !(c >= 48 && c <= 57) && LOWER_START.test(text)) {
      if (this.wrappedCount++ < SHOWN) this.wrapped.push(line);
    }
    this.prevEnds = SENTENCE_END.has(text[text.length - 1]!);
    if (ODD_BREAK.test(text) && this.oddCount++ < SHOWN) this.odd.push(line);
    if (c === 80 || c === 68) {
      for (const [re, label] of FURNITURE) if (!this.furniture.has(label) && re.test(text)) this.furniture.set(label, line);
    }
  }

  /** A line holding a form feed (blank or not). */
  formFeed(line: number): void {
    this.pageBreaks.push(line);
  }

  /** The notes (after `cnr-synth: `), once every line has been seen. */
  notes(name: string): string[] {
    const out: string[] = [];
    const n = this.wrappedCount;
    const wrapped = n >= 2 && n * 20 >= this.lines;
    const ff = this.pageBreaks.length;
    if (wrapped || ff > 0) {
      const parts: string[] = [];
      if (wrapped)
        parts.push(
          `${n} lines look like the continuation of the line before (they start in lower case under a line that ends no sentence: line${n === 1 ? '' : 's'} ${firstFew(this.wrapped, SHOWN, n)})`,
        );
      if (ff > 0)
        parts.push(
          `${ff} page break${ff === 1 ? '' : 's'} (form feeds, on line${ff === 1 ? '' : 's'} ${firstFew(this.pageBreaks, SHOWN)}: a PDF's text dump?)`,
        );
      out.push(
        `${name}: note: ${parts.join(' and ')}: one verbatim per line: join the wrapped lines, or export the list without line wrapping (e.g. pdftotext output is wrapped at the page width)`,
      );
    }
    if (this.furniture.size >= 2) {
      const seen = [...this.furniture].map(([label, line]) => `"${label}" on line ${line}`);
      out.push(
        `${name}: note: this has the layout of the CNR Santé report's workshop reports (${firstFew(seen, 3)}) but no département section heading ("2.5 Dordogne (24)"), so it is read one verbatim per line, headings and prose included; if it is part of the report, give the whole report, or its département section from that heading on, to read its verbatims`,
      );
    }
    if (this.oddCount > 0) {
      const k = this.oddCount;
      out.push(
        `${name}: note: ${k} line${k === 1 ? ' holds' : 's hold'} a line break other than CR or LF (vertical tab, U+2028, U+2029 or U+0085: a manual line break from Word or PowerPoint; line${k === 1 ? '' : 's'} ${firstFew(this.odd, SHOWN, k)}): two statements may be joined there; replace these breaks by new lines to read one verbatim per line`,
      );
    }
    return out;
  }
}

/** A line that is an item of a list: a bullet, a dash or a number before it ("- ", "• ", "2) ", "3. ", "a) "). */
const LIST_ITEM = /^\s*(?:[-–—•*▪·]|\(?\d{1,2}[.)]|\(?[a-z]\))\s+\S/;

/**
 * Cells of a table that hold a list of several items (review 13, S5: "Mes propositions :\n1) …\n2)
 * …" is one record, classified as one statement): said in one note, never split (one record per
 * row is the contract, and the row's id is the user's).
 */
export class ListCells {
  private rows: number[] = [];
  private count = 0;

  /** A cell's text, at its row. */
  see(text: string, row: number): void {
    if (text.indexOf('\n') < 0) return;
    let items = 0;
    for (const line of text.split(/\r\n|\n|\r/)) if (LIST_ITEM.test(line) && ++items >= 2) break;
    if (items < 2) return;
    this.count++;
    if (this.rows.length < SHOWN) this.rows.push(row);
  }

  /** The note (after "FILE: "), or null. */
  note(where: 'row' | 'line' | 'record'): string | null {
    if (this.count === 0) return null;
    const n = this.count;
    return `note: ${n} record${n === 1 ? ' holds' : 's hold'} a list of several items in one cell (${where}${n === 1 ? '' : 's'} ${firstFew(this.rows, SHOWN, n)}): each is classified as one statement; put one item per row to classify each`;
  }
}
