/**
 * PDF lines → the normalised line stream (see lines.ts) that the one report grammar reads, text
 * and PDF alike: a bullet item starts with exactly one space, a GROUP line, a heading and a
 * continuation line start at column 0, a sub-item keeps its "- ", and a blank line ends a
 * paragraph. Pure: no I/O, no pdf-parse (src/io/pdf.ts reads the PDF, src/ingest/pdf-layout.ts
 * builds the lines from the items' geometry: bands, cells, bullet glyphs, table rows).
 *
 * Input: what `readPdf` returns (preferred), or its `pages` (text only) or its `layout`.
 *
 *  - pdf-parse's "-- N of M --" page markers are dropped; tabs (cell separators) become one
 *    space; trailing whitespace goes.
 *  - A line starting with a bullet glyph ("•", "▪", "◦", "●", "■", a private-use symbol-font
 *    code U+F000–U+F0FF such as Wingdings' U+F0A7, or a symbol-font glyph that extracts as a
 *    stray "§" or "o" followed by a space or tab) becomes " " + the text after the glyph. A
 *    glyph alone on its line makes the next line the item.
 *  - With positions (`layout`), bullets whose glyph is not in the text layer at all (the item is
 *    only indented) are found from the left edges: the body margin is the leftmost left edge
 *    shared by enough lines; a line starting right of it is an item, unless it is the wrapped
 *    continuation of the item above (hanging indent), told by the vertical step or by line
 *    filling (the line above was full: the first word of this line would not have fitted at its
 *    end), also across page breaks. Indentation is used only where no bullet glyph was found.
 *  - Wrapped text (most lines followed by the tight line step are full) is joined back: a full
 *    line and the line one step below it at the same left edge become one line, so a paragraph,
 *    a heading or a label wrapped at any column width is one line.
 *  - Blank lines, as the grammar needs them, without relying on the PDF's empty lines: a table
 *    row (see pdf-layout.ts) and a change of font size are paragraphs of their own; vertical
 *    gaps of about one empty line or more, or more than the paragraph spacing, give blank lines;
 *    in a document drawn one line per paragraph with small spacing, the paragraph step is a
 *    blank line (and so is a sentence ending at a page foot before a capital). At a page break:
 *    the empty slots above the page's first line, plus one when the previous page ended early.
 *  - A table row broken across a page break is joined back (joinSplitRows).
 *  - Page furniture (lines repeated at the top or bottom of many pages, once digits are ignored:
 *    "12", "page 12", "12/180", title + number, running heads) is dropped, except the template's
 *    footer, which the parser reads (the region) and skips; it adds no blank line and does not
 *    interrupt an item running over the page break.
 *  - Without positions (text only) leading indentation is lost: only glyph bullets are found,
 *    and no blank line is produced.
 *  Limits: mirrored (odd/even) margins, first-line-indented prose paragraphs, multi-column pages
 *  and documents in which every line is indented are not recognised as such.
 */
import type { SourceLine } from './lines.js';

import { joinWrapped, type PdfPageLayout } from './pdf-layout.js';
import { FOOTER } from './template.js';

export type { PdfPageLayout };

export type PdfPagesInput =
  readonly string[] | readonly PdfPageLayout[] | { readonly pages: readonly string[]; readonly layout?: readonly PdfPageLayout[] | null };

const PAGE_MARKER_RE = /^\s*-- \d+ of \d+ --\s*$/;
/** Glyphs that are bullets whatever follows them. */
const GLYPH_RE = /^\s*(?:[•●○◦▪■□◆◇♦❖➢➤►▸‣⁃∙]|[\uF000-\uF0FF])[\t ]*/u;
/** Stray letters a symbol-font bullet extracts as: bullets only when a space or tab follows. */
const STRAY_GLYPH_RE = /^\s*[§o·][\t ]+(?=\S)/u;
const GLYPH_ALONE_RE = /^\s*(?:[•●○◦▪■□◆◇♦❖➢➤►▸‣⁃∙§o·]|[\uF000-\uF0FF])\s*$/u;

interface Geo {
  x: number;
  xEnd: number;
  y: number;
  size: number;
  /** A table row (see pdf-layout.ts): a paragraph of its own. */
  row?: boolean;
  /** Baseline of the last line joined into this one (wrapped lines), when not `y`. */
  yLast?: number;
}

const lastY = (g: Geo): number => g.yLast ?? g.y;

