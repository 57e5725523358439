/**
 * Lines → sections: drop page furniture (footers, running heads) and find the numbered headings
 * ("1.2 Thématique 1 : …", "2.1 Charente (16)", "2.1.3 Cognac"). A number is accepted as a
 * heading where the numbering sequence allows it, or out of sequence when it has a heading's shape
 * (and then a note says so), so prose such as "5.000 habitants" is never taken for a section.
 */
import type { ParseNote } from '../model.js';
import type { SourceLine } from './lines.js';
import {
  DEPARTEMENT_TITLE,
  FIELD_JOUR,
  FIELD_LIEU,
  FOOTER,
  NUMBERED_HEADING,
  SUBSECTION_ENSEIGNEMENTS,
  SUBSECTION_PROBLEMES,
  SUBSECTION_SOLUTIONS,
  SYNTHESE_DEPARTEMENTALE,
  THEMATIQUE,
  WORKSHOP_OPENER,
} from './template.js';
import { clean, isLetterSpaced, unLetterSpace } from './text.js';

export interface Section {
  /** "2.1.3"; top-level sections are "1", "2". */
  number: string;
  title: string;
  /** Index in the line array of the heading line. */
  start: number;
  /** Index one past the section's last line (children included). */
  end: number;
  children: Section[];
  /**
   * A workshop block pasted twice: the line index of the first copy's heading. Such a section is
   * not read (parse.ts skips it); a `section-repeated` note says so.
   */
  repeatOf?: number;
}

export interface Furniture {
  /** Lines without page furniture (numbering kept in each line's `n`). */
  lines: SourceLine[];
  /** Region name read from the page footers, if any. */
  regionFromFooter: string | null;
  /** Page number printed in each footer, by input line index (text input has a few footers only). */
  footers: Array<{ index: number; page: number }>;
}

/** Spacing-blind key: pdf.js collapses the letter-spacing of titles ("S y n t h è s e s e t …"). */
const spaceless = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/**
 * Drop footers and running heads (running heads repeat the title of a top-level section).
 * They are removed, not blanked, so an item cut by a page break joins up again.
 */
export function stripFurniture(input: SourceLine[]): Furniture {
  const tops = new Set<string>();
  for (const l of input) {
    const m = /^\s*(\d)\s+(.*)$/.exec(l.text);
    if (m && isLetterSpaced(m[2]!)) tops.add(spaceless(m[2]!));
  }
  // A running head has a top's letters: a line whose first letter starts no top is not one
  // (spaceless() on every line of the report cost a tenth of its parse).
  const initials = new Set([...tops].map((t) => t.charAt(0)));
  const names = new Map<string, number>();
  const footers: Array<{ index: number; page: number }> = [];
  const lines = input.filter((l, i) => {
    const f = FOOTER.exec(l.text);
    if (f) {
      names.set(f[1]!, (names.get(f[1]!) ?? 0) + 1);
      footers.push({ index: i, page: Number(f[2]) });
      return false;
    }
    const first = /\S/.exec(l.text)?.[0]?.toLowerCase();
    return !(first !== undefined && initials.has(first) && !/^\s*\d/.test(l.text) && tops.has(spaceless(l.text)));
  });
  let regionFromFooter: string | null = null;
  let best = 0;
  for (const [n, c] of names) if (c > best) [regionFromFooter, best] = [n, c];
  return { lines, regionFromFooter, footers };
}

/** The notes findSections makes: each says the numbering as printed does not hold (integrity.ts). */
export const SECTION_NOTES = ['section-sequence', 'section-heading-missing', 'section-repeated'] as const;

/**
 * Find the section tree. Top-level headings are letter-spaced ("2  S y n t h è s e s …").
 *
 * A number in sequence is a heading (see `acceptable`). A number out of sequence (a heading lost,
 * "2.5.1" then "2.5.3"; a typo, "2.5.6" for "2.5.3"; a duplicate) is still a heading when it has
 * the shape of one (`headingShape`: a département or thématique title, a template sub-section, or
 * a workshop report's first line under it), and a `section-sequence` note names it. A workshop
 * report whose heading is lost altogether is found by its first line ("Présentation de
 * l'atelier", else "Lieu :" or "Jour :") and gets the next number, with a `section-heading-missing`
 * note. So a damaged
 * numbering never drops the sections after it nor runs a workshop into the one before, silently.
 * A heading out of sequence keeps its printed number unless that number is taken (then it is read
 * as the number its place implies, so ids stay unique); the numbers after it may follow either.
 * A workshop block pasted twice (its heading, number and title, repeats the one before it over
 * the same text: `pastedTwice`) is one `section-repeated` note; the copy is a section marked
 * `repeatOf`, not read, and the headings after it keep their printed numbers. A repeated heading
 * over different text is a misnumbered heading (`section-sequence`), read.
 */
