import { createReadStream, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError, type CnrError } from '../../src/errors.js';
import { RecordLines, pickColumn, readCsv, sniffCsv, sniffDelimiter } from '../../src/io/csv.js';
import { restoreFormula, toCsv } from '../../src/render/csv.js';

const FIX = new URL('../../fixtures/', import.meta.url);

/** An async source yielding `data` cut at the given sizes (cycled), to test chunk boundaries. */
async function* chunks(data: Buffer | string, sizes: number[] = [1 << 16]): AsyncGenerator<Buffer> {
  const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let pos = 0;
  for (let k = 0; pos < b.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]!);
    yield b.subarray(pos, pos + n);
    pos += n;
  }
}

async function readAll(data: Buffer | string, opts: Partial<Parameters<typeof readCsv>[1]> = {}, sizes?: number[]) {
  const out: Array<{ line: number; row: number; record: Record<string, string> }> = [];
  for await (const r of readCsv(chunks(data, sizes), { file: 'in.csv', ...opts })) out.push(r);
  return out;
}

async function failure(p: Promise<unknown>): Promise<CnrError> {
  try {
    await p;
  } catch (e) {
    return e as CnrError;
  }
  throw new Error('expected an error');
}

const EXCEL_ROWS = [
  { line: 2, row: 2, record: { id: '1', commentaire: 'Manque de médecins généralistes ; délais > 3 mois', département: 'Charente', note: '4,5' } },
  { line: 3, row: 3, record: { id: '2', commentaire: 'Il a dit : « on n’a pas de "vrai" suivi »\net c’est tout', département: 'Gironde', note: '3' } },
  { line: 5, row: 4, record: { id: '3', commentaire: "'=SOMME(A1)", département: 'Landes', note: '' } },
  { line: 7, row: 6, record: { id: '4', commentaire: 'Trois\nlignes\nici', département: 'Corrèze', note: '2' } },
];

