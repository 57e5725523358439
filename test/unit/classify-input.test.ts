// classify inputs as a new user sends them (issue 13 items 2, 3, 4, 5, 9, 10): French Excel exports
// through stdin, workbooks, Word files, empty rows, id columns and the flat CSV / XLSX columns.
// The built bin/cnr-synth runs in child processes; fixtures are written to a temporary directory.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { FLAT_COLUMNS } from '../helpers/classify-columns.js';
import { toXlsx } from '../../src/render/xlsx.js';
import { ROOT, run as cli, tempDir } from '../helpers/cli.mjs';
const readXlsxTable = async (...a: [Buffer, string, string?]) => (await import('../../src/io/excel.js')).readXlsxTable(...a);

const tmp = tempDir('cnr-classify-input-');
const run = (args: string[], input?: string | Buffer) => cli(args, { cwd: tmp, input });
const ndjson = (s: string) =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, any>);

// Verbatims of the bundled report (2.1.2-1p-01, 2.1.4-2s-05, 2.5.3-4s-12, 2.8.2-2s-05).
const V1 = 'Comment favoriser l’installation de médecins dans les zones sous-denses ?';
const V2 = 'Améliorer la gestion des lits à une échelle territoriale adaptée';
const V3 = 'Constituer un CLSM';
const V4 = 'Régulation centre 15 a globalement bien fonctionné grâce à la collaboration des médecins libéraux, des urgentistes et du SDIS';

/** The survey export of issue 13: `Identifiant;Département;Verbatim`, a multi-line cell, CRLF. */
const ENQUETE = `Identifiant;Département;Verbatim\r\nR-01;33;"${V1}\r\nSurtout en Creuse."\r\nR-02;24;${V2}\r\nR-03;87;${V3}\r\nR-04;"23";${V4}\r\n`;

describe('classify - : CSV / TSV detected by content (item 2)', () => {
  it('a French Excel export (BOM-less Windows-1252, ";", CRLF, multi-line cell) on stdin gives 4 records, said on stderr', () => {
    const r = run(['classify', '-', '--format', 'ndjson'], iconv.encode(ENQUETE, 'windows-1252'));
    expect(r.status, r.stderr).toBe(0);
    const rows = ndjson(r.stdout);
    expect(rows.map((x) => x.id)).toEqual(['R-01', 'R-02', 'R-03', 'R-04']);
    expect(rows[0]!.text).toBe(`${V1}\r\nSurtout en Creuse.`);
    expect(rows[3]!.input['Département']).toBe('23');
    expect(r.stderr).toMatch(/<stdin>: read as CSV \(separator ";", encoding windows-1252/);
  });
  it('UTF-8 with BOM from a file without extension is detected too', () => {
    writeFileSync(join(tmp, 'export'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ENQUETE)]));
    const r = run(['classify', 'export', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(ndjson(r.stdout)).toHaveLength(4);
    expect(r.stderr).toMatch(/read as CSV \(separator ";", encoding utf-8 with BOM/);
  });
  it('Excel "Texte Unicode" (UTF-16 LE with BOM, tab-separated) on stdin', () => {
    const tsv = ENQUETE.replace(/;/g, '\t');
    const r = run(['classify', '-', '--format', 'ndjson'], Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(tsv, 'utf-16le')]));
    expect(r.status, r.stderr).toBe(0);
    const rows = ndjson(r.stdout);
    expect(rows.map((x) => x.id)).toEqual(['R-01', 'R-02', 'R-03', 'R-04']);
    expect(rows[2]!.text).toBe(V3);
    expect(r.stderr).toMatch(/read as TSV \(separator tab, encoding utf-16le/);
  });
  it('plain verbatims with commas stay one verbatim per line', () => {
    const r = run(['classify', '-', '--format', 'ndjson'], `${V4}\n${V2}\n`);
    expect(r.status, r.stderr).toBe(0);
    expect(ndjson(r.stdout).map((x) => x.text)).toEqual([V4, V2]);
  });
  it('a table without a known text column is refused with a hint, not read line by line', () => {
    const r = run(['classify', '-', '--format', 'ndjson'], 'ref;dept;avis\nA;33;Plus de médecins\nB;24;Moins d’attente\n');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/<stdin>: .*table.*--text-column/);
  });
  it('a header naming the text column over ragged rows is refused with the line, not read as text', () => {
    const r = run(['classify', '-'], `dept;texte\n33;${V3}\n24;"${V2}\nsur deux lignes";en trop\n`);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'cnr-synth: <stdin>: this looks like a table (separator ";", columns: dept, texte) but the row on line 3 has 3 cells, not 2; quote the cells that contain ";", or pass --input text to read one verbatim per line\n',
    );
  });
});

