/**
 * PDF geometry → text lines: the layout layer between pdf.js's positioned text items (read by
 * src/io/pdf.ts) and the line rules of pdf-lines.ts. Pure: no I/O, no pdf.js.
 *
 * What every PDF of the report carries, whatever made it, is where each piece of text is drawn.
 * As pdfplumber does (`cluster_objects` on `top`/`doctop` with a tolerance, then words sorted by
 * x; camelot's stream mode the same for rows), items are grouped into lines by baseline bands
 * and split into cells at wide horizontal gaps:
 *  - a band: items whose baselines are within 0.3 × the font size of the band's first item
 *    (subscripts aside, text on one line shares its baseline; a count vertically centred beside
 *    a label wrapped over 2 lines sits half a line away: a band of its own);
 *  - cells: a gap wider than 1.2 × the font size between two items of a band (word spaces are
 *    ~0.3 em; pdf.js's synthesised whitespace items, which span such gaps, are dropped);
 *  - a bullet drawn as a glyph of its own at the left (any font: "•", "▪", "–", a symbol-font
 *    or private-use code, a ZapfDingbats letter such as "l" or "n"): a single character,
 *    not a letter of the next item's font (or not a letter at all), followed by a gap wider
 *    than a word space. It becomes "•" so that pdf-lines.ts sees one bullet convention; a
 *    second glyph glued to the item's text ("•   •Le …", LibreOffice's HTML import) is dropped.
 *  - table rows: a count is the right-most numeric cell of its band, in the right half of the
 *    page, or the numeric cell right before a percentage cell ("908 | 50%": the contributions
 *    table's label | count | % columns; the percentage stays after the count). When its band has no label, or its label wraps (the count vertically centred beside
 *    a label on 2–3 lines, or on its last line), the label lines of its row are joined onto one
 *    line ending in the count: the lines of the same cell are those closer to each other than
 *    1.3 × the font size (the line step inside a cell), rows being further apart (cell padding
 *    and borders);
 *  - an "Ex : « … »" quote set in a font of its own (italic) is joined into one line.
 * Lines come out top to bottom; each line records where its first item starts and its last ends.
 */

/** One text item of a page: pdf.js's str, at its baseline (from the page's top edge), in pt. */
export interface PdfItem {
  str: string;
  x: number;
  y: number;
  w: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
  /** pdf.js's font id on this document ("g_d0_f3"): tells the glyph of a bullet from the text. */
  font: string;
}

export interface PdfPageItems {
  width: number;
  height: number;
  items: PdfItem[];
}

/** One text line of a PDF page. Coordinates in pt. */
export interface PdfTextLine {
  /** The line's text; "\t" between cells (distant items), a bullet glyph as "•". */
  text: string;
  /** Left edge of the line's first visible item, from the page's left edge. */
  x: number;
  /** Right edge of its last visible item. */
  xEnd: number;
  /** Baseline of its first visible item, from the page's top edge (grows downwards). */
  y: number;
  /** Font size of its first visible item. */
  size: number;
  /** A table row: a label and a count (or header) cell at the right; a paragraph of its own. */
  row?: boolean;
}

export interface PdfPageLayout {
  width: number;
  height: number;
  lines: PdfTextLine[];
}

interface Cell {
  text: string;
  x: number;
  xEnd: number;
}

interface Band {
  y: number;
  size: number;
  cells: Cell[];
  bullet: boolean;
  /** Font of the band's first text item (after any bullet glyph). */
  font: string;
  /** The count cell (right-most, numeric, right half of the page; or before a "%" cell), or null. */
  count: Cell | null;
  /** Cells after the count (a percentage cell), kept after it on the row's line. */
  tail: Cell[];
}

const BAND_TOLERANCE = 0.3; // × font size
const CELL_GAP = 1.2; // × font size
const WORD_GAP = 0.1; // × font size: items closer than this join without a space
const BULLET_GAP = 0.3; // × font size
const CELL_STEP = 1.3; // × font size: lines of one cell are closer than this
const COUNT_RE = /^\d{1,4}$/;
const PERCENT_RE = /^\d{1,3}(?:[.,]\d+)?\s?%$/;
const BULLET_CHARS = /^(?:[•●○◦▪■□◆◇♦❖➢➤►▸‣⁃∙·–—-]|[\uE000-\uF8FF])$/u;
const EXAMPLE_RE = /^\s*Ex\s*:/;
/** A bullet glyph (no dash: "- " starts a sub-item) at the start of an item's text, after its drawn bullet. */
const SECOND_BULLET_RE = /^(?:[•●○◦▪■□◆◇♦❖➢➤►▸‣⁃∙]|[\uE000-\uF8FF])\s*/u;

