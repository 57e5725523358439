/**
 * PDF → line stream: pdfPagesToLines on hand-made pages, and the round trip
 * text → PDF (test/helpers/make-pdf.ts) → readPdf → pdfPagesToLines for the three bullet
 * renderings (glyph "•", symbol-font "§", no glyph at all), on a fragment and on the whole report.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceLine } from '../../src/ingest/lines.js';
import { pdfPagesToLines, type PdfPageLayout, type PdfTextLine } from '../../src/ingest/pdf-lines.js';
import { readPdf, type ReadPdfResult } from '../../src/io/pdf.js';
import {
  bodyLines,
  bulletLines,
  bundledReportText,
  firstDifference,
  FURNITURE_RE,
  joinedItems,
  makeReportPdf,
  reportFragment,
  tokens,
  type BulletRendering,
} from '../helpers/make-pdf.js';

const texts = (lines: SourceLine[]): string[] => lines.map((l) => l.text);

describe('pdfPagesToLines on text pages (no positions)', () => {
  it('drops page markers, turns tabs into a space, numbers lines and sets pages', () => {
    const lines = pdfPagesToLines(['Titre\tNombre\nLigne 2\n', '\n-- 1 of 2 --\nPage deux   ', 'Page trois']);
    expect(lines).toEqual([
      { n: 1, text: 'Titre Nombre', page: 1 },
      { n: 2, text: 'Ligne 2', page: 1 },
      { n: 3, text: 'Page deux', page: 2 },
      { n: 4, text: 'Page trois', page: 3 },
    ]);
  });

  it('turns every kind of bullet glyph into exactly one leading space', () => {
    const page = [
      '•\tItem puce',
      '\uF0A7\tItem Wingdings privé',
      '▪ Item carré',
      '◦ Item cercle',
      '●Item collé',
      '§\tItem Wingdings extrait en §',
      '§ Item ZapfDingbats',
      'o\tItem Courier New',
      'o Item Courier New espace',
      '- Sous-item',
      'Ligne de groupe 12',
    ].join('\n');
    expect(texts(pdfPagesToLines([page]))).toEqual([
      ' Item puce',
      ' Item Wingdings privé',
      ' Item carré',
      ' Item cercle',
      ' Item collé',
      ' Item Wingdings extrait en §',
      ' Item ZapfDingbats',
      ' Item Courier New',
      ' Item Courier New espace',
      '- Sous-item',
      'Ligne de groupe 12',
    ]);
  });

  it('does not take words for bullets', () => {
    const page = ['ou bien continuer', 'a été évoqué', 'o', 'Texte après un o seul', '§2 de l’article', 'œuvre commune'].join('\n');
    // A glyph alone on its line announces the next line as the item.
    expect(texts(pdfPagesToLines([page]))).toEqual(['ou bien continuer', 'a été évoqué', ' Texte après un o seul', '§2 de l’article', 'œuvre commune']);
  });

  it('accepts the readPdf result, without layout', () => {
    const lines = pdfPagesToLines({ pages: ['•\tUn', 'Deux'], layout: null });
    expect(lines).toEqual([
      { n: 1, text: ' Un', page: 1 },
      { n: 2, text: 'Deux', page: 2 },
    ]);
  });
});

describe('pdfPagesToLines on positioned lines', () => {
  // A page laid out as make-pdf.ts does, by hand: margin 50, size 10, wrapped lines 12 pt apart,
  // paragraphs 15 pt apart, an empty line = 12 pt more; items indented at 86, no glyph.
  const line = (text: string, x: number, y: number, xEnd = x + text.length * 5): PdfTextLine => ({
    text,
    x,
    xEnd,
    y,
    size: 10,
  });
  let y = 60;
  const at = (step: number): number => (y += step);
  const page: PdfPageLayout = {
    width: 595,
    height: 842,
    lines: [
      line('Les ateliers ont tiré les constats suivants :', 50, y),
      line('Il est difficile d’accéder à un professionnel de santé 93', 50, at(27)),
      line('Le nombre de professionnels de santé sur le territoire est insuffisant et', 86, at(27), 545),
      line('en diminution', 86, at(12)),
      line('Les citoyens peinent à trouver un médecin traitant 23', 86, at(15)),
      line('Les conditions de travail des professionnels de santé sont difficiles : charge', 86, at(15), 544),
      line('administrative, surcharge 12', 86, at(12)),
      line('Comment organiser le territoire ? 2', 50, at(15)),
      line('Le zonage ne répond pas à la réalité de terrain 2', 86, at(12)),
      line('- un sous-item', 50, at(15)),
      line('- un autre', 50, at(15)),
    ],
  };

  it('finds indented items, joins their hanging continuations, finds blank lines', () => {
    expect(texts(pdfPagesToLines([page]))).toEqual([
      'Les ateliers ont tiré les constats suivants :',
      '',
      'Il est difficile d’accéder à un professionnel de santé 93',
      '',
      ' Le nombre de professionnels de santé sur le territoire est insuffisant et en diminution',
      ' Les citoyens peinent à trouver un médecin traitant 23',
      ' Les conditions de travail des professionnels de santé sont difficiles : charge administrative, surcharge 12',
      'Comment organiser le territoire ? 2',
      ' Le zonage ne répond pas à la réalité de terrain 2',
      '- un sous-item',
      '- un autre',
    ]);
  });

  it('ignores indentation when the document has bullet glyphs', () => {
    const withGlyphs: PdfPageLayout = {
      ...page,
      lines: page.lines.map((l) => (l.x > 50 && /^[A-Z]/.test(l.text) ? { ...l, text: `•\t${l.text}`, x: 68 } : l)),
    };
    const out = texts(pdfPagesToLines([withGlyphs]));
    expect(out.filter((t) => t.startsWith(' '))).toHaveLength(4);
    // Wrapped lines (full, one line step below, at the item's text edge) are joined.
    expect(out).toContain(' Le nombre de professionnels de santé sur le territoire est insuffisant et en diminution');
    expect(out).toContain(' Les conditions de travail des professionnels de santé sont difficiles : charge administrative, surcharge 12');
  });

  // Glyph or indentation, region by region (review 9, S1): a count table whose ideas are only
  // indented (or drawn with list discs that are shapes, not text) in a document whose verbatim
  // lists have "•", and the other way round. Table rows as pdf-layout.ts gives them: the cells
  // 4.5 pt right of the body margin (cell padding), the ideas 15 pt further.
  const row = (text: string, x: number, y: number): PdfTextLine => ({ ...line(text, x, y, 534), row: true });
  const table = (bullet: string): PdfTextLine[] => {
    let ty = 100;
    const next = (): number => (ty += 18);
    return [
      line('Les ateliers ont tiré les constats suivants :', 50, ty),
      row('Il est difficile d’accéder à un professionnel de santé\t93', 54.5, next()),
      row(`${bullet}Le nombre de professionnels de santé est insuffisant\t32`, bullet ? 62 : 69.5, next()),
      row(`${bullet}Les citoyens peinent à trouver un médecin traitant\t61`, bullet ? 62 : 69.5, next()),
      row('Il faut rendre les territoires plus attractifs\t49', 54.5, next()),
      row(`${bullet}La rémunération est insuffisante\t49`, bullet ? 62 : 69.5, next()),
    ];
  };
  const verbatims = (bullet: string): PdfTextLine[] => {
    let vy = 300;
    const next = (step = 15): number => (vy += step);
    return [
      line('Thématique 1 : donner à tous un accès à un médecin traitant', 50, vy),
      line(`${bullet}Favoriser la mobilité des patients ;`, bullet ? 68 : 86, next()),
      line(`${bullet}Réguler l’installation des médecins ;`, bullet ? 68 : 86, next()),
      line(`${bullet}Les difficultés liées au dispositif d’orientation « Parcours Sup » ont également été évoquées,`, bullet ? 68 : 86, next(), 545),
      line('notamment : l’envoi des étudiants sur des lieux de formation éloignés', 86, next(12)),
      line(`${bullet}Mettre à disposition des EPCI un interlocuteur unique ;`, bullet ? 68 : 86, next()),
    ];
  };
  const expected = [
    'Les ateliers ont tiré les constats suivants :',
    '',
    'Il est difficile d’accéder à un professionnel de santé 93',
    '',
    ' Le nombre de professionnels de santé est insuffisant 32',
    '',
    ' Les citoyens peinent à trouver un médecin traitant 61',
    '',
    'Il faut rendre les territoires plus attractifs 49',
    '',
    ' La rémunération est insuffisante 49',
  ];
  const items = [
    ' Favoriser la mobilité des patients ;',
    ' Réguler l’installation des médecins ;',
    ' Les difficultés liées au dispositif d’orientation « Parcours Sup » ont également été évoquées, notamment : l’envoi des étudiants sur des lieux de formation éloignés',
    ' Mettre à disposition des EPCI un interlocuteur unique ;',
  ];
  it.each([
    ['indented ideas, "•" verbatims', '', '•\t'],
    ['"•" ideas, indented verbatims', '•\t', ''],
  ])('decides glyph or indentation per region: %s', (_name, tableBullet, listBullet) => {
    const out = texts(pdfPagesToLines([{ width: 595, height: 842, lines: [...table(tableBullet), ...verbatims(listBullet)] }]));
    expect(out.slice(0, expected.length)).toEqual(expected);
    // Each verbatim an item; its wrapped line joined or next, at column 0 (the grammar joins it).
    const from = out.findIndex((t) => t.startsWith('Thématique'));
    const got: string[] = [];
    for (const t of out.slice(from + 1)) {
      if (t.startsWith(' ')) got.push(t);
      else if (t !== '' && got.length > 0) got[got.length - 1] += ` ${t}`;
    }
    expect(got).toEqual(items);
  });
});

// ---------------------------------------------------------------------------------------------
// Round trips.

const RENDERINGS: BulletRendering[] = ['glyph', 'symbol', 'none'];

interface RoundTrip {
  read: ReadPdfResult;
  lines: SourceLine[];
  pageCount: number;
}

async function roundTrip(text: string, bullet: BulletRendering, wrap: boolean, timings?: Record<string, number>): Promise<RoundTrip> {
  let t = performance.now();
  const pdf = await makeReportPdf(text, { bullet, wrap });
  if (timings) timings[`build ${bullet} wrap=${wrap}`] = Math.round(performance.now() - t);
  t = performance.now();
  const read = await readPdf(pdf, { file: 'report.pdf' });
  if (timings) timings[`readPdf ${bullet} wrap=${wrap}`] = Math.round(performance.now() - t);
  return { read, lines: pdfPagesToLines(read), pageCount: read.pageCount };
}

/** Shared assertions: the PDF's line stream says what the text says. */
function expectSameContent(rt: RoundTrip, text: string): void {
  const expected = text.split(/\r\n|\n|\r/);
  const got = texts(rt.lines);
  const [te, tg] = [tokens(expected), tokens(got)];
  const at = firstDifference(te, tg);
  // On failure, show where the word streams part.
  expect(tg.slice(Math.max(0, at - 10), at + 10).join(' ')).toBe(te.slice(Math.max(0, at - 10), at + 10).join(' '));
  expect(at).toBe(-1);
  expect(bulletLines(got)).toHaveLength(bulletLines(expected).length);
  expect(joinedItems(got)).toEqual(joinedItems(expected));
  // No stray glyph left at the start of a line.
  expect(got.filter((l) => /^\s*[•§]/.test(l))).toEqual([]);
  // Bullet lines have exactly one leading space, other lines none.
  expect(got.filter((l) => /^\s{2}|^\s$/.test(l))).toEqual([]);
}

