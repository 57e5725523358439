import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, excelText, keepText, looksLikeValue, neutralizeFormula, restoreFormula, toCsv } from '../../src/render/csv.js';

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

// Review 12, findings 2 and 3: LibreOffice Calc fr-FR (and Excel) turn such text into numbers, dates,
// times, percentages, fractions or booleans when they open a CSV; --excel-fr writes it ="…" so that
// it stays the text. "LO:" is what LibreOffice 7.4 fr-FR made of the bare cell (headless import).
describe('excelFr keeps value-like text as text (="…")', () => {
  const valueLike = [
    '2.1.2', // LO: date 02/01/2002 (a section id)
    '2.10.2', // LO: date 02/10/2002
    '007', // LO: 7
    '01', // LO: 1
    '0033', // LO: 33
    '16', // LO: 16 (a département code)
    '12/03', // LO: date 12 March
    '1,5', // LO: 1.5
    '3.4.5', // LO: date
    '1e5', // LO: 100000
    '1E+05',
    '12:30', // LO: time
    '1:2:3',
    '10:00 AM', // LO: time
    '21/11/22', // LO: date
    '2022-12-05', // LO: date
    '2-3-4', // LO: date
    '1/2', // LO: date
    '1 1/2', // LO: fraction 1.5
    '50%', // LO: 0.5
    '50 %',
    '1,5 %',
    '1 234', // LO: 1234
    '1\u00a0234',
    '1 000,5',
    '(12)', // LO: -12
    '12 €', // LO: 12 (currency)
    '€12',
    ',5', // LO: 0.5
    '5-', // LO: -5
    ' 12 ', // LO: 12
    '2022', // LO: 2022
    '5 décembre 2022', // LO: date
    '5 déc. 2022', // LO: date
    'Lundi 5 décembre 2022', // LO: date (a workshop's printed day)
    'mars 2022', // LO: date
    '12 mars', // LO: date
    'déc-22', // Excel: date
    '12-mars',
    '3 janv',
    '1.10', // Excel en: 1.1
    '1.5',
    '12.',
    '.5',
    '1-2', // Excel: date
    '2022-12',
    '2022-12-05T10:00',
    '19h30',
    '19H-22H',
    '1er',
    '2e',
    '3ème',
    '2nd',
    '1st',
    'VRAI', // LO: boolean
    'faux',
    'TRUE', // Excel en: boolean
    'False',
  ];
  const plainText = [
    '',
    ' ',
    'Angoulême',
    'Développer la télémédecine',
    '3 ans d’attente pour un ophtalmologue',
    '100 % santé pour tous',
    '2A',
    'T1',
    'Q1 2022',
    't1.probleme.g01',
    '2.1.2-1p-01',
    '18h00 à 20h30',
    '0x1F',
    '#N/A',
    'IV',
    'mars',
    'Vraiment',
    "'007",
    '1"2',
    '12\n13',
    '1'.repeat(256),
  ];
  it('recognises what a spreadsheet would read as a value', () => {
    for (const s of valueLike) expect(looksLikeValue(s), JSON.stringify(s)).toBe(true);
  });
  it('leaves words, labels and verbatims alone', () => {
    for (const s of plainText) expect(looksLikeValue(s), JSON.stringify(s)).toBe(false);
    for (const s of plainText) expect(excelText(s)).toBe(s);
  });
  it('writes the cell ="…", quoted as a CSV field', () => {
    expect(keepText('2.1.2')).toBe('="2.1.2"');
    expect(keepText('a"b')).toBe('="a""b"');
    expect(csvCell('2.1.2', true)).toBe('="2.1.2"');
    expect(csvCell('007', true)).toBe('="007"');
    const cols = [{ key: 'section' }, { key: 'lieu' }, { key: 'total' }, { key: 'pct' }];
    expect(toCsv([{ section: '2.1.2', lieu: 'Angoulême', total: 55, pct: 38.2 }], cols, { excelFr: true })).toBe(
      '\ufeffsection;lieu;total;pct\r\n"=""2.1.2""";Angoulême;55;38,2\r\n',
    );
  });
  it('numbers stay numbers with a decimal comma; plain CSV is never altered', () => {
    expect(csvCell(7, true)).toBe('7');
    expect(csvCell(0.997, true)).toBe('0,997');
    expect(csvCell(-3, true)).toBe('-3');
    for (const s of valueLike) expect(csvCell(s)).toBe(s);
    expect(toCsv([{ label: '2.1.2', count: 1, pct: 1 }], COLS, {})).toBe('Libellé,count,%\n2.1.2,1,1\n');
  });
  it("the formula rule comes first: '=1+1', '-10', '+33 6 12' get their ' and never become a live formula", () => {
    expect(excelText('=1+1')).toBe("'=1+1");
    expect(excelText('-10')).toBe("'-10");
    expect(excelText('+33 6 12')).toBe("'+33 6 12");
    expect(excelText('="2.1.2"')).toBe(`'="2.1.2"`);
    expect(excelText('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
  });
  it('every excelFr text cell reads back with restoreFormula; a cell starting with = is only ever a constant string', () => {
    const valueArb = fc
      .array(fc.constantFrom('0', '1', '7', '.', ',', '/', ':', '-', '+', '%', ' ', 'e', 'h', 'er', 'mars', '"', '=', "'", 'a'), {
        maxLength: 8,
      })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), valueArb, fc.constantFrom(...valueLike, ...plainText)), (s) => {
        const out = excelText(s);
        expect(restoreFormula(out)).toBe(s);
        if (out.startsWith('=')) expect(out).toMatch(/^="[^"]*"$/);
        expect(/^[+\-@\t\r]/.test(out)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});