/** Lay out one page (each page on its own: nothing crosses a page break here). */
export function layoutPage(page: PdfPageItems): PdfTextLine[] {
  const bands = toBands(page.items);
  for (const b of bands) {
    b.count = countCell(b, page.width);
    if (b.count) b.tail = b.cells.slice(b.cells.indexOf(b.count) + 1);
  }
  const lines: Array<PdfTextLine & { band: Band }> = [];
  const used = new Set<number>();
  // Table rows first: a row's label lines may come before its count's band.
  bands.forEach((b, i) => {
    if (!b.count || used.has(i)) return;
    const row = tableRow(bands, i, used);
    if (!row) return;
    for (const k of row) used.add(k);
    lines.push(joinRow(bands, row, b));
  });
  bands.forEach((b, i) => {
    if (!used.has(i)) lines.push({ ...lineOf(b, b.cells, page.width / 2), band: b });
  });
  lines.sort((a, b) => a.y - b.y || a.x - b.x);
  return joinQuotes(lines, bodyFont(bands));
}

/** Items → bands (top to bottom), each split into cells. */
function toBands(items: readonly PdfItem[]): Band[] {
  const visible = items.filter((it) => it.str.trim() !== '' && Number.isFinite(it.x) && Number.isFinite(it.y));
  const sorted = [...visible].sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: PdfItem[][] = [];
  let cur: PdfItem[] = [];
  let y0 = NaN;
  for (const it of sorted) {
    if (cur.length > 0 && Math.abs(it.y - y0) > BAND_TOLERANCE * Math.max(it.size, cur[0]!.size, 1)) {
      groups.push(cur);
      cur = [];
    }
    if (cur.length === 0) y0 = it.y;
    cur.push(it);
  }
  if (cur.length > 0) groups.push(cur);
  return groups.map(bandOf);
}

function bandOf(items: PdfItem[]): Band {
  const its = [...items].sort((a, b) => a.x - b.x);
  const size = its.reduce((m, it) => Math.max(m, it.size), 0) || 10;
  let bullet = false;
  let start = 0;
  const first = its[0]!;
  const second = its[1];
  if (second && [...first.str.trim()].length === 1) {
    const c = first.str.trim();
    const gap = second.x - (first.x + first.w);
    const symbolic =
      BULLET_CHARS.test(c) ||
      (first.font !== second.font && !/^[\p{L}\p{N}]$/u.test(c)) ||
      (first.font !== second.font && gap > BULLET_GAP * size && !/^[\p{N}]$/u.test(c));
    if (symbolic && gap > BULLET_GAP * size * (BULLET_CHARS.test(c) ? 0.5 : 1)) {
      bullet = true;
      start = 1;
    }
  }
  const cells: Cell[] = [];
  let cell: Cell | null = null;
  for (const it of its.slice(start)) {
    const gap = cell ? it.x - cell.xEnd : 0;
    if (!cell || gap > CELL_GAP * size) {
      cell = { text: it.str, x: it.x, xEnd: it.x + it.w };
      cells.push(cell);
      continue;
    }
    const glue = gap > WORD_GAP * size && !/\s$/.test(cell.text) && !/^\s/.test(it.str) ? ' ' : '';
    cell.text += glue + it.str;
    cell.xEnd = Math.max(cell.xEnd, it.x + it.w);
  }
  for (const c of cells) c.text = c.text.replace(/\s+/g, ' ').trim();
  // A second bullet glyph glued to the item's text ("•   •Le nombre…": LibreOffice's HTML import
  // draws its own list bullet before the document's literal "•"): one bullet, one convention.
  if (bullet && cells[0] && SECOND_BULLET_RE.test(cells[0].text)) {
    cells[0].text = cells[0].text.replace(SECOND_BULLET_RE, '');
    if (cells[0].text === '') cells.shift();
  }
  const font = its[start]?.font ?? first.font;
  const y = its[start]?.y ?? first.y;
  return { y, size, cells, bullet, font, count: null, tail: [] };
}

/**
 * The band's count cell: its right-most cell when numeric, right of the page's middle, and apart
 * from any label; or, when the right-most cell is a percentage, the numeric cell before it
 * ("908 | 50%").
 */
function countCell(b: Band, pageWidth: number): Cell | null {
  let k = b.cells.length - 1;
  if (k >= 1 && PERCENT_RE.test(b.cells[k]!.text)) k--;
  const last = b.cells[k];
  if (!last || !COUNT_RE.test(last.text) || last.x < pageWidth / 2) return null;
  if (k === 0 && b.bullet) return null;
  return last;
}

/** Label cells of a band: all before its count cell. */
function labelCells(b: Band): Cell[] {
  return b.count ? b.cells.slice(0, b.cells.indexOf(b.count)) : b.cells;
}

/**
 * The bands of the table row whose count is on band `i`, when its label must be joined (the
 * count alone on its band, or the label wrapping): the label lines of the same cell, above and
 * below, closer than a cell's line step and without a count of their own. Null when the band
 * is a one-line row already (its label and count on one line).
 */