function expectPages(rt: RoundTrip): void {
  let prev = 1;
  for (const l of rt.lines) {
    expect(l.page).toBeDefined();
    expect(l.page!).toBeGreaterThanOrEqual(prev);
    prev = l.page!;
  }
  expect(prev).toBe(rt.pageCount);
  expect(rt.lines.map((l) => l.n)).toEqual(rt.lines.map((_, i) => i + 1));
  // Each page's footer carries its own number.
  const footers = rt.lines.filter((l) => /^Synthèse des ateliers CNR Santé organisés en région/.test(l.text));
  expect(footers).toHaveLength(rt.pageCount);
  for (const f of footers) {
    expect(f.text).toBe(`Synthèse des ateliers CNR Santé organisés en région Nouvelle-Aquitaine ${f.page}`);
  }
}

// Section 1 (regional synthesis) and the start of section 2 (its title page, Charente's synthesis
// and first workshop, the text's own footer and running head), ~25 pages.
const FRAGMENT = reportFragment(0, 1700);

describe.each(RENDERINGS)('round trip of a fragment, bullet rendering "%s"', (bullet) => {
  const runs: Record<string, RoundTrip> = {};
  beforeAll(async () => {
    runs['wrap=false'] = await roundTrip(FRAGMENT, bullet, false);
    runs['wrap=true'] = await roundTrip(FRAGMENT, bullet, true);
  }, 30_000);

  it.each(['wrap=false', 'wrap=true'])('%s: same words, same bullet items as the text', (k) => {
    expectSameContent(runs[k]!, FRAGMENT);
    expect(bulletLines(texts(runs[k]!.lines)).length).toBeGreaterThan(350);
  });

  it.each(['wrap=false', 'wrap=true'])('%s: labels with counts keep their column', (k) => {
    const got = texts(runs[k]!.lines);
    expect(got).toContain("Encourager l'installation en territoires sous-denses 187");
    expect(got).toContain(" Aller vers l'obligation d'installation et limiter la durée de remplacement 38");
    expect(got).toContain("Il est difficile d'accéder à un professionnel de santé 93");
    expect(got).toContain('2.1.1 Synthèse départementale');
  });

  it.each(['wrap=false', 'wrap=true'])('%s: pages set, monotonic, footers numbered', (k) => {
    expectPages(runs[k]!);
    expect(runs[k]!.pageCount).toBeGreaterThan(15);
    // Running heads on the pages of section 2 only.
    const heads = runs[k]!.lines.filter((l) => l.text === 'Synthèses et comptes-rendus par département');
    const s2 = runs[k]!.lines.find((l) => /^\s?2 S y n t h è s e s/.test(l.text))!;
    expect(heads.length).toBeGreaterThan(0);
    expect(heads.every((h) => h.page! > s2.page!)).toBe(true);
  });

  it('wrap=false: the same lines as the text, blank lines and furniture aside', () => {
    expect(bodyLines(texts(runs['wrap=false']!.lines))).toEqual(bodyLines(FRAGMENT.split('\n')));
  });

  it("wrap=true: the lines wrapped at the column are joined back into the text's line", () => {
    const got = texts(runs['wrap=true']!.lines);
    // The longest bullet line of the fragment does not fit A4 in 9 pt Helvetica: it wraps in the
    // PDF, and is read back as one line.
    const longest = bulletLines(FRAGMENT.split('\n')).reduce((a, b) => (b.length > a.length ? b : a));
    expect(longest.length).toBeGreaterThan(120);
    const wrapped = runs['wrap=true']!.read.layout!.flatMap((p) => p.lines).filter((l) => longest.includes(l.text.replace(/^•\t/, '').trim()));
    expect(wrapped.length).toBeGreaterThanOrEqual(2);
    expect(bodyLines(got)).toContain(longest);
  });

  it('text only (no positions): glyph bullets survive, indentation-only bullets cannot', () => {
    const textOnly = texts(pdfPagesToLines(runs['wrap=false']!.read.pages));
    const idea = "Aller vers l'obligation d'installation et limiter la durée de remplacement 38";
    if (bullet === 'none') {
      // pdf-parse's text has no leading spaces: the item is at column 0, like a GROUP line; only
      // the x positions of the layout tell it is indented.
      expect(textOnly).toContain(idea);
      expect(bulletLines(textOnly)).toHaveLength(0);
      const line = runs['wrap=false']!.read.layout!.flatMap((p) => p.lines).find((l) => l.text === idea)!;
      const group = runs['wrap=false']!.read.layout!.flatMap((p) => p.lines).find((l) => l.text.startsWith('Encourager'))!;
      expect(line.x - group.x).toBeCloseTo(36, 0);
    } else {
      expect(tokens(textOnly)).toEqual(tokens(FRAGMENT.split('\n')));
      expect(textOnly).toContain(` ${idea}`);
    }
  });

  it('keeps French typography', () => {
    const got = texts(runs['wrap=false']!.lines).join('\n');
    for (const c of ['é', 'è', 'à', 'ç', 'œ', '’', '–', '…', '«', '»', 'ê', 'ô', 'É']) {
      expect(FRAGMENT.includes(c) ? got.includes(c) : true, c).toBe(true);
    }
    const chars = (s: string): string[] => [...new Set([...s].filter((c) => c > '~'))].sort();
    expect(chars(got)).toEqual(chars(FRAGMENT.replace(/\s+/g, ' ')));
  });
});

