/**
 * Ids that the input gives (an id column or field) and that an earlier record already had: a
 * join of the output back onto the survey by id would pair them wrongly, so the run says so once
 * at the end (counted, with the first few). Ids the tool makes (row or line numbers) are unique
 * and not seen here.
 *
 * Memory stays bounded at a million records: an id is kept as a 64-bit fingerprint (two 32-bit
 * hashes of its UTF-16 code units, open addressing in two Int32Arrays, at most half full: 16 MB
 * at a million ids), not as a string (a Set of the strings took ~50 MB more at a million, over
 * the run's memory budget). Two different ids share a fingerprint with a chance of about
 * n² / 2⁶⁵ (3 · 10⁻⁸ at a million ids): a false "repeated" is that unlikely, a missed one
 * impossible.
 */
import { hashString } from '../classify/hash.js';

/** Seeds of the two hashes (any two different values). */
const SEED_A = 0x2545f491;
const SEED_B = 0x5bd1e995;
/** Repeated ids named in the message; the rest are counted. */
const EXAMPLES = 3;

export class IdRepeats {
  /** First hash per slot (0: empty; a hash of 0 is stored as 1). */
  private a = new Int32Array(1 << 10);
  private b = new Int32Array(1 << 10);
  private used = 0;
  /** Records whose id an earlier record had. */
  repeated = 0;
  readonly examples: Array<{ id: string; at: number }> = [];

  /** Record `id` (non-empty), found at `at` (a row, line or record number). */
  see(id: string, at: number): void {
    const h1 = hashString(id, SEED_A) | 0 || 1;
    const h2 = hashString(id, SEED_B) | 0;
    const a = this.a;
    const mask = a.length - 1;
    for (let p = h1 & mask; ; p = (p + 1) & mask) {
      const x = a[p]!;
      if (x === 0) {
        a[p] = h1;
        this.b[p] = h2;
        if (++this.used * 2 > a.length) this.grow();
        return;
      }
      if (x === h1 && this.b[p] === h2) {
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
    if (this.repeated === 0) return [];
    const n = this.repeated;
    const shown = this.examples.map((e) => `${JSON.stringify(e.id)} at ${where} ${e.at}`).join(', ');
    return [
      `${name}: ${n === 1 ? '1 record repeats the id of an earlier record' : `${n} records repeat the ids of earlier records`} (${source}: ${shown}${n > this.examples.length ? ', …' : ''}); each is classified, in input order, but a join on the id would pair them wrongly: give each record its own id`,
    ];
  }

  private grow(): void {
    const oa = this.a;
    const ob = this.b;
    const a = new Int32Array(oa.length * 2);
    const b = new Int32Array(oa.length * 2);
    const mask = a.length - 1;
    for (let q = 0; q < oa.length; q++) {
      const h1 = oa[q]!;
      if (h1 === 0) continue;
      let p = h1 & mask;
      while (a[p] !== 0) p = (p + 1) & mask;
      a[p] = h1;
      b[p] = ob[q]!;
    }
    this.a = a;
    this.b = b;
  }
}
