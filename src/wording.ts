/**
 * Wording shared by the notes and refusals of every layer (a layer of its own at the bottom,
 * beside model.ts and errors.ts: io, ingest and run all say lists the same way).
 */

/**
 * The first `max` items, comma-separated, then ", …" when there are more (`total`: how many
 * there are in all, when only the first few were kept): "3, 7, 12, …".
 */
export function firstFew(items: readonly (string | number)[], max: number, total = items.length): string {
  const shown = items.slice(0, max).join(', ');
  return total > Math.min(max, items.length) ? `${shown}, …` : shown;
}

/** A text cut to `max` characters, the cut said by `mark` ("…" by default) within them. */
export function clip(text: string, max: number, mark = '…'): string {
  return text.length > max ? `${text.slice(0, max - mark.length)}${mark}` : text;
}

/**
 * The indent of a line under another in a terminal table ("  · idea" under its group): no-break
 * spaces, as the table wraps a long label and would drop a leading space (review 12, #7).
 */
export const INDENT = '\u00a0\u00a0';
