// A bullet that a person coded (a team-coded line, a reviewed correction) is trained on with the
// code's thématique and kind, not its heading's; the protocol's folds do not move.
import { describe, expect, it } from 'vitest';
import { bundled } from '../helpers/report.js';
import { buildTaxonomy, type CodedExample } from '../../src/classify/taxonomy.js';
import { bulletDocs, bulletFolds, codedBullets } from '../../src/classify/training-set.js';

const report = bundled();
const tax = buildTaxonomy(report);
const bullets = bulletDocs(report);

describe('codedBullets', () => {
  // The first t1 problème bullet, coded into a t3 solution group; another bullet coded in its own branch.
  const i = bullets.findIndex((d) => d.t === 0 && d.k === 0);
  const j = bullets.findIndex((d) => d.t === 1 && d.k === 1);
  const t3s = tax.branches.find((b) => b.thematique === 3 && b.kind === 'solution')!.groups[0]!.id;
  const t2s = tax.branches.find((b) => b.thematique === 2 && b.kind === 'solution')!.groups[0]!.id;
  const examples: CodedExample[] = [
    { id: bullets[i]!.id!, text: bullets[i]!.text, group: t3s, idea: null, weight: 1 },
    { id: bullets[j]!.id!, text: bullets[j]!.text, group: t2s, idea: null, weight: 1 },
    { id: 'od-train-01', text: 'Le département est devenu un désert médical', group: t3s, idea: null, weight: 1 },
  ];
  const out = codedBullets(bullets, examples, tax);

  it("relabels a coded bullet with its code's thématique and kind, and no other", () => {
    expect(out[i]).toMatchObject({ t: 2, k: 1, id: bullets[i]!.id, text: bullets[i]!.text });
    expect(out[j]).toBe(bullets[j]); // coded in its own branch: unchanged
    const changed = out.filter((d, n) => d !== bullets[n]);
    expect(changed).toHaveLength(1);
    expect(bullets[i]).toMatchObject({ t: 0, k: 0 }); // the input is not modified
  });

  it("keeps the protocol's folds (stratified by the headings)", () => {
    expect([...bulletFolds(out, 5, 1)]).toEqual([...bulletFolds(bullets, 5, 1)]);
  });

  it('changes nothing without examples', () => {
    expect(codedBullets(bullets, [], tax)).toEqual(bullets);
  });
});
