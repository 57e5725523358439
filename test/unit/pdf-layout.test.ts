// The layout layer (src/ingest/pdf-layout.ts) on hand-made pages of pdf.js-like text items, and
// page furniture of any form dropped by pdfPagesToLines.
import { describe, expect, it } from 'vitest';
import { joinWrapped, layoutPage, type PdfItem } from '../../src/ingest/pdf-layout.js';
import { pdfPagesToLines } from '../../src/ingest/pdf-lines.js';
import { readEntries } from '../../src/ingest/counts.js';

const W = 595;
/** An item of 10 pt text, 5 pt per character. */
const item = (str: string, x: number, y: number, font = 'f1', size = 10): PdfItem => ({ str, x, y, w: str.length * size * 0.5, size, font });
const texts = (items: PdfItem[]): string[] => layoutPage({ width: W, height: 842, items }).map((l) => l.text);

describe('layoutPage', () => {
  it('joins a label wrapped in its cell to the count vertically centred beside it (2 lines)', () => {
    expect(
      texts([
        item('Le projet de vie des professionnels de santé : accès à la crèche ou à l’école pour', 60, 108.4),
        item('16', 468, 114.1),
        item('les enfants', 60, 119.9),
        item('Autre', 60, 137.6),
        item('19', 468, 137.6),
      ]),
    ).toEqual(['Le projet de vie des professionnels de santé : accès à la crèche ou à l’école pour les enfants\t16', 'Autre\t19']);
  });

  it('a count on the middle line of a 3-line label, and a bullet glyph of its own font', () => {
    expect(
      texts([
        item('•', 65, 200, 'sym'),
        item('Aller vers une territorialisation de l’action à l’échelle', 77, 200),
        item('intercommunale voire départementale : implication des', 77, 211.5),
        item('51', 468, 211.5),
        item('élus', 77, 223),
        item('Ex : « aller vers la territorialisation »', 60, 240, 'italic', 9),
      ]),
    ).toEqual([
      '•\tAller vers une territorialisation de l’action à l’échelle intercommunale voire départementale : implication des élus\t51',
      'Ex : « aller vers la territorialisation »',
    ]);
  });

  it("a count before a percentage cell, vertically centred beside a 3-line label, is the row's count (review 9, S4)", () => {
    expect(
      texts([
        item('Thématique 1 : donner à tous un accès à un médecin traitant ou à une', 60, 200),
        item('équipe traitante, en particulier pour nos concitoyens les plus fragiles, et', 60, 211.5),
        item('908', 470, 211.5),
        item('50%', 530, 211.5),
        item('accompagner l’exercice coordonné', 60, 223),
        item('Thématique 2 : garantir la continuité des soins', 60, 245),
        item('345', 470, 245),
        item('19%', 530, 245),
      ]),
    ).toEqual([
      'Thématique 1 : donner à tous un accès à un médecin traitant ou à une équipe traitante, en particulier pour nos concitoyens les plus fragiles, et accompagner l’exercice coordonné\t908\t50%',
      'Thématique 2 : garantir la continuité des soins\t345\t19%',
    ]);
  });

  it('rows of a padded table stay apart; a count on its label line is one line', () => {
    expect(texts([item('Durée avant obtention d’un RDV', 60, 55.3), item('29', 468, 55.3), item('Accès à des médecins', 60, 73), item('27', 468, 73)])).toEqual(
      ['Durée avant obtention d’un RDV\t29', 'Accès à des médecins\t27'],
    );
  });

  it.each([
    ['•', 'f1'],
    ['▪', 'f1'],
    ['–', 'f1'],
    ['\uF0B7', 'symbol'],
    ['l', 'ZapfDingbats'],
    ['n', 'ZapfDingbats'],
  ])('bullet %j in font %s drawn apart at the left → "•"', (glyph, font) => {
    expect(texts([item(glyph, 74, 300, font), item('Développer la prévention', 92, 300)])).toEqual(['•\tDévelopper la prévention']);
  });

  it('a one-letter word of the text is no bullet', () => {
    expect(texts([item('à', 60, 300), item('la santé', 68, 300)])).toEqual(['à la santé']);
  });

  it('joins an italic quote wrapped over lines into one line, not the body text after it', () => {
    expect(
      texts([
        item('Ex : « s’inspirer des mesures applicables au réseau officinal, des expériences des autres pays comme', 60, 446.1, 'it', 9),
        item('l’Espagne » ; « Imposer aux médecins une durée maximale »', 60, 456.5, 'it', 9),
        item('Le texte', 60, 470),
        item('suite', 60, 481),
        item('encore', 60, 492),
      ]),
    ).toEqual([
      'Ex : « s’inspirer des mesures applicables au réseau officinal, des expériences des autres pays comme l’Espagne » ; « Imposer aux médecins une durée maximale »',
      'Le texte',
      'suite',
      'encore',
    ]);
  });

  it('joins a word broken at its hyphen without a space', () => {
    expect(joinWrapped(['en zone sous-', 'dense'])).toBe('en zone sous-dense');
    expect(joinWrapped(['para -', 'médicaux'])).toBe('para - médicaux');
  });
});