interface Row {
  page: number;
  text: string;
  geo: Geo | null;
  pageWidth: number | null;
  /** Text after a bullet glyph, when the line starts with one. */
  glyphRest: string | null;
  glyphAlone: boolean;
  furniture: boolean;
}

/** Turn PDF pages into the line stream (1-based `n`, `page` set). See the module comment. */
export function pdfPagesToLines(input: PdfPagesInput): SourceLine[] {
  const pages = normalisePages(input);
  const rows: Row[] = [];
  pages.forEach((p, i) => {
    for (const l of p.lines) {
      if (PAGE_MARKER_RE.test(l.text)) continue;
      const text = clean(l.text);
      if (text === '') continue;
      const glyphAlone = GLYPH_ALONE_RE.test(text);
      let glyphRest: string | null = null;
      if (!glyphAlone) {
        const m = GLYPH_RE.exec(text) ?? STRAY_GLYPH_RE.exec(text);
        if (m) glyphRest = text.slice(m[0].length).trimStart();
      }
      rows.push({
        page: i + 1,
        text: text.trimStart(),
        geo: l.geo,
        pageWidth: p.width,
        glyphRest,
        glyphAlone,
        furniture: false,
      });
    }
  });
  markFurniture(rows, pages.length);
  joinSplitRows(rows);
  // The document's measures (line step, margins) are those of its lines as drawn, before joining.
  const stats = layoutStats(rows);
  if (stats?.wrapped) joinWrappedLines(rows, stats);
  const regions = stats ? itemRegions(rows, stats) : null;

  const out: SourceLine[] = [];
  const emit = (text: string, page: number): void => {
    if (text === '' && out.length === 0) return;
    out.push({ n: out.length + 1, text, page });
  };

  let prevFlow: Row | null = null; // last non-furniture row (any page)
  let prevFlowIsItem = false; // prevFlow is an item start or continuation, and indented/glyph
  let pendingItem = false; // a glyph alone announced an item
  for (const r of rows) {
    if (r.furniture) {
      // The template's footer (title + page number) stays: the parser reads the region from it
      // and skips it. Any other furniture ("12", "page 12", "12/180", a running head) goes: a
      // bare page number would read as a count.
      if (FOOTER.test(r.text)) emit(r.text, r.page);
      continue;
    }
    const samePage = prevFlow !== null && prevFlow.page === r.page;
    const dy = samePage && r.geo && prevFlow!.geo ? r.geo.y - lastY(prevFlow!.geo) : null;
    let blanks = 0;
    if (stats && r.geo) {
      if (dy !== null) {
        blanks = blankLines(dy, stats);
        // Nothing but the line step between paragraphs: a line that is not full ends one (in
        // a document drawn one line per paragraph, every line).
        if (blanks === 0 && stats.para === null && stats.noSlots && prevFlow?.geo && !prevFlow.geo.row) {
          const firstWord = r.text.split(' ')[0] ?? '';
          if (!stats.wrapped || prevFlow.geo.xEnd + (firstWord.length + 1) * 0.5 * r.geo.size <= stats.right - 0.5) blanks = 1;
        }
      } else if (!samePage) {
        blanks = topBlankLines(r.geo.y, stats);
        // The previous page ended early (room left under its last line): a paragraph ended there.
        if (prevFlow?.geo && lastY(prevFlow.geo) + stats.tight <= stats.bottom + 0.5) blanks++;
        // One PDF line per paragraph, spaced: the spacing does not survive a page break; a
        // sentence ended at the foot of the previous page and a capital starts this one.
        if (blanks === 0 && stats.para !== null && !stats.wrapped && prevFlow && /[.:!?»]$/.test(prevFlow.text) && /^\p{Lu}/u.test(r.text)) blanks = 1;
      }
    }
    // A table row, and a change of font size (a heading), is a paragraph of its own, whatever
    // the vertical spacing: the grammar reads paragraphs up to a blank line.
    if (prevFlow?.geo && r.geo && (r.geo.row || prevFlow.geo.row || (samePage && Math.abs(r.geo.size - prevFlow.geo.size) > 0.5))) {
      blanks = Math.max(blanks, 1);
    }
    for (let k = 0; k < blanks; k++) emit('', r.page);

    if (r.glyphAlone) {
      pendingItem = true;
      continue;
    }
    let item = false;
    let text = r.text;
    if (r.glyphRest !== null) {
      item = true;
      text = r.glyphRest;
    } else if (pendingItem) {
      item = true;
    } else if (regions && stats && r.geo) {
      const region = regions.get(r);
      if (region?.table) {
        // A table row is a paragraph of its own: indented from the table's left edge, an item.
        item = region.indent && r.geo.row === true && r.geo.x - region.margin > stats.indentMin;
      } else if (region?.indent && r.geo.x - stats.margin > stats.indentMin) {
        item = !isContinuation(r, prevFlow, prevFlowIsItem, dy, stats);
      }
    }
    pendingItem = false;
    emit(item ? ` ${text}` : text, r.page);
    const indented = r.geo !== null && stats !== null && r.geo.x - stats.margin > stats.indentMin;
    prevFlowIsItem = item || (prevFlowIsItem && indented);
    prevFlow = r;
  }
  while (out.length > 0 && out[out.length - 1]!.text === '') out.pop();
  return out;
}