export function findSections(lines: SourceLine[], notes: ParseNote[] = []): Section[] {
  const flat: Array<{ parts: number[]; title: string; start: number; repeatOf?: number }> = [];
  let stack: number[] = [];
  /** The number the place implies; differs from `stack` after a heading out of sequence. */
  let implied: number[] = [];
  let inDepartement = false;
  let lastWorkshopHeading = -1;
  const taken = new Set<string>();
  const push = (parts: number[], title: string, start: number): void => {
    flat.push({ parts, title, start });
    taken.add(parts.join('.'));
    stack = parts;
    if (parts.length === 2) inDepartement = DEPARTEMENT_TITLE.test(title) && !THEMATIQUE.test(title);
    if (parts.length === 3) lastWorkshopHeading = start;
  };
  lines.forEach((l, i) => {
    const top = /^\s*(\d)\s+(.*)$/.exec(l.text);
    if (top && isLetterSpaced(top[2]!)) {
      const n = Number(top[1]);
      if (n === (stack[0] ?? 0) + 1) {
        push([n], unLetterSpace(top[2]!), i);
        implied = stack;
      }
      return;
    }
    const m = NUMBERED_HEADING.exec(l.text);
    if (!m) {
      if (inDepartement && stack.length >= 2 && startsReport(l.text) && !headingAbove(lines, lastWorkshopHeading, i)) {
        const parts = nextAt(stack, 3);
        const previous = stack.join('.');
        // The report's first line found (its heading lost, and the "Présentation de l'atelier" line
        // too when it is "Lieu :" or "Jour :"): a section of its own from there, never the tail of the
        // synthesis or of the workshop before.
        push(parts, '', i);
        implied = parts;
        const readAs = parts.join('.');
        notes.push({
          code: 'section-heading-missing',
          message: `a workshop report starts at line ${l.n} ("${clean(l.text)}") without its numbered heading (after section ${previous}): read as section ${readAs}`,
          line: l.n,
          detail: { previous, readAs },
        });
      }
      return;
    }
    const parts = m[1]!.split('.').map(Number);
    const title = clean(m[2]!);
    // A fragment (one département cut out of a report) starts at any section that names itself.
    const fragmentStart = stack.length === 0 && (DEPARTEMENT_TITLE.test(m[2]!) || THEMATIQUE.test(m[2]!));
    if (fragmentStart || acceptable(stack, parts) || acceptable(implied, parts)) {
      // A heading whose parent top-level heading was not printed: make the parent implicit.
      if (parts.length >= 2 && parts[0] !== stack[0]) {
        flat.push({ parts: [parts[0]!], title: '', start: i });
      }
      push(parts, title, i);
      implied = parts;
      return;
    }
    if (!headingShape(lines, i, parts, title, stack)) return;
    const last = flat[flat.length - 1];
    if (
      parts.length === 3 &&
      last &&
      last.parts.join('.') === parts.join('.') &&
      spaceless(last.title) === spaceless(title) &&
      pastedTwice(lines, last.start, i)
    ) {
      flat.push({ parts, title, start: i, repeatOf: last.start });
      lastWorkshopHeading = i;
      const first = lines[last.start]!.n;
      const section = parts.join('.');
      notes.push({
        code: 'section-repeated',
        message: `section ${section} "${title}" appears twice (lines ${first} and ${l.n}): a block pasted twice? (the second is not read)`,
        line: l.n,
        detail: { section, title, firstLine: first },
      });
      return;
    }
    const expected = nextAt(stack, parts.length);
    const printed = parts.join('.');
    const previous = stack.join('.');
    const readAs = taken.has(printed) ? expected : parts;
    push(readAs, title, i);
    implied = expected;
    notes.push({
      code: 'section-sequence',
      message: `section ${printed} follows ${previous} (line ${l.n}): a heading is missing or misnumbered (${expected.join('.')} expected${readAs === parts ? '' : `; read as ${readAs.join('.')}, ${printed} being taken`})`,
      line: l.n,
      detail: { found: printed, previous, expected: expected.join('.'), readAs: readAs.join('.'), title },
    });
  });
  return buildTree(flat, lines.length);
}

/**
 * Is the block from line `i` a copy of the block from `from` to `i` (the same non-blank lines, in
 * order), followed by a heading or the end?
 */
function pastedTwice(lines: SourceLine[], from: number, i: number): boolean {
  const text = (j: number) => clean(lines[j]!.text);
  let j = i;
  for (let k = from; k < i; k++) {
    if (text(k) === '') continue;
    while (j < lines.length && text(j) === '') j++;
    if (j >= lines.length || text(j) !== text(k)) return false;
    j++;
  }
  while (j < lines.length && text(j) === '') j++;
  return j >= lines.length || NUMBERED_HEADING.test(lines[j]!.text) || /^\s*\d\s+\S/.test(lines[j]!.text);
}

