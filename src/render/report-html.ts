/**
 * The HTML report: one self-contained page in French (inline CSS, charts as inline SVG rendered
 * in Node, no script but a print helper, no URL at all), for people who would rather look than
 * read NDJSON. Opens from a USB stick, prints with every <details> expanded.
 *
 * Deterministic bytes: no date, no absolute path (file names as given), stable ids; the charts
 * are deterministic (src/render/charts.ts). Data: src/aggregate/report-data.ts; chart specs:
 * ./report-charts.ts; stylesheet: ./report-css.ts. Markup is written with the escaping `html`
 * template (./html.ts): every value from the report is escaped. The page is a list of sections,
 * each a function; `extraSections` adds more (before the fingerprint), with their nav entries.
 * Every chart has its numbers as a <table> right under it (in a <details>), for screen readers,
 * copying and print.
 */
import type { Finding, Report } from '../model.js';
import type { ClassifiedFile, ClassifiedRecord } from '../io/classified.js';
import { compareClassified, reportData, type BranchView, type ClassifiedSummary, type ReportData } from '../aggregate/report-data.js';
import { renderCharts } from './charts.js';
import { message, severityHeading, summary, type Lang } from './findings.js';
import { capitalise, frNumber, frPercent, KIND_FR, NBSP, statusFr } from './french.js';
import { html, joinHtml, raw, type Html, type HtmlValue } from './html.js';
import { buildCharts } from './report-charts.js';
import { REPORT_CSS } from './report-css.js';

/** A section added to the page by another module: its id, its entry in the table of contents, its markup. */
export interface ExtraSection {
  id: string;
  nav: string;
  html: Html;
}

export interface ReportHtmlOptions {
  findings: Finding[];
  toolVersion: string;
  classified?: ClassifiedFile | null;
  /** Chart warnings (a spec mistake; tests make them fail). */
  onChartWarning?: (chart: string, message: string) => void;
  model?: { file: string; sha256: string } | null;
  /** Most needs_review items listed (the rest are counted). */
  reviewLimit?: number;
  /** Language of the audit messages (default French, as the page). */
  lang?: Lang;
  extraSections?: ExtraSection[];
}

const line = (n: number) => html`<span class="ref">l.${NBSP}${n}</span>`;
const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

type Fig = (id: string, caption: HtmlValue, table: Html) => Html;

// ── Page ─────────────────────────────────────────────────────────────────────────────────────

export async function renderReportHtml(report: Report, opts: ReportHtmlOptions): Promise<string> {
  const data = reportData(report);
  const cls = opts.classified ? compareClassified(data, opts.classified.records) : null;
  const charts = buildCharts(data, cls);
  const svgs = await renderCharts(charts, opts.onChartWarning ? { onWarn: opts.onChartWarning } : {});
  const fig: Fig = (id, caption, table) => figure(id, caption, svgs.get(id)!, table);
  const extra = opts.extraSections ?? [];

  const nav: Array<[string, string]> = [
    ['vue-regionale', 'Vue régionale'],
    ...data.overview.map((o) => [`t${o.thematique}`, `Thématique ${o.thematique}`] as [string, string]),
    ['departements-thematiques', 'Départements × thématiques'],
    ['departements', 'Départements et ateliers'],
    ['audit', 'Audit'],
    ...(cls ? [['classement', 'Verbatims classés'] as [string, string]] : []),
    ...extra.map((x) => [x.id, x.nav] as [string, string]),
    ['empreinte', 'Empreinte'],
  ];

  const parts: Html[] = [
    head(report, data, opts, nav),
    overviewSection(data, fig),
    ...data.overview.map((o) => thematiqueSection(o, data, fig)),
    heatmapSection(data, fig),
    departementsSection(data),
    auditSection(opts.findings, report, opts.lang ?? 'fr'),
    ...(cls && opts.classified ? [classifiedSection(cls, opts.classified, fig, opts.reviewLimit ?? 300)] : []),
    ...extra.map((x) => x.html),
    footer(report, opts),
  ];
  return parts
    .map(String)
    .join('\n')
    .replace(/[ \t]+\n/g, '\n');
}

// ── Sections ─────────────────────────────────────────────────────────────────────────────────

