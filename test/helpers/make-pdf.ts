/**
 * Test/benchmark helper: lay a CNR Santé text report (the bundled text extraction, or a fragment
 * of it) out as a PDF with pdfkit, so that PDF input can be tested without the original PDF.
 *
 * Layout (all in pt, origin top-left, `y` is a baseline):
 *  - one source line = one paragraph; a blank source line = an empty paragraph: one line slot of
 *    vertical space (carried to the top of the next page when the page is full, as in a word
 *    processor);
 *  - a line starting with whitespace (the text's convention for a bullet item / IDEA line) is a
 *    list item: the glyph at `margin + 18`, the text at `margin + 36`; lines wrapped out of it
 *    hang at `margin + 36` (as Word lays out a bulleted paragraph);
 *    - `bullet: 'glyph'`  → "•" in Helvetica (extracts as "•");
 *    - `bullet: 'symbol'` → code 0xA7 in ZapfDingbats, a symbol font whose glyph extracts as the
 *      stray letter "§" — what Word's Wingdings bullets give;
 *    - `bullet: 'dingbat'` → the letter "l" in ZapfDingbats (a filled circle), as a glyph of its own;
 *    - `bullet: 'none'`   → no glyph at all, the item text is only indented;
 *  - any other line (GROUP line, heading, continuation line, "- " sub-item) starts at the margin;
 *  - `wrap: true` re-wraps long lines (greedy, on spaces, with pdfkit's Helvetica metrics) at
 *    the page's text width (page width − 2 × 2 cm); wrapped lines of one source line are
 *    `1.2 × fontSize` apart, consecutive source lines `0.3 × fontSize` more (paragraph spacing),
 *    so a reader can tell a wrapped line from a new item;
 *    `wrap: false` keeps one source line per PDF line and widens the page to fit the longest one;
 *  - the text's own page footers and running heads are dropped; when `footer` (default) every page
 *    gets a footer "Synthèse des ateliers CNR Santé organisés en région <region> <page>" (title at
 *    the left, number at the right) and every page of section 2 after its title page gets the
 *    running head "Synthèses et comptes-rendus par département"; both are drawn after the body, so
 *    text extraction yields them at the end of the page, as the bundled extraction shows them.
 *    Section 2 starts on a new page. `footerAt: 'top'` swaps them (footer line at the top).
 *  - `font: 'serif'` draws everything in Times-Roman; `blank: 'space'` draws no empty line for a
 *    blank source line, only 0.4 × the font size of extra space before the next line;
 *    `blank: 'none'` draws nothing for it.
 *
 * Deterministic: fixed dates and ids, so the same call gives the same bytes (also when encrypted:
 * pdfkit's RC4 security handler of PDF 1.4 draws no random numbers).
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

export type BulletRendering = 'glyph' | 'symbol' | 'dingbat' | 'none';

export interface MakeReportPdfOptions {
  bullet: BulletRendering;
  /** Body font size in pt (default 9). */
  fontSize?: number;
  /**
   * Page width in pt. Default: A4 (595.28) when `wrap`, else wide enough for the longest line
   * (at least A4).
   */
  width?: number;
  /** Page height in pt (default A4, 841.89). */
  height?: number;
  /** Re-wrap lines longer than the page's text width (default false: one source line per line). */
  wrap?: boolean;
  /** Real page footers and running heads (default true). */
  footer?: boolean;
  /** Encrypt with this user password (RC4 128, PDF 1.4). */
  userPassword?: string;
  /** Region name for the footers; default: read from the text's own footers or introduction. */
  region?: string;
  /** Body font: Helvetica (default) or Times-Roman. */
  font?: 'sans' | 'serif';
  /** Where the footer (title + page number) goes: the bottom (default) or the top of the page. */
  footerAt?: 'top' | 'bottom';
  /**
   * What a blank source line becomes: an empty line slot (default, as a word processor's empty
   * paragraph) or only a small extra space (0.4 × the font size) before the next line.
   */
  blank?: 'slot' | 'space' | 'none';
}

export const PAGE_MARGIN = 56.7; // 2 cm
export const GLYPH_INDENT = 18;
export const TEXT_INDENT = 36;
const A4: [number, number] = [595.28, 841.89];
const FIXED_DATE = new Date(Date.UTC(2023, 0, 1, 0, 0, 0));

const FOOTER_RE = /^\s*Synthèse des ateliers CNR Santé organisés en région\s+(.*?)\s+\d+\s*$/;
const RUNNING_HEAD_RE = /^\s*Synthèses et comptes-rendus par département\s*$/;
/** Section 2 title ("2  S y n t h è s e s  e t  c o m p t e s …", letter-spaced or not). */
const SECTION2_RE = /^\s*2\s+S\s*y\s*n\s*t\s*h\s*è\s*s\s*e\s*s\s+e\s*t\s+c\s*o\s*m\s*p\s*t\s*e\s*s/;