interface Region {
  /** A count table (its rows and the lines between them), else a list of the running text. */
  table: boolean;
  /** Items are told by indentation (no bullet glyph in the region), else by their glyph. */
  indent: boolean;
  /** Left edge the indentation is measured from: the table's, or the body margin. */
  margin: number;
}

/**
 * Glyph or indentation, decided region by region (not once per document: a report may draw
 * the ideas of its count tables as indented rows, or as list discs that are shapes and not text,
 * and its verbatim lists with "•", or the other way round):
 *  - a table: consecutive table rows, with the indented lines between two of them (quotes, label
 *    lines), across page breaks; its indentation is measured from its own left edge (the cell
 *    padding puts its group rows right of the body margin);
 *  - a list of the running text: consecutive lines that start with a glyph or right of the body
 *    margin.
 * A region with a bullet glyph reads its items by glyph (an indented line there is a hanging
 * continuation or a quote); one without, by indentation. A document with fewer than 3 glyphs in
 * all (a stray "o " or "§ " at a line start) reads every region by indentation.
 */
function itemRegions(rows: Row[], s: Stats): Map<Row, Region> {
  const flow = rows.filter((r) => !r.furniture && r.geo);
  const glyph = (r: Row): boolean => r.glyphRest !== null || r.glyphAlone;
  const glyphDoc = flow.filter(glyph).length >= 3;
  const indented = (r: Row): boolean => r.geo!.x - s.margin > s.indentMin;
  const out = new Map<Row, Region>();
  let i = 0;
  while (i < flow.length) {
    const start = i;
    if (flow[i]!.geo!.row) {
      // A table: rows, and runs of indented (or glyph) lines followed by a row.
      let end = i + 1;
      for (;;) {
        let k = end;
        while (k < flow.length && !flow[k]!.geo!.row && (indented(flow[k]!) || glyph(flow[k]!))) k++;
        if (k < flow.length && flow[k]!.geo!.row) end = k + 1;
        else break;
      }
      const part = flow.slice(start, end);
      const region: Region = {
        table: true,
        indent: !(glyphDoc && part.some(glyph)),
        margin: least(part.filter((r) => r.geo!.row).map((r) => r.geo!.x)),
      };
      for (const r of part) out.set(r, region);
      i = end;
      continue;
    }
    while (i < flow.length && !flow[i]!.geo!.row && (indented(flow[i]!) || glyph(flow[i]!))) i++;
    if (i === start) {
      i++; // a line at the margin: no list
      continue;
    }
    const part = flow.slice(start, i);
    const region: Region = { table: false, indent: !(glyphDoc && part.some(glyph)), margin: s.margin };
    for (const r of part) out.set(r, region);
  }
  return out;
}

/**
 * A table row broken across a page break (an office suite lets a row's cell run onto the next
 * page): the first line of a page that is no row of its own, stands where the label of the row
 * ending the previous page stands, and is followed by a row (or a quote) is the rest of that
 * label. It is moved before the row's count; the row keeps its page.
 */
function joinSplitRows(rows: Row[]): void {
  const flow = rows.filter((r) => !r.furniture);
  for (let i = 1; i + 1 < flow.length; i++) {
    const prev = flow[i - 1]!;
    const r = flow[i]!;
    const next = flow[i + 1]!;
    if (prev.page === r.page || r.page !== next.page || !prev.geo?.row || !r.geo || r.geo.row) continue;
    if (r.glyphRest !== null || r.glyphAlone || Math.abs(r.geo.x - prev.geo.x) > 1 || Math.abs(r.geo.size - prev.geo.size) > 0.5) continue;
    if (!next.geo?.row && !/^\s*Ex\s*:/.test(next.text) && next.glyphRest === null) continue;
    const m = /^(.*?)\s+(\d{1,4})$/.exec(prev.text);
    if (!m) continue;
    prev.text = `${joinWrapped([m[1]!, r.text], true)} ${m[2]!}`;
    if (prev.glyphRest !== null) {
      const g = /^(.*?)\s+(\d{1,4})$/.exec(prev.glyphRest);
      if (g) prev.glyphRest = `${joinWrapped([g[1]!, r.text], true)} ${g[2]!}`;
    }
    rows.splice(rows.indexOf(r), 1);
    flow.splice(i, 1);
    i--;
  }
}