describe('classify ids (item 3)', () => {
  it('"Identifiant", "N°", "Numéro", "ID réponse" are id columns (case- and accent-insensitive)', () => {
    for (const h of ['Identifiant', 'N°', 'numero', 'ID Réponse']) {
      const r = run(['classify', '-', '--input', 'csv', '--format', 'ndjson'], `${h};texte\nX-7;${V2}\n`);
      expect(r.status, r.stderr).toBe(0);
      expect(ndjson(r.stdout)[0]!.id, h).toBe('X-7');
    }
  });
  it('an empty id cell is said on stderr with its row', () => {
    const r = run(['classify', '-', '--input', 'csv', '--format', 'ndjson'], `Identifiant;texte\nA;${V3}\n;${V2}\n`);
    expect(r.status, r.stderr).toBe(0);
    expect(ndjson(r.stdout).map((x) => x.id)).toEqual(['A', '']);
    expect(r.stderr).toBe('cnr-synth: <stdin>: 1 record has an empty id (column "Identifiant", row 3); fill it in to tell them apart\n');
  });
  it('without an id column, ids are row numbers (header = row 1, a multi-line cell is one row), said on stderr', () => {
    const csv = `dept;texte\n33;"${V1}\nSurtout en Creuse."\n24;${V2}\n87;${V3}\n`;
    const r = run(['classify', '-', '--input', 'csv', '--format', 'ndjson'], csv);
    expect(r.status, r.stderr).toBe(0);
    expect(ndjson(r.stdout).map((x) => x.id)).toEqual(['2', '3', '4']);
    expect(r.stderr).toMatch(/no id column .*row numbers/);
  });
});

describe('classify: empty rows and empty texts (item 4)', () => {
  it('a fully empty row is counted on stderr and ids never shift; a row with an empty text is a record with status "empty"', () => {
    const csv = `Identifiant;Département;Verbatim\nR-01;33;${V1}\n;;\nR-03;87;${V3}\nR-04;24;\nR-05;23;${V4}\n`;
    const r = run(['classify', '-', '--input', 'csv', '--format', 'ndjson'], csv);
    expect(r.status, r.stderr).toBe(0);
    const rows = ndjson(r.stdout);
    expect(rows.map((x) => x.id)).toEqual(['R-01', 'R-03', 'R-04', 'R-05']);
    const e = rows[2]!;
    expect(e.status).toBe('empty');
    expect([e.thematique, e.kind, e.group, e.idea, e.sujet]).toEqual([null, null, null, null, null]);
    expect(r.stderr).toMatch(/1 empty row skipped \(row 3\)/);
  });
  it('without an id column the empty row keeps its row number', () => {
    const r = run(['classify', '-', '--input', 'csv', '--format', 'ndjson'], `dept;texte\n33;${V1}\n;\n87;${V3}\n`);
    expect(ndjson(r.stdout).map((x) => x.id)).toEqual(['2', '4']);
  });
});

describe('classify: out-of-scheme records are not counted anywhere (item 5)', () => {
  it('thématique, kind, group, idea and sujet are null; the nearest candidates stay', () => {
    const r = run(['classify', '-', '--input', 'text', '--format', 'ndjson'], "Merci pour l'organisation\n");
    expect(r.status, r.stderr).toBe(0);
    const [x] = ndjson(r.stdout);
    expect(x!.status).toBe('out_of_scheme');
    expect([x!.thematique, x!.kind, x!.group, x!.idea, x!.sujet]).toEqual([null, null, null, null, null]);
    expect(x!.candidates.length).toBeGreaterThan(0);
  });
});

