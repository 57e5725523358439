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
