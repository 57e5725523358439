// classify never guesses in silence (review findings H4, M5, M6, M9): a table or JSON document
// found by content is read, or refused with the fix; every guess (kind, encoding, separator, text
// column, sheet) is said on stderr once. Unit tests of the sniffers, then the built CLI.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { guessTextColumn, looksJsonDocument, sniffKind, sniffTable } from '../../src/io/classify-input.js';
import { toXlsx } from '../../src/render/xlsx.js';
import { run as cli, tempDir } from '../helpers/cli.mjs';

const tmp = tempDir('cnr-classify-guess-');
const run = (args: string[], input?: string | Buffer) => cli(args, { cwd: tmp, input });
const put = (name: string, data: string | Buffer) => writeFileSync(join(tmp, name), data);
const lines = (s: string) => s.trimEnd().split('\n');

const GF = '"Horodateur","Département","Quelle est votre proposition ?"\n"2023/01/05 10:00","33","Créer des maisons de santé, avec des infirmiers"\n';
const ARR = '[{"id":"a","texte":"Créer des maisons de santé"},{"id":"b","texte":"Les urgences"}]\n';

describe('sniffers', () => {
  it('a comma table without a known text column is a table; prose with ", " stays text', () => {
    expect(sniffTable('id,Réponse\n1,Créer des maisons de santé\n', true)).toMatchObject({ delimiter: ',', hasText: false, headers: ['id', 'Réponse'] });
    expect(sniffKind('Merci, bravo\nOui, d’accord\n', true).kind).toBe('text');
    expect(sniffKind(GF, true)).toMatchObject({ kind: 'csv', table: { delimiter: ',', guess: 'Quelle est votre proposition ?' } });
  });
  it('guessTextColumn: one question-like column of long prose, else none', () => {
    const rows = [['33', 'Créer des maisons de santé partout', 'Oui']];
    expect(guessTextColumn(['Dept', 'Vos propositions', 'Accord'], rows)).toBe('Vos propositions');
    expect(guessTextColumn(['Dept', 'Quelle est votre idée ?', 'Accord'], rows)).toBe('Quelle est votre idée ?');
    // A bare word is not enough; two plausible columns: none (refused, the user chooses).
    expect(guessTextColumn(['Dept', 'commentaire', 'Accord'], rows)).toBeUndefined();
    expect(guessTextColumn(['Votre avis ?', 'Vos remarques'], [['Créer des maisons de santé', 'Les urgences sont saturées']])).toBeUndefined();
    // Short or numeric cells are not free text.
    expect(guessTextColumn(['Dept', 'Votre note ?'], [['33', '4']])).toBeUndefined();
    // A multiple-choice question's answers repeat the same lists of options: not free text (review 10, C6).
    const options = ['Médecin généraliste, Dentiste, Ophtalmologiste', 'Médecin généraliste, Kinésithérapeute, Dentiste'];
    const checkbox = Array.from({ length: 12 }, (_, i) => [options[i % 2]!, i % 2 ? 'RAS' : 'Plus de médecins']);
    expect(guessTextColumn(['Quels services manquent le plus ?', 'Votre proposition'], checkbox)).toBeUndefined();
    const prose = Array.from({ length: 12 }, (_, i) => [`Créer des maisons de santé dans le canton ${i}`, 'x']);
    expect(guessTextColumn(['Quelle est votre idée ?', 'Accord'], prose)).toBe('Quelle est votre idée ?');
  });
  it('a JSON document: "[", or "{" on a first line that does not close', () => {
    expect(looksJsonDocument(ARR, true)).toBe(true);
    expect(looksJsonDocument('\ufeff  [\n{"a":1}\n]', true)).toBe(true);
    expect(looksJsonDocument('{"rows":[\n{"id":"1"}\n],"meta":{}}\n', true)).toBe(true);
    expect(looksJsonDocument('{\n  "rows": []\n}\n', true)).toBe(true);
    expect(looksJsonDocument('{"rows":[{"id":"1","text":"x"}],"meta":{}}\n', true)).toBe(true);
    expect(looksJsonDocument('{"id":1,"text":"x"}\n{"id":2,"text":"y"}\n', true)).toBe(false);
    expect(looksJsonDocument('{"id":1,"text":"x', false)).toBe(false);
    expect(sniffKind(ARR, true).kind).toBe('json');
  });
});

