// Review 13, classify on documents other than the report. A text read one verbatim per line that
// is not one (wrapped lines, page breaks, pages of the report's workshop reports, Word's manual
// line breaks) is still read that way, and said in one note each (src/io/text-shape.ts); an HTML
// page or a MIME e-mail is refused unless --input text is given; the refusals of a PDF, a Word,
// OpenDocument or RTF file, a text taken for the report and UTF-16 without a BOM give the way on.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { makeReportPdf } from '../helpers/make-pdf.js';
import { ROOT, run as cli, tempDir } from '../helpers/cli.mjs';

const tmp = tempDir('cnr-classify-documents-');
const run = (args: string[], input?: string | Buffer) => cli(args, { cwd: tmp, input });
/** A refusal: exit 2, one line on stderr, nothing on stdout. */
const refused = (r: { status: number | null; stdout: string; stderr: string }) => {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  return r.stderr.trimEnd();
};
const notes = (stderr: string) => stderr.split('\n').filter((l) => / note: /.test(l));

/** The 12 proposals of the review's cr5.html, one per line. */
const LIST = [
  'Créer des maisons de santé pluridisciplinaires dans chaque bassin de vie, avec un financement pérenne de la coordination par l’Assurance maladie.',
  'Développer la télémédecine dans les EHPAD avec un accompagnement des soignants.',
  'Financer le logement des internes qui viennent faire leur stage en zone rurale.',
  'Renforcer la prévention en milieu scolaire par des infirmières dédiées',
  'Ouvrir un centre de soins non programmés à Guéret',
  'Reconnaître et rémunérer l’implication des professionnels dans la permanence des soins',
];
/** The same, wrapped at 60 columns with a page break and a running footer, as pdftotext writes it. */
function wrapped(): string {
  const out: string[] = [];
  for (const [i, p] of LIST.entries()) {
    let line = '';
    for (const w of p.split(' ')) {
      if (line !== '' && line.length + w.length + 1 > 60) {
        out.push(line);
        line = w;
      } else line = line === '' ? w : `${line} ${w}`;
    }
    out.push(line, '');
    if (i === 2) out.push('1/2', '\fCompte rendu — suite', '');
  }
  return `${out.join('\n')}\f`;
}

