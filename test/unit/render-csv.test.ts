import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, neutralizeFormula, restoreFormula, toCsv } from '../../src/render/csv.js';

const COLS = [{ key: 'label', header: 'Libellé' }, { key: 'count' }, { key: 'pct', header: '%' }];

describe('toCsv, plain', () => {
  it('RFC 4180 quoting with "," and LF, no BOM', () => {
    const rows = [
      { label: 'simple', count: 3, pct: 33.3 },
      { label: 'a, b', count: 0, pct: null },
      { label: 'il dit "oui"', count: -2, pct: undefined },
      { label: 'deux\nlignes', count: 1, pct: 0.5 },
      { label: 'cr\rseul', count: 1, pct: 1 },
      { label: '=SOMME(A1)', count: 1, pct: 1 },
    ];
    expect(toCsv(rows, COLS, {})).toBe(
      'Libellé,count,%\n' + 'simple,3,33.3\n' + '"a, b",0,\n' + '"il dit ""oui""",-2,\n' + '"deux\nlignes",1,0.5\n' + '"cr\rseul",1,1\n' + '=SOMME(A1),1,1\n',
    );
  });

  it('cell values: null/undefined empty, booleans, objects as JSON, dates ISO', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(false)).toBe('false');
    expect(csvCell({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(csvCell(new Date(Date.UTC(2022, 8, 1)))).toBe('2022-09-01T00:00:00.000Z');
    expect(csvCell(Number.NaN)).toBe('');
    expect(toCsv([{ label: { k: 'v,w' }, count: true, pct: false }], COLS, {})).toBe('Libellé,count,%\n"{""k"":""v,w""}",true,false\n');
  });

  it('header only when there are no rows', () => {
    expect(toCsv([], COLS, {})).toBe('Libellé,count,%\n');
  });
});

describe('toCsv, excelFr', () => {
  it('BOM, ";", CRLF, decimal comma, quoting on ";"', () => {
    const rows = [
      { label: 'Accès aux soins ; proximité', count: 12, pct: 33.3 },
      { label: 'l’hôpital « public »', count: 1234, pct: -0.5 },
    ];
    expect(toCsv(rows, COLS, { excelFr: true })).toBe('\ufeffLibellé;count;%\r\n"Accès aux soins ; proximité";12;33,3\r\nl’hôpital « public »;1234;-0,5\r\n');
  });

  it('neutralises formula-like text cells (=, +, -, @, tab, CR) but not numbers', () => {
    const rows = [
      { label: '=HYPERLINK("http://x")', count: -3, pct: 1.5 },
      { label: '+33 5 56 00 00 00', count: 0, pct: 0 },
      { label: '-moins', count: 0, pct: 0 },
      { label: '@SUM(A1)', count: 0, pct: 0 },
      { label: '\tTAB', count: 0, pct: 0 },
      { label: "'=déjà neutralisé", count: 0, pct: 0 },
      { label: "l'apostrophe", count: 0, pct: 0 },
    ];
    expect(toCsv(rows, COLS, { excelFr: true })).toBe(
      '\ufeffLibellé;count;%\r\n' +
        '"\'=HYPERLINK(""http://x"")";-3;1,5\r\n' +
        "'+33 5 56 00 00 00;0;0\r\n" +
        "'-moins;0;0\r\n" +
        "'@SUM(A1);0;0\r\n" +
        "'\tTAB;0;0\r\n" +
        "''=déjà neutralisé;0;0\r\n" +
        "l'apostrophe;0;0\r\n",
    );
  });

  it('plain CSV never neutralises', () => {
    expect(toCsv([{ label: '=1+1', count: 1, pct: 1 }], COLS, {})).toBe('Libellé,count,%\n=1+1,1,1\n');
  });

  it('neutralisation is reversible for every string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a'), { maxLength: 6 }).map((a) => a.join('')),
        ),
        (s) => {
          expect(restoreFormula(neutralizeFormula(s))).toBe(s);
          expect(/^[=+\-@\t\r]/.test(neutralizeFormula(s))).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