function head(report: Report, data: ReportData, opts: ReportHtmlOptions, nav: Array<[string, string]>): Html {
  const title = `Synthèse des ateliers CNR Santé — ${data.region ?? 'région'}`;
  const totals = { probleme: sumKind(data, 'probleme'), solution: sumKind(data, 'solution') };
  const nErr = opts.findings.filter((f) => f.severity === 'error').length;
  const nWarn = opts.findings.filter((f) => f.severity === 'warning').length;
  return html`<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(REPORT_CSS)}</style>
</head>
<body>
<header class="top">
<p class="kicker">CNR Santé · consultation 2022</p>
<h1>${title}</h1>
<p class="lede">${data.workshopsTotal !== null ? `${frNumber(data.workshopsTotal)} ateliers` : 'Ateliers'}${data.period ? ` organisés ${data.period}` : ''} dans ${data.departements.length} départements, ${data.contributionsTotal !== null ? `${frNumber(data.contributionsTotal)} contributions` : 'contributions'}. Chiffres lus dans le rapport publié <code>${report.source.file}</code>, recalculés et vérifiés par cnr-synth&nbsp;; chaque chiffre renvoie à sa ligne dans le rapport (l.&nbsp;…).</p>
<dl class="kpis">
<div><dt>Ateliers</dt><dd>${data.workshopsTotal === null ? '—' : frNumber(data.workshopsTotal)}</dd></div>
<div><dt>Contributions</dt><dd>${data.contributionsTotal === null ? '—' : frNumber(data.contributionsTotal)}</dd></div>
<div><dt>Problèmes<span class="sub">Σ groupes</span></dt><dd class="kpi-probleme">${frNumber(totals.probleme)}</dd></div>
<div><dt>Solutions<span class="sub">Σ groupes</span></dt><dd class="kpi-solution">${frNumber(totals.solution)}</dd></div>
<div><dt>Audit</dt><dd class="small"><a href="#audit">${nErr} erreur${nErr > 1 ? 's' : ''} · ${nWarn} avertissement${nWarn > 1 ? 's' : ''}</a></dd></div>
</dl>
</header>
<nav class="toc" aria-label="Sommaire"><ol>${nav.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ol></nav>
<main>`;
}

function overviewSection(data: ReportData, fig: Fig): Html {
  const totals = { probleme: sumKind(data, 'probleme'), solution: sumKind(data, 'solution') };
  return html`<section id="vue-regionale">
<h2>Vue régionale</h2>
<h3>Contributions par thématique</h3>
<p>Nombre de contributions par thématique tel que le rapport l’imprime (total imprimé&nbsp;: ${data.contributionsTotal === null ? '—' : frNumber(data.contributionsTotal)}). Le pourcentage affiché est recalculé (méthode du plus fort reste, la somme fait exactement 100&nbsp;%)&nbsp;; le rapport imprime ${data.overview.map((o) => frPercent(o.percentPrinted, 0)).join(' + ')}.</p>
${fig(
  'chart-contributions',
  'Contributions par thématique (nombre et part recalculée)',
  table(
    ['Thématique', 'Contributions', '% recalculé', '% exact', '% imprimé', 'Ligne'],
    data.overview.map((o) => [
      html`T${o.thematique} · ${o.title}`,
      num(o.count),
      num(frPercent(o.percentRecomputed, 0)),
      num(frPercent(o.percentExact, 2)),
      num(frPercent(o.percentPrinted, 0)),
      num(o.line),
    ]),
  ),
)}
<h3>Problèmes et solutions</h3>
<p>Pour chaque thématique, la somme des effectifs des groupes des deux tableaux régionaux (problèmes, solutions). Ces sommes ne redonnent pas exactement le nombre de contributions imprimé (voir l’audit, <code>contributions-unexplained</code>).</p>
${fig(
  'chart-kinds',
  'Problèmes et solutions par thématique (Σ des groupes régionaux)',
  table(
    ['Thématique', 'Problèmes', 'Solutions', 'Total'],
    data.overview
      .map((o): Cell[] => {
        const p = kindTotal(data, o.thematique, 'probleme');
        const s = kindTotal(data, o.thematique, 'solution');
        return [html`T${o.thematique}`, num(p), num(s), num(p + s)];
      })
      .concat([[html`<strong>Total</strong>`, num(totals.probleme), num(totals.solution), num(totals.probleme + totals.solution)]]),
  ),
)}
</section>`;
}