/**
 * Wrapped text: a line that is full (the next line's first word would not have fitted at its
 * end) and is followed, a tight line step below, by a line starting at the same left edge (the
 * paragraph's, or the hanging indent of an item) is joined with that line: the grammar reads
 * a paragraph wrapped at any column width as one line.
 */
function joinWrappedLines(rows: Row[], s: Stats): void {
  let prev: Row | null = null;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.furniture) continue;
    const p = prev;
    prev = r;
    if (!p?.geo || !r.geo || p.page !== r.page || p.geo.row || r.geo.row || r.glyphRest !== null || r.glyphAlone || p.glyphAlone) continue;
    // The same left edge; under a glyph item whose x is the glyph's, the hanging indent right of it.
    const dx = r.geo.x - p.geo.x;
    const sameEdge = Math.abs(dx) <= 1 || (p.glyphRest !== null && dx > 0 && dx < 3 * r.geo.size);
    if (Math.abs(r.geo.y - lastY(p.geo) - s.tight) > 0.6 || !sameEdge || Math.abs(r.geo.size - p.geo.size) > 0.5) continue;
    const firstWord = r.text.split(' ')[0] ?? '';
    if (p.geo.xEnd + (firstWord.length + 1) * 0.5 * r.geo.size <= s.right - 0.5) continue;
    p.text = joinWrapped([p.text, r.text]);
    if (p.glyphRest !== null) p.glyphRest = joinWrapped([p.glyphRest, r.text]);
    p.geo = { ...p.geo, xEnd: r.geo.xEnd, yLast: r.geo.y };
    rows.splice(i, 1);
    i--;
  }
}

interface NormPage {
  width: number | null;
  lines: { text: string; geo: Geo | null }[];
}

function normalisePages(input: PdfPagesInput): NormPage[] {
  if (!Array.isArray(input)) {
    const r = input as { pages: readonly string[]; layout?: readonly PdfPageLayout[] | null };
    return r.layout ? fromLayout(r.layout) : fromStrings(r.pages);
  }
  const arr = input as readonly (string | PdfPageLayout)[];
  if (arr.every((p) => typeof p === 'string')) return fromStrings(arr);
  return fromLayout(arr as readonly PdfPageLayout[]);
}

function fromStrings(pages: readonly string[]): NormPage[] {
  return pages.map((p) => ({ width: null, lines: p.split(/\r\n|\n|\r/).map((text) => ({ text, geo: null })) }));
}

function fromLayout(pages: readonly PdfPageLayout[]): NormPage[] {
  return pages.map((p) => ({
    width: Number.isFinite(p.width) ? p.width : null,
    lines: p.lines.map((l) => ({
      text: l.text,
      geo: [l.x, l.xEnd, l.y, l.size].every(Number.isFinite) ? { x: l.x, xEnd: l.xEnd, y: l.y, size: l.size, row: l.row === true } : null,
    })),
  }));
}

/** Tabs (pdf-parse's cell separator) → one space; no trailing whitespace. */
function clean(s: string): string {
  return s.replace(/[ ]*\t[\t ]*/g, ' ').replace(/\s+$/, '');
}

/**
 * Footers and running heads: the top- or bottom-most line of a page whose text, digits aside,
 * is the top- or bottom-most line of at least 3 pages and 30% of them.
 */
