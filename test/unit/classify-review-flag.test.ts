// needs_review for a text of one content word at most (review 13, S3): a heading or a piece of a
// wrapped line, whose confident scores nothing in the text confirms.
import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../src/io/classifier.js';
import { buildRecord } from '../../src/classify/predict.js';
import { bundled } from '../helpers/report.js';

describe('one-word texts', () => {
  it('are flagged for review, whatever their scores', async () => {
    const L = await loadClassifier();
    for (const t of ['Urgences', 'Télémédecine', 'Formation :', 'les CPTS', 'Reconnaître', 'Maisons'])
      expect(buildRecord(L, 'x', t, 3).needs_review, t).toBe(true);
  });
  it('a statement of several words is judged by its scores as before', async () => {
    const L = await loadClassifier();
    const r = buildRecord(L, 'x', 'Les urgences sont saturées le week-end', 3);
    expect(r.status).toBe('ok');
    expect(r.needs_review).toBe(false);
  });
  it("on the report: its 27 verbatims of one content word at most (23 of them sub-list headings such as 'Formation :' the scores left unflagged) are all flagged", async () => {
    const L = await loadClassifier();
    const one = bundled().verbatims.filter((v) => {
      buildRecord(L, v.id, v.text, 3);
      return L.scorer.words <= 1;
    });
    expect(one).toHaveLength(27);
    for (const v of one) expect(buildRecord(L, v.id, v.text, 3).needs_review, v.text).toBe(true);
    expect(one.filter((v) => /:\s*$/.test(v.text)).length).toBeGreaterThan(5);
  });
});
