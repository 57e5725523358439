/**
 * Which write-up of the report is which row of a département's workshops table: matched by place
 * name (exact, contained, one typo). One definition for the audit, the workshops table and the
 * HTML report.
 */
import type { Departement, Report, Workshop, WorkshopTableRow } from '../model.js';
import { foldKey } from '../ingest/text.js';

/** Place names as keys: "BORDEAUX-CENON" ~ "Bordeaux / Cenon", "Biscarosse" ~ "Biscarrosse". */
function placeKey(s: string): string {
  return foldKey(s)
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/** The report of a département table row, matched by place name (exact, contained, one typo). */
export function matchWorkshop(row: WorkshopTableRow, reports: Workshop[]): Workshop | undefined {
  const rk = placeKey(row.lieu);
  const candidates = reports.map((w) => ({ w, keys: [placeKey(w.title), placeKey(w.lieu)] }));
  const exact = candidates.find((c) => c.keys.includes(rk));
  if (exact) return exact.w;
  const contains = candidates.find((c) => c.keys.some((k) => k.length > 2 && (rk.includes(k) || k.includes(rk))));
  if (contains) return contains.w;
  // One typo ("Biscarosse" / "Biscarrosse").
  return candidates.find((c) => c.keys.some((k) => editDistance(k, rk) <= 1))?.w;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/**
 * A département's table rows, each with its write-up (or none), in table order, and the write-ups
 * no row names.
 */
export function pairWorkshops(report: Report, d: Departement): { pairs: { row: WorkshopTableRow; report: Workshop | undefined }[]; left: Workshop[] } {
  const left = new Set(report.workshops.filter((w) => w.departement === d.code));
  const pairs = d.workshopsTable.map((row) => {
    const w = matchWorkshop(row, [...left]);
    if (w) left.delete(w);
    return { row, report: w };
  });
  return { pairs, left: [...left] };
}