function thematiqueSection(o: ReportData['overview'][number], data: ReportData, fig: Fig): Html {
  return joinHtml(
    [
      html`<section id="t${o.thematique}" class="thematique">
<h2><span class="tag">Thématique ${o.thematique}</span> ${capitalise(o.title)}</h2>
<p class="muted">${frNumber(o.count)} contributions (${frPercent(o.percentRecomputed, 0)} du total) ${line(o.line)}</p>`,
      ...data.branches.filter((x) => x.thematique === o.thematique).map((b) => branchSection(b, fig)),
      html`</section>`,
    ],
    '\n',
  );
}

function heatmapSection(data: ReportData, fig: Fig): Html {
  return html`<section id="departements-thematiques">
<h2>Départements × thématiques</h2>
<p>Ce qui est compté&nbsp;: pour chaque département, la somme des effectifs des groupes de sa synthèse départementale (problèmes et solutions confondus), par thématique. La part est celle de la thématique dans le total du département (plus fort reste, chaque ligne fait 100&nbsp;%). Ce ne sont pas les contributions imprimées par la synthèse régionale.</p>
${fig(
  'chart-heatmap',
  'Contributions classées par département et thématique (nombre et part du département)',
  table(
    ['Département', 'T1', 'T2', 'T3', 'T4', 'Total'],
    data.heatmap.map((r) => [
      html`${r.name} (${r.code})`,
      ...r.cells.map((c) => num(html`${frNumber(c.count)} <span class="muted">${frPercent(c.share)}</span>`)),
      num(r.total),
    ]),
  ),
)}
</section>`;
}

function departementsSection(data: ReportData): Html {
  return joinHtml(
    [
      html`<section id="departements">
<h2>Départements et ateliers</h2>
<p>Les ateliers de chaque département d’après son tableau (lieu, jour, horaires) et les comptes rendus d’ateliers (participants). Un atelier sans compte rendu, ou un compte rendu absent du tableau, est signalé.</p>`,
      ...data.departements.map((d) => departementSection(d, data)),
      html`</section>`,
    ],
    '\n',
  );
}

function branchSection(b: BranchView, fig: Fig): Html {
  const k = KIND_FR[b.kind];
  const groups = b.groups.map((g) => {
    const ideas = g.ideas.length
      ? html`<table class="ideas">
<thead><tr><th scope="col">Idée</th><th scope="col" class="n">Contributions</th><th scope="col" class="n">% du groupe</th><th scope="col" class="n">Ligne</th></tr></thead>
<tbody>
${joinHtml(
  g.ideas.map(
    (i) =>
      html`<tr><td>${i.label}${i.quotes.length ? html`<ul class="quotes">${i.quotes.map((q) => html`<li>Ex${NBSP}: «${NBSP}${q.text}${NBSP}»</li>`)}</ul>` : ''}</td><td class="n">${frNumber(i.count)}</td><td class="n">${frPercent(i.percent)}</td><td class="n">${i.line}</td></tr>`,
  ),
  '\n',
)}
</tbody>
</table>`
      : html`<p class="muted">Pas d’idées détaillées pour ce groupe.</p>`;
    return html`<details class="group" id="${g.id}">
<summary><span class="label">${g.label}</span> <span class="count">${frNumber(g.count)}</span> <span class="pct">${frPercent(g.percent)}</span></summary>
<div class="group-body">
<p class="muted">${g.ideas.length} idée${g.ideas.length > 1 ? 's' : ''} · ${line(g.line)} · pourcentages&nbsp;: part du groupe</p>
${ideas}
</div>
</details>`;
  });
  return html`<section id="${b.id}" class="branch k-${b.kind}">
<h3><span class="kind">${k.Plural}</span> <span class="muted">— ${frNumber(b.total)} contributions dans ${b.groups.length} groupe${b.groups.length > 1 ? 's' : ''}</span></h3>
${fig(
  `chart-${b.id}`,
  html`Thématique ${b.thematique}, ${k.plural}&nbsp;: les groupes, du plus cité au moins cité (part des ${k.plural} de la thématique)`,
  table(
    ['Groupe', 'Contributions', '%', 'Idées', 'Ligne'],
    b.groups.map((g) => [html`${g.label}`, num(g.count), num(frPercent(g.percent)), num(g.ideas.length), num(g.line)]),
  ),
)}
<p class="hint">Ouvrir un groupe pour voir ses idées, leurs effectifs et les exemples cités.</p>
<div class="groups">
${joinHtml(groups, '\n')}
</div>
</section>`;
}

