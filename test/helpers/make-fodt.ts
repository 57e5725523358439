/**
 * Test helper: write a report (the model read from the bundled text) as a flat ODT document
 * (.fodt) the way an office suite lays such a report out, and convert it to PDF with LibreOffice
 * headless. The PDF is made independently of the text extraction's line conventions:
 *  - numbered headings (Heading 1–3 paragraph styles, the number written in the heading);
 *  - every count table is a real bordered table: the label in one cell, the count in a
 *    right-aligned cell vertically centred on the row; labels wrap inside their cell;
 *  - groups in bold; ideas as list items (bullet "•", or `bulletChar`, in OpenSymbol)
 *    inside their cell; the "Ex : « … »" quotes of an idea as an italic row spanning both cells;
 *  - workshop verbatims as bulleted list items;
 *  - a page footer "Synthèse des ateliers CNR Santé organisés en région <region>" with the page
 *    number at the right (or at the top of the page: `footer: 'top'`).
 * Deterministic: the same report and options give the same document.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Branch, Report } from '../../src/model.js';

export interface MakeFodtOptions {
  /** Page size (default A4). */
  page?: 'A4' | 'Letter';
  /** Body font (default sans: Liberation Sans). */
  font?: 'sans' | 'serif';
  /** Footer at the bottom (default) or a running head at the top. */
  footer?: 'top' | 'bottom';
  /** Width of the label column in cm (default 13). */
  labelWidth?: number;
  /** The list bullet (default "•"; LibreOffice draws it in OpenSymbol). */
  bulletChar?: string;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const p = (style: string, text: string): string => `<text:p text:style-name="${style}">${esc(text)}</text:p>`;
const h = (level: number, text: string): string => `<text:h text:style-name="H${level}" text:outline-level="${level}">${esc(text)}</text:h>`;

const KIND_TITLE = { probleme: 'Problématiques', solution: 'Solutions et propositions' } as const;