describe('readCsv: files saved by French Excel', () => {
  it('reads the UTF-8 export (BOM, ";", CRLF, multi-line quoted cells) without options', async () => {
    let headers: string[] = [];
    const got = [];
    for await (const r of readCsv(createReadStream(new URL('csv/excel-fr-utf8.csv', FIX)), {
      file: 'excel-fr-utf8.csv',
      onHeader: (h) => (headers = h),
    }))
      got.push(r);
    expect(headers).toEqual(['id', 'commentaire', 'département', 'note']);
    expect(got).toEqual(EXCEL_ROWS);
  });

  it('reads the Windows-1252 export identically', async () => {
    const got = await readAll(readFileSync(new URL('csv/excel-fr-cp1252.csv', FIX)));
    expect(got).toEqual(EXCEL_ROWS);
  });

  it('gives the same records and lines whatever the chunk boundaries', async () => {
    const bytes = readFileSync(new URL('csv/excel-fr-utf8.csv', FIX));
    for (const sizes of [[1], [2, 3], [7], [1, 1, 5]]) expect(await readAll(bytes, {}, sizes)).toEqual(EXCEL_ROWS);
    const cp = readFileSync(new URL('csv/excel-fr-cp1252.csv', FIX));
    expect(await readAll(cp, {}, [3])).toEqual(EXCEL_ROWS);
  });

  it('numbers lines physically even with CRLF inside quoted cells (where csv-parse counts two)', async () => {
    const text = 'a;b\r\n1;"x\r\ny\r\nz"\r\n\r\n2;"p\rq"\r\n3;4';
    expect(await readAll(text)).toEqual([
      { line: 2, row: 2, record: { a: '1', b: 'x\r\ny\r\nz' } },
      { line: 6, row: 4, record: { a: '2', b: 'p\rq' } },
      { line: 8, row: 5, record: { a: '3', b: '4' } },
    ]);
  });

  it('row: the spreadsheet row (header = 1, a multi-line cell is one row, blank and ";;" rows count), whatever the chunks', async () => {
    const text = 'a;b\r\n1;"x\r\ny\r\nz"\r\n\r\n;\r\n2;"p\rq"\r\n3;4';
    const empty: number[] = [];
    for (const sizes of [[1], [2], [5], [1000]]) {
      empty.length = 0;
      const got = await readAll(text, { onEmptyRow: (r) => empty.push(r) }, sizes);
      expect(got.map((r) => [r.line, r.row])).toEqual([
        [2, 2],
        [7, 5],
        [9, 6],
      ]);
      expect(empty).toEqual([4]);
    }
  });

  it('reads old Mac Excel files (CR only)', async () => {
    expect(await readAll('a;b\r1;"x\ry"\r2;3\r')).toEqual([
      { line: 2, row: 2, record: { a: '1', b: 'x\ry' } },
      { line: 4, row: 3, record: { a: '2', b: '3' } },
    ]);
  });

  it('releases the input when the consumer stops early', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<Buffer> {
      try {
        yield Buffer.from('id;t\n');
        for (let i = 0; i < 100_000; i++) yield Buffer.from(`${i};ligne ${i}\n`);
      } finally {
        closed = true;
      }
    }
    const seen: number[] = [];
    for await (const r of readCsv(source(), { file: 'x.csv' })) {
      seen.push(r.line);
      if (seen.length === 3) break;
    }
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([2, 3, 4]);
    expect(closed).toBe(true);
  });

  it('detects "," and tab delimiters, and honours a forced one', async () => {
    expect(await readAll('nom,ville\n"Dupont, Jean",Pau\n')).toEqual([{ line: 2, row: 2, record: { nom: 'Dupont, Jean', ville: 'Pau' } }]);
    expect(await readAll('nom\tville\nA;B\tPau\n')).toEqual([{ line: 2, row: 2, record: { nom: 'A;B', ville: 'Pau' } }]);
    expect(await readAll('a;b|c\n1;2|3\n', { delimiter: '|' })).toEqual([{ line: 2, row: 2, record: { 'a;b': '1;2', c: '3' } }]);
    expect(await readAll('a\tb\n1\t2\n', { delimiter: 'tab' })).toEqual([{ line: 2, row: 2, record: { a: '1', b: '2' } }]);
    await expect(readAll('a\n', { delimiter: ';;' })).rejects.toBeInstanceOf(UsageError);
  });

  it('names empty header cells and renames repeated ones', async () => {
    let headers: string[] = [];
    await readAll(' id ;;id;\n1;2;3;4\n', { onHeader: (h) => (headers = h) });
    expect(headers).toEqual(['id', 'column2', 'id_2', 'column4']);
  });

  it('keeps a stray quote inside an unquoted cell as text', async () => {
    expect(await readAll('a;b\n1;il dit "oui" ok\n')).toEqual([{ line: 2, row: 2, record: { a: '1', b: 'il dit "oui" ok' } }]);
  });

  it('reads a header-only file as no records, and an empty file as an error', async () => {
    let headers: string[] = [];
    expect(await readAll('a;b\r\n', { onHeader: (h) => (headers = h) })).toEqual([]);
    expect(headers).toEqual(['a', 'b']);
    const e = await failure(readAll(''));
    expect(e).toBeInstanceOf(InputError);
    expect(e.oneLine).toBe('in.csv: empty CSV: expected a header line with column names');
  });
});

describe('readCsv: errors name the line', () => {
  it('ragged row: the line where the row starts and the expected count', async () => {
    const e = await failure(readAll(readFileSync(new URL('bad/ragged.csv', FIX))));
    expect(e).toBeInstanceOf(InputError);
    expect(e.line).toBe(5);
    expect(e.oneLine).toBe('in.csv:5: this row has 4 cells but the header line has 3 cells (separator ";"); quote the cells that contain ";", or fix the row');
  });

  it('ragged row after a multi-line cell in CRLF', async () => {
    const e = await failure(readAll('a,b\r\n"1\r\n2",x\r\n3\r\n'));
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/this row has 1 cell but the header line has 2 cells \(separator ","\)/);
  });

  it('unclosed quote: the line where the quoted field started', async () => {
    const e = await failure(readAll(readFileSync(new URL('bad/unclosed-quote.csv', FIX)), {}, [5]));
    expect(e).toBeInstanceOf(InputError);
    expect(e.oneLine).toBe('in.csv:4: unclosed quote: the quoted cell that starts on this line never ends; add the closing " or remove the stray one');
  });

  it('an unclosed quote in a huge file stops at maxRecordSize with the quote line', async () => {
    const e = await failure(readAll(`a;b\n1;2\n3;"x\n${'y'.repeat(5000)}\n`, { maxRecordSize: 1000 }, [100]));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/runs over .*probably an unclosed quote/);
  });

  it('binary data', async () => {
    const e = await failure(readAll(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3])));
    expect(e.message).toMatch(/^binary data, not text/);
  });

  it('invalid UTF-8 after a UTF-8 start: mixed encodings, with the line', async () => {
    const head = 'id;texte\n1;déjà\n'.padEnd(70_000, 'x') + '\n';
    const bad = Buffer.concat([Buffer.from(head), Buffer.from('2;caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const e = await failure(readAll(bad, { delimiter: ';' }));
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/not valid UTF-8 .*mixed encodings.*--encoding windows-1252/);
  });

  it('Windows-1252 whose first accent is beyond the sniffed 64 KB is still decoded right', async () => {
    const head = `id;texte\n${'1;abc\n'.repeat(12_000)}`;
    const bytes = Buffer.concat([Buffer.from(head), iconv.encode('2;Corrèze ’\n', 'windows-1252')]);
    const got = await readAll(bytes);
    expect(got.length).toBe(12_001);
    expect(got.at(-1)).toEqual({ line: 12_002, row: 12_002, record: { id: '2', texte: 'Corrèze ’' } });
  });
});