describe('H4: tables and JSON documents by content (CLI)', () => {
  it('a Google Forms export on stdin: the question column is guessed and said', () => {
    const r = run(['classify', '-', '--format', 'ndjson'], GF);
    expect(r.status, r.stderr).toBe(0);
    expect(lines(r.stdout).map((l) => JSON.parse(l).text)).toEqual(['Créer des maisons de santé, avec des infirmiers']);
    expect(lines(r.stderr).slice(0, 2)).toEqual([
      'cnr-synth: <stdin>: read as CSV (separator ",", encoding utf-8, columns: Horodateur, Département, Quelle est votre proposition ?); pass --input to choose',
      'cnr-synth: <stdin>: text column guessed: "Quelle est votre proposition ?" (longest free text; --text-column to choose)',
    ]);
  });
  it('the same as gf.csv: the guess is said', () => {
    put('gf.csv', GF);
    const r = run(['classify', 'gf.csv', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('cnr-synth: gf.csv: text column guessed: "Quelle est votre proposition ?" (longest free text; --text-column to choose)\n');
  });
  it('a comma table with no plausible text column is refused, not read line by line', () => {
    put('cm.txt', 'id,Réponse\n1,Créer des maisons de santé\n');
    const r = run(['classify', 'cm.txt']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'cnr-synth: cm.txt: this looks like a table (separator ",", columns: id, Réponse) with no text column (text, texte, verbatim, contribution); pass --text-column NAME, or --input text to read one verbatim per line\n',
    );
    expect(run(['classify', 'cm.txt', '--text-column', 'Réponse', '--format', 'ndjson']).status).toBe(0);
  });
  it('a JSON array (one line, or pretty-printed on stdin) gives one record per element', () => {
    put('arr.json', ARR);
    for (const r of [
      run(['classify', 'arr.json', '--format', 'ndjson']),
      run(['classify', '-', '--format', 'ndjson'], JSON.stringify(JSON.parse(ARR), null, 2)),
    ]) {
      expect(r.status, r.stderr).toBe(0);
      expect(lines(r.stdout).map((l) => [JSON.parse(l).id, JSON.parse(l).text])).toEqual([
        ['a', 'Créer des maisons de santé'],
        ['b', 'Les urgences'],
      ]);
      expect(r.stderr).toMatch(/: read as a JSON document \(2 records\)\n$/);
    }
  });
  it('M6: classify --format json output read back: its rows, with their input columns', () => {
    put('s.csv', 'ref;texte;commune\nA1;Créer des maisons de santé;Tulle\nA2;Les urgences;Guéret\n');
    const j = run(['classify', 's.csv', '--format', 'json', '-o', 'cl.json']);
    expect(j.status, j.stderr).toBe(0);
    const r = run(['classify', 'cl.json', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('cnr-synth: cl.json: read as a JSON document (2 records)\n');
    expect(lines(r.stdout).map((l) => JSON.parse(l).input)).toEqual([
      { ref: 'A1', texte: 'Créer des maisons de santé', commune: 'Tulle' },
      { ref: 'A2', texte: 'Les urgences', commune: 'Guéret' },
    ]);
    // the run's meta says what was read: a JSON document, not NDJSON
    const meta = JSON.parse(run(['classify', 'cl.json', '--format', 'json']).stdout) as { meta: { input: { kind: string } } };
    expect(meta.meta.input.kind).toBe('json');
  });
  it('other JSON documents are refused with the jq line', () => {
    put('s.json', '["a","b"]');
    expect(run(['classify', 's.json']).stderr).toBe(
      "cnr-synth: s.json: a JSON document, not NDJSON: element 1 of the array is a string, not an object; for a list of texts: jq -r '.[]' FILE | cnr-synth classify - --input text\n",
    );
    put('o.json', '{\n  "data": [1]\n}\n');
    const r = run(['classify', 'o.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'cnr-synth: o.json: a JSON document, not NDJSON: an object without a "rows" array (keys: data); give one JSON object per verbatim, one per line (e.g. jq -c \'.KEY[]\' FILE | cnr-synth classify - --input ndjson)\n',
    );
    put('doc.json', JSON.stringify(JSON.parse(ARR), null, 2));
    expect(run(['classify', 'doc.json', '--input', 'ndjson']).stderr).toBe(
      "cnr-synth: doc.json:1: a JSON document, not NDJSON (one JSON object per line): convert it, e.g. jq -c '.[]' FILE > FILE.ndjson\n",
    );
  });
});

describe('M5: guesses said for files as for stdin', () => {
  it('a Windows-1252 ";" CSV file', () => {
    put('w.csv', iconv.encode('id;texte\r\n1;Créer des maisons\r\n', 'windows-1252'));
    const r = run(['classify', 'w.csv', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      'cnr-synth: w.csv: read as CSV (separator ";", encoding windows-1252, columns: id, texte); pass --delimiter or --encoding to choose\n',
    );
  });
  it('a UTF-16 LE tab file named .csv', () => {
    put('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('id\ttexte\r\n1\tCréer des maisons\r\n', 'utf-16le')]));
    const r = run(['classify', 'u16.csv', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('cnr-synth: u16.csv: read as TSV (separator tab, encoding utf-16le, columns: id, texte); pass --delimiter or --encoding to choose\n');
  });
  it('a plain UTF-8 comma CSV says nothing', () => {
    put('plain.csv', 'id,texte\n1,Créer des maisons\n');
    expect(run(['classify', 'plain.csv', '--format', 'ndjson']).stderr).toBe('');
  });
  it('two known text columns: the one taken and the other are named', () => {
    put('vt.csv', 'id,Verbatim,Texte\n1,aaa,Créer des maisons\n');
    const r = run(['classify', 'vt.csv', '--format', 'ndjson']);
    expect(JSON.parse(r.stdout).text).toBe('Créer des maisons');
    expect(r.stderr).toBe(
      'cnr-synth: vt.csv: text column "Texte", the first found of text, texte, verbatim, contribution (also there: "Verbatim"); pass --text-column NAME to choose\n',
    );
  });
  it('text and NDJSON on stdin, and a Windows-1252 .txt', () => {
    expect(run(['classify', '-', '--format', 'ndjson'], 'Créer des maisons de santé\n').stderr).toBe(
      'cnr-synth: <stdin>: read as text (one verbatim per line); pass --input to choose\n',
    );
    expect(run(['classify', '-', '--format', 'ndjson'], '{"id":1,"texte":"Créer des maisons"}\n').stderr).toBe(
      'cnr-synth: <stdin>: read as NDJSON (one JSON object per line); pass --input to choose\n',
    );
    put('w.txt', iconv.encode('Créer des maisons de santé\n', 'windows-1252'));
    expect(run(['classify', 'w.txt', '--format', 'ndjson']).stderr).toBe(
      'cnr-synth: w.txt: read as text (one verbatim per line, encoding windows-1252); pass --encoding to choose\n',
    );
    put('u.txt', 'Créer des maisons de santé\n');
    expect(run(['classify', 'u.txt', '--format', 'ndjson']).stderr).toBe('');
  });
  it('the first of several sheets', async () => {
    put(
      'two.xlsx',
      await toXlsx([
        { name: 'Réponses', columns: [{ key: 'id' }, { key: 'texte' }], rows: [{ id: 'R1', texte: 'Créer des maisons de santé' }] },
        { name: 'Notes', columns: [{ key: 'note' }], rows: [{ note: 'x' }] },
      ]),
    );
    const r = run(['classify', 'two.xlsx', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('cnr-synth: two.xlsx: read sheet "Réponses", the first of 2 (Réponses, Notes); pass --sheet NAME to choose\n');
  }, 30_000);
});

describe('M9 and columns with text input', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
  it('a PDF on stdin, or with --input text, is refused with a fix that applies', () => {
    expect(run(['classify', '-'], PDF).stderr).toBe(
      'cnr-synth: <stdin>: a PDF on stdin: classify reads a PDF only as a CNR Santé report, from its file: cnr-synth classify REPORT.pdf\n',
    );
    put('verb.pdf', PDF);
    const r = run(['classify', 'verb.pdf', '--input', 'text']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('cnr-synth: verb.pdf: --input text cannot read a PDF: classify reads a PDF only as a CNR Santé report (drop --input)\n');
  });
  it('a ";"-rich text is refused as a table, offering --input text, which reads it', () => {
    put('semi.txt', 'Créer des MSP ; développer la télémédecine\nFormer des IPA ; ouvrir des centres de santé\n');
    expect(run(['classify', 'semi.txt']).stderr).toMatch(/pass --text-column NAME, or --input text to read one verbatim per line\n$/);
    expect(run(['classify', 'semi.txt', '--input', 'text', '--format', 'ndjson']).status).toBe(0);
  });
  it('--text-column / --id-column with a text input are refused, not ignored', () => {
    put('v.txt', 'Créer des maisons de santé\n');
    expect(run(['classify', 'v.txt', '--text-column', 'texte']).stderr).toBe(
      'cnr-synth: v.txt: no column "texte" on the first line: this input reads as text (one verbatim per line), which has no columns; check the name, or drop --text-column\n',
    );
    expect(run(['classify', 'v.txt', '--input', 'text', '--id-column', 'id']).stderr).toBe(
      'cnr-synth: v.txt: --id-column goes with a table (CSV, TSV, .xlsx), not with --input text (one verbatim per line): drop one of them\n',
    );
  });
});
