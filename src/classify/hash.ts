/**
 * 32-bit hashing for feature hashing, computed incrementally over character codes so that no
 * n-gram string is ever built. FNV-1a for the running hash, murmur3's fmix32 as a finaliser.
 * Pure integer arithmetic (Math.imul): identical on every platform and Node version.
 */

export const FNV_OFFSET = 0x811c9dc5;

export function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193);
}

/** FNV-1a of a whole string (UTF-16 code units), then fmix32. */
export function hashString(s: string, seed = 0): number {
  let h = FNV_OFFSET ^ seed;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return fmix32(h);
}

/** murmur3 finaliser: avalanches all bits. Returns an unsigned 32-bit integer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combine two hashes (order matters: "pas assez" ≠ "assez pas"). */
export function combine(a: number, b: number): number {
  return fmix32(Math.imul(a, 0x9e3779b1) ^ (b + 0x7f4a7c15));
}

/** Map a 32-bit hash to [0, 2^bits). */
export function bucket(h: number, bits: number): number {
  return h >>> (32 - bits);
}