/**
 * "219 participants (Total imprimé des comptes rendus)"; when no workshop of the département has
 * a known Total (NC), "participants non connus" — never "0 participants".
 */
export function participantsFr(workshops: ReportData['departements'][number]['workshops']): string {
  const totals = workshops.map((w) => w.participants?.total ?? null);
  const known = totals.filter((t): t is number => t !== null);
  if (known.length === 0) return 'participants non connus';
  const unknown = totals.length - known.length;
  const sum = known.reduce((a, t) => a + t, 0);
  return `${frNumber(sum)} participants (Total imprimé des comptes rendus${unknown ? `, non connu pour ${unknown} atelier${plural(unknown, '', 's')}` : ''})`;
}

function departementSection(d: ReportData['departements'][number], data: ReportData): Html {
  const heat = data.heatmap.find((r) => r.code === d.code);
  const rows = d.workshops.map((w) => {
    const p = w.participants;
    const cell = (v: number | null | undefined, rawText?: string) => num(v === null || v === undefined ? rawText || '—' : frNumber(v));
    const note = !w.hasReport ? html` <span class="flag">pas de compte rendu</span>` : !w.inTable ? html` <span class="flag">absent du tableau</span>` : '';
    return [
      html`${w.lieu}${note}`,
      w.date ? html`<time datetime="${w.date}">${w.jour ?? w.date}</time>` : html`${w.jour ?? '—'}`,
      html`${w.horaires ?? '—'}`,
      cell(p?.elus, p?.raw.elus),
      cell(p?.institutionnels, p?.raw.institutionnels),
      cell(p?.professionnels, p?.raw.professionnels),
      cell(p?.associations, p?.raw.associations),
      cell(p?.usagers, p?.raw.usagers),
      cell(p?.autres, p?.raw.autres),
      num(html`<strong>${cell(p?.total, p?.raw.total).n}</strong>`),
      num(html`${w.section ? `${w.section} · ` : ''}<span class="muted">l.${NBSP}${w.line}</span>`),
    ];
  });
  const inTable = d.workshops.filter((w) => w.inTable).length;
  const reports = d.workshops.filter((w) => w.hasReport).length;
  return html`<section id="${d.id}" class="departement">
<h3>${d.name} (${d.code}) <span class="muted">— section ${d.section}</span></h3>
<p class="muted">${d.announced === null ? '' : `${d.announced} atelier${d.announced > 1 ? 's' : ''} annoncé${d.announced > 1 ? 's' : ''} · `}${inTable} dans son tableau, ${reports} compte${reports > 1 ? 's' : ''} rendu${reports > 1 ? 's' : ''} · ${participantsFr(d.workshops)}${heat ? ` · ${frNumber(heat.total)} contributions classées dans sa synthèse` : ''} · ${line(d.line)}</p>
<div class="scroll">${table(['Lieu', 'Jour', 'Horaires', 'Élus', html`<abbr title="Institutionnels">Instit.</abbr>`, html`<abbr title="Professionnels">Prof.</abbr>`, html`<abbr title="Associations">Assoc.</abbr>`, 'Usagers', 'Autres', 'Total', 'Section · ligne'], rows, 'workshops')}</div>
</section>`;
}

