// classify on survey-tool exports (review 10): SurveyMonkey's second header row, title rows above
// the header (LimeSurvey, Framaforms, a merged title, a table starting lower), non-answers ("N/A",
// "#N/A", "Sans opinion"…), workbook cells without text (formulas never computed, error values),
// merged cells, repeated column names and hidden sheets. Files are made here, in a temporary
// directory; the built bin/cnr-synth runs in child processes.
import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as cli, tempDir } from '../helpers/cli.mjs';
import { loadExcelJS } from '../../src/io/excel.js';

const tmp = tempDir('cnr-classify-survey-');
const run = (args: string[], input?: string) => cli(args, { cwd: tmp, input });
type Row = { id: string; text: string; status: string; group: unknown; candidates: unknown[]; input?: Record<string, string> };
const rows = (s: string) =>
  s
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);
const lines = (s: string) => s.trimEnd().split('\n');

const A = [
  "Il n'y a plus de médecin généraliste dans mon village, il faut faire 40 km.",
  'Créer des maisons de santé pluridisciplinaires dans chaque canton',
  'Les urgences sont saturées le week-end et la nuit',
  "Délais d'attente de 6 mois pour un ophtalmologiste",
];

/** A workbook made with exceljs (as a script would write it: no cached formula results). */
async function workbook(file: string, fill: (wb: import('exceljs').Workbook) => void): Promise<string> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  fill(wb);
  await wb.xlsx.writeFile(join(tmp, file));
  return file;
}