describe('page furniture of any form is dropped; the template footer is kept for the parser', () => {
  const WORDS = ['', 'un', 'deux', 'trois', 'quatre'];
  const page = (n: number, furniture: { top?: string; bottom?: string }) => {
    const items: PdfItem[] = [];
    if (furniture.top) items.push(item(furniture.top, 280, 30, 'f1', 8));
    const w = WORDS[n]!;
    items.push(item(`Titre ${w}`, 60, 80), item(`Le nombre ${w} est insuffisant`, 60, 100), item(String(30 + n), 60, 112), item(`Fin ${w}`, 60, 130));
    if (furniture.bottom) items.push(item(furniture.bottom, 280, 810, 'f1', 8));
    return { width: W, height: 842, lines: layoutPage({ width: W, height: 842, items }) };
  };
  it.each([
    ['bottom "12"', (n: number) => ({ bottom: String(n + 10) })],
    ['bottom "page 12"', (n: number) => ({ bottom: `page ${n + 10}` })],
    ['top "12/180"', (n: number) => ({ top: `${n + 10}/180` })],
    ['top title + number', (n: number) => ({ top: `Rapport CNR Santé ${n + 10}` })],
  ])('%s', (_name, f) => {
    const lines = pdfPagesToLines([1, 2, 3, 4].map((n) => page(n, f(n))))
      .map((l) => l.text)
      .filter((t) => t !== '');
    expect(lines).toEqual([1, 2, 3, 4].flatMap((n) => [`Titre ${WORDS[n]!}`, `Le nombre ${WORDS[n]!} est insuffisant`, String(30 + n), `Fin ${WORDS[n]!}`]));
  });
  it('keeps "Synthèse des ateliers CNR Santé organisés en région X 12"', () => {
    const lines = pdfPagesToLines([1, 2, 3].map((n) => page(n, { bottom: `Synthèse des ateliers CNR Santé organisés en région Bretagne ${n}` }))).map(
      (l) => l.text,
    );
    expect(lines.filter((t) => t.startsWith('Synthèse des ateliers'))).toHaveLength(3);
  });
});

describe('a word broken after "-" or "/" at a line end inside a table label (review 9, S2)', () => {
  it('a WeasyPrint cell broken after "/" joins without a space', () => {
    expect(
      texts([
        item('Faciliter la mobilisation des médecins retraités, rendre attractif le cumul emploi/', 60, 200),
        item('4', 520, 205.75),
        item('retraite', 60, 211.5),
      ]),
    ).toEqual(['Faciliter la mobilisation des médecins retraités, rendre attractif le cumul emploi/retraite\t4']);
  });
  it('running text keeps the space after a slash ("rurale/ population"), joins after a hyphen', () => {
    expect(joinWrapped(['à prédominance rurale/', 'population'])).toBe('à prédominance rurale/ population');
    expect(joinWrapped(['sous-', 'denses'])).toBe('sous-denses');
    expect(joinWrapped(['emploi/', 'retraite'], true)).toBe('emploi/retraite');
    expect(joinWrapped(['a /', 'b'], true)).toBe('a / b');
  });
  it('the grammar joins a label whose count stands between its lines ("…et para-" / "10" / "médicaux", LibreOffice)', () => {
    const lines = ['Formation des soignants, médecins et para-', '', ' 10', '', 'médicaux', '', 'Autre sujet 3'].map((text, i) => ({ n: i + 1, text }));
    expect(readEntries(lines).map((e) => [e.label, e.count])).toEqual([
      ['Formation des soignants, médecins et para-médicaux', 10],
      ['Autre sujet', 3],
    ]);
    const wrapped = ['Le cumul emploi/', 'retraite 4', 'Les sans-', 'domicile 2', 'Les sans- ', 'papiers 1'].map((text, i) => ({ n: i + 1, text }));
    expect(readEntries(wrapped).map((e) => e.label)).toEqual(['Le cumul emploi/retraite', 'Les sans-domicile', 'Les sans-papiers']);
  });
});

describe('a second bullet glyph at the start of an item (review 9, S5: LibreOffice HTML import, "•   •Le …")', () => {
  it('is dropped, glued to the text or an item of its own', () => {
    expect(texts([item('•', 65, 300, 'sym'), item('•Le nombre de professionnels', 83, 300), item('32', 520, 300)])).toEqual([
      '•\tLe nombre de professionnels\t32',
    ]);
    expect(texts([item('•', 65, 300, 'sym'), item('•', 83, 300), item('Le parcours patient', 88.5, 300)])).toEqual(['•\tLe parcours patient']);
  });
  it('a dash after the bullet stays (a sub-item), and a "•" inside the text stays', () => {
    expect(texts([item('•', 65, 300, 'sym'), item('- Développer • le télé-soins', 83, 300)])).toEqual(['•\t- Développer • le télé-soins']);
  });
});
