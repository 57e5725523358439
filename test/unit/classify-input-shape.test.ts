// Review 13: a text read one verbatim per line that is not one (wrapped lines, page breaks, pages
// of the report's workshop reports, Word's manual line breaks) is still read that way, and said
// in one note each (src/io/text-shape.ts).
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run as cli, tempDir } from '../helpers/cli.mjs';

const tmp = tempDir('cnr-classify-shape-');
const run = (args: string[], input?: string) => cli(args, { cwd: tmp, input });
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