describe('classify, text input: wrapped lines and page breaks (S1)', () => {
  it('a pdftotext-like dump is read one record per line, with one note naming the count, the first lines and the fix', () => {
    writeFileSync(join(tmp, 'cr-p2t.txt'), wrapped());
    const r = run(['classify', 'cr-p2t.txt', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    const lines = wrapped().split('\n');
    const rows = r.stdout.trim().split('\n');
    expect(rows).toHaveLength(lines.filter((l) => l.replace(/\f/g, '').trim() !== '').length);
    const n = notes(r.stderr);
    expect(n).toHaveLength(1);
    const cont = lines.flatMap((l, i) => (/^\p{Ll}/u.test(l) ? [i + 1] : []));
    expect(n[0]).toBe(
      `cnr-synth: cr-p2t.txt: note: ${cont.length} lines look like the continuation of the line before (they start in lower case under a line that ends no sentence: lines ${cont.slice(0, 5).join(', ')}, …) and 2 page breaks (form feeds, on lines ${lines.findIndex((l) => l.startsWith('\f')) + 1}, ${lines.length}: a PDF's text dump?): one verbatim per line: join the wrapped lines, or export the list without line wrapping (e.g. pdftotext output is wrapped at the page width)`,
    );
  });
  it('a hand-wrapped Markdown list (two continuation lines, one behind a parenthesis) gets the note; page breaks alone too', () => {
    const md = [
      '## Propositions',
      '',
      '- Les jeunes médecins ne veulent pas s’installer en zone rurale faute de services',
      '  pour leur famille (emploi du conjoint, écoles).',
      '- Les urgences de Guéret sont saturées le week-end.',
      '- Développer les protocoles de coopération entre médecins et infirmiers',
      '  (délégation de tâches, IPA).',
      ...LIST.slice(0, 4).map((l) => `- ${l}`),
    ].join('\n');
    const r = run(['classify', '-', '--input', 'text', '--format', 'ndjson'], md);
    expect(r.status, r.stderr).toBe(0);
    expect(notes(r.stderr)).toEqual([
      expect.stringMatching(/^cnr-synth: <stdin>: note: 2 lines look like the continuation of the line before \(.*: lines 4, 7\): one verbatim per line: join/),
    ]);
    const ff = run(['classify', '-', '--input', 'text', '--format', 'ndjson'], `${LIST.join('\n')}\n\f${LIST[0]}\n`);
    expect(notes(ff.stderr)).toEqual([expect.stringMatching(/note: 1 page break \(form feeds, on line 7: a PDF's text dump\?\): one verbatim per line/)]);
  });
  it('a one-per-line list gives no note, nor do the bundled report’s 1 918 verbatims one per line (19 of them start in lower case under a line without a full stop)', () => {
    expect(notes(run(['classify', '-', '--input', 'text', '--format', 'ndjson'], `${LIST.join('\n')}\n`).stderr)).toEqual([]);
    const report = run(['classify', '--format', 'ndjson']);
    expect(report.status, report.stderr).toBe(0);
    const texts = report.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { text: string }).text.replace(/\s*\n\s*/g, ' '));
    expect(texts).toHaveLength(1918);
    const r = run(['classify', '-', '--input', 'text', '--format', 'ndjson'], `${texts.join('\n')}\n`);
    expect(r.status, r.stderr).toBe(0);
    expect(notes(r.stderr)).toEqual([]);
  }, 60_000);
});

describe('classify, text input: pages of one workshop report cut out of the report (S8)', () => {
  it('its furniture is said, with the way to read its verbatims (85 records, not the 17 verbatims)', () => {
    // The pages of 2.5.2 Bergerac (sed -n 4305,4466p), under the département heading "2.5 Dordogne (24)".
    const report = readFileSync(join(ROOT, 'data', 'cnr-sante-nouvelle-aquitaine-2022.txt'), 'utf8').split('\n');
    expect(report[4304]!.trim()).toBe('2.5.2 Bergerac');
    writeFileSync(join(tmp, 'bergerac.txt'), report.slice(4304, 4466).join('\n'));
    const r = run(['classify', 'bergerac.txt', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(85);
    expect(notes(r.stderr)).toContainEqual(
      expect.stringMatching(
        /^cnr-synth: bergerac\.txt: note: this has the layout of the CNR Santé report's workshop reports \("Présentation de l'atelier" on line 3, .*\) but no département section heading .*give the whole report, or its département section/,
      ),
    );
  });
});

describe('classify, text input: line breaks other than CR and LF (S7)', () => {
  it('\\v, U+2028 and U+0085 inside a line are said', () => {
    const r = run(
      ['classify', '-', '--input', 'text', '--format', 'ndjson'],
      `${LIST[0]}\n${LIST[1]}\v${LIST[2]}\n${LIST[3]}\u2028${LIST[4]}\n${LIST[5]}\u0085${LIST[0]}\n`,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(4);
    expect(notes(r.stderr)).toEqual([
      'cnr-synth: <stdin>: note: 3 lines hold a line break other than CR or LF (vertical tab, U+2028, U+2029 or U+0085: a manual line break from Word or PowerPoint; lines 2, 3, 4): two statements may be joined there; replace these breaks by new lines to read one verbatim per line',
    ]);
  });
});

const HTML = `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Compte rendu</title></head>
<body>
<ul>
<li>${LIST[0]}</li>
<li>${LIST[1]}</li>
</ul>
</body></html>
`;
const EML = `From: Jean Dupuis <jean.dupuis@example.fr>
To: cnr-sante@ars.example.fr
Subject: =?UTF-8?Q?Contribution_CNR_Sant=C3=A9?=
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

Je souhaite proposer de cr=C3=A9er une maison de sant=C3=A9 pluridisciplin=
aire.
`;

describe('classify: an HTML page or a MIME e-mail is refused, unless --input text (S9)', () => {
  it('an .html file, the same without extension and on stdin, and an .eml file: one line with the fix', () => {
    writeFileSync(join(tmp, 'cr.html'), `\ufeff  ${HTML}`);
    writeFileSync(join(tmp, 'page'), HTML.replace('<!DOCTYPE html>\n', ''));
    writeFileSync(join(tmp, 'contrib.eml'), EML);
    const page = 'this is an HTML page: save it as text (one verbatim per line), or its table as CSV';
    expect(refused(run(['classify', 'cr.html']))).toBe(`cnr-synth: cr.html: ${page}`);
    expect(refused(run(['classify', 'page']))).toBe(`cnr-synth: page: ${page}`);
    expect(refused(run(['classify', '-'], HTML))).toBe(`cnr-synth: <stdin>: ${page}`);
    expect(refused(run(['classify', 'contrib.eml']))).toBe(
      'cnr-synth: contrib.eml: this is an e-mail message (MIME): copy its text into a .txt file, one verbatim per line',
    );
  });
  it('--input text reads them as asked; a pasted e-mail (De : / Objet :) stays text', () => {
    const r = run(['classify', 'cr.html', '--input', 'text', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(HTML.trim().split('\n').length);
    expect(run(['classify', 'contrib.eml', '--input', 'text', '--format', 'ndjson']).status).toBe(0);
    const mail = run(['classify', '-', '--format', 'ndjson'], `De : Jean Dupuis\nObjet : CNR Santé\n\n${LIST[0]}\n`);
    expect(mail.status, mail.stderr).toBe(0);
  });
});

describe('classify: refusals that give the way on (R1, R2)', () => {
  it('a PDF that is not the report: classify reads a PDF only as the report; give another document as text', async () => {
    writeFileSync(join(tmp, 'cr.pdf'), await makeReportPdf(`Compte rendu de la réunion du 14 novembre 2022\n\n${LIST.join('\n')}\n`, { bullet: 'none' }));
    expect(refused(run(['classify', 'cr.pdf']))).toBe(
      'cnr-synth: cr.pdf: not a CNR Santé report (no regional thématique sections "1.2 Thématique 1 : …" nor département sections "2.1 Charente (16)"), and classify reads a PDF only as that report; for another document, save its text and give the .txt (one verbatim per line)',
    );
  }, 30_000);
  it('Word, OpenDocument and RTF files are named as they are, and the fix is text, not PDF', () => {
    const rtf = '{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Créer des maisons de santé\\par }';
    writeFileSync(join(tmp, 'cr.rtf'), rtf);
    writeFileSync(join(tmp, 'cr-rtf'), rtf);
    writeFileSync(join(tmp, 'avis'), readFileSync(join(ROOT, 'fixtures', 'bad', 'avis.odt')));
    const fix = 'save it as text (one verbatim per line), or its table as CSV';
    expect(refused(run(['classify', 'cr.rtf']))).toBe(`cnr-synth: cr.rtf: this is an RTF document (.rtf): ${fix}`);
    expect(refused(run(['classify', 'cr-rtf']))).toBe(`cnr-synth: cr-rtf: this is an RTF document (.rtf): ${fix}`);
    expect(refused(run(['classify', 'avis']))).toBe(`cnr-synth: avis: this is an OpenDocument text (.odt): ${fix}`);
    expect(refused(run(['classify', join(ROOT, 'fixtures', 'bad', 'avis.docx')]))).toMatch(`avis.docx: this is a Word document: ${fix}`);
  });
  it('a text taken for the report by a line like the report’s headings, and then refused, names the line and --input text', () => {
    writeFileSync(join(tmp, 'themes.txt'), `Compte rendu\n1.2 Thématique 1 : accès aux soins\n${LIST.join('\n')}\n`);
    writeFileSync(join(tmp, 'creuse.txt'), `Compte rendu\n2.3 Creuse (23)\n${LIST.join('\n')}\n`);
    expect(refused(run(['classify', 'themes.txt']))).toBe(
      'cnr-synth: themes.txt: read as the CNR Santé report for its line 2 ("1.2 Thématique 1 : accès aux soins"), but it is not one (no section of the report\'s layout); pass --input text to read it one verbatim per line',
    );
    expect(refused(run(['classify', 'creuse.txt']))).toBe(
      'cnr-synth: creuse.txt: read as the CNR Santé report for its line 2 ("2.3 Creuse (23)"), but no verbatims under the report\'s headings; pass --input text to read it one verbatim per line',
    );
    const r = run(['classify', 'themes.txt', '--input', 'text', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(LIST.length + 2);
  });
  it('UTF-16 without a byte-order mark is named, with the --encoding that reads it', () => {
    const text = `${LIST.join('\n')}\n`;
    writeFileSync(join(tmp, 'le.txt'), iconv.encode(text, 'utf-16le'));
    writeFileSync(join(tmp, 'be.txt'), iconv.encode(text, 'utf-16be'));
    expect(refused(run(['classify', 'le.txt']))).toBe(
      'cnr-synth: le.txt: binary data, or UTF-16 LE text without a byte-order mark (a NUL byte at every other place): if it is text, pass --encoding utf-16le',
    );
    expect(refused(run(['classify', 'be.txt']))).toMatch(/UTF-16 BE text without a byte-order mark .*pass --encoding utf-16be$/);
    const r = run(['classify', 'le.txt', '--encoding', 'utf-16le', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(LIST.length);
  });
});

describe('a table cell that holds a list of several items (S5)', () => {
  it('is one record, as the row is, and said in one note naming the rows', () => {
    writeFileSync(
      join(tmp, 'contribs.csv'),
      'id;contribution\r\nC1;"Mes propositions :\r\n1) Créer un centre de santé à Aubusson.\r\n2) Ouvrir les urgences de Guéret la nuit."\r\nC2;"- Former plus d\'infirmiers\r\n- Financer le logement des internes"\r\nC3;"Les urgences sont saturées.\r\nSurtout le week-end."\r\n',
    );
    const r = run(['classify', 'contribs.csv', '--format', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(notes(r.stderr)).toEqual([
      'cnr-synth: contribs.csv: note: 2 records hold a list of several items in one cell (rows 2, 3): each is classified as one statement; put one item per row to classify each',
    ]);
  });
});
