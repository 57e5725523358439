/** Reading coded JSONL files (data/labels/README.md): `eval --labels/--coded/--agreement`, training examples. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import type { CodedLine } from '../model.js';
import { checkCodedIds, codedExamples, type CodedExample, type Taxonomy } from '../classify/taxonomy.js';
import { DATA_DIR, displayName } from './files.js';
import { normalizeColumnName } from './columns.js';
import { note } from './stdio.js';
import { readNdjson } from './ndjson.js';
import { firstFew } from '../wording.js';

/** The team-coded workshop verbatims of the bundled report. */
export const BUNDLED_CODED = join(DATA_DIR, 'labels', 'workshop-coded.jsonl');
/** The bundled training files for the bundled report: the workshop codes, other documents' statements, lines that state nothing. */
export const BUNDLED_EXAMPLES = [BUNDLED_CODED, join(DATA_DIR, 'labels', 'other-docs-train.jsonl'), join(DATA_DIR, 'labels', 'non-statements-train.jsonl')];

/** A corrected workbook as read (src/io/excel.ts `readCodedWorkbook`; exceljs lives there). */
export type XlsxRows = (path: string, file: string) => Promise<import('./excel.js').CodedWorkbook>;

/** What the reader checks corrected rows against: the scheme's group and idea labels (as classify wrote them beside the ids). */
export interface CodedCheck {
  labels: ReadonlyMap<string, string>;
}

/** The labels of a taxonomy's groups and ideas by id. */
export function schemeLabels(tax: Taxonomy): Map<string, string> {
  const m = new Map<string, string>();
  for (const b of tax.branches)
    for (const g of b.groups) {
      m.set(g.id, g.label);
      for (const i of g.ideas) m.set(i.id, i.label);
    }
  return m;
}

/**
 * A coded file: JSONL (data/labels/README.md), or a CSV / XLSX table such as a corrected
 * `classify` output, with columns text, group_id, idea_id (English or usual French names: see
 * CODED_COLUMNS), optionally thematique_id, kind, status, id and weight (see `codedRow`). A table
 * is read row by row with one rule (`codedRow`), and what was read is said on stderr in one line
 * (sheet or separator and encoding, rows read as statements with a group, as non-statements,
 * skipped); `check` adds the warning about unchanged model output.
 */
export async function readCoded(path: string, xlsxRows?: XlsxRows, check?: CodedCheck): Promise<{ name: string; coded: CodedLine[] }> {
  const name = displayName(path);
  try {
    statSync(path);
  } catch {
    throw new InputError('no such file (check the path)', name);
  }
  if (/\.(ods|fods)$/i.test(path))
    throw new InputError('ODS (LibreOffice Calc) files are not read: save it as .xlsx (File > Save As, "Excel 2007-365") or export the sheet as CSV', name);
  if (/\.xls$/i.test(path)) throw new InputError('old Excel .xls files are not read: save it as .xlsx, or export the sheet as CSV', name);
  let coded: CodedLine[] = [];
  if (/\.(csv|tsv|txt)$/i.test(path)) {
    const t = await readCodedCsv(path, name);
    coded = codedTable(t.headers, t.rows, name, `read as CSV (separator ${t.separator}, encoding ${t.encoding})`, check);
  } else if (/\.xlsx$/i.test(path)) {
    if (!xlsxRows) throw new UsageError('XLSX files are read by the train and eval commands only', name);
    const wb = await xlsxRows(path, name);
    const sh = wb.sheet;
    const what = `read sheet "${sh.name}"${wb.review ? '' : ` (no sheet named "review": the first of ${wb.sheets.map((x) => `"${x}"`).join(', ')})`}`;
    coded = codedTable(sh.headers, sh.rows, name, what, check, normalizeColumnName(sh.name) === 'classify');
    const hidden = (await import('./excel.js')).hiddenRowsNote(sh.name, sh.hiddenRows);
    if (hidden !== null) note(`${name}: ${hidden}`);
    if (wb.classify && check) editedElsewhere(wb.classify, sh, name, check);
  } else {
    for await (const r of readNdjson(createReadStream(path), { file: name })) coded.push(parseCoded(r.value, r.line, name));
    if (coded.length === 0) throw new UsageError('no coded line in this file', name);
  }
  return { name, coded };
}

