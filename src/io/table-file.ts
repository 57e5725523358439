/**
 * Reading an expected-rows file for `tables --check`: the JSON or CSV that `tables` itself wrote
 * (plain or --excel-fr). Small files: read whole.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { decodeText } from './encoding.js';
import { readInput } from './files.js';

export async function readTableFile(path: string): Promise<Array<Record<string, unknown>>> {
  const f = await readInput(path);
  if (f.bytes.length === 0) throw new InputError('empty --check file (write one with the same tables command and -o)', f.name);
  const { text } = decodeText(f.bytes, undefined, f.name);
  if (/\.json$/i.test(f.name) || /^\s*[[{]/.test(text)) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw new InputError(`not valid JSON (${(e as Error).message}); write it with --format json -o`, f.name);
    }
    const rows = Array.isArray(v) ? v : (v as { rows?: unknown }).rows;
    if (!Array.isArray(rows)) throw new InputError('JSON has no "rows" array (write it with tables --format json -o)', f.name);
    return rows as Array<Record<string, unknown>>;
  }
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : header.includes('\t') && !header.includes(',') ? '\t' : ',';
  try {
    return parse<Record<string, string>>(text, { columns: true, bom: true, delimiter, skip_empty_lines: true });
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new InputError(`not a readable CSV (${err.message.replace(/^Invalid[^:]*:\s*/, '')})`, f.name, err.lines);
  }
}
