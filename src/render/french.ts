/** French formatting and words of the HTML report: numbers, percents, kinds, statuses. Pure. */
import type { Kind } from '../model.js';

export const NBSP = '\u00a0';

/** 1811 → "1 811" (no-break space), 50.14 → "50,14". */
export function frNumber(n: number, digits = 0): string {
  const s = digits > 0 ? n.toFixed(digits) : String(Math.round(n));
  const [int, dec] = s.split('.');
  const neg = int!.startsWith('-');
  const grouped = (neg ? int!.slice(1) : int!).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${neg ? '−' : ''}${grouped}${dec ? `,${dec}` : ''}`;
}

/** 25.4 → "25,4 %"; null → "—". */
export function frPercent(p: number | null | undefined, digits = 1): string {
  return p === null || p === undefined ? '—' : `${frNumber(p, digits)}${NBSP}%`;
}

export const KIND_FR: Record<Kind, { plural: string; Plural: string; one: string }> = {
  probleme: { plural: 'problèmes', Plural: 'Problèmes', one: 'problème' },
  solution: { plural: 'solutions', Plural: 'Solutions', one: 'solution' },
};

/** Classify's statuses (codes in the NDJSON) as the report says them; an unknown one is shown as is. */
const STATUS_FR: Record<string, string> = { ok: 'classé', uncertain: 'incertain', out_of_scheme: 'hors grille', empty: 'vide' };
export function statusFr(status: string): string {
  return STATUS_FR[status] ?? status;
}

export function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('fr') + s.slice(1);
}