/** A CSV of corrected rows: header keys, rows with their line numbers, and the guesses made. */
async function readCodedCsv(
  path: string,
  name: string,
): Promise<{ headers: string[]; rows: Array<{ row: number; record: Record<string, unknown> }>; separator: string; encoding: string }> {
  const { readInput } = await import('./files.js');
  const { decodeText } = await import('./encoding.js');
  const { parse } = await import('csv-parse/sync');
  const f = await readInput(path);
  if (f.bytes.length === 0) throw new InputError('empty file: expected a header row (text, group_id, idea_id…) and corrected rows', name);
  const { text, encoding, bom } = decodeText(f.bytes, undefined, name);
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => header.split(c).length - 1;
  const delimiter = count(';') > count(',') ? ';' : header.includes('\t') && !header.includes(',') ? '\t' : ',';
  let parsed: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    parsed = parse<{ record: Record<string, string>; info: { lines: number } }>(text, {
      columns: true,
      bom: true,
      delimiter,
      skip_empty_lines: true,
      info: true,
    });
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new InputError(`not a readable CSV (${err.message.replace(/^Invalid[^:]*:\s*/, '')})`, name, err.lines);
  }
  const rows: string[][] = parse(header, { bom: true, delimiter, relax_column_count: true });
  const headers = rows[0] ?? [];
  return {
    headers,
    rows: parsed.map((p) => ({ row: p.info.lines, record: p.record })),
    separator: delimiter === '\t' ? 'tab' : `"${delimiter}"`,
    encoding: `${encoding}${bom ? ' with BOM' : ''}`,
  };
}

/**
 * The columns of a corrected table, in order of preference: the names classify writes first
 * (so that its passed-through input column "texte" loses to its "text"), then the usual French
 * names, matched case-, accent- and separator-insensitively (normalizeColumnName).
 */
export const CODED_COLUMNS = {
  text: ['text', 'cnr_text', 'texte', 'verbatim', 'contribution', 'texte du verbatim'],
  group: ['group_id', 'cnr_group_id', 'group', 'groupe', 'id groupe', 'groupe id', 'id du groupe', 'code groupe', 'group id'],
  idea: ['idea_id', 'cnr_idea_id', 'idea', 'idée', 'id idée', 'idée id', "id de l'idée", 'code idée', 'idea id'],
  thematique: ['thematique_id', 'cnr_thematique_id', 'thématique', 'id thématique', 'thème'],
  kind: ['kind', 'cnr_kind'],
  status: ['status', 'cnr_status', 'statut'],
  id: ['id', 'cnr_id', 'identifiant'],
  weight: ['weight', 'poids'],
} as const;
type CodedColumn = keyof typeof CODED_COLUMNS;

/** Which header holds each coded column (undefined: none). */
export function codedColumns(headers: readonly string[]): Partial<Record<CodedColumn, string>> {
  const out: Partial<Record<CodedColumn, string>> = {};
  const norm = headers.map((h) => normalizeColumnName(h));
  for (const [k, names] of Object.entries(CODED_COLUMNS) as Array<[CodedColumn, readonly string[]]>) {
    for (const n of names) {
      const exact = headers.indexOf(n);
      const i = exact >= 0 ? exact : norm.indexOf(normalizeColumnName(n));
      if (i >= 0) {
        out[k] = headers[i]!;
        break;
      }
    }
  }
  return out;
}

/** How one corrected row was read (`codedRow`). */
export interface CodedRowReading {
  coded: CodedLine | null;
  /** group: a statement of its group; none: a line that states nothing; skip: no text. */
  as: 'group' | 'none' | 'skip';
  /** The row's status said otherwise (the model's, left as it was): out_of_scheme on a row with a group, ok on a row without. */
  statusOverridden: boolean;
  /** The row's thematique_id or kind contradicts its group's (left as classify wrote them). */
  contradicts: string | null;
}