function markFurniture(rows: Row[], pageCount: number): void {
  if (pageCount < 3) return;
  const key = (r: Row): string => r.text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
  const byPage = new Map<number, Row[]>();
  for (const r of rows) {
    if (!r.geo) continue;
    const list = byPage.get(r.page) ?? [];
    list.push(r);
    byPage.set(r.page, list);
  }
  const candidates = new Map<number, Row[]>();
  const pagesOf = new Map<string, Set<number>>();
  for (const [page, list] of byPage) {
    const ys = list.map((r) => r.geo!.y);
    const top = Math.min(...ys);
    const bottom = Math.max(...ys);
    // Up to two lines at each edge (a running head and a footer may share an edge).
    const edge = list.filter((r) => Math.abs(r.geo!.y - top) < 0.5 || Math.abs(r.geo!.y - bottom) < 0.5);
    candidates.set(page, edge);
    for (const r of edge) {
      const k = key(r);
      const s = pagesOf.get(k) ?? new Set<number>();
      s.add(page);
      pagesOf.set(k, s);
    }
  }
  const min = Math.max(3, Math.ceil(pageCount * 0.3));
  for (const edge of candidates.values()) {
    for (const r of edge) if ((pagesOf.get(key(r))?.size ?? 0) >= min) r.furniture = true;
  }
  // Pages whose furniture sits just inside the edge line (head drawn under a page number…):
  // also mark lines with a furniture text anywhere in the page's first or last two lines.
  const furnitureKeys = new Set<string>();
  for (const r of rows) if (r.furniture) furnitureKeys.add(key(r));
  for (const list of byPage.values()) {
    const sorted = [...list].sort((a, b) => a.geo!.y - b.geo!.y);
    for (const r of [...sorted.slice(0, 2), ...sorted.slice(-2)]) if (furnitureKeys.has(key(r))) r.furniture = true;
  }
}

interface Stats {
  /** Body left margin. */
  margin: number;
  /** A line starting more than this right of the margin is indented. */
  indentMin: number;
  /** Body font size. */
  size: number;
  /** Smallest usual baseline step (wrapped lines). */
  tight: number;
  /** Usual step between paragraphs when the document has paragraph spacing, else null. */
  para: number | null;
  /** Lines are wrapped (most lines followed by a tight step are full): `tight` is a wrap. */
  wrapped: boolean;
  /** No empty line slots between body lines: paragraphs are told by spacing or line filling. */
  noSlots: boolean;
  /** Right edge of the text column. */
  right: number;
  /** Lowest baseline of a body line (the bottom of the text area). */
  bottom: number;
  /** Highest baseline of a body line (the first line slot of a page). */
  top: number;
}

function mode(values: number[]): number | null {
  const counts = new Map<number, number>();
  let best: number | null = null;
  let bestN = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestN || (n === bestN && best !== null && v < best)) {
      best = v;
      bestN = n;
    }
  }
  return best;
}

/** Smallest value (no argument spreading: arrays may be large). */
function least(values: number[]): number {
  let m = Infinity;
  for (const v of values) if (v < m) m = v;
  return m;
}