describe('sniffCsv', () => {
  it('detects delimiter, encoding and BOM from the first bytes', () => {
    expect(sniffCsv(readFileSync(new URL('csv/excel-fr-utf8.csv', FIX)))).toEqual({ delimiter: ';', encoding: 'utf-8', bom: true });
    expect(sniffCsv(readFileSync(new URL('csv/excel-fr-cp1252.csv', FIX)))).toEqual({ delimiter: ';', encoding: 'windows-1252', bom: false });
    expect(sniffCsv(Buffer.from('a,b,"c;d;e"\n1,2,3'))).toEqual({ delimiter: ',', encoding: 'utf-8', bom: false });
    expect(sniffCsv(Buffer.from('a\tb;c\tz'))).toMatchObject({ delimiter: '\t' });
  });

  it('does not take UTF-8 cut in the middle of a character for Windows-1252', () => {
    const b = Buffer.from('a;b\nété;x', 'utf8');
    expect(sniffCsv(b.subarray(0, 5)).encoding).toBe('utf-8'); // ends with the first byte of "é"
  });

  it('one-column header: picks a separator absent from the data', () => {
    expect(sniffDelimiter('commentaire\nBonjour, je pense; que\n')).toBe('\t');
    expect(sniffDelimiter('commentaire\nBonjour, je pense\n')).toBe(';');
  });
});

describe('pickColumn', () => {
  const headers = ['ID', 'Commentaire libre', 'Département', 'texte_verbatim'];
  it('matches case-, accent- and separator-insensitively, returning the file spelling', () => {
    expect(pickColumn(headers, 'departement', [], 'text', 'f.csv')).toBe('Département');
    expect(pickColumn(headers, 'COMMENTAIRE-libre', [], 'text', 'f.csv')).toBe('Commentaire libre');
    expect(pickColumn(headers, undefined, ['text', 'texte verbatim', 'id'], 'text', 'f.csv')).toBe('texte_verbatim');
  });

  it('an exact match wins over a loose one', () => {
    expect(pickColumn(['Note', 'note'], 'note', [], 'note', 'f.csv')).toBe('note');
  });

  it('no default column: lists the columns and suggests --text-column', () => {
    let e: CnrError | undefined;
    try {
      pickColumn(['id', 'commentaire', 'date'], undefined, ['text', 'texte', 'verbatim'], 'text', 'avis.csv');
    } catch (x) {
      e = x as CnrError;
    }
    expect(e).toBeInstanceOf(InputError);
    expect(e!.oneLine).toBe('avis.csv: no text column (columns found: id, commentaire, date); pass --text-column NAME');
  });

  it('a wanted column that does not exist', () => {
    expect(() => pickColumn(['id', 'commentaire'], 'texte', [], 'text', 'avis.csv')).toThrow(
      'no column "texte" (columns found: id, commentaire); pass --text-column with one of them',
    );
  });
});

// ---------------------------------------------------------------------------------------------

