/**
 * Lines → sections: drop page furniture (footers, running heads) and find the numbered headings
 * ("1.2 Thématique 1 : …", "2.1 Charente (16)", "2.1.3 Cognac"). A number is accepted as a
 * heading only where the numbering sequence allows it, so prose such as "5.000 habitants" is
 * never taken for a section.
 */
import type { SourceLine } from './lines.js';
import { DEPARTEMENT_TITLE, FOOTER, NUMBERED_HEADING, THEMATIQUE } from './template.js';
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

/** Find the section tree. Top-level headings are letter-spaced ("2  S y n t h è s e s …"). */
export function findSections(lines: SourceLine[]): Section[] {
  const flat: Array<{ parts: number[]; title: string; start: number }> = [];
  let stack: number[] = [];
  lines.forEach((l, i) => {
    const top = /^\s*(\d)\s+(.*)$/.exec(l.text);
    if (top && isLetterSpaced(top[2]!)) {
      const n = Number(top[1]);
      if (n === (stack[0] ?? 0) + 1) {
        stack = [n];
        flat.push({ parts: [n], title: unLetterSpace(top[2]!), start: i });
      }
      return;
    }
    const m = NUMBERED_HEADING.exec(l.text);
    if (!m) return;
    const parts = m[1]!.split('.').map(Number);
    // A fragment (one département cut out of a report) starts at any section that names itself.
    const fragmentStart = stack.length === 0 && (DEPARTEMENT_TITLE.test(m[2]!) || THEMATIQUE.test(m[2]!));
    if (!fragmentStart && !acceptable(stack, parts)) return;
    // A heading whose parent top-level heading was not printed: make the parent implicit.
    if (parts.length >= 2 && parts[0] !== stack[0]) {
      flat.push({ parts: [parts[0]!], title: '', start: i });
    }
    stack = parts;
    flat.push({ parts, title: clean(m[2]!), start: i });
  });
  return buildTree(flat, lines.length);
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

function buildTree(flat: Array<{ parts: number[]; title: string; start: number }>, total: number): Section[] {
  const roots: Section[] = [];
  const open: Section[] = [];
  for (const h of flat) {
    const s: Section = { number: h.parts.join('.'), title: h.title, start: h.start, end: total, children: [] };
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
