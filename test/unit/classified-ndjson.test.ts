// The NDJSON encoder of classify on records out of the scheme: the fast path for the nulled
// categories (src/run/classify-record.ts) and the generic path for half-nulled edits.
import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../src/io/classifier.js';
import { buildRecord, type ClassRecord } from '../../src/classify/predict.js';
import { NdjsonRecords } from '../../src/render/classified-ndjson.js';
import { classifyItem } from '../../src/run/classify-record.js';

const L = await loadClassifier();

describe('NDJSON encoder, records out of the scheme', () => {
  const texts = [
    'Merci de votre attention',
    'Budget : 12 000 €',
    'Manque de médecins généralistes "en ville"',
    'Pause déjeuner à 12h30',
    '   ',
    'Emoji 😀 \t tab',
  ];
  const expected = (recs: unknown[]) => recs.map((r) => `${JSON.stringify(r)}\n`).join('');

  it('writes what JSON.stringify writes for classify-record output (out of scheme, empty, in scheme), input passed through', () => {
    const enc = new NdjsonRecords(L);
    const recs = texts.map((t, i) => classifyItem(L, { id: `o-${i}`, text: t, input: { id: `o-${i}`, text: t, n: i } }, 3, buildRecord));
    expect(recs.filter((r) => r.status === 'out_of_scheme').length).toBeGreaterThan(0);
    for (const r of recs) enc.push(r as unknown as ClassRecord);
    expect(enc.take().toString('utf8')).toBe(expected(recs));
  });

  it('and for half-nulled edits of such records (generic path)', () => {
    const enc = new NdjsonRecords(L);
    const recs = texts.slice(0, 3).map((t, i) => {
      const r = buildRecord(L, `h-${i}`, t, 3);
      return { ...r, thematique: null, kind: null, group: null, idea: null, sujet: null } as unknown as Record<string, unknown>;
    });
    recs[0]!.group = { id: 'x', label: 'y', score: 0.5 };
    recs[1]!.kind = { id: 'solution', score: 1 };
    for (const r of recs) enc.push(r as unknown as ClassRecord);
    expect(enc.take().toString('utf8')).toBe(expected(recs));
  });
});
