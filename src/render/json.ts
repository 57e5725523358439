/**
 * JSON writers. Pure: they return text, the caller writes it.
 *
 * Deterministic: `JSON.stringify` keeps keys in insertion order (with JavaScript's one exception:
 * integer-like keys such as "16" come first, in numeric order) and formats numbers one way
 * (shortest round-trip form; -0 → 0; NaN and ±Infinity → null). Both writers end with a newline.
 */

/** Pretty JSON: 2-space indent, trailing newline. `undefined` (nothing to print) becomes `null`. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2) ?? 'null'}\n`;
}

/** One compact JSON text per line, each ending with a newline; no records → empty string. */
export function toNdjson(records: Iterable<object>): string {
  const out: string[] = [];
  for (const r of records) out.push(`${JSON.stringify(r) ?? 'null'}\n`);
  return out.join('');
}