function auditSection(findings: Finding[], report: Report, lang: Lang): Html {
  const out: Html[] = [
    html`<section id="audit">
<h2>Audit</h2>
<p>Les contrôles de cohérence de <code>cnr-synth audit</code> sur ce rapport&nbsp;: ${summary(findings, 'fr')}. Une erreur est un chiffre publié qui en contredit un autre qu’il devrait égaler&nbsp;; un avertissement, deux affirmations du rapport qui divergent&nbsp;; une information, ce qu’un lecteur doit savoir. Chaque constat renvoie aux lignes (et pages, pour un PDF) du rapport <code>${report.source.file}</code>.${lang === 'en' ? ' Messages en anglais, comme la sortie de la commande.' : ''}</p>`,
  ];
  for (const sev of ['error', 'warning', 'info'] as const) {
    const xs = findings.filter((f) => f.severity === sev);
    if (xs.length === 0) continue;
    out.push(html`<h3 class="sev-${sev}">${capitalise(severityHeading(sev, 'fr'))} (${xs.length})</h3>
${table(
  ['Code', 'Section', 'Lignes', 'Constat'],
  xs.map((f) => [
    html`<code>${f.code}</code>`,
    html`${f.section ?? '—'}`,
    html`${f.lines.length ? `l.${NBSP}${f.lines.join(', ')}` : '—'}${f.pages?.length ? ` · p.${NBSP}${f.pages.join(', ')}` : ''}`,
    lang === 'en' ? html`<span lang="en">${message(f, 'en')}</span>` : html`${message(f, 'fr')}`,
  ]),
  `findings sev-${sev}`,
)}`);
  }
  if (findings.length === 0) out.push(html`<p>Aucun constat.</p>`);
  out.push(html`</section>`);
  return joinHtml(out, '\n');
}

function classifiedSection(cls: ClassifiedSummary, file: ClassifiedFile, fig: Fig, limit: number): Html {
  const statusText = joinHtml(
    cls.statuses.map((s) => html`${statusFr(s.status)}&nbsp;: ${frNumber(s.count)}`),
    ' · ',
  );
  const review = cls.review.slice(0, limit);
  const score = (x: { score: number | null } | null) => (x && x.score !== null ? frNumber(x.score, 2) : '—');
  const reviewRows = review.map((r: ClassifiedRecord) => [
    html`<code>${r.id}</code>`,
    html`${r.text}`,
    r.thematique ? html`T${r.thematique.n} <span class="muted">${score(r.thematique)}</span>` : html`—`,
    r.kind ? html`${KIND_FR[r.kind.id].one} <span class="muted">${score(r.kind)}</span>` : html`—`,
    r.group ? html`${r.group.label ?? r.group.id} <span class="muted">${score(r.group)}</span>` : html`—`,
    html`${r.status === null ? '—' : statusFr(r.status)}`,
  ]);
  return html`<section id="classement">
<h2>Verbatims classés</h2>
<p>${frNumber(cls.total)} verbatims de <code>${file.file}</code> (sortie de <code>cnr-synth classify --format ndjson</code>), dont ${frNumber(cls.needsReview)} à revoir${cls.unclassified ? ` et ${frNumber(cls.unclassified)} sans thématique ou sans type` : ''}. Statuts&nbsp;: ${statusText}.</p>
<h3>Publié et classé, côte à côte</h3>
<p>Les effectifs publiés sont les sommes des groupes régionaux&nbsp;; les effectifs classés comptent les verbatims attribués par le classifieur. Les parts rendent les deux comparables.</p>
${fig(
  'chart-classified',
  html`Part de chaque thématique × type&nbsp;: publié (Σ des groupes régionaux) et classé (verbatims)`,
  table(
    ['Thématique · type', 'Publié', '% publié', 'Classé', '% classé', 'Classé hors groupe du rapport'],
    cls.branches.map((b) => [
      html`T${b.thematique} · ${KIND_FR[b.kind].plural}`,
      num(b.published),
      num(frPercent(b.publishedPercent)),
      num(b.classified),
      num(frPercent(b.classifiedPercent)),
      num(b.classifiedOther),
    ]),
  ),
)}
<details class="data" open>
<summary>Par groupe&nbsp;: publié et classé (parts au sein de la thématique × type)</summary>
<div class="scroll">${table(
    ['Thématique · type', 'Groupe', 'Publié', '% publié', 'Classé', '% classé'],
    cls.groups.map((g) => [
      html`T${g.thematique} · ${KIND_FR[g.kind].plural}`,
      html`<a href="#${g.id}">${g.label}</a>`,
      num(g.published),
      num(frPercent(g.publishedPercent)),
      num(g.classified),
      num(frPercent(g.classifiedPercent)),
    ]),
    'compare',
  )}</div>
</details>
<h3 id="a-revoir">À revoir (${frNumber(cls.needsReview)})</h3>
${
  cls.needsReview === 0
    ? html`<p>Aucun verbatim signalé <code>needs_review</code>.</p>`
    : html`<p>Les verbatims que le classifieur signale <code>needs_review</code> (score de thématique trop bas), avec ses propositions et leurs scores.${cls.review.length > limit ? ` Les ${frNumber(limit)} premiers sont listés, ${frNumber(cls.review.length - limit)} autres ne le sont pas (voir le fichier NDJSON).` : ''}</p>
<div class="scroll">${table(['Id', 'Verbatim', 'Thématique', 'Type', 'Groupe', 'Statut'], reviewRows, 'review')}</div>`
}
</section>`;
}

