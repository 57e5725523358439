import { createHash } from 'node:crypto';

/** sha256 of a value's JSON text (key order as built: callers build objects deterministically). */
export function sha256Json(x: unknown): string {
  return createHash('sha256').update(JSON.stringify(x)).digest('hex');
}
