/**
 * The flat columns of `classify` (CSV and XLSX share them, so that a CSV and a workbook of the
 * same run hold the same table): the input's own columns first, in their order, then
 *   id, text,
 *   thematique_id (t1…t4), thematique_label, thematique_score,
 *   kind (probleme | solution), kind_score,
 *   group_id (t1.solution.g04), group_label, group_score,
 *   idea_id, idea_label, idea_score,
 *   sujet (label), sujet_score, needs_review, status, explanation (the words, comma-separated).
 * Ids are always there: two groups share a label ("Améliorer l'attractivité des métiers de la
 * santé", in T1 and T3), and `group_id`/`idea_id` are what an analyst corrects for `train --examples`.
 * Each score is its own node's. An input column named like one of these
 * gets the prefix "cnr_" on the classification side. Out-of-scheme and empty records have empty
 * thématique, kind, group and idea cells.
 */

export interface FlatColumn {
  key: string;
  kind?: 'text' | 'number';
  numFmt?: string;
}

/** The classification columns, after the input's own. */
export const CLASSIFY_COLUMNS: FlatColumn[] = [
  { key: 'id', kind: 'text' },
  { key: 'text', kind: 'text' },
  { key: 'thematique_id', kind: 'text' },
  { key: 'thematique_label', kind: 'text' },
  { key: 'thematique_score', kind: 'number', numFmt: '0.000' },
  { key: 'kind', kind: 'text' },
  { key: 'kind_score', kind: 'number', numFmt: '0.000' },
  { key: 'group_id', kind: 'text' },
  { key: 'group_label', kind: 'text' },
  { key: 'group_score', kind: 'number', numFmt: '0.000' },
  { key: 'idea_id', kind: 'text' },
  { key: 'idea_label', kind: 'text' },
  { key: 'idea_score', kind: 'number', numFmt: '0.000' },
  { key: 'sujet', kind: 'text' },
  { key: 'sujet_score', kind: 'number', numFmt: '0.000' },
  { key: 'needs_review' },
  { key: 'status', kind: 'text' },
  { key: 'explanation', kind: 'text' },
];

/** A classify record as `classify` writes it (NDJSON objects) or as read back from its NDJSON. */
export interface ClassRecordLike {
  id?: unknown;
  text?: unknown;
  thematique?: unknown;
  kind?: unknown;
  group?: unknown;
  idea?: unknown;
  sujet?: unknown;
  needs_review?: unknown;
  status?: unknown;
  explanation?: unknown;
  input?: unknown;
  [k: string]: unknown;
}

const node = (x: unknown): Record<string, unknown> | null => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : null);

/** The table's columns for these input columns: `in:<name>` keys for the input's, then ours (prefixed on a clash). */
export function classifyColumns(inputCols: string[]): Array<FlatColumn & { header: string; flatKey: string }> {
  const name = (k: string) => (inputCols.includes(k) ? `cnr_${k}` : k);
  return [
    ...inputCols.map((c) => ({ key: `in:${c}`, header: c, flatKey: c })),
    ...CLASSIFY_COLUMNS.map((c) => ({ ...c, key: name(c.key), header: name(c.key), flatKey: c.key })),
  ];
}

/** One record as a flat row keyed like `classifyColumns(inputCols)`. */
export function flattenClassified(r: ClassRecordLike, inputCols: string[]): Record<string, unknown> {
  const t = node(r.thematique);
  const k = node(r.kind);
  const g = node(r.group);
  const i = node(r.idea);
  const s = node(r.sujet);
  const input = node(r.input) ?? {};
  const row: Record<string, unknown> = {};
  for (const c of inputCols) row[`in:${c}`] = input[c];
  const flat: Record<string, unknown> = {
    id: r.id,
    text: r.text,
    thematique_id: t?.id,
    thematique_label: t?.label,
    thematique_score: t?.score,
    kind: k?.id,
    kind_score: k?.score,
    group_id: g?.id,
    group_label: g?.label,
    group_score: g?.score,
    idea_id: i?.id,
    idea_label: i?.label,
    idea_score: i?.score,
    sujet: s?.label,
    sujet_score: s?.score,
    needs_review: typeof r.needs_review === 'boolean' ? r.needs_review : null,
    status: r.status,
    explanation: Array.isArray(r.explanation) ? r.explanation.map((e) => String(node(e)?.term ?? e)).join(', ') : null,
  };
  const name = (key: string) => (inputCols.includes(key) ? `cnr_${key}` : key);
  for (const c of CLASSIFY_COLUMNS) row[name(c.key)] = flat[c.key];
  return row;
}

/** The input columns of a list of records (`input` keys, in first-seen order). */
export function inputColumnsOf(records: Iterable<ClassRecordLike>): string[] {
  const cols: string[] = [];
  for (const r of records) for (const k of Object.keys(node(r.input) ?? {})) if (!cols.includes(k)) cols.push(k);
  return cols;
}