/** The number of the next section at depth `depth` (1-based) after `stack`. */
function nextAt(stack: number[], depth: number): number[] {
  if (stack.length >= depth) return [...stack.slice(0, depth - 1), stack[depth - 1]! + 1];
  return [...stack, ...Array<number>(depth - stack.length).fill(1)];
}

/** The next non-blank line after `i`, within `within` lines. */
function nextText(lines: SourceLine[], i: number, within: number): string | null {
  for (let j = i + 1; j < lines.length && j <= i + within; j++) if (lines[j]!.text.trim() !== '') return lines[j]!.text;
  return null;
}

/**
 * Is the line of a number out of sequence a heading all the same? Only under the same top-level
 * section, at a depth its place allows, with a title of a heading's kind: "Dordogne (24)" or
 * "Thématique 2 : …" at depth 2; "Synthèse départementale", "Problématiques", "Solutions et
 * propositions", "Principaux enseignements", or a workshop's title whose report starts on the
 * next line ("Présentation de l'atelier") at depth 3. Prose starting with a number ("2.5 ETP en
 * plus") has none of these.
 */
function headingShape(lines: SourceLine[], i: number, parts: number[], title: string, stack: number[]): boolean {
  if (stack.length === 0 || parts[0] !== stack[0] || stack.length < parts.length - 1 || title.length > 150) return false;
  if (parts.length === 2) return DEPARTEMENT_TITLE.test(title) || THEMATIQUE.test(title);
  if (parts.length !== 3) return false;
  if ([SYNTHESE_DEPARTEMENTALE, SUBSECTION_PROBLEMES, SUBSECTION_SOLUTIONS, SUBSECTION_ENSEIGNEMENTS].some((re) => re.test(title))) return true;
  const next = nextText(lines, i, 4);
  return next !== null && WORKSHOP_OPENER.test(next);
}

/** The first lines of a workshop report: "Présentation de l'atelier", then "Lieu :" and "Jour :". */
function startsReport(text: string): boolean {
  return WORKSHOP_OPENER.test(text) || FIELD_LIEU.test(text) || FIELD_JOUR.test(text);
}

/**
 * Is the start of a workshop report (its heading, or a first line read as its start) just above
 * line `i`? Up to two lines of text between: the opener and "Lieu :" above "Jour :".
 */
function headingAbove(lines: SourceLine[], heading: number, i: number): boolean {
  if (heading < 0 || heading >= i) return false;
  let text = 0;
  for (let j = heading + 1; j < i; j++) if (lines[j]!.text.trim() !== '') text++;
  return text <= 2;
}

/**
 * A heading number is acceptable if it is the next sibling of the current section or of one of
 * its ancestors, or its first child; or the first child of the next top-level section when that
 * section's own heading was lost.
 */
function acceptable(stack: number[], parts: number[]): boolean {
  for (let k = 0; k <= stack.length; k++) {
    if (parts.length !== k + 1) continue;
    let prefixOk = true;
    for (let j = 0; j < k; j++) if (parts[j] !== stack[j]) prefixOk = false;
    if (prefixOk && parts[k] === (stack[k] ?? 0) + 1) return true;
  }
  if (parts.length === 2 && parts[0] === (stack[0] ?? 0) + 1 && parts[1] === 1) return true;
  return false;
}

function buildTree(flat: Array<{ parts: number[]; title: string; start: number; repeatOf?: number }>, total: number): Section[] {
  const roots: Section[] = [];
  const open: Section[] = [];
  for (const h of flat) {
    const s: Section = {
      number: h.parts.join('.'),
      title: h.title,
      start: h.start,
      end: total,
      children: [],
      ...(h.repeatOf !== undefined ? { repeatOf: h.repeatOf } : {}),
    };
    while (open.length >= h.parts.length) open.pop()!.end = h.start;
    const parent = open[open.length - 1];
    if (parent) parent.children.push(s);
    else roots.push(s);
    open.push(s);
  }
  return roots;
}

/** The text of a heading that wraps onto the following lines, up to the first blank line. */
export function wrappedTitle(lines: SourceLine[], start: number, first: string): { title: string; next: number } {
  const parts = [first];
  let i = start + 1;
  while (i < lines.length && lines[i]!.text.trim() !== '' && !NUMBERED_HEADING.test(lines[i]!.text)) {
    parts.push(lines[i]!.text);
    i++;
  }
  return { title: clean(parts.join(' ')), next: i };
}