/** The region name as the text prints it in its footers, else in its introduction. */
export function regionOf(text: string): string | null {
  for (const line of text.split(/\r\n|\n|\r/)) {
    const m = FOOTER_RE.exec(line);
    if (m?.[1]) return m[1];
  }
  const m = /organisés en [Rr]égion ([\p{Lu}][\p{L}'’-]*(?:[ -][\p{Lu}][\p{L}'’-]*)*)/u.exec(text);
  return m?.[1] ?? null;
}

interface SourcePara {
  kind: 'blank' | 'item' | 'plain';
  text: string;
  section2Title: boolean;
}

/** Source lines → paragraphs, without the text's own footers and running heads. */
function paragraphs(text: string): SourcePara[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const out: SourcePara[] = [];
  let skipBlank = false;
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, '');
    if (FOOTER_RE.test(line) || RUNNING_HEAD_RE.test(line)) {
      skipBlank = true; // and the blank line the extraction put after it
      continue;
    }
    if (line === '') {
      if (!skipBlank) out.push({ kind: 'blank', text: '', section2Title: false });
      skipBlank = false;
      continue;
    }
    skipBlank = false;
    const item = /^\s/.test(line);
    out.push({
      kind: item ? 'item' : 'plain',
      text: line.replace(/^\s+/, '').replace(/\t/g, ' '),
      section2Title: SECTION2_RE.test(line),
    });
  }
  return out;
}

/** Greedy word wrap of `text` to `width` (a single word longer than the width stays whole). */
function wrapLine(text: string, width: number, measure: (s: string) => number): string[] {
  if (measure(text) <= width) return [text];
  const space = measure(' ');
  const out: string[] = [];
  let cur = '';
  let curWidth = 0;
  for (const w of text.split(' ')) {
    const ww = measure(w);
    // Word widths summed (kerning across a space is ignored): keep 0.5 pt of slack.
    if (cur !== '' && curWidth + space + ww > width - 0.5) {
      out.push(cur);
      cur = w;
      curWidth = ww;
    } else {
      curWidth = cur === '' ? ww : curWidth + space + ww;
      cur = cur === '' ? w : `${cur} ${w}`;
    }
  }
  if (cur !== '') out.push(cur);
  return out;
}

/**
 * Lay `text` (a CNR Santé text report or a fragment of one) out as a PDF. See the module comment
 * for the layout.
 */
