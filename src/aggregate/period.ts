/** The announced period of the workshops, in words. Pure. */

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/**
 * [11, 12], 2022 → "en novembre et décembre 2022": the period with its accents, as French prints
 * it (the model's `announcedPeriod.text` is read from the accent-folded line).
 */
export function periodFr(months: number[], year: number): string {
  const names = months.map((m) => MONTHS[m - 1] ?? String(m));
  const list = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}`;
  return `en ${list} ${year}`;
}
