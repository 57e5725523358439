/**
 * The CI drift gate: compare rows with a committed expected file (rows as strings, from CSV or
 * JSON). Rows are identified by their key columns; values are compared as printed numbers. Pure.
 */
import { InputError } from '../errors.js';
import { excelConstant } from '../io/excel-text.js';

export interface Drift {
  change: 'changed' | 'added' | 'removed';
  key: Record<string, string>;
  /** Column → [expected, actual] for changed rows. */
  values: Record<string, [string, string]>;
  /** 1-based data row of the expected file (removed/changed). */
  row?: number;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  // French Excel CSV: decimal comma, neutralised formulas.
  return String(v);
}

function normalise(v: string): string {
  // --excel-fr writes a text a spreadsheet would read as a number or a date as ="…" (the section
  // ="2.1.2", the département ="33"): the text is inside.
  const s = excelConstant(v)
    .replace(/^'(?=[=+\-@])/, '')
    .trim();
  return /^-?\d+,\d+$/.test(s) ? s.replace(',', '.') : s;
}

export function compareRows(
  expected: Array<Record<string, unknown>>,
  actual: Array<Record<string, unknown>>,
  opts: { keys: string[]; values: string[]; file: string; allowed?: Record<string, readonly string[]> },
): Drift[] {
  const cols = new Set(Object.keys(expected[0] ?? {}));
  if (expected.length > 0) {
    const missing = [...opts.keys, ...opts.values].filter((c) => !cols.has(c));
    if (missing.length > 0) {
      throw new InputError(
        `--check file lacks column(s) ${missing.join(', ')} (columns found: ${[...cols].join(', ')}); regenerate it with the same tables command and -o`,
        opts.file,
      );
    }
  }
  expected.forEach((row, i) => {
    for (const [col, allowed] of Object.entries(opts.allowed ?? {})) {
      const v = normalise(cell(row[col]));
      if (v !== '' && !allowed.includes(v)) {
        throw new InputError(`unknown ${col} "${v}" on data row ${i + 1} (expected one of: ${allowed.join(', ')})`, opts.file);
      }
    }
  });
  const keyOf = (r: Record<string, unknown>) => opts.keys.map((k) => normalise(cell(r[k]))).join('\u0000');
  const act = new Map<string, Record<string, unknown>>();
  for (const r of actual) act.set(keyOf(r), r);
  const seen = new Set<string>();
  const drifts: Drift[] = [];
  const keyObj = (r: Record<string, unknown>) => Object.fromEntries(opts.keys.map((k) => [k, normalise(cell(r[k]))]));
  expected.forEach((e, i) => {
    const k = keyOf(e);
    seen.add(k);
    const a = act.get(k);
    if (!a) {
      drifts.push({ change: 'removed', key: keyObj(e), values: {}, row: i + 1 });
      return;
    }
    const values: Record<string, [string, string]> = {};
    for (const v of opts.values) {
      const ev = normalise(cell(e[v]));
      const av = normalise(cell(a[v]));
      if (ev !== av && Number(ev) !== Number(av)) values[v] = [ev, av];
      else if (ev !== av && (ev === '' || av === '')) values[v] = [ev, av];
    }
    if (Object.keys(values).length > 0) drifts.push({ change: 'changed', key: keyObj(e), values, row: i + 1 });
  });
  for (const a of actual) if (!seen.has(keyOf(a))) drifts.push({ change: 'added', key: keyObj(a), values: {} });
  return drifts;
}

/** A readable diff, one line per row: `changed  region T1 solution group "…": count 187 → 186`. */
export function renderDrift(drifts: Drift[]): string {
  return drifts
    .map((d) => {
      const k = d.key;
      const where = [k.scope, k.departement, k.thematique ? `T${k.thematique}` : '', k.kind, k.level].filter((x) => x).join(' ');
      const label = k.label !== undefined ? ` "${k.label}"` : '';
      const vals = Object.entries(d.values)
        .map(([c, [a, b]]) => `${c} ${a || '∅'} → ${b || '∅'}`)
        .join(', ');
      return `${d.change.padEnd(8)} ${where}${label}${vals ? `: ${vals}` : ''}${d.row ? ` (expected row ${d.row})` : ''}`;
    })
    .join('\n');
}