describe('round trip of the whole report', () => {
  const TEXT = bundledReportText();
  const runs: Record<string, RoundTrip> = {};
  const timings: Record<string, number> = {};
  const CASES: [BulletRendering, boolean][] = [
    ['glyph', false],
    ['symbol', true],
    ['none', true],
  ];
  beforeAll(async () => {
    for (const [bullet, wrap] of CASES) runs[`${bullet} wrap=${wrap}`] = await roundTrip(TEXT, bullet, wrap, timings);
    if (process.env['CNR_SYNTH_TIMINGS']) console.error('pdf round trip timings (ms):', JSON.stringify(timings));
  }, 120_000);

  it.each(CASES.map(([b, w]) => `${b} wrap=${w}`))('%s: same words and bullet items as the text', (k) => {
    const rt = runs[k]!;
    expectSameContent(rt, TEXT);
    expect(bulletLines(texts(rt.lines)).length).toBe(bulletLines(TEXT.split('\n')).length);
    expect(bulletLines(texts(rt.lines)).length).toBeGreaterThan(3300);
    expectPages(rt);
    expect(rt.pageCount).toBeGreaterThanOrEqual(180);
    expect(rt.pageCount).toBeLessThanOrEqual(300);
  });

  it.each(CASES.map(([b, w]) => `${b} wrap=${w}`))('%s: every count label in its column', (k) => {
    const got = texts(runs[k]!.lines);
    const count = (s: string): number => got.filter((l) => l === s).length;
    expect(count("Encourager l'installation en territoires sous-denses 187")).toBe(1);
    expect(count(" Aller vers l'obligation d'installation et limiter la durée de remplacement 38")).toBe(1);
    // The same label in every synthesis (regional and départementales), in the same column.
    const GROUP = /^Encourager l'installation en territoires sous-denses \d+$/;
    const IDEA = /^\s+Aller vers l'obligation d'installation et limiter la durée de remplacement \d+$/;
    const textLines = TEXT.split('\n').map((l) => l.replace(/\s+$/, ''));
    const ideas = got.filter((l) => IDEA.test(l));
    expect(got.filter((l) => GROUP.test(l))).toHaveLength(textLines.filter((l) => GROUP.test(l)).length);
    expect(ideas).toHaveLength(textLines.filter((l) => IDEA.test(l)).length);
    expect(ideas.every((l) => /^ \S/.test(l))).toBe(true);
  });

  it('keeps the last workshop and no furniture outside page edges', () => {
    const rt = runs['none wrap=true']!;
    const got = texts(rt.lines);
    expect(got).toContain('2.12.4 Saint-Junien');
    expect(got).toContain(' 2.12.5 Saint-Yrieix-La-Perche');
    expect(got.filter((l) => FURNITURE_RE.test(l)).length).toBeGreaterThanOrEqual(rt.pageCount);
  });
});
