/**
 * Ids that the input gives (an id column or field) and that an earlier record already had: a
 * join of the output back onto the survey by id would pair them wrongly, so the run says so once
 * at the end (counted, with the first few). Ids the tool makes (row or line numbers) are unique
 * and not seen here.
 *
 * An id is kept as a 64-bit fingerprint (two 32-bit hashes of its UTF-16 code units, computed
 * in one pass; open addressing in one Int32Array of pairs, so that a probe reads one cache line;
 * at most half full), not as a string (a Set of the strings took ~50 MB more at a million). Two
 * different ids share a fingerprint with a chance of about n² / 2⁶⁵ (10⁻⁸ at MAX_KEPT ids): a
 * false "repeated" is that unlikely, a missed one impossible among the ids kept.
 *
 * Memory is bounded: the first MAX_KEPT ids are kept (an 8 MB table); later ids are compared with
 * those, not kept, and the run says so. Keeping every id of the bench's million records cost
 * 25 MB of peak RSS (250 MB, the budget) and 6 % of the run's time (cache misses in a 16 MB table).
 */
import { FNV_OFFSET, fmix32, fnvStep } from '../classify/hash.js';
import { firstFew } from '../wording.js';

/** Seeds of the two hashes (any two different values). */
const SEED_A = 0x2545f491;
const SEED_B = 0x5bd1e995;
/** Repeated ids named in the message; the rest are counted. */
const EXAMPLES = 3;
/** Ids kept (see the module comment): a survey export has far fewer rows. */
export const MAX_KEPT = 1 << 19;

export class IdRepeats {
  /** Slot p: the first hash at 2p (0: empty; a hash of 0 is stored as 1), the second at 2p + 1. */
  private t = new Int32Array(2 << 10);
  private used = 0;
  /** Records whose id an earlier record had. */
  repeated = 0;
  /** Ids seen after the table was full: compared with the kept ones, not kept. */
  unkept = 0;
  readonly examples: Array<{ id: string; at: number }> = [];

  /** Record `id` (non-empty), found at `at` (a row, line or record number). */
  see(id: string, at: number): void {
    // FNV-1a with two seeds in one pass, each finished by fmix32 (as hashString, twice).
    let a = FNV_OFFSET ^ SEED_A;
    let b = FNV_OFFSET ^ SEED_B;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      a = fnvStep(a, c);
      b = fnvStep(b, c);
    }
    const h1 = fmix32(a) | 0 || 1;
    const h2 = fmix32(b) | 0;
    const t = this.t;
    const mask = (t.length >> 1) - 1;
    for (let p = h1 & mask; ; p = (p + 1) & mask) {
      const x = t[2 * p]!;
      if (x === 0) {
        if (this.used >= MAX_KEPT) {
          this.unkept++;
          return;
        }
        t[2 * p] = h1;
        t[2 * p + 1] = h2;
        if (++this.used * 4 > t.length) this.grow();
        return;
      }
      if (x === h1 && t[2 * p + 1] === h2) {
        this.repeated++;
        if (this.examples.length < EXAMPLES) this.examples.push({ id, at });
        return;
      }
    }
  }

  /**
   * The line for stderr, or none: `where` names the positions ("row", "line", "record"), `source`
   * the id's column or field.
   */
  summary(name: string, where: 'row' | 'line' | 'record', source: string): string[] {
    const out: string[] = [];
    const n = this.repeated;
    const shown = this.examples.map((e) => `${JSON.stringify(e.id)} at ${where} ${e.at}`);
    if (n > 0)
      out.push(
        `${name}: ${n === 1 ? '1 record repeats the id of an earlier record' : `${n} records repeat the ids of earlier records`} (${source}: ${firstFew(shown, this.examples.length, n)}); each is classified, in input order, but a join on the id would pair them wrongly: give each record its own id`,
      );
    if (this.unkept > 0)
      out.push(
        `${name}: ids were compared for repeats with the first ${MAX_KEPT} only (a memory bound): ${this.unkept} later ids were not compared with each other`,
      );
    return out;
  }

  private grow(): void {
    const old = this.t;
    const t = new Int32Array(old.length * 2);
    const mask = (t.length >> 1) - 1;
    for (let q = 0; q < old.length; q += 2) {
      const h1 = old[q]!;
      if (h1 === 0) continue;
      let p = h1 & mask;
      while (t[2 * p] !== 0) p = (p + 1) & mask;
      t[2 * p] = h1;
      t[2 * p + 1] = old[q + 1]!;
    }
    this.t = t;
  }
}