describe('classify: office files as input (item 9)', () => {
  it('a workbook is read directly: first sheet, or --sheet NAME', async () => {
    const sheet = (name: string, rows: Record<string, unknown>[]) => ({
      name,
      columns: Object.keys(rows[0]!).map((key) => ({ key, kind: 'text' as const })),
      rows,
    });
    const wb = await toXlsx([
      sheet('Notes', [{ note: 'à ignorer' }]),
      sheet('Réponses', [
        { Identifiant: 'R-01', Verbatim: V1 },
        { Identifiant: 'R-02', Verbatim: V2 },
      ]),
    ]);
    writeFileSync(join(tmp, 'enquete.xlsx'), wb);
    const first = run(['classify', 'enquete.xlsx', '--format', 'ndjson']);
    expect(first.status).toBe(2);
    expect(first.stderr).toMatch(/enquete\.xlsx: .*sheet "Notes".*no text column.*--sheet/);
    const r = run(['classify', 'enquete.xlsx', '--sheet', 'Réponses', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    const rows = ndjson(r.stdout);
    expect(rows.map((x) => [x.id, x.text])).toEqual([
      ['R-01', V1],
      ['R-02', V2],
    ]);
    expect(rows[0]!.input).toEqual({ Identifiant: 'R-01', Verbatim: V1 });
    const bad = run(['classify', 'enquete.xlsx', '--sheet', 'Feuil1']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no sheet "Feuil1" \(sheets: Notes, Réponses\)/);
    // The reader gives the sheet's rows as text, numbers as JavaScript prints them.
    expect((await readXlsxTable(wb, 'enquete.xlsx', 'Réponses')).headers).toEqual(['Identifiant', 'Verbatim']);
  }, 60_000);
  it('fixtures/bad/enquete.xlsx (for the README error table) is this workbook, byte for byte', async () => {
    const sheet = (name: string, rows: Record<string, unknown>[]) => ({
      name,
      columns: Object.keys(rows[0]!).map((key) => ({ key, kind: 'text' as const })),
      rows,
    });
    const wb = await toXlsx([
      sheet('Notes', [{ note: 'Export du questionnaire, onglet Réponses' }]),
      sheet('Réponses', [
        { Identifiant: 'R-01', Département: '33', Verbatim: V1 },
        { Identifiant: 'R-02', Département: '24', Verbatim: V3 },
      ]),
    ]);
    expect(wb.equals(readFileSync(join(ROOT, 'fixtures', 'bad', 'enquete.xlsx')))).toBe(true);
  }, 30_000);
  it('a Word or OpenDocument text (made by LibreOffice: fixtures/bad/avis.*) is refused with the fix, whatever its name', () => {
    for (const f of ['avis.docx', 'avis.odt']) {
      const bytes = readFileSync(join(ROOT, 'fixtures', 'bad', f));
      writeFileSync(join(tmp, `${f}.renamed`), bytes);
      for (const [args, name] of [
        [[join(ROOT, 'fixtures', 'bad', f)], f],
        [[`${f}.renamed`], `${f}.renamed`],
        [['-'], '<stdin>'],
      ] as const) {
        const r = run(['classify', ...args], args[0] === '-' ? bytes : undefined);
        expect(r.status, `${f} ${name}`).toBe(2);
        const what = f === 'avis.odt' ? 'an OpenDocument text (.odt)' : 'a Word document';
        expect(r.stderr).toBe(`cnr-synth: ${name}: this is ${what}: save it as text (one verbatim per line), or its table as CSV\n`);
      }
    }
    // An old binary .doc (OLE2 compound file) too.
    writeFileSync(join(tmp, 'vieux.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(run(['classify', 'vieux.doc']).stderr).toMatch(/vieux\.doc: this is a Word document/);
  });
  it('-o into a missing directory names the whole path', () => {
    const r = run(['classify', '-', '--input', 'text', '-o', 'nope/sub/out.ndjson'], `${V3}\n`);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nope\/sub\/out\.ndjson: .*no directory "nope\/sub"/);
    expect(existsSync(join(tmp, 'nope'))).toBe(false);
  });
});

describe('classify: one flat column set for CSV and XLSX (item 10)', () => {
  it('CSV: the input columns, then id and label and score of thématique, group and idea', () => {
    const r = run(['classify', '-', '--input', 'csv', '--format', 'csv'], `Identifiant;dept;texte\nR-1;33;${V2}\n`);
    expect(r.status, r.stderr).toBe(0);
    const header = r.stdout.split('\n')[0]!.split(',');
    expect(header).toEqual(['Identifiant', 'dept', 'texte', ...FLAT_COLUMNS]);
    const cells = r.stdout.split('\n')[1]!.split(',');
    const at = (c: string) => cells[header.indexOf(c)];
    expect(at('thematique_id')).toBe('t2');
    expect(at('group_id')).toMatch(/^t2\.(probleme|solution)\.g\d+$/);
  });
  it('CSV of an NDJSON input keeps its fields, as NDJSON and XLSX do', () => {
    const r = run(
      ['classify', '-', '--input', 'ndjson', '--format', 'csv'],
      `${JSON.stringify({ id: 'a', text: V2, dep: '33' })}\n${JSON.stringify({ id: 'b', text: V3, dep: '24' })}\n`,
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]!.split(',').slice(0, 5)).toEqual(['id', 'text', 'dep', 'cnr_id', 'cnr_text']);
    expect(lines[2]!.startsWith(`b,${V3},24,b,`)).toBe(true);
  });
  it('XLSX holds the same columns as CSV', async () => {
    const r = run(['classify', '-', '--input', 'csv', '--format', 'xlsx', '-o', 'out.xlsx'], `Identifiant;dept;texte\nR-1;33;${V2}\n`);
    expect(r.status, r.stderr).toBe(0);
    const t = await readXlsxTable(readFileSync(join(tmp, 'out.xlsx')), 'out.xlsx', 'classify');
    expect(t.headers).toEqual(['Identifiant', 'dept', 'texte', ...FLAT_COLUMNS]);
  }, 30_000);
});

describe('sniffing a table by content (src/io/classify-input.ts)', async () => {
  const { sniffKind, splitRecords } = await import('../../src/io/classify-input.js');
  it('splitRecords respects quotes and multi-line cells, numbers the start lines, drops a cut last record', () => {
    const text = `a;b\r\n1;"x\r\n""y"""\r\n\r\n2;z\r\n3;"cut`;
    const recs = splitRecords(text, ';', false);
    expect(recs.map((r) => [...r])).toEqual([
      ['a', 'b'],
      ['1', 'x\r\n"y"'],
      ['2', 'z'],
    ]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 5]);
    expect(splitRecords('a;b\n1;2', ';', true).map((r) => [...r])).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
  it('a consistent header with a text column is a table; prose with commas or one line is text', () => {
    expect(sniffKind(`id\ttexte\n1\t${V2}\n`, true)).toMatchObject({ kind: 'csv', table: { delimiter: '\t', hasText: true } });
    expect(sniffKind(`id,texte\n1,"${V4}"\n`, true)).toMatchObject({ kind: 'csv', table: { delimiter: ',' } });
    expect(sniffKind(`${V4}\n${V4}\n`, true).kind).toBe('text');
    expect(sniffKind('Identifiant;Verbatim\n', true).kind).toBe('text');
    // Cut inside a quoted cell at the end of the sample: the cut record does not count.
    expect(sniffKind(`id;texte\n1;${V3}\n2;"${V1}`, false)).toMatchObject({ kind: 'csv', table: { delimiter: ';' } });
    expect(sniffKind(`id;texte\n1;${V3}\n2;a;b\n`, true)).toMatchObject({ kind: 'csv', table: { ragged: { line: 3, cells: 3 } } });
    expect(sniffKind('{"id":1,"text":"x"}\n', true).kind).toBe('ndjson');
  });
});

describe('classify NDJSON input: empty texts and late fields', () => {
  it('an empty text is a record with status "empty"; a field first seen after the CSV header is said on stderr', () => {
    const nd = `${JSON.stringify({ id: 'a', text: V2 })}\n${JSON.stringify({ id: 'b', text: '  ' })}\n`;
    const r = run(['classify', '-', '--input', 'ndjson', '--format', 'ndjson'], nd);
    expect(r.status, r.stderr).toBe(0);
    expect(ndjson(r.stdout).map((x) => [x.id, x.status, x.thematique])).toEqual([
      ['a', expect.any(String), expect.anything()],
      ['b', 'empty', null],
    ]);
    // 2,000 records make several batches; the field of the last one comes after the header.
    const many = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: `v${i}`, text: V3, ...(i === 1999 ? { commune: 'Tulle' } : {}) })).join('\n');
    const c = run(['classify', '-', '--input', 'ndjson', '--format', 'csv'], `${many}\n`);
    expect(c.status, c.stderr).toBe(0);
    expect(c.stderr).toMatch(/<stdin>: field "commune" first appears in record v1999, after the CSV header was written/);
  }, 60_000);
});
