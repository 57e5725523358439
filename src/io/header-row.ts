/**
 * Where a table's header is, for the CSV and sheet readers of `classify`: row 1, unless rows above
 * the real header hold a title (a LimeSurvey title line, Framaforms' fieldset row, a merged title
 * cell, empty rows above a table that starts lower), and whether the row under the header is
 * SurveyMonkey's second header row ("Réponse ouverte", "Open-Ended Response"…), to be skipped.
 * Pure: the readers give the first rows as cells and say what was found.
 */
import { ID_COLUMNS, TEXT_COLUMNS, normalizeColumnName } from './columns.js';
import { clip } from '../wording.js';

/** Rows looked at for the header: a title block is a few rows. */
export const HEADER_SCAN_ROWS = 10;

/** The labels SurveyMonkey writes under its question texts (row 2 of its CSV and XLSX exports), normalized. */
const SUB_HEADERS = new Set(
  ['Response', 'Open-Ended Response', 'Réponse', 'Réponse ouverte', 'Other (please specify)', 'Autre (veuillez préciser)'].map(normalizeColumnName),
);

export interface HeaderRow {
  /** Index (0-based, among the rows given) of the header. */
  index: number;
  /** The row under the header is a second header row (SurveyMonkey): skipped. */
  subHeader: boolean;
  /** Row 1 looks like a title above a wider table, but no row under it names a known column (index 0). */
  titleAbove: boolean;
}

const filled = (r: readonly string[]) => r.reduce((n, c) => (c.trim() === '' ? n : n + 1), 0);
/** A title or blank row: at most one cell, or mostly empty cells. */
const titleLike = (r: readonly string[]) => {
  const n = filled(r);
  return n <= 1 || n * 2 < r.length;
};

/** The non-empty cells of a row are all SurveyMonkey sub-header labels (and there is one at least). */
export function isSubHeaderRow(r: readonly string[]): boolean {
  let any = false;
  for (const c of r) {
    if (c.trim() === '') continue;
    if (!SUB_HEADERS.has(normalizeColumnName(c))) return false;
    any = true;
  }
  return any;
}

/**
 * The header among a table's first rows: row 1 when it names a known column (TEXT_COLUMNS,
 * ID_COLUMNS, or `also`: the user's --text-column / --id-column) or does not look like a title;
 * else the first of the next rows (up to HEADER_SCAN_ROWS) that names a known column (of `names`
 * when given) with most of its cells filled, all rows above it being title-like (at most one cell,
 * or mostly empty).
 */
export function findHeaderRow(rows: readonly (readonly string[])[], also: Array<string | undefined> = [], names?: readonly string[]): HeaderRow {
  const known = new Set([...(names ?? [...TEXT_COLUMNS, ...ID_COLUMNS]), ...also.filter((x): x is string => x !== undefined)].map(normalizeColumnName));
  const hasKnown = (r: readonly string[]) => r.some((c) => known.has(normalizeColumnName(c)));
  let index = 0;
  let titleAbove = false;
  const first = rows[0];
  if (first && !hasKnown(first) && titleLike(first)) {
    const end = Math.min(rows.length, HEADER_SCAN_ROWS);
    for (let i = 1; i < end; i++) {
      const r = rows[i]!;
      if (hasKnown(r) && filled(r) * 2 > r.length) {
        index = i;
        break;
      }
      if (!titleLike(r)) break;
    }
    // No header found: a title is what row 1 is when a wider row comes under it.
    if (index === 0) titleAbove = rows.slice(1, end).some((r) => filled(r) > Math.max(1, filled(first)));
  }
  const next = rows[index + 1];
  return { index, subHeader: next !== undefined && isSubHeaderRow(next), titleAbove };
}

/** What a note shows of the rows above the header (on row `headerRow`): `rows 1–2 above it: "Consultation…"`. */
export function aboveHeader(rows: readonly (readonly string[])[], index: number, headerRow: number): string {
  const which = headerRow === 2 ? 'row 1' : `rows 1–${headerRow - 1}`;
  const cell = rows
    .slice(0, index)
    .flat()
    .map((c) => c.trim().replace(/\s+/g, ' '))
    .find((c) => c !== '');
  if (cell === undefined) return `${which} above it ${headerRow === 2 ? 'is' : 'are'} empty`;
  return `${which} above it: "${clip(cell, 40)}"`;
}
