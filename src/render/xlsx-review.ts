/**
 * The review loop's sheets for `classify --format xlsx`: "review", one row per record that needs
 * review, its group_id and idea_id cells prefilled with the model's choice and constrained by
 * dropdowns (Excel data validation) to the scheme's ids, listed with their labels on the sheet
 * "scheme". An analyst corrects the two cells (or empties group_id for a line that states
 * nothing) and gives the file back to `cnr-synth train --examples FILE.xlsx`, which reads the
 * "review" sheet.
 */
import type { Taxonomy } from '../classify/taxonomy.js';
import type { ClassRecordLike, Sheet } from './xlsx.js';

/** What the writer's worksheet offers (exceljs stays in xlsx.ts). */
export interface ValidatedSheet {
  dataValidations: { add(range: string, validation: unknown): void };
}

const node = (x: unknown): Record<string, unknown> | null => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : null);
const id = (x: unknown): string => String(node(x)?.id ?? '');

const REVIEW_COLUMNS = ['id', 'text', 'status', 'thematique_id', 'kind', 'group_id', 'idea_id', 'group_label', 'idea_label', 'candidates'] as const;

/** The sheets "review" (needs_review rows, with dropdowns) and "scheme" (the ids the dropdowns offer). */
export function reviewSheets(records: Iterable<ClassRecordLike>, tax: Taxonomy): Sheet[] {
  const groups: { id: string; label: string }[] = [];
  const ideas: { id: string; label: string; group: string }[] = [];
  for (const b of tax.branches)
    for (const g of b.groups) {
      groups.push({ id: g.id, label: g.label });
      for (const i of g.ideas) ideas.push({ id: i.id, label: i.label, group: g.id });
    }
  const rows: Record<string, unknown>[] = [];
  for (const r of records) {
    if (r.needs_review !== true) continue;
    const cands = Array.isArray(r.candidates) ? r.candidates.map(node).filter((c) => c !== null) : [];
    rows.push({
      id: r.id,
      text: r.text,
      status: r.status,
      thematique_id: id(r.thematique),
      kind: id(r.kind),
      group_id: id(r.group),
      idea_id: id(r.idea),
      group_label: node(r.group)?.label ?? '',
      idea_label: node(r.idea)?.label ?? '',
      candidates: cands.map((c) => `${id(c.group)} ${id(c.idea) || '-'} (${String(c.score ?? '')})`).join('; '),
    });
  }
  const n = rows.length;
  const list = (col: string, count: number) => `scheme!$${col}$2:$${col}$${count + 1}`;
  const validate = (ws: ValidatedSheet): void => {
    if (n === 0) return;
    // One range per column (cell by cell, exceljs writes overlapping ranges).
    const colLetter = (k: string) => String.fromCharCode(65 + REVIEW_COLUMNS.indexOf(k as (typeof REVIEW_COLUMNS)[number]));
    ws.dataValidations.add(`${colLetter('group_id')}2:${colLetter('group_id')}${n + 1}`, {
      type: 'list',
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: 'group_id',
      error: 'Choose a group id of the scheme (sheet "scheme"), or leave it empty for a line that states nothing',
      formulae: [list('A', groups.length)],
    });
    ws.dataValidations.add(`${colLetter('idea_id')}2:${colLetter('idea_id')}${n + 1}`, {
      type: 'list',
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: 'idea_id',
      error: 'Choose an idea id of the scheme (sheet "scheme") of the chosen group, or leave it empty',
      formulae: [list('C', ideas.length)],
    });
  };
  // Two lists side by side (the dropdowns' ranges: groups in A, ideas in C): a row pairs nothing,
  // so each idea names its own group (E), which is the one to pick with it (review 12, #5).
  const scheme: Record<string, unknown>[] = [];
  for (let k = 0; k < Math.max(groups.length, ideas.length); k++)
    scheme.push({ group_id: groups[k]?.id, group_label: groups[k]?.label, idea_id: ideas[k]?.id, idea_label: ideas[k]?.label, idea_group_id: ideas[k]?.group });
  return [
    { name: 'review', columns: REVIEW_COLUMNS.map((key) => ({ key, kind: 'text' as const })), rows, validate },
    {
      name: 'scheme',
      columns: ['group_id', 'group_label', 'idea_id', 'idea_label', 'idea_group_id'].map((key) => ({ key, kind: 'text' as const })),
      rows: scheme,
    },
  ];
}