function tableRow(bands: Band[], i: number, used: Set<number>): number[] | null {
  const b = bands[i]!;
  const step = CELL_STEP * b.size;
  const free = (k: number): boolean => k >= 0 && k < bands.length && !used.has(k) && bands[k]!.count === null && labelCells(bands[k]!).length > 0;
  const row = [i];
  let top = labelCells(b).length > 0 ? b.y : NaN;
  let bottom = top;
  if (Number.isNaN(top)) {
    // A count alone on its band: the label lines beside it (vertically centred: one above and
    // one below, half a line away; or one above only, when the count is on the next line).
    const up = i - 1;
    const down = i + 1;
    const near = (k: number): boolean => free(k) && Math.abs(bands[k]!.y - b.y) < step;
    if (near(up)) row.unshift(up);
    if (near(down)) row.push(down);
    if (row.length === 1) return null;
    top = bands[row[0]!]!.y;
    bottom = bands[row[row.length - 1]!]!.y;
  }
  let lo = row[0]!;
  let hi = row[row.length - 1]!;
  while (free(lo - 1) && top - bands[lo - 1]!.y < step && !startsItem(bands[lo])) {
    lo--;
    top = bands[lo]!.y;
    row.unshift(lo);
  }
  while (free(hi + 1) && bands[hi + 1]!.y - bottom < step && !startsItem(bands[hi + 1])) {
    hi++;
    bottom = bands[hi]!.y;
    row.push(hi);
  }
  return row.length > 1 ? row : null;
}

/** A band that starts a list item or a quote: never the continuation of the line above. */
function startsItem(b: Band | undefined): boolean {
  return b !== undefined && (b.bullet || EXAMPLE_RE.test(b.cells[0]?.text ?? ''));
}

function joinRow(bands: Band[], row: number[], countBand: Band): PdfTextLine & { band: Band } {
  const labels = row.map((k) => bands[k]!).filter((b) => labelCells(b).length > 0);
  const first = labels[0]!;
  const text = joinWrapped(
    labels.map((b) =>
      labelCells(b)
        .map((c) => c.text)
        .join(' '),
    ),
    true,
  );
  const count = countBand.count!;
  const tail = countBand.tail;
  const x = labelCells(first)[0]!.x;
  const xEnd = tail.length > 0 ? tail[tail.length - 1]!.xEnd : count.xEnd;
  return {
    text: `${first.bullet ? '•\t' : ''}${text}\t${[count, ...tail].map((c) => c.text).join('\t')}`,
    x,
    xEnd,
    y: first.y,
    size: first.size,
    row: true,
    band: { ...first, cells: [{ text, x, xEnd: count.xEnd }, count, ...tail], count, tail },
  };
}

function lineOf(b: Band, cells: Cell[], pageMiddle: number): PdfTextLine {
  const x = cells[0]?.x ?? 0;
  const last = cells[cells.length - 1];
  return {
    ...(b.count !== null || (cells.length >= 2 && last!.x > pageMiddle) ? { row: true } : {}),
    text: `${b.bullet ? '•\t' : ''}${cells.map((c) => c.text).join('\t')}`,
    x,
    xEnd: cells[cells.length - 1]?.xEnd ?? x,
    y: b.y,
    size: b.size,
  };
}

/** The font most bands of the page start with. */
function bodyFont(bands: Band[]): string {
  const n = new Map<string, number>();
  let best = '';
  for (const b of bands) {
    const c = (n.get(b.font) ?? 0) + 1;
    n.set(b.font, c);
    if (c > (n.get(best) ?? 0)) best = b.font;
  }
  return best;
}

/** Join the lines of an "Ex : « … »" quote set in a font of its own (italic) into one line. */
function joinQuotes(lines: Array<PdfTextLine & { band: Band }>, body: string): PdfTextLine[] {
  const out: PdfTextLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const line: PdfTextLine = { text: l.text, x: l.x, xEnd: l.xEnd, y: l.y, size: l.size, ...(l.row ? { row: true } : {}) };
    out.push(line);
    if (!EXAMPLE_RE.test(l.text) || l.band.font === body) continue;
    let last = l;
    while (i + 1 < lines.length) {
      const n = lines[i + 1]!;
      if (
        n.band.font !== l.band.font ||
        n.band.bullet ||
        n.band.count ||
        n.y - last.y > CELL_STEP * n.size ||
        Math.abs(n.x - l.x) > 1 ||
        EXAMPLE_RE.test(n.text)
      )
        break;
      line.text = joinWrapped([line.text, n.text]);
      line.xEnd = Math.max(line.xEnd, n.xEnd);
      last = n;
      i++;
    }
  }
  return out;
}

/**
 * Lines of one paragraph or cell, joined: with a space, except after a hyphen that ends a word
 * ("sous-" / "denses": the office suite broke the line at the hyphen) and, in a table label
 * (`label`), after a slash ("emploi/" / "retraite": WeasyPrint breaks after "/"). Not after a
 * slash in running text: the report's verbatims print "rurale/ population" with a space.
 */
export function joinWrapped(parts: readonly string[], label = false): string {
  const end = label ? /\p{L}[-/]$/u : /\p{L}-$/u;
  let out = '';
  for (const p of parts) {
    if (out === '') out = p;
    else out += end.test(out) && /^\p{L}/u.test(p) ? p : ` ${p}`;
  }
  return out;
}