/** The flat ODT text of `report`. */
export function makeReportFodt(report: Report, opts: MakeFodtOptions = {}): string {
  const [pw, ph] = opts.page === 'Letter' ? ['21.59cm', '27.94cm'] : ['21cm', '29.7cm'];
  const font = opts.font === 'serif' ? 'Liberation Serif' : 'Liberation Sans';
  const labelW = opts.labelWidth ?? 13;
  const region = report.region.name ?? 'Nouvelle-Aquitaine';
  const body: string[] = [];
  let table = 0;

  /** A two-column count table: [label cell content (XML), count] rows; quote rows span both. */
  const countTable = (header: [string, string] | null, rows: Array<{ cell: string; count: number | string } | { quote: string }>): void => {
    table++;
    const out: string[] = [
      `<table:table table:name="T${table}" table:style-name="Tab">`,
      '<table:table-column table:style-name="ColL"/><table:table-column table:style-name="ColN"/>',
    ];
    if (header)
      out.push(
        `<table:table-row><table:table-cell table:style-name="Cell" office:value-type="string">${p('HeadL', header[0])}</table:table-cell><table:table-cell table:style-name="CellN" office:value-type="string">${p('HeadN', header[1])}</table:table-cell></table:table-row>`,
      );
    for (const r of rows) {
      if ('quote' in r) {
        out.push(
          `<table:table-row><table:table-cell table:style-name="Cell" table:number-columns-spanned="2" office:value-type="string">${p('Quote', r.quote)}</table:table-cell><table:covered-table-cell/></table:table-row>`,
        );
      } else {
        out.push(
          `<table:table-row><table:table-cell table:style-name="Cell" office:value-type="string">${r.cell}</table:table-cell><table:table-cell table:style-name="CellN" office:value-type="string">${p('Num', String(r.count))}</table:table-cell></table:table-row>`,
        );
      }
    }
    out.push('</table:table>');
    body.push(out.join(''));
  };
  const bullet = (text: string, style = 'Cellp'): string =>
    `<text:list text:style-name="Bullets"><text:list-item>${p(style, text)}</text:list-item></text:list>`;
  const groupRows = (b: Branch, quotes: boolean) =>
    b.groups.flatMap((g) => [
      { cell: p('Group', g.printed), count: g.count },
      ...g.ideas.flatMap((i) => [
        { cell: bullet(i.printed), count: i.count },
        ...(quotes && i.quotes.length > 0 ? [{ quote: `Ex : ${i.quotes.map((q) => `« ${q.text} »`).join(' ; ')}` }] : []),
      ]),
    ]);

  // 1 Synthèse régionale.
  body.push(h(1, '1 Synthèse régionale'));
  body.push(h(2, '1.1 Introduction'));
  const ws = report.region.workshopsTable;
  const total = report.region.workshopsTotal?.count ?? ws.reduce((a, w) => a + w.count, 0);
  body.push(
    p('Body', `${total} ateliers ont été organisés en Région ${region} en novembre et décembre 2022 dans le cadre des ateliers territoriaux du CNR Santé.`),
  );
  if (ws.length > 0) {
    countTable(
      ['Département', 'Nombre d’ateliers organisés'],
      [...ws.map((w) => ({ cell: p('Cellp', `${w.departement} - ${w.name}`), count: w.count })), { cell: p('Cellp', 'Total'), count: total }],
    );
  }
  const ths = report.region.thematiques;
  ths.forEach((t, k) => {
    const n = `1.${k + 2}`;
    body.push(h(2, `${n} Thématique ${t.id} : ${t.title}`));
    body.push(h(3, `${n}.1 Principaux enseignements`));
    body.push(p('Body', 'L’ensemble des constats et propositions des ateliers sont synthétisés ci-après.'));
    KINDS_OF(report.region.synthesis.branches, t.id).forEach((b, j) => {
      body.push(h(3, `${n}.${j + 2} ${KIND_TITLE[b.kind]}`));
      body.push(
        p(
          'Body',
          b.kind === 'probleme'
            ? 'Les ateliers ont traité des problématiques suivantes :'
            : 'Les solutions et propositions qui ont été envisagées dans les ateliers concernent les sujets suivants :',
        ),
      );
      countTable(
        [KIND_TITLE[b.kind], 'Nombre'],
        b.sujets.map((s) => ({ cell: p('Cellp', s.printed), count: s.count })),
      );
      body.push(
        p(
          'Body',
          b.kind === 'probleme'
            ? 'Les ateliers ont tiré les constats suivants :'
            : 'Les solutions et propositions co-construites par les participants sont présentées ci-après.',
        ),
      );
      body.push(
        p(
          'Body',
          'Le nombre indiqué à droite correspond au nombre de verbatims en lien avec chaque proposition. Quelques verbatims sont présentés à titre d’illustration.',
        ),
      );
      countTable(null, groupRows(b, true));
    });
  });

  // 2 Synthèses et comptes-rendus par département.
  body.push(`<text:p text:style-name="PageBreak"/>`);
  body.push(h(1, '2 Synthèses et comptes-rendus par département'));
  for (const d of report.departements) {
    body.push(h(2, `${d.section} ${d.name} (${d.code})`));
    if (d.announcedWorkshops !== null) body.push(p('Body', `${d.announcedWorkshops} ateliers ont été organisés en ${d.name}.`));
    if (d.synthesis.branches.length > 0) {
      body.push(h(3, `${d.section}.1 Synthèse départementale`));
      let th: number | null = null;
      for (const b of d.synthesis.branches) {
        if (b.thematique !== th) {
          th = b.thematique;
          const t = ths.find((x) => x.id === b.thematique);
          body.push(p('Strong', `Thématique ${b.thematique} : ${t?.title ?? ''}`));
        }
        body.push(p('Body', b.kind === 'probleme' ? 'Les ateliers ont tiré les constats suivants :' : 'Les solutions et propositions qui ont été formulées :'));
        countTable(null, groupRows(b, false));
      }
    }
    for (const w of report.workshops.filter((x) => x.departement === d.code)) {
      body.push(h(3, `${w.section} ${w.title}`));
      body.push(p('Body', `Lieu : ${w.lieu}`));
      if (w.jour) body.push(p('Body', `Jour : ${w.jour}`));
      if (w.horaires) body.push(p('Body', `Horaires : ${w.horaires}`));
      const vs = report.verbatims.filter((v) => v.workshop === w.section);
      let key = '';
      for (const v of vs) {
        if (`${v.thematique}` !== key.split('|')[0]) {
          const t = ths.find((x) => x.id === v.thematique);
          body.push(p('Strong', `Thématique ${v.thematique} : ${t?.title ?? ''}`));
          key = `${v.thematique}|`;
        }
        if (`${v.thematique}|${v.kind}` !== key) {
          key = `${v.thematique}|${v.kind}`;
          body.push(p('Body', v.kind === 'probleme' ? 'Présentation des problématiques' : 'Présentation des solutions'));
        }
        body.push(bullet(v.text, 'Body'));
      }
    }
  }

  const footer = `<text:p text:style-name="Foot">Synthèse des ateliers CNR Santé organisés en région ${esc(region)}<text:tab/><text:page-number text:select-page="current">1</text:page-number></text:p>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
<style:font-face style:name="${font}" svg:font-family="'${font}'"/>
<style:font-face style:name="OpenSymbol" svg:font-family="OpenSymbol" style:font-charset="x-symbol"/>
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/><style:text-properties style:font-name="${font}" fo:font-size="10pt" fo:language="fr" fo:country="FR" fo:hyphenate="false"/></style:default-style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.18cm" fo:line-height="115%"/></style:style>
<style:style style:name="Strong" style:family="paragraph" style:parent-style-name="Body"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="H1" style:family="paragraph" style:default-outline-level="1"><style:paragraph-properties fo:margin-top="0.5cm" fo:margin-bottom="0.3cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
<style:style style:name="H2" style:family="paragraph" style:default-outline-level="2"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.25cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
<style:style style:name="H3" style:family="paragraph" style:default-outline-level="3"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="11pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Cellp" style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/></style:style>
<style:style style:name="Group" style:family="paragraph" style:parent-style-name="Cellp"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="HeadL" style:family="paragraph" style:parent-style-name="Cellp"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="HeadN" style:family="paragraph" style:parent-style-name="Cellp"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Num" style:family="paragraph" style:parent-style-name="Cellp"><style:paragraph-properties fo:text-align="end"/></style:style>
<style:style style:name="Quote" style:family="paragraph" style:parent-style-name="Cellp"><style:text-properties fo:font-style="italic" fo:font-size="9pt"/></style:style>
<style:style style:name="Foot" style:family="paragraph"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position="${(Number.parseFloat(pw) - 4).toFixed(2)}cm" style:type="right"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="8pt"/></style:style>
<text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" text:bullet-char="${esc(opts.bulletChar ?? '•')}"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.6cm" fo:text-indent="-0.4cm" fo:margin-left="0.6cm"/></style:list-level-properties><style:text-properties style:font-name="OpenSymbol"/></text:list-level-style-bullet></text:list-style>
</office:styles>
<office:automatic-styles>
<style:style style:name="Tab" style:family="table"><style:table-properties style:width="${labelW + 2}cm" table:align="left" fo:margin-bottom="0.3cm"/></style:style>
<style:style style:name="ColL" style:family="table-column"><style:table-column-properties style:column-width="${labelW}cm"/></style:style>
<style:style style:name="ColN" style:family="table-column"><style:table-column-properties style:column-width="2cm"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties style:vertical-align="middle" fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>
<style:style style:name="CellN" style:family="table-cell"><style:table-cell-properties style:vertical-align="middle" fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>
<style:style style:name="PageBreak" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="${pw}" fo:page-height="${ph}" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:${opts.footer === 'top' ? 'header' : 'footer'}-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-${opts.footer === 'top' ? 'bottom' : 'top'}="0.3cm"/></style:${opts.footer === 'top' ? 'header' : 'footer'}-style></style:page-layout>
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="PL"><style:${opts.footer === 'top' ? 'header' : 'footer'}>${footer}</style:${opts.footer === 'top' ? 'header' : 'footer'}></style:master-page>
</office:master-styles>
<office:body><office:text>
${body.join('\n')}
</office:text></office:body></office:document>
`;
}

function KINDS_OF(branches: Branch[], id: number): Branch[] {
  return branches.filter((b) => b.thematique === id);
}

/** Is LibreOffice's soffice on PATH? */
export function hasSoffice(): boolean {
  return spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
}

/**
 * Convert .fodt files to PDF with LibreOffice headless, in one soffice run, with a throw-away
 * profile (so parallel runs do not collide). Returns the PDF paths (same base names, in `outDir`).
 */
export function fodtToPdf(files: string[], outDir: string): string[] {
  const profile = mkdtempSync(join(tmpdir(), 'cnr-soffice-'));
  try {
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    const pdfs = files.map((f) => join(outDir, basename(f).replace(/\.fodt$/, '.pdf')));
    const missing = pdfs.filter((x) => !existsSync(x));
    if (r.status !== 0 || missing.length > 0) throw new Error(`soffice failed (${r.status}): ${r.stderr || r.stdout} ${missing.join(', ')}`);
    return pdfs;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