function footer(report: Report, opts: ReportHtmlOptions): Html {
  return html`</main>
<footer id="empreinte">
<h2>Empreinte</h2>
<p>Cette page ne contient aucune date&nbsp;: la même entrée donne les mêmes octets.</p>
<dl class="fingerprint">
<dt>Outil</dt><dd>cnr-synth ${opts.toolVersion}</dd>
<dt>Rapport</dt><dd><code>${report.source.file}</code> · ${report.source.kind === 'pdf' ? `PDF, ${report.source.pages ?? '?'} pages` : `texte ${report.source.encoding}`}, ${frNumber(report.source.lines)} lignes</dd>
<dt>sha256 du rapport</dt><dd><code>${report.source.sha256}</code></dd>
${
  opts.classified
    ? html`<dt>Verbatims classés</dt><dd><code>${opts.classified.file}</code> · ${frNumber(opts.classified.records.length)} verbatims</dd>
<dt>sha256 des verbatims classés</dt><dd><code>${opts.classified.sha256}</code></dd>`
    : ''
}
${
  opts.model
    ? html`<dt>Modèle</dt><dd><code>${opts.model.file}</code></dd>
<dt>sha256 du modèle</dt><dd><code>${opts.model.sha256}</code></dd>`
    : ''
}
<dt>Graphiques</dt><dd>Vega-Lite, rendus en SVG à la génération (aucun script, aucune ressource externe)</dd>
</dl>
</footer>
<script>
// Print with every <details> open; restore afterwards.
addEventListener('beforeprint', function () { document.querySelectorAll('details:not([open])').forEach(function (d) { d.setAttribute('data-print', ''); d.open = true; }); });
addEventListener('afterprint', function () { document.querySelectorAll('details[data-print]').forEach(function (d) { d.removeAttribute('data-print'); d.open = false; }); });
</script>
</body>
</html>
`;
}

// ── Small pieces ─────────────────────────────────────────────────────────────────────────────

/** A cell: markup, or `num()` for a right-aligned one. Text headers are escaped by `table`. */
type Cell = Html | { n: Html };
const num = (v: number | string | Html): { n: Html } => ({ n: typeof v === 'number' ? html`${frNumber(v)}` : html`${v}` });

function table(headers: Array<string | Html>, rows: Cell[][], cls = ''): Html {
  const isNum = (c: Cell | undefined): c is { n: Html } => typeof c === 'object' && c !== null && 'n' in c;
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => isNum(r[i])));
  const td = (c: Cell | undefined) => (isNum(c) ? html`<td class="n">${c.n}</td>` : html`<td>${c ?? ''}</td>`);
  return html`<table${cls ? html` class="${cls}"` : ''}>
<thead><tr>${headers.map((h, i) => html`<th scope="col"${numeric[i] ? html` class="n"` : ''}>${h}</th>`)}</tr></thead>
<tbody>
${joinHtml(
  rows.map((r) => html`<tr>${r.map(td)}</tr>`),
  '\n',
)}
</tbody>
</table>`;
}

function figure(id: string, caption: HtmlValue, svg: string, dataTable: Html): Html {
  // The picture is one image for assistive technology, named by its caption; its numbers are in the table below.
  const named = svg.replace(/^<svg\b/, `<svg role="img" aria-labelledby="${id}-caption"`);
  return html`<figure class="chart" id="${id}">
<div class="svg">${raw(named)}</div>
<figcaption id="${id}-caption">${caption}</figcaption>
</figure>
<details class="data">
<summary>Les chiffres du graphique (tableau)</summary>
${dataTable}
</details>`;
}

function sumKind(data: ReportData, kind: 'probleme' | 'solution'): number {
  return data.kindTotals.filter((k) => k.kind === kind).reduce((a, k) => a + k.count, 0);
}

function kindTotal(data: ReportData, t: number, kind: 'probleme' | 'solution'): number {
  return data.kindTotals.find((k) => k.thematique === t && k.kind === kind)?.count ?? 0;
}
