/**
 * Agreement between two coders of the same verbatims (matched by id), field by field: observed
 * agreement and Cohen's κ. Status is compared on every shared line; thématique and kind on the
 * lines both coded `ok`; group on the lines both coded `ok` with a group; idea (null counts as a
 * value: "no idea fits") on the lines both put in the same group.
 */
import { UsageError } from '../errors.js';
import type { CodedLine } from '../model.js';
import { cohenKappa, confusionMatrix } from '../stats/metrics.js';

export const AGREEMENT_FIELDS = ['status', 'thematique', 'kind', 'branch', 'group', 'idea'] as const;
export type AgreementField = (typeof AGREEMENT_FIELDS)[number];

export interface FieldAgreement {
  n: number;
  agreement: number;
  /** Null when both coders used one and the same value throughout (κ is undefined). */
  kappa: number | null;
  /** Up to 20 lines where the coders differ: id, coder A's value, coder B's value. */
  differences: { id: string; a: string; b: string }[];
}

export interface AgreementReport {
  shared: number;
  onlyA: number;
  onlyB: number;
  fields: Record<AgreementField, FieldAgreement | null>;
}

function fieldAgreement(pairs: { id: string; a: string; b: string }[]): FieldAgreement | null {
  if (pairs.length === 0) return null;
  const values = [...new Set(pairs.flatMap((p) => [p.a, p.b]))].sort();
  const index = new Map(values.map((v, i) => [v, i]));
  const conf = confusionMatrix(
    pairs.map((p) => index.get(p.a)!),
    pairs.map((p) => index.get(p.b)!),
    values.length,
  );
  const same = pairs.filter((p) => p.a === p.b).length;
  const kappa = values.length < 2 ? null : cohenKappa(conf);
  return { n: pairs.length, agreement: same / pairs.length, kappa, differences: pairs.filter((p) => p.a !== p.b).slice(0, 20) };
}

export function agreement(a: CodedLine[], b: CodedLine[]): AgreementReport {
  const byId = (xs: CodedLine[], which: string) => {
    const m = new Map<string, CodedLine>();
    for (const c of xs) {
      if (c.id === undefined) throw new UsageError(`coder ${which}'s file has a line without "id" (line ${c.line}): agreement matches lines by id`);
      m.set(c.id, c);
    }
    return m;
  };
  const A = byId(a, 'A');
  const B = byId(b, 'B');
  const ids = [...A.keys()].filter((id) => B.has(id));
  const pairs: Record<AgreementField, { id: string; a: string; b: string }[]> = { status: [], thematique: [], kind: [], branch: [], group: [], idea: [] };
  for (const id of ids) {
    const x = A.get(id)!;
    const y = B.get(id)!;
    const sx = x.status ?? 'ok';
    const sy = y.status ?? 'ok';
    pairs.status.push({ id, a: sx, b: sy });
    if (sx !== 'ok' || sy !== 'ok') continue;
    if (x.thematique && y.thematique) pairs.thematique.push({ id, a: x.thematique, b: y.thematique });
    if (x.kind && y.kind) pairs.kind.push({ id, a: x.kind, b: y.kind });
    if (x.thematique && y.thematique && x.kind && y.kind) pairs.branch.push({ id, a: `${x.thematique}.${x.kind}`, b: `${y.thematique}.${y.kind}` });
    if (x.group && y.group) {
      pairs.group.push({ id, a: x.group, b: y.group });
      if (x.group === y.group && x.idea !== undefined && y.idea !== undefined) pairs.idea.push({ id, a: x.idea ?? 'null', b: y.idea ?? 'null' });
    }
  }
  const fields = Object.fromEntries(AGREEMENT_FIELDS.map((f) => [f, fieldAgreement(pairs[f])])) as AgreementReport['fields'];
  return { shared: ids.length, onlyA: A.size - ids.length, onlyB: B.size - ids.length, fields };
}