const nasty = fc.constantFrom(';', ',', '"', '\n', '\r\n', '\r', '«', '»', '’', '=', '+', '-', '@', "'", '\t', ' ', 'é', 'a', 'Z', '1', '.');
const cellArb = fc.oneof(
  fc.array(nasty, { maxLength: 8 }).map((a) => a.join('')),
  fc.string({ maxLength: 6 }),
  fc.constantFrom('=SOMME(A1:A3)', '+33 5 56', '-', '@moi', "'=x", "''+y", '« Accès aux soins »', 'l’hôpital ; la clinique'),
);
const COLS = [{ key: 'id' }, { key: 'label', header: 'Libellé' }, { key: 'note' }];
const rowsArb = fc.array(fc.record({ id: cellArb, label: cellArb, note: cellArb }), { maxLength: 12 });
const sizesArb = fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 4 });

describe('CSV round trip (toCsv → readCsv)', () => {
  const keep = (rows: Array<Record<string, string>>) => rows.filter((r) => Object.values(r).some((v) => v !== ''));
  const asRead = (r: Record<string, string>) => ({ id: r.id!, Libellé: r.label!, note: r.note! });

  it('plain CSV gives back exactly the rows (rows with every cell empty are skipped)', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, sizesArb, async (rows, sizes) => {
        const csv = toCsv(rows, COLS, {});
        const got = (await readAll(csv, { delimiter: ',' }, sizes)).map((r) => r.record);
        expect(got).toEqual(keep(rows).map(asRead));
      }),
      { numRuns: 300 },
    );
  });

  it('excelFr CSV (BOM, ";", CRLF) gives back the rows after restoreFormula, with delimiter detected', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, sizesArb, async (rows, sizes) => {
        const csv = toCsv(rows, COLS, { excelFr: true });
        const got = await readAll(csv, {}, sizes);
        const restored = got.map((r) => Object.fromEntries(Object.entries(r.record).map(([k, v]) => [k, restoreFormula(v)])));
        expect(restored).toEqual(keep(rows).map(asRead));
      }),
      { numRuns: 300 },
    );
  });

  it('line numbers point at the first physical line of each row', async () => {
    const rows = [
      { id: '1', label: 'a\r\nb', note: '' },
      { id: '2', label: 'c\nd\re', note: 'x' },
      { id: '3', label: 'f', note: '' },
    ];
    const got = await readAll(toCsv(rows, COLS, { excelFr: true }));
    expect(got.map((r) => r.line)).toEqual([2, 4, 7]);
  });
});

describe('RecordLines follows csv-parse record boundaries', () => {
  const textArb = fc.array(fc.constantFrom('"', ';', '\n', '\r', '\r\n', 'a', ' ', '""'), { maxLength: 40 }).map((a) => a.join(''));
  it('same number of records as csv-parse, whatever the chunking; same unclosed-quote verdict', () => {
    fc.assert(
      fc.property(textArb, sizesArb, (text, sizes) => {
        let expected: number | 'unclosed';
        try {
          expected = (parse(text, { delimiter: ';', relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as unknown[]).length;
        } catch (e) {
          expect((e as { code: string }).code).toBe('CSV_QUOTE_NOT_CLOSED');
          expected = 'unclosed';
        }
        const whole = new RecordLines(';');
        whole.feed(text);
        whole.finish();
        const cut = new RecordLines(';');
        let pos = 0;
        for (let k = 0; pos < text.length; k++) {
          const n = sizes[k % sizes.length]!;
          cut.feed(text.slice(pos, pos + n));
          pos += n;
        }
        cut.finish();
        const count = (t: RecordLines) => {
          let i = 0;
          while (t.startOf(i) !== undefined) i++;
          return i;
        };
        if (expected === 'unclosed') expect(whole.openQuoteLine).not.toBeNull();
        else {
          expect(whole.openQuoteLine).toBeNull();
          expect(count(whole)).toBe(expected);
        }
        expect(count(cut)).toBe(count(whole));
        for (let i = 0; i < count(whole); i++) expect(cut.startOf(i)).toBe(whole.startOf(i));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a cell written as a constant text formula (--excel-fr)', () => {
  it('is read as its text: ="007" → 007, ="12/03" → 12/03, ="a""b" → a"b; other cells as they are', async () => {
    const { readCsv } = await import('../../src/io/csv.js');
    const text = 'id;texte\r\n"=""007""";"=""12/03"""\r\n"=""a""""b""";=x\r\n';
    const rows: Record<string, string>[] = [];
    async function* one() {
      yield Buffer.from(text);
    }
    for await (const r of readCsv(one(), { file: 't.csv' })) rows.push(r.record);
    expect(rows).toEqual([
      { id: '007', texte: '12/03' },
      { id: 'a"b', texte: '=x' },
    ]);
  });
});