function bins(values: number[], step: number): Map<number, number> {
  const m = new Map<number, number>();
  for (const v of values) {
    const b = Math.round(v / step) * step;
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

function layoutStats(rows: Row[]): Stats | null {
  const body = rows.filter((r) => r.geo && !r.furniture);
  if (body.length < 2) return null;
  const minCount = Math.max(2, Math.ceil(body.length * 0.01));
  const size = mode(body.map((r) => Math.round(r.geo!.size * 2) / 2)) ?? 10;

  const xBins = bins(
    body.map((r) => r.geo!.x),
    1,
  );
  const frequentX = [...xBins].filter(([, n]) => n >= minCount).map(([x]) => x);
  const margin = frequentX.length > 0 ? least(frequentX) : least(body.map((r) => r.geo!.x));

  const steps: number[] = [];
  for (let i = 1; i < body.length; i++) {
    const a = body[i - 1]!;
    const b = body[i]!;
    if (a.page !== b.page || Math.abs(a.geo!.size - size) > 0.5 || Math.abs(b.geo!.size - size) > 0.5) continue;
    const dy = b.geo!.y - a.geo!.y;
    if (dy > 0.5 * size && dy < 1.8 * size) steps.push(dy);
  }
  const stepBins = [...bins(steps, 0.5)].filter(([, n]) => n >= minCount).sort((a, b) => a[0] - b[0]);
  const tight = stepBins[0]?.[0] ?? size * 1.2;
  const paraBins = stepBins.filter(([s]) => s > tight + Math.max(1, 0.15 * size));
  const para = paraBins.length > 0 ? paraBins.reduce((a, b) => (b[1] > a[1] ? b : a))[0] : null;

  const ends = body.map((r) => r.geo!.xEnd).sort((a, b) => a - b);
  const p98 = ends[Math.min(ends.length - 1, Math.floor(ends.length * 0.98))] ?? 0;
  const widths = rows.map((r) => r.pageWidth).filter((w): w is number => w !== null);
  const pageWidth = mode(widths.map((w) => Math.round(w)));
  const right = Math.max(p98, pageWidth !== null ? pageWidth - margin : 0);

  const bottom = -least(body.map((r) => -r.geo!.y));
  // The first line slot: where most pages' first body line stands.
  const firsts = body.filter((r, i) => i === 0 || body[i - 1]!.page !== r.page).map((r) => Math.round(r.geo!.y * 2) / 2);
  const top = mode(firsts) ?? least(body.map((r) => r.geo!.y));
  // Wrapped text: the lines followed by a tight step are mostly full (the next line's first
  // word would not have fitted at their end).
  let full = 0;
  let tightPairs = 0;
  for (let i = 1; i < body.length; i++) {
    const a = body[i - 1]!;
    const b = body[i]!;
    if (a.page !== b.page || Math.abs(b.geo!.y - a.geo!.y - tight) > 0.5) continue;
    tightPairs++;
    const firstWord = b.text.split(' ')[0] ?? '';
    if (a.geo!.xEnd + (firstWord.length + 1) * 0.5 * b.geo!.size > right - 0.5) full++;
  }
  const wrapped = tightPairs > 0 && full >= tightPairs / 2;
  // Empty line slots (steps of about two lines) between body lines of a page.
  let slots = 0;
  for (let i = 1; i < body.length; i++) {
    const a = body[i - 1]!;
    const b = body[i]!;
    const dy = b.geo!.y - a.geo!.y;
    if (a.page === b.page && Math.abs(a.geo!.size - size) <= 0.5 && Math.abs(b.geo!.size - size) <= 0.5 && dy > 1.6 * tight && dy < 4.5 * tight) slots++;
  }
  const noSlots = slots < Math.max(2, 0.01 * body.length);
  return { margin, indentMin: Math.max(3, 0.4 * size), size, tight, para, wrapped, noSlots, right, bottom, top };
}

/** Blank lines for a vertical step `dy` between two body lines of a page. */
function blankLines(dy: number, s: Stats): number {
  if (dy < -0.5) return 1; // back up the page: another block (column, running head…)
  // One PDF line per paragraph (lines are not wrapped), or no empty lines anywhere: the
  // paragraph step is where the text had a blank line (spacing instead of empty lines).
  if (s.para !== null && (!s.wrapped || s.noSlots) && dy > s.para - Math.max(1, 0.15 * s.size)) {
    return Math.max(1, Math.min(3, 1 + Math.round((dy - s.para) / s.tight)));
  }
  const base = s.para ?? s.tight;
  let n = Math.round((dy - base) / s.tight);
  // More space than between paragraphs, if less than a line: spacing instead of an empty line.
  if (n === 0 && dy - base > 0.3 * s.size) n = 1;
  return Math.max(0, Math.min(3, n));
}

/** Blank lines above the first body line of a page: the empty line slots above it. */
function topBlankLines(y: number, s: Stats): number {
  const extra = s.para !== null ? s.para - s.tight : 0;
  const n = Math.round((y - s.top - extra) / s.tight);
  return Math.max(0, Math.min(3, n));
}

/** Is the indented line `r` (no glyph) the wrapped continuation of the item line above? */
function isContinuation(r: Row, prev: Row | null, prevIsItem: boolean, dy: number | null, s: Stats): boolean {
  if (!prev || !prevIsItem || !prev.geo || !r.geo) return false;
  if (dy !== null) {
    if (dy <= 0 || dy > 1.8 * s.size) return false; // not the next line of the same block
    if (s.para !== null) {
      if (dy > s.tight + Math.min(1, (s.para - s.tight) / 2)) return false;
      // Exactly the line step of a wrap: a continuation. A little more (a browser's list items
      // may stand as close as its wrapped lines, whose steps vary with the fonts of the line):
      // told by line filling below.
      if (dy <= s.tight + 0.3) return true;
    }
  }
  // Across a page break: the item line above must end its page (no room left under it) and
  // this line must take the first slot of its page (no empty line above it).
  if (prev.page !== r.page) {
    if (lastY(prev.geo) + s.tight <= s.bottom + 0.5) return false;
    if (r.geo.y - s.top > s.tight / 2) return false;
  }
  // Line filling: the first word of `r` would not have fitted at the end of `prev` (also with
  // paragraph spacing: a browser's list items may be as close as its wrapped lines).
  const firstWord = r.text.split(' ')[0] ?? '';
  const wordWidth = (firstWord.length + 1) * 0.5 * r.geo.size;
  return prev.geo.xEnd + wordWidth > s.right - 0.5;
}