/**
 * The one rule of a corrected row, for train and eval alike: a filled group_id is the analyst's
 * decision and wins over the row's status (the model's, left as it was): the row is a statement
 * of that group, with the group's thématique and kind (a thematique_id or kind column that
 * contradicts it is reported, not used); an empty group_id is a line that states nothing,
 * whatever the status; a row without text is skipped. An idea_id must be an idea of the group
 * (with an empty group_id: refused, "fill group_id").
 */
export function codedRow(
  r: Record<string, unknown>,
  line: number,
  file: string,
  cols: Partial<Record<CodedColumn, string>> = codedColumns(Object.keys(r)),
): CodedRowReading {
  const cell = (k: CodedColumn) => {
    const h = cols[k];
    return h === undefined ? '' : String(r[h] ?? '').trim();
  };
  const text = cell('text');
  if (!text) return { coded: null, as: 'skip', statusOverridden: false, contradicts: null };
  const group = cell('group');
  const idea = cell('idea');
  const status = cell('status');
  const m = /^(t[1-4])\.(probleme|solution)\.g\d+$/.exec(group);
  if (group && !m) throw new InputError(`"${group}" is not a group id (t1.solution.g01…; see cnr-synth taxonomy)`, file, line);
  if (idea && !group) {
    const g = /^(t[1-4]\.(probleme|solution)\.g\d+)\.i\d+$/.exec(idea)?.[1];
    throw new InputError(
      `idea "${idea}" with an empty ${cols.group ?? 'group_id'}: fill ${cols.group ?? 'group_id'}${g ? ` (${g})` : ''}, or empty the idea for a line that states nothing`,
      file,
      line,
    );
  }
  if (idea && !idea.startsWith(`${group}.`)) throw new InputError(`idea "${idea}" is not an idea of group "${group}"`, file, line);
  const v: Record<string, unknown> = { text, id: cell('id') || `${file}:${line}` };
  const weight = cell('weight');
  const n = Number(weight.replace(',', '.'));
  if (weight) v.weight = Number.isFinite(n) ? n : weight;
  if (!m) {
    v.status = 'out_of_scheme';
    return { coded: parseCoded(v, line, file), as: 'none', statusOverridden: status === 'ok', contradicts: null };
  }
  v.status = 'ok';
  v.thematique = m[1];
  v.kind = m[2];
  v.group = group;
  // An empty idea cell is not scored (eval) and trains the group alone (as an idea of null would).
  if (idea) v.idea = idea;
  const t = cell('thematique').toLowerCase();
  const k = cell('kind').toLowerCase();
  const tn = /^[1-4]$/.test(t) ? `t${t}` : t;
  const bad = [tn && tn !== m[1] ? `${cols.thematique} ${t}` : '', k && k !== m[2] ? `${cols.kind} ${k}` : ''].filter(Boolean).join(', ');
  return { coded: parseCoded(v, line, file), as: 'group', statusOverridden: status === 'out_of_scheme', contradicts: bad ? `${bad} vs ${group}` : null };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const firstLines = (xs: number[]) => `${xs.length === 1 ? 'line' : 'lines'} ${firstFew(xs, 3)}`;

/** The rows of a corrected table read with `codedRow`, what was read said on stderr (see readCoded). */
function codedTable(
  headers: readonly string[],
  rows: ReadonlyArray<{ row: number; record: Record<string, unknown> }>,
  file: string,
  what: string,
  check: CodedCheck | undefined,
  classifySheet = false,
): CodedLine[] {
  const cols = codedColumns(headers);
  const found = `columns found: ${headers.map((h) => `"${h}"`).join(', ') || 'none'}`;
  if (!cols.text) throw new InputError(`no text column (${found}): name the column of the texts "text" (or "texte")`, file);
  if (!cols.group)
    throw new InputError(`no group_id column (${found}): name the column of the corrected group ids "group_id" (or "groupe"), the ideas' "idea_id"`, file);
  const coded: CodedLine[] = [];
  let groups = 0;
  let none = 0;
  let skipped = 0;
  const overGroup: number[] = [];
  const overNone: number[] = [];
  const contra: Array<{ line: number; what: string }> = [];
  for (const { row, record } of rows) {
    const r = codedRow(record, row, file, cols);
    if (r.as === 'skip') {
      skipped++;
      continue;
    }
    const c = r.coded!;
    // Unknown ids refused here, before anything is said (one line on stderr).
    if (check && c.group && !check.labels.has(c.group)) throw new InputError(`unknown group id "${c.group}" (see cnr-synth taxonomy)`, file, row);
    if (check && c.idea && !check.labels.has(c.idea)) throw new InputError(`unknown idea id "${c.idea}" (see cnr-synth taxonomy)`, file, row);
    coded.push(c);
    if (r.as === 'group') {
      groups++;
      if (r.statusOverridden) overGroup.push(row);
    } else {
      none++;
      if (r.statusOverridden) overNone.push(row);
    }
    if (r.contradicts) contra.push({ line: row, what: r.contradicts });
  }
  if (coded.length === 0)
    throw new InputError(`no coded line in this file: ${plural(rows.length, 'row')}, none with a text in column "${cols.text}" (${found})`, file);
  const said =
    `${file}: ${what}: ${plural(rows.length, 'row')}: ${plural(groups, 'statement')} with a group` +
    (overGroup.length ? ` (${overGroup.length} of them with status out_of_scheme: the group_id wins; first ${firstLines(overGroup)})` : '') +
    `, ${plural(none, 'non-statement')} (empty ${cols.group})` +
    (overNone.length ? ` (${overNone.length} of them with status ok; first ${firstLines(overNone)})` : '') +
    `, ${skipped} skipped${skipped ? ` (no text in "${cols.text}")` : ''}`;
  note(said);
  if (contra.length)
    note(
      `${file}: ${plural(contra.length, 'row')} with a thématique or kind that contradicts the group (first: line ${contra[0]!.line}, ${contra[0]!.what}${contra.length > 1 ? `; ${firstLines(contra.slice(1).map((c) => c.line))}` : ''}): the group's are used (the columns are classify's, not corrected)`,
    );
  if (classifySheet)
    note(
      `${file}: sheet "classify" is the model's own output: its rows are the model's guesses, not corrections (give only rows you reviewed: the "review" sheet)`,
    );
  else if (check && unchangedModelOutput(headers, rows, check)) {
    note(
      `${file}: these ${plural(rows.length, 'row')} are classify's output unchanged (every group_id and idea_id is the one the model chose, beside its label): the model's own guesses, not corrections (give only rows you reviewed; if you did and agree with every one, this is fine)`,
    );
  }
  return coded;
}

/** Classify's columns: a table with them and every group_id / idea_id beside the label classify wrote for it is unchanged model output. */
const classifyColumns = (headers: readonly string[]) =>
  headers.includes('group_id') &&
  headers.includes('group_label') &&
  (headers.includes('candidates') || (headers.includes('needs_review') && headers.includes('explanation')));
function unchangedModelOutput(headers: readonly string[], rows: ReadonlyArray<{ record: Record<string, unknown> }>, check: CodedCheck): boolean {
  if (!classifyColumns(headers) || rows.length === 0) return false;
  return rows.every(({ record }) => !edited(record, check));
}

/** The row's group_id or idea_id is not the one beside the label classify wrote (the analyst changed it). */
function edited(record: Record<string, unknown>, check: CodedCheck): boolean {
  const s = (k: string) => String(record[k] ?? '').trim();
  for (const [id, label] of [
    ['group_id', 'group_label'],
    ['idea_id', 'idea_label'],
  ] as const) {
    const want = s(id) ? (check.labels.get(s(id)) ?? '\u0000') : '';
    if (want !== s(label)) return true;
  }
  return false;
}

/** Rows edited in the "classify" sheet while another sheet is read: said, with the first one. */
function editedElsewhere(cls: import('./excel.js').CodedSheetRows, read: import('./excel.js').CodedSheetRows, file: string, check: CodedCheck): void {
  if (!classifyColumns(cls.headers)) return;
  const key = (r: Record<string, unknown>) => `${String(r.cnr_id ?? r.id ?? '')}\u0000${String(r.text ?? '')}`;
  const readGroups = new Map(read.rows.map((r) => [key(r.record), `${String(r.record.group_id ?? '')}|${String(r.record.idea_id ?? '')}`]));
  const missed = cls.rows.filter(
    (r) => edited(r.record, check) && readGroups.get(key(r.record)) !== `${String(r.record.group_id ?? '')}|${String(r.record.idea_id ?? '')}`,
  );
  if (missed.length)
    note(
      `${file}: ${plural(missed.length, 'row')} of sheet "classify" edited (first: row ${missed[0]!.row}) and not so in sheet "${read.name}": only "${read.name}" is read; copy the corrections there`,
    );
}

/**
 * Training files: the `--examples` files, none with `--no-examples` (false), and by default the
 * bundled ones when the report is the bundled one (`bundled`), none otherwise. Lines coded in
 * the scheme with a group are examples of their group (and idea); lines coded out_of_scheme are
 * negatives of the statement head (`others`). Group and idea ids are checked against `tax`
 * (exit 2 with the line on an unknown id).
 */
export async function loadExamples(
  option: string | string[] | boolean | undefined,
  bundled: boolean,
  tax: Taxonomy,
  xlsxRows?: XlsxRows,
): Promise<{ files: string[]; examples: CodedExample[]; others: string[] }> {
  const check: CodedCheck = { labels: schemeLabels(tax) };
  if (option === false) return { files: [], examples: [], others: [] };
  const paths = typeof option === 'string' ? [option] : Array.isArray(option) ? option : bundled ? BUNDLED_EXAMPLES.filter((p) => existsSync(p)) : [];
  const out = { files: [] as string[], examples: [] as CodedExample[], others: [] as string[] };
  for (const path of paths) {
    const { name, coded } = await readCoded(path, xlsxRows, check);
    checkCodedIds(coded, tax, name);
    out.files.push(name);
    out.examples.push(...codedExamples(coded));
    for (const c of coded) if (c.status === 'out_of_scheme') out.others.push(c.text);
  }
  return out;
}

/** One coded line, checked (exit 2 naming the file and line on a bad value). */
export function parseCoded(v: Record<string, unknown>, line: number, file: string): CodedLine {
  if (typeof v.text !== 'string' || !v.text.trim()) throw new InputError('each line needs a non-empty "text"', file, line);
  const out: CodedLine = { line, text: v.text };
  if (typeof v.id === 'string' || typeof v.id === 'number') out.id = String(v.id);
  if (v.thematique !== undefined && v.thematique !== null) {
    const t = typeof v.thematique === 'number' ? `t${v.thematique}` : String(v.thematique).toLowerCase();
    if (!/^t[1-4]$/.test(t)) throw new InputError(`"thematique" must be t1…t4 or 1…4, got ${JSON.stringify(v.thematique)}`, file, line);
    out.thematique = t;
  }
  if (v.kind !== undefined && v.kind !== null) {
    if (v.kind !== 'probleme' && v.kind !== 'solution')
      throw new InputError(`"kind" must be "probleme" or "solution", got ${JSON.stringify(v.kind)}`, file, line);
    out.kind = v.kind;
  }
  if (typeof v.group === 'string') out.group = v.group;
  if (v.idea === null || typeof v.idea === 'string') out.idea = v.idea;
  if (v.status !== undefined) {
    if (v.status !== 'ok' && v.status !== 'out_of_scheme')
      throw new InputError(`"status" must be "ok" or "out_of_scheme", got ${JSON.stringify(v.status)}`, file, line);
    out.status = v.status;
  }
  // A traced label's confidence is its weight unless the line gives one.
  const wKey = v.weight !== undefined && v.weight !== null ? 'weight' : v.confidence !== undefined && v.confidence !== null ? 'confidence' : null;
  if (wKey) {
    const w = v[wKey];
    if (typeof w !== 'number' || !(w > 0 && w <= 1))
      throw new InputError(`"${wKey}" (the line's training weight) must be a number in (0, 1], got ${JSON.stringify(w)}`, file, line);
    out.weight = w;
  }
  return out;
}