export async function makeReportPdf(text: string, opts: MakeReportPdfOptions): Promise<Buffer> {
  const fontSize = opts.fontSize ?? 9;
  const FONT = opts.font === 'serif' ? 'Times-Roman' : 'Helvetica';
  const wrap = opts.wrap ?? false;
  const footer = opts.footer ?? true;
  const region = opts.region ?? regionOf(text);
  const footerTitle = `Synthèse des ateliers CNR Santé organisés en région${region ? ` ${region}` : ''}`;
  const lead = fontSize * 1.2; // baseline-to-baseline inside a paragraph
  const paraGap = wrap ? fontSize * 0.3 : 0; // extra space between source lines
  const M = PAGE_MARGIN;
  const paras = paragraphs(text);

  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    compress: true,
    pdfVersion: '1.4',
    info: {
      Title: footerTitle,
      Producer: 'cnr-synth test fixture',
      Creator: 'cnr-synth test/helpers/make-pdf.ts',
      CreationDate: FIXED_DATE,
      ModDate: FIXED_DATE,
    },
    ...(opts.userPassword ? { userPassword: opts.userPassword } : {}),
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  doc.font(FONT).fontSize(fontSize);
  const widthCache = new Map<string, number>();
  const measure = (s: string): number => {
    let w = widthCache.get(s);
    if (w === undefined) {
      w = doc.widthOfString(s);
      if (s.length < 40) widthCache.set(s, w);
    }
    return w;
  };

  let pageWidth = opts.width ?? A4[0];
  const pageHeight = opts.height ?? A4[1];
  if (!wrap && opts.width === undefined) {
    let widest = 0;
    for (const p of paras) {
      if (p.kind === 'blank') continue;
      widest = Math.max(widest, measure(p.text) + (p.kind === 'item' ? TEXT_INDENT : 0));
    }
    // Keep some room at the right so no line ends at the right margin exactly.
    pageWidth = Math.max(A4[0], Math.ceil(widest * 1.1 + 2 * M));
  }
  const textWidth = pageWidth - 2 * M;
  const top = M + fontSize; // first baseline
  const bottom = pageHeight - M; // no baseline below this

  let page = 0;
  let y = top;
  let started = false; // a line slot of this page is used
  let inSection2 = false;
  let headPages = false; // running heads on this page

  const draw = (s: string, x: number, yy: number, font = FONT, size = fontSize): void => {
    doc.font(font).fontSize(size).text(s, x, yy, { lineBreak: false, baseline: 'alphabetic' });
  };
  const finishPage = (): void => {
    if (page === 0 || !footer) return;
    const small = Math.max(6, fontSize - 1);
    const top = opts.footerAt === 'top';
    if (headPages) draw('Synthèses et comptes-rendus par département', M, top ? pageHeight - M / 2 : M / 2 + small, FONT, small);
    const fy = top ? M / 2 + small : pageHeight - M / 2;
    draw(footerTitle, M, fy, FONT, small);
    const num = String(page);
    doc.font(FONT).fontSize(small);
    draw(num, pageWidth - M - doc.widthOfString(num), fy, FONT, small);
  };
  const newPage = (): void => {
    finishPage();
    doc.addPage({ size: [pageWidth, pageHeight], margin: 0 });
    page++;
    y = top;
    started = false;
    headPages = inSection2;
  };
  /** Take the next line slot, `step` below the previous one (the first slot of a new page if none is left). */
  const place = (step: number): void => {
    if (started) {
      y += step;
      if (y > bottom) newPage();
    }
    started = true;
  };
  newPage();

  let extra = 0; // blank: 'space': room left by the blank lines before this paragraph
  for (const p of paras) {
    if (p.kind === 'blank') {
      if (opts.blank === 'space') {
        extra = fontSize * 0.4;
        continue;
      }
      if (opts.blank === 'none') continue;
      // An empty paragraph takes a line slot, as in a word processor: at the top of the next
      // page when none is left on this one.
      place(lead);
      continue;
    }
    if (p.section2Title) {
      if (started) newPage();
      inSection2 = true; // running heads from the next page on
    }
    const indent = p.kind === 'item' ? TEXT_INDENT : 0;
    doc.font(FONT).fontSize(fontSize);
    const parts = wrap ? wrapLine(p.text, textWidth - indent, measure) : [p.text];
    parts.forEach((part, k) => {
      place(k === 0 ? lead + paraGap + extra : lead);
      if (k === 0) extra = 0;
      if (k === 0 && p.kind === 'item') {
        if (opts.bullet === 'glyph') draw('•', M + GLYPH_INDENT, y);
        else if (opts.bullet === 'symbol') draw('§', M + GLYPH_INDENT, y, 'ZapfDingbats');
        else if (opts.bullet === 'dingbat') draw('l', M + GLYPH_INDENT, y, 'ZapfDingbats'); // ● in ZapfDingbats
      }
      draw(part, M + indent, y);
    });
  }
  finishPage();
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

// ---------------------------------------------------------------------------------------------
// Comparing a line stream read back from such a PDF with the text's, modulo line wrapping, blank
// lines, page furniture and page numbers.

let reportText: string | undefined;
/** The bundled text report (read once). */
export function bundledReportText(): string {
  reportText ??= readFileSync(new URL('../../data/cnr-sante-nouvelle-aquitaine-2022.txt', import.meta.url), 'utf8');
  return reportText;
}

/** Lines [from, to) (0-based) of the bundled report, as text. */
export function reportFragment(from: number, to: number): string {
  return bundledReportText().split('\n').slice(from, to).join('\n');
}

/** Page footers and running heads, in the text and in PDFs built by make-pdf.ts. */
export const FURNITURE_RE = new RegExp(
  '^\\s*(?:Synthèse des ateliers CNR Santé organisés en région\\b.*\\d+' + '|Synthèses et comptes-rendus par département)\\s*$',
);

/**
 * Non-blank, non-furniture lines, normalised the way the line-stream convention allows: one
 * leading space for any leading whitespace (a bullet item), whitespace runs collapsed.
 */
export function bodyLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (l.trim() === '' || FURNITURE_RE.test(l)) continue;
    out.push((/^\s/.test(l) ? ' ' : '') + l.trim().replace(/\s+/g, ' '));
  }
  return out;
}

/** Lines starting with exactly one space (bullet items and IDEA lines). */
export function bulletLines(lines: readonly string[]): string[] {
  return bodyLines(lines).filter((l) => l.startsWith(' '));
}

/**
 * Bullet items with their wrapped continuation lines joined: each bullet line with the column-0
 * lines that follow it up to the next bullet line (blank lines and furniture ignored).
 */
export function joinedItems(lines: readonly string[]): string[] {
  const out: string[] = [];
  let cur: string[] | null = null;
  for (const l of bodyLines(lines)) {
    if (l.startsWith(' ')) {
      if (cur) out.push(cur.join(' '));
      cur = [l.trim()];
    } else if (cur) {
      cur.push(l);
    }
  }
  if (cur) out.push(cur.join(' '));
  return out;
}

/** Words of the body, with "•" where a bullet item starts: wrapping-independent. */
export function tokens(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of bodyLines(lines)) {
    if (l.startsWith(' ')) out.push('•');
    out.push(...l.trim().split(' '));
  }
  return out;
}

/** Index of the first difference of two arrays, or -1. */
export function firstDifference<T>(a: readonly T[], b: readonly T[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}