describe('classify: non-answers are status "empty" (S3)', () => {
  it('N/A, #N/A, nan, Aucune, Sans opinion, "-"… (whole text, any case, accents or punctuation around) are "empty", counted once on stderr', () => {
    const input = ['N/A', '#N/A', 'nan', 'Aucune.', 'Sans opinion', '-', 'R.A.S.', 'Néant', A[0], 'Aucune idée de quoi faire pour les urgences'].join('\n');
    const r = run(['classify', '-', '--input', 'text', '--format', 'ndjson'], input);
    expect(r.status, r.stderr).toBe(0);
    const out = rows(r.stdout);
    expect(out.map((x) => x.status).slice(0, 8)).toEqual(Array(8).fill('empty'));
    expect(out.slice(0, 8).every((x) => x.group === null && x.candidates.length === 0)).toBe(true);
    expect(out[8]!.status).not.toBe('empty');
    expect(out[9]!.status).not.toBe('empty');
    expect(lines(r.stderr)).toEqual(['cnr-synth: <stdin>: 8 records are non-answers (N/A, #N/A, …): status "empty"']);
  });

  it('in a CSV column as in text; one non-answer is said in the singular', () => {
    writeFileSync(join(tmp, 'na.csv'), `id,texte\n1,"${A[0]}"\n2, n / a \n3,${A[1]}\n`);
    const r = run(['classify', 'na.csv', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(rows(r.stdout).map((x) => [x.id, x.status === 'empty'])).toEqual([
      ['1', false],
      ['2', true],
      ['3', false],
    ]);
    expect(r.stderr).toBe('cnr-synth: na.csv: 1 record is a non-answer (n / a): status "empty"\n');
  });
});

describe('classify: SurveyMonkey second header row (S1)', () => {
  const head = '"ID du répondant","Date de début","Quelle est votre proposition pour améliorer l\'accès aux soins ?","Votre département"';
  const sub = '"","","Réponse ouverte","Réponse"';
  const data = A.map((t, i) => `"11403576819${i}","03/12/2024 09:1${i}:05","${t}","Creuse"`);

  it('CSV (file and stdin): row 2 of sub-header labels is skipped and said; ids keep their row numbers', () => {
    writeFileSync(join(tmp, 'sm.csv'), `\ufeff${[head, sub, ...data].join('\r\n')}\r\n`);
    for (const args of [['sm.csv'], ['-']]) {
      const r = run(['classify', ...args, '--format', 'ndjson'], args[0] === '-' ? [head, sub, ...data].join('\n') : undefined);
      expect(r.status, r.stderr).toBe(0);
      const out = rows(r.stdout);
      expect(out.map((x) => [x.id, x.text])).toEqual(A.map((t, i) => [String(i + 3), t]));
      expect(r.stderr).toContain(`: row 2 is a second header row (SurveyMonkey's "Réponse ouverte"…): skipped\n`);
    }
  });

  it('XLSX, and the English labels ("Open-Ended Response", "Response")', async () => {
    const f = await workbook('sm.xlsx', (wb) => {
      const ws = wb.addWorksheet('Sheet');
      ws.addRow(['Respondent ID', 'What is your proposal to improve access to care?', 'Other (please specify)']);
      ws.addRow(['', 'Open-Ended Response', 'Response']);
      A.forEach((t, i) => ws.addRow([`${i}`, t, '']));
    });
    const r = run(['classify', f, '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(rows(r.stdout).map((x) => x.id)).toEqual(['3', '4', '5', '6']);
    expect(r.stderr).toContain(`sm.xlsx: row 2 is a second header row (SurveyMonkey's "Open-Ended Response"…): skipped\n`);
  }, 60_000);
});

describe('classify: title rows above the header (S2, C1, C2, C5)', () => {
  it("Framaforms' fieldset row above the header: the header is row 2, its id column is used", () => {
    const csv = [
      '"","","","Vos propositions",""',
      '"Numéro","SID","Heure de soumission","Quelle est votre proposition ?","Département"',
      ...A.map((t, i) => `"${i + 1}","10${i}","12/03/2024 - 10:0${i}","${t}","Creuse"`),
    ].join('\n');
    writeFileSync(join(tmp, 'framaforms.csv'), `${csv}\n`);
    const r = run(['classify', 'framaforms.csv', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(rows(r.stdout).map((x) => [x.id, x.text])).toEqual(A.map((t, i) => [String(i + 1), t]));
    expect(lines(r.stderr)).toEqual([
      'cnr-synth: framaforms.csv: header on row 2 (row 1 above it: "Vos propositions"): read from there',
      'cnr-synth: framaforms.csv: text column guessed: "Quelle est votre proposition ?" (longest free text; --text-column to choose)',
    ]);
  });

  it("a LimeSurvey title line without separators: the separator is the header's, ids are the export's; on stdin too when the header names the text", () => {
    const csv = ["Résultats de l'enquête 123456 - Accès aux soins", 'ID de la réponse;Votre profil;texte', ...A.map((t, i) => `${i + 11};Patient;${t}`)].join(
      '\n',
    );
    writeFileSync(join(tmp, 'ls.csv'), `${csv}\n`);
    for (const args of [['ls.csv'], ['-']]) {
      const r = run(['classify', ...args, '--format', 'ndjson'], args[0] === '-' ? csv : undefined);
      expect(r.status, r.stderr).toBe(0);
      expect(rows(r.stdout).map((x) => [x.id, x.text])).toEqual(A.map((t, i) => [String(i + 11), t]));
      expect(r.stderr).toContain(`: header on row 2 (row 1 above it: "Résultats de l'enquête 123456 - Accès a…"): read from there\n`);
    }
  });

  it('without a known column under the title, the refusal says to delete the title rows', () => {
    writeFileSync(join(tmp, 'title.csv'), 'Enquête Creuse\nHorodateur;Commune;Votre avis\n1;Guéret;b\n');
    const r = run(['classify', 'title.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'cnr-synth: title.csv: no text column (columns found: Enquête Creuse); row 1 looks like a title: delete the title rows above the header, or pass --text-column NAME\n',
    );
  });

  it('XLSX: a merged title and a blank row above the header; a table starting at B2; an empty first row without header is refused for a sheet, not a CSV', async () => {
    const t = await workbook('title.xlsx', (wb) => {
      const ws = wb.addWorksheet('Réponses');
      ws.getCell('A1').value = 'Consultation CNR Santé — Creuse — mars 2024';
      ws.mergeCells('A1:C1');
      ws.getRow(3).values = ['Identifiant', 'Commune', 'Verbatim'];
      A.forEach((x, i) => (ws.getRow(4 + i).values = [`R-${i + 1}`, 'Guéret', x]));
    });
    const r = run(['classify', t, '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(rows(r.stdout).map((x) => x.id)).toEqual(['R-1', 'R-2', 'R-3', 'R-4']);
    expect(r.stderr).toBe('cnr-synth: title.xlsx: header on row 3 (rows 1–2 above it: "Consultation CNR Santé — Creuse — mars …"): read from there\n');
    const b2 = await workbook('b2.xlsx', (wb) => {
      const ws = wb.addWorksheet('F');
      ws.getRow(2).values = [undefined, 'id', 'texte'] as never;
      A.forEach((x, i) => (ws.getRow(3 + i).values = [undefined, i + 1, x] as never));
    });
    const s = run(['classify', b2, '--format', 'ndjson']);
    expect(s.status, s.stderr).toBe(0);
    expect(rows(s.stdout).map((x) => [x.id, x.text])).toEqual(A.map((x, i) => [String(i + 1), x]));
    expect(s.stderr).toBe('cnr-synth: b2.xlsx: header on row 2 (row 1 above it is empty): read from there\n');
    const e = await workbook('empty1.xlsx', (wb) => {
      const ws = wb.addWorksheet('F');
      ws.getRow(2).values = ['a', 'b'];
      ws.getRow(3).values = ['x', 'y'];
    });
    const q = run(['classify', e]);
    expect(q.status).toBe(2);
    expect(q.stderr).toBe(
      'cnr-synth: empty1.xlsx: row 1 of the sheet has no column names; the header must be the first row with something in it (delete the empty rows above it), or export the sheet as CSV\n',
    );
  }, 60_000);
});

describe('classify: workbook cells without text (S4) and merged cells (S5)', () => {
  it('a formula without a computed value in the text or id column is refused naming the cell; never "[object Object]"', async () => {
    const text = await workbook('formula.xlsx', (wb) => {
      const ws = wb.addWorksheet('F');
      ws.addRow(['id', 'début', 'texte']);
      ws.addRow([1, 'a', A[0]]);
      ws.addRow([2, 'Manque de dentistes', { formula: 'B3&" à Aubusson"' }]);
    });
    const id = await workbook('idformula.xlsx', (wb) => {
      const ws = wb.addWorksheet('F');
      ws.addRow(['id', 'texte']);
      ws.addRow([{ formula: 'ROW()-1' }, A[0]]);
    });
    const fix =
      'is a formula without a computed value (the file was written by a program and never opened in a spreadsheet); open and save it in Excel or LibreOffice, or export the sheet as CSV\n';
    for (const [f, cell] of [
      [text, 'C3'],
      [id, 'A2'],
    ] as const) {
      const r = run(['classify', f, '-o', 'out.csv']);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`cnr-synth: ${f}: cell ${cell} ${fix}`);
      expect(existsSync(join(tmp, 'out.csv'))).toBe(false);
    }
  }, 60_000);

  it('elsewhere it is read as empty and said; error values (#N/A, a formula giving #REF!) are non-answers', async () => {
    const f = await workbook('cells.xlsx', (wb) => {
      const ws = wb.addWorksheet('F');
      ws.addRow(['id', 'texte', 'commune']);
      ws.addRow([1, A[0], { formula: 'UPPER("Guéret")' }]);
      ws.addRow([2, { error: '#N/A' }, 'Tulle']);
      ws.addRow([3, { formula: 'A1/0', result: { error: '#DIV/0!' } }, 'Ussel']);
    });
    const r = run(['classify', f, '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    const out = rows(r.stdout);
    expect(out.map((x) => [x.text, x.status === 'empty'])).toEqual([
      [A[0], false],
      ['#N/A', true],
      ['#DIV/0!', true],
    ]);
    expect(out[0]!.input!.commune).toBe('');
    expect(lines(r.stderr)).toEqual([
      'cnr-synth: cells.xlsx: 1 cell has no computed value (C2: formulas never computed): read as empty',
      'cnr-synth: cells.xlsx: 2 records are non-answers (#N/A, #DIV/0!): status "empty"',
    ]);
  }, 60_000);

  it("a merged text cell is read once, on its first row (as Excel's CSV export), and said", async () => {
    const f = await workbook('merged.xlsx', (wb) => {
      const ws = wb.addWorksheet('F');
      ws.addRow(['id', 'texte']);
      A.forEach((x, i) => ws.addRow([i + 1, x]));
      ws.addRow([5, 'Délais trop longs chez le dentiste']);
      ws.addRow([6, '']);
      ws.mergeCells('B6:B7');
    });
    const r = run(['classify', f, '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    const out = rows(r.stdout);
    expect(out.slice(4).map((x) => [x.id, x.text, x.status === 'empty'])).toEqual([
      ['5', 'Délais trop longs chez le dentiste', false],
      ['6', '', true],
    ]);
    expect(r.stderr).toBe("cnr-synth: merged.xlsx: cells B6:B7 are merged: read once, on row 6 (as Excel's CSV export does)\n");
  }, 60_000);
});

describe('classify: repeated column names (S6) and hidden sheets (C3)', () => {
  it('a second "Texte" column is said renamed, and named as another text column', () => {
    writeFileSync(join(tmp, 'dup.csv'), `id,Texte,Texte\n1,${A[1]},${A[2]}\n`);
    const r = run(['classify', 'dup.csv', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(rows(r.stdout)[0]!.text).toBe(A[1]);
    expect(lines(r.stderr)).toEqual([
      'cnr-synth: dup.csv: column 3 has the same name as column 2 ("Texte"): read as "Texte_2"',
      'cnr-synth: dup.csv: text column "Texte", the first found of text, texte, verbatim, contribution (also there: "Texte_2"); pass --text-column NAME to choose',
    ]);
  });

  it('a hidden first sheet is skipped for the first visible one, and said; --sheet still reads it', async () => {
    const f = await workbook('hidden.xlsx', (wb) => {
      const draft = wb.addWorksheet('Brouillon', { state: 'veryHidden' });
      draft.addRow(['id', 'texte']);
      draft.addRow([1, 'essai']);
      const ws = wb.addWorksheet('Réponses');
      ws.addRow(['id', 'texte']);
      ws.addRow([1, A[0]]);
    });
    const r = run(['classify', f, '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(rows(r.stdout).map((x) => x.text)).toEqual([A[0]]);
    expect(r.stderr).toBe(
      'cnr-synth: hidden.xlsx: read sheet "Réponses", the first visible one (hidden sheets skipped: Brouillon); pass --sheet NAME to choose\n',
    );
    const h = run(['classify', f, '--sheet', 'Brouillon', '--format', 'ndjson']);
    expect(h.status, h.stderr).toBe(0);
    expect(rows(h.stdout).map((x) => x.text)).toEqual(['essai']);
  }, 60_000);
});
