/**
 * Compact, deterministic encodings for data/model.json: unsigned LEB128 varints (with delta
 * coding for sorted indices) and int16 quantisation, both carried as base64 strings.
 */

export function encodeVarints(values: ArrayLike<number>): string {
  const bytes: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let v = values[i]!;
    if (!Number.isInteger(v) || v < 0) throw new Error(`varint: not a natural number: ${v}`);
    while (v >= 0x80) {
      bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(v);
  }
  return Buffer.from(bytes).toString('base64');
}

export function decodeVarints(b64: string, expected?: number): Float64Array {
  const bytes = Buffer.from(b64, 'base64');
  // Two passes: count the values (bytes without the continuation bit), then decode into a typed array.
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if ((bytes[i]! & 0x80) === 0) n++;
  if (expected !== undefined && n !== expected) throw new Error(`varint: expected ${expected} values, got ${n}`);
  const out = new Float64Array(n);
  let v = 0;
  let mul = 1;
  for (let i = 0, k = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    v += (b & 0x7f) * mul;
    if (b & 0x80) mul *= 128;
    else {
      out[k++] = v;
      v = 0;
      mul = 1;
    }
  }
  return out;
}

/** Sorted distinct naturals → base64 of the varint deltas. */
export function encodeSortedIndices(idx: ArrayLike<number>): string {
  const d = new Array<number>(idx.length);
  let prev = 0;
  for (let i = 0; i < idx.length; i++) {
    d[i] = idx[i]! - prev;
    prev = idx[i]!;
  }
  return encodeVarints(d);
}

export function decodeSortedIndices(b64: string, expected?: number): Int32Array {
  const d = decodeVarints(b64, expected);
  const out = new Int32Array(d.length);
  let acc = 0;
  for (let i = 0; i < d.length; i++) out[i] = acc += d[i]!;
  return out;
}

/** Quantise to int16 with one scale (max |v| / 32767); little-endian base64. */
export function quantise16(values: ArrayLike<number>): { scale: number; data: string } {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]!));
  const scale = max > 0 ? Number((max / 32767).toPrecision(9)) : 1;
  const buf = Buffer.alloc(values.length * 2);
  for (let i = 0; i < values.length; i++) buf.writeInt16LE(Math.max(-32767, Math.min(32767, Math.round(values[i]! / scale))), i * 2);
  return { scale, data: buf.toString('base64') };
}

export function dequantise16(q: { scale: number; data: string }, expected?: number): Float32Array {
  const buf = Buffer.from(q.data, 'base64');
  const n = buf.length / 2;
  if (expected !== undefined && n !== expected) throw new Error(`int16: expected ${expected} values, got ${n}`);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = buf.readInt16LE(i * 2) * q.scale;
  return out;
}

/** Round for JSON: a fixed number of significant digits, so output is stable and short. */
export function round(x: number, digits = 6): number {
  return x === 0 ? 0 : Number(x.toPrecision(digits));
}
