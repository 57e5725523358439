// Encodings, fragments and the parser's invariants on arbitrary input.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { NotAReportError, parseReport } from '../../src/ingest/parse.js';
import { textToLines } from '../../src/ingest/lines.js';
import { decodeText } from '../../src/io/encoding.js';
import { publishedRows } from '../../src/aggregate/tables.js';
import { recomputedRows } from '../../src/aggregate/recompute.js';
import { bundled, parseText, REPORT_TEXT } from '../helpers/report.js';

const lines = REPORT_TEXT.split('\n');
const r = bundled();

/** Cut the report into its regional part and its département sections ("2.x Name (code)"). */
function sectionsOf(text: string) {
  const ls = text.split('\n');
  const starts = ls.map((l, i) => (/^\s*2\.\d+ .+\(\d\w\)\s*$/.test(l) ? i : -1)).filter((i) => i >= 0);
  return { head: ls.slice(0, starts[0]), deps: starts.map((s, k) => ls.slice(s, starts[k + 1] ?? ls.length)) };
}

describe('encodings', () => {
  const fragment = lines.slice(1289, 2060).join('\r\n'); // Charente, CRLF
  const utf8 = parseText(fragment);
  it('a one-département fragment parses, says what is missing, and keeps its counts', () => {
    expect(utf8.departements.map((d) => d.code)).toEqual(['16']);
    expect(utf8.workshops).toHaveLength(3);
    expect(utf8.notes.map((n) => n.code)).toEqual(['fragment-no-region']);
    const groups = utf8.departements[0]!.synthesis.branches.flatMap((b) => b.groups);
    expect(groups.reduce((a, g) => a + g.count, 0)).toBe(r.departements[0]!.synthesis.branches.flatMap((b) => b.groups).reduce((a, g) => a + g.count, 0));
  });
  it('Windows-1252, UTF-16 LE/BE and UTF-8 with BOM give the same tables as UTF-8', () => {
    // ’ « » œ – exist in Windows-1252; the bundled text has no character outside it in this fragment.
    const variants: Array<[string, Buffer]> = [
      ['windows-1252', iconv.encode(fragment, 'windows-1252')],
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(fragment, 'utf-16le')])],
      ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(fragment, 'utf-16be')])],
      ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fragment, 'utf8')])],
    ];
    for (const [enc, bytes] of variants) {
      const d = decodeText(bytes, undefined, `frag.${enc}.txt`);
      expect(d.encoding).toBe(enc);
      const rep = parseText(d.text);
      expect(publishedRows(rep), enc).toEqual(publishedRows(utf8));
      expect(
        rep.verbatims.map((v) => v.text),
        enc,
      ).toEqual(utf8.verbatims.map((v) => v.text));
    }
  });
});

describe('parser invariants (property tests)', () => {
  it('never throws anything but NotAReportError on arbitrary text', () => {
    const reportish = fc.constantFrom(...lines.slice(1, 4000));
    const line = fc.oneof(
      fc.string({ maxLength: 80 }),
      reportish,
      fc.constantFrom('2.1 X (16)', '1.2 Thématique 1 : a', ' Ex : « a', '42', 'Total 1 811 100%', 'Participants Nombre'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 200 }), (ls) => {
        try {
          parseReport(textToLines(ls.join('\n')), { file: 'x', sha256: '', kind: 'text', pages: null, encoding: 'utf-8' });
        } catch (e) {
          if (!(e instanceof NotAReportError)) throw e;
        }
      }),
      { numRuns: 200 },
    );
  });
  it('shuffling the département sections does not change the regional recomputed totals', () => {
    const { head, deps } = sectionsOf(REPORT_TEXT);
    const base = recomputedRows(r).map((x) => [x.label, x.recomputed]);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(
          deps.map((_, i) => i),
          { minLength: deps.length, maxLength: deps.length },
        ),
        (order) => {
          // Renumber so the section sequence stays valid: 2.k for the k-th département printed.
          const text = [
            ...head,
            ...order.flatMap((i, k) =>
              deps[i]!.map((l) => l.replace(/^(\s*)2\.\d+(\.\d+)?(\s)/, (_m, a: string, b: string | undefined, c: string) => `${a}2.${k + 1}${b ?? ''}${c}`)),
            ),
          ].join('\n');
          const rep = parseText(text);
          expect(rep.departements).toHaveLength(12);
          expect(recomputedRows(rep).map((x) => [x.label, x.recomputed])).toEqual(base);
        },
      ),
      { numRuns: 5 },
    );
  });
});
