/**
 * Matching a printed label to the canonical (regional) one. A general normalisation, never one
 * special case per label:
 *  1. the same after folding case, accents, apostrophes (’ / '), spacing and final punctuation;
 *  2. the same words in another order ("rendre les territoires plus attractifs" /
 *     "rendre plus attractifs les territoires");
 *  3. the same words but one expletive or elided particle ("avant qu'ils ne soient thésés" /
 *     "avant qu'ils soient thésés"): see EXPLETIVES.
 * A match must be unique among the candidates, else it is not made.
 */
import { foldKey } from './text.js';

/** Words whose presence alone does not change a category label (documented alias rule 3). */
export const EXPLETIVES = new Set(['ne', "n'", 'de', 'des', 'la', 'le', 'les', "l'", "d'"]);

export type MatchTier = 'exact' | 'folded' | 'word-order' | 'expletive';

function words(key: string): string[] {
  return key
    .replace(/([''])/g, '$1 ')
    .split(/[\s,;:.!?()/"-]+/)
    .filter((w) => w.length > 0);
}

function bag(ws: string[]): string {
  return [...ws].sort().join(' ');
}

const bagCache = new Map<string, { w: string[]; bag: string; core: string }>();

/** Words, their sorted bag, and the bag without expletives, of a label (memoised). */
function shape(label: string): { w: string[]; bag: string; core: string } {
  let s = bagCache.get(label);
  if (!s) {
    if (bagCache.size > 50_000) bagCache.clear();
    const w = words(foldKey(label));
    s = { w, bag: bag(w), core: bag(w.filter((x) => !EXPLETIVES.has(x))) };
    bagCache.set(label, s);
  }
  return s;
}

export function matchLabel(printed: string, candidates: readonly string[]): { label: string; tier: MatchTier } | null {
  if (candidates.includes(printed)) return { label: printed, tier: 'exact' };
  const key = foldKey(printed);
  const folded = candidates.filter((c) => foldKey(c) === key);
  if (folded.length === 1) return { label: folded[0]!, tier: 'folded' };
  if (folded.length > 1) return null;
  const { w, bag: b, core } = shape(printed);
  const reordered = candidates.filter((c) => shape(c).bag === b);
  if (reordered.length === 1) return { label: reordered[0]!, tier: 'word-order' };
  if (reordered.length > 1) return null;
  const expl = candidates.filter((c) => {
    const cs = shape(c);
    return Math.abs(cs.w.length - w.length) <= 1 && cs.core === core;
  });
  if (expl.length === 1) return { label: expl[0]!, tier: 'expletive' };
  return null;
}
