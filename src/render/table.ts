/**
 * Terminal tables (cli-table3). Pure: returns the text, ending with a newline.
 *
 *  - No ANSI code at all when `color` is false: cli-table3's own header/border colours are
 *    switched off (style head/border = []) and the only colour is ours (bold headers and title,
 *    through src/io/color.ts) when `color` is true. Control characters in cells (ESC, …) are shown
 *    as "\ufffd", so data can never emit escape sequences.
 *  - Columns whose non-empty cells are all numbers are right-aligned (override with `align`).
 *  - Width: the table fits in `maxWidth` columns (default 120) when it can. Text columns are
 *    narrowed first, widest first, down to 10 characters; number columns keep their digits (only
 *    their headers may wrap). Cells are wrapped here, at spaces (non-breaking spaces of French
 *    typography, as in "« texte »", are kept), and a word longer than the column is cut across
 *    lines, never truncated: no text is lost.
 *  - One line per row (no separator lines between rows), wrapped cells continue below.
 */
import Table from 'cli-table3';
import { paint } from '../io/color.js';

export interface TableColumn {
  key: string;
  header?: string;
  align?: 'left' | 'right';
}

export interface TableOptions {
  color: boolean;
  /** Printed on the line above the table. */
  title?: string;
  /** Total width to fit in (terminal columns), default 120. */
  maxWidth?: number;
}

export const DEFAULT_TABLE_WIDTH = 120;
const MIN_TEXT_WIDTH = 10;

// East Asian wide and fullwidth ranges, and emoji: two columns.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
const ZERO = /\p{M}|[\u200b-\u200f]|[\ufe00-\ufe0f]/u;

function charWidth(ch: string): number {
  if (ZERO.test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

/** Terminal columns taken by a single-line string without escape codes. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : '';
  else if (typeof v === 'boolean' || typeof v === 'bigint') s = String(v);
  else if (v instanceof Date) s = Number.isNaN(v.getTime()) ? '' : v.toISOString();
  else s = JSON.stringify(v) ?? '';
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** Wrap one cell to `width` columns: at spaces, cutting only words longer than the width. */
export function wrapText(text: string, width: number): string {
  if (width < 1) return text;
  const out: string[] = [];
  for (const para of text.split('\n')) {
    if (displayWidth(para) <= width) {
      out.push(para);
      continue;
    }
    let line = '';
    let lineW = 0;
    for (const word of para.split(/ +/)) {
      if (word === '') continue;
      const w = displayWidth(word);
      if (lineW > 0 && lineW + 1 + w <= width) {
        line += ` ${word}`;
        lineW += 1 + w;
        continue;
      }
      if (lineW > 0) out.push(line);
      if (w <= width) {
        line = word;
        lineW = w;
        continue;
      }
      // A word wider than the column: cut it (marks stay with their base character).
      line = '';
      lineW = 0;
      for (const ch of word) {
        const cw = charWidth(ch);
        if (lineW + cw > width && lineW > 0) {
          out.push(line);
          line = '';
          lineW = 0;
        }
        line += ch;
        lineW += cw;
      }
    }
    out.push(line);
  }
  return out.join('\n');
}

function textWidth(s: string): number {
  let w = 0;
  for (const l of s.split('\n')) w = Math.max(w, displayWidth(l));
  return w;
}

/**
 * Lower the widest of `widths` (not below `mins`) until their sum is at most `budget`
 * (water-filling: every column above the final cap is set to the cap).
 */
function fit(widths: number[], mins: number[], budget: number): number[] {
  const sumAt = (cap: number) => widths.reduce((s, w, i) => s + Math.max(mins[i]!, Math.min(w, cap)), 0);
  if (sumAt(Infinity) <= budget) return widths;
  let lo = 0;
  let hi = Math.max(0, ...widths);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sumAt(mid) <= budget) lo = mid;
    else hi = mid - 1;
  }
  const res = widths.map((w, i) => Math.max(mins[i]!, Math.min(w, lo)));
  let left = budget - res.reduce((a, b) => a + b, 0);
  for (let i = 0; i < res.length && left > 0; i++) {
    if (widths[i]! > res[i]!) {
      res[i]!++;
      left--;
    }
  }
  return res;
}

export function toTable(rows: Record<string, unknown>[], columns: TableColumn[], opts: TableOptions): string {
  const c = paint(opts.color);
  const maxWidth = opts.maxWidth ?? DEFAULT_TABLE_WIDTH;
  const n = columns.length;
  const title = opts.title ? `${c.bold(cellText(opts.title))}\n` : '';
  if (n === 0) return title;

  const headers = columns.map((col) => cellText(col.header ?? col.key));
  const cells = rows.map((r) => columns.map((col) => cellText(r[col.key])));
  const numeric = columns.map((col) => {
    let any = false;
    for (const r of rows) {
      const v = r[col.key];
      if (v === null || v === undefined || v === '') continue;
      if (typeof v !== 'number') return false;
      any = true;
    }
    return any;
  });
  const align = columns.map((col, j) => col.align ?? (numeric[j] ? 'right' : 'left'));

  const valueW = columns.map((_, j) => cells.reduce((m, r) => Math.max(m, textWidth(r[j]!)), 0));
  const natural = columns.map((_, j) => Math.max(1, valueW[j]!, textWidth(headers[j]!)));
  // Each column takes its content + 2 (padding) + 1 (border), plus the closing border.
  const budget = maxWidth - 3 * n - 1;
  const widths = natural.slice();
  const sum = () => widths.reduce((a, b) => a + b, 0);
  const idx = columns.map((_, j) => j);
  const numIdx = idx.filter((j) => numeric[j]);
  const textIdx = idx.filter((j) => !numeric[j]);
  const longestWord = (s: string) => Math.max(0, ...s.split(/[ \n]+/).map(displayWidth));
  // Narrow the columns `js` (water-filling, not below `mins`) so that the table fits if possible.
  const squeeze = (js: number[], mins: (j: number) => number): void => {
    if (sum() <= budget || js.length === 0) return;
    const others = sum() - js.reduce((s, j) => s + widths[j]!, 0);
    const f = fit(
      js.map((j) => widths[j]!),
      js.map((j) => Math.min(widths[j]!, mins(j))),
      budget - others,
    );
    js.forEach((j, k) => (widths[j] = f[k]!));
  };
  // 1. number columns: wrap their headers at spaces (nothing is cut);
  squeeze(numIdx, (j) => Math.max(1, valueW[j]!, longestWord(headers[j]!)));
  // 2. text columns, widest first, down to 10 columns or their header's longest word;
  squeeze(textIdx, (j) => Math.max(MIN_TEXT_WIDTH, longestWord(headers[j]!)));
  // 3. then text columns down to 10, and number headers down to their values.
  squeeze(textIdx, () => MIN_TEXT_WIDTH);
  squeeze(numIdx, (j) => Math.max(1, valueW[j]!));

  const head = headers.map((h, j) =>
    wrapText(h, widths[j]!)
      .split('\n')
      .map((l) => (opts.color ? c.bold(l) : l))
      .join('\n'),
  );
  const table = new Table({
    head,
    colWidths: widths.map((w) => w + 2),
    colAligns: align,
    wordWrap: false,
    // compact: a rule under the header, none between rows.
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1, compact: true },
  });
  for (const r of cells) table.push(r.map((s, j) => wrapText(s, widths[j]!)));
  return `${title}${table.toString()}\n`;
}
