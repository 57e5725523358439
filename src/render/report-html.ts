/**
 * The HTML report: one self-contained page in French (inline CSS, charts as inline SVG rendered
 * in Node, no script but a print helper, no URL at all), for people who would rather look than
 * read NDJSON. Opens from a USB stick, prints with every <details> expanded.
 *
 * Deterministic bytes: no date, no absolute path (file names as given), stable ids; the charts
 * are deterministic (src/render/charts.ts). Data: src/aggregate/report-data.ts.
 * Every chart has its numbers as a <table> right under it (in a <details>), for screen readers,
 * copying and print.
 */
import type { Finding, Kind, Report } from '../model.js';
import type { ClassifiedFile, ClassifiedRecord } from '../io/classified.js';
import { compareClassified, reportData, type BranchView, type ClassifiedSummary, type ReportData } from '../aggregate/report-data.js';
import { barChart, groupedBarChart, heatmap, KIND_COLORS, renderCharts, wrapLabel, type Chart, FONT_STACK } from './charts.js';
import { message } from './findings.js';

export interface ReportHtmlOptions {
  findings: Finding[];
  toolVersion: string;
  classified?: ClassifiedFile | null;
  /** Chart warnings (a spec mistake; tests make them fail). */
  onChartWarning?: (chart: string, message: string) => void;
  model?: { file: string; sha256: string } | null;
  /** The "Traçabilité des comptes" section (report-trace.ts), placed before the fingerprint. */
  traceHtml?: string | null;
  /** Most needs_review items listed (the rest are counted). */
  reviewLimit?: number;
}

// ── French formatting ────────────────────────────────────────────────────────────────────────

const NBSP = '\u00a0';

/** 1811 → "1 811" (no-break space), 50.14 → "50,14". */
export function frNumber(n: number, digits = 0): string {
  const s = digits > 0 ? n.toFixed(digits) : String(Math.round(n));
  const [int, dec] = s.split('.');
  const neg = int!.startsWith('-');
  const grouped = (neg ? int!.slice(1) : int!).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${neg ? '−' : ''}${grouped}${dec ? `,${dec}` : ''}`;
}

/** 25.4 → "25,4 %"; null → "—". */
export function frPercent(p: number | null | undefined, digits = 1): string {
  return p === null || p === undefined ? '—' : `${frNumber(p, digits)}${NBSP}%`;
}

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const KIND_FR: Record<Kind, { plural: string; Plural: string; one: string }> = {
  probleme: { plural: 'problèmes', Plural: 'Problèmes', one: 'problème' },
  solution: { plural: 'solutions', Plural: 'Solutions', one: 'solution' },
};
const SEVERITY_FR = { error: 'Erreurs', warning: 'Avertissements', info: 'Informations' } as const;
const line = (n: number) => `<span class="ref">l.${NBSP}${n}</span>`;

// ── Page ─────────────────────────────────────────────────────────────────────────────────────

export async function renderReportHtml(report: Report, opts: ReportHtmlOptions): Promise<string> {
  const data = reportData(report);
  const cls = opts.classified ? compareClassified(data, opts.classified.records) : null;
  const charts = buildCharts(data, cls);
  const svgs = await renderCharts(charts, opts.onChartWarning ? { onWarn: opts.onChartWarning } : {});
  const fig = (id: string, caption: string, table: string) => figure(id, caption, svgs.get(id)!, table);

  const regionName = data.region ?? 'région';
  const title = `Synthèse des ateliers CNR Santé — ${regionName}`;
  const totals = { probleme: sumKind(data, 'probleme'), solution: sumKind(data, 'solution') };
  const nErr = opts.findings.filter((f) => f.severity === 'error').length;
  const nWarn = opts.findings.filter((f) => f.severity === 'warning').length;

  const nav: Array<[string, string]> = [
    ['vue-regionale', 'Vue régionale'],
    ...data.overview.map((o) => [`t${o.thematique}`, `Thématique ${o.thematique}`] as [string, string]),
    ['departements-thematiques', 'Départements × thématiques'],
    ['departements', 'Départements et ateliers'],
    ['audit', 'Audit'],
    ...(cls ? [['classement', 'Verbatims classés'] as [string, string]] : []),
    ...(opts.traceHtml ? [['tracabilite', 'Traçabilité des comptes'] as [string, string]] : []),
    ['empreinte', 'Empreinte'],
  ];

  const parts: string[] = [];
  parts.push(`<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="top">
<p class="kicker">CNR Santé · consultation 2022</p>
<h1>${esc(title)}</h1>
<p class="lede">${data.workshopsTotal !== null ? `${frNumber(data.workshopsTotal)} ateliers` : 'Ateliers'}${data.period ? ` organisés ${esc(data.period)}` : ''} dans ${data.departements.length} départements, ${data.contributionsTotal !== null ? `${frNumber(data.contributionsTotal)} contributions` : 'contributions'}. Chiffres lus dans le rapport publié <code>${esc(report.source.file)}</code>, recalculés et vérifiés par cnr-synth&nbsp;; chaque chiffre renvoie à sa ligne dans le rapport (l.&nbsp;…).</p>
<dl class="kpis">
<div><dt>Ateliers</dt><dd>${data.workshopsTotal === null ? '—' : frNumber(data.workshopsTotal)}</dd></div>
<div><dt>Contributions</dt><dd>${data.contributionsTotal === null ? '—' : frNumber(data.contributionsTotal)}</dd></div>
<div><dt>Problèmes<span class="sub">Σ groupes</span></dt><dd class="kpi-probleme">${frNumber(totals.probleme)}</dd></div>
<div><dt>Solutions<span class="sub">Σ groupes</span></dt><dd class="kpi-solution">${frNumber(totals.solution)}</dd></div>
<div><dt>Audit</dt><dd class="small"><a href="#audit">${nErr} erreur${nErr > 1 ? 's' : ''} · ${nWarn} avertissement${nWarn > 1 ? 's' : ''}</a></dd></div>
</dl>
</header>
<nav class="toc" aria-label="Sommaire"><ol>${nav.map(([id, label]) => `<li><a href="#${id}">${esc(label)}</a></li>`).join('')}</ol></nav>
<main>`);

  // Regional overview.
  parts.push(`<section id="vue-regionale">
<h2>Vue régionale</h2>
<h3>Contributions par thématique</h3>
<p>Nombre de contributions par thématique tel que le rapport l’imprime (total imprimé&nbsp;: ${data.contributionsTotal === null ? '—' : frNumber(data.contributionsTotal)}). Le pourcentage affiché est recalculé (méthode du plus fort reste, la somme fait exactement 100&nbsp;%)&nbsp;; le rapport imprime ${data.overview.map((o) => frPercent(o.percentPrinted, 0)).join(' + ')}.</p>
${fig('chart-contributions', 'Contributions par thématique (nombre et part recalculée)', table(
    ['Thématique', 'Contributions', '% recalculé', '% exact', '% imprimé', 'Ligne'],
    data.overview.map((o) => [`T${o.thematique} · ${esc(o.title)}`, num(o.count), num(frPercent(o.percentRecomputed, 0)), num(frPercent(o.percentExact, 2)), num(frPercent(o.percentPrinted, 0)), num(o.line)]),
  ))}
<h3>Problèmes et solutions</h3>
<p>Pour chaque thématique, la somme des effectifs des groupes des deux tableaux régionaux (problèmes, solutions). Ces sommes ne redonnent pas exactement le nombre de contributions imprimé (voir l’audit, <code>contributions-unexplained</code>).</p>
${fig('chart-kinds', 'Problèmes et solutions par thématique (Σ des groupes régionaux)', table(
    ['Thématique', 'Problèmes', 'Solutions', 'Total'],
    data.overview.map((o) => {
      const p = kindTotal(data, o.thematique, 'probleme');
      const s = kindTotal(data, o.thematique, 'solution');
      return [`T${o.thematique}`, num(p), num(s), num(p + s)];
    }).concat([['<strong>Total</strong>', num(totals.probleme), num(totals.solution), num(totals.probleme + totals.solution)]]),
  ))}
</section>`);

  // Per thématique × kind.
  for (const o of data.overview) {
    parts.push(`<section id="t${o.thematique}" class="thematique">
<h2><span class="tag">Thématique ${o.thematique}</span> ${esc(capitalise(o.title))}</h2>
<p class="muted">${frNumber(o.count)} contributions (${frPercent(o.percentRecomputed, 0)} du total) ${line(o.line)}</p>`);
    for (const b of data.branches.filter((x) => x.thematique === o.thematique)) parts.push(branchSection(b, fig));
    parts.push('</section>');
  }

  // Heatmap.
  parts.push(`<section id="departements-thematiques">
<h2>Départements × thématiques</h2>
<p>Ce qui est compté&nbsp;: pour chaque département, la somme des effectifs des groupes de sa synthèse départementale (problèmes et solutions confondus), par thématique. La part est celle de la thématique dans le total du département (plus fort reste, chaque ligne fait 100&nbsp;%). Ce ne sont pas les contributions imprimées par la synthèse régionale.</p>
${fig('chart-heatmap', 'Contributions classées par département et thématique (nombre et part du département)', table(
    ['Département', 'T1', 'T2', 'T3', 'T4', 'Total'],
    data.heatmap.map((r) => [`${esc(r.name)} (${esc(r.code)})`, ...r.cells.map((c) => num(`${frNumber(c.count)} <span class="muted">${frPercent(c.share)}</span>`)), num(r.total)]),
  ))}
</section>`);

  // Départements.
  parts.push(`<section id="departements">
<h2>Départements et ateliers</h2>
<p>Les ateliers de chaque département d’après son tableau (lieu, jour, horaires) et les comptes rendus d’ateliers (participants). Un atelier sans compte rendu, ou un compte rendu absent du tableau, est signalé.</p>`);
  for (const d of data.departements) parts.push(departementSection(d, data));
  parts.push('</section>');

  // Audit.
  parts.push(auditSection(opts.findings, report));

  // Classified verbatims.
  if (cls && opts.classified) parts.push(classifiedSection(cls, opts.classified, fig, opts.reviewLimit ?? 300));
  if (opts.traceHtml) parts.push(opts.traceHtml);

  // Fingerprint.
  parts.push(`</main>
<footer id="empreinte">
<h2>Empreinte</h2>
<p>Cette page ne contient aucune date&nbsp;: la même entrée donne les mêmes octets.</p>
<dl class="fingerprint">
<dt>Outil</dt><dd>cnr-synth ${esc(opts.toolVersion)}</dd>
<dt>Rapport</dt><dd><code>${esc(report.source.file)}</code> · ${report.source.kind === 'pdf' ? `PDF, ${report.source.pages ?? '?'} pages` : `texte ${esc(report.source.encoding)}`}, ${frNumber(report.source.lines)} lignes</dd>
<dt>sha256 du rapport</dt><dd><code>${esc(report.source.sha256)}</code></dd>
${opts.classified ? `<dt>Verbatims classés</dt><dd><code>${esc(opts.classified.file)}</code> · ${frNumber(opts.classified.records.length)} verbatims</dd>
<dt>sha256 des verbatims classés</dt><dd><code>${esc(opts.classified.sha256)}</code></dd>` : ''}
${opts.model ? `<dt>Modèle</dt><dd><code>${esc(opts.model.file)}</code></dd>
<dt>sha256 du modèle</dt><dd><code>${esc(opts.model.sha256)}</code></dd>` : ''}
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
`);
  return parts.join('\n').replace(/[ \t]+\n/g, '\n');
}

// ── Charts ───────────────────────────────────────────────────────────────────────────────────

function buildCharts(data: ReportData, cls: ClassifiedSummary | null): Chart[] {
  const charts: Chart[] = [];
  charts.push({
    id: 'chart-contributions',
    spec: barChart({
      description: 'Contributions par thématique',
      color: '#1d4ed8',
      xTitle: 'Contributions',
      data: data.overview.map((o, i) => ({ label: wrapLabel(`T${o.thematique} · ${capitalise(o.title)}`, 46, 2).join('\n'), count: o.count, text: `${frNumber(o.count)} · ${frPercent(o.percentRecomputed, 0)}`, order: i })),
    }),
  });
  charts.push({
    id: 'chart-kinds',
    spec: groupedBarChart({
      description: 'Problèmes et solutions par thématique',
      series: ['problèmes', 'solutions'],
      colors: [KIND_COLORS.probleme, KIND_COLORS.solution],
      legendTitle: 'Σ des groupes régionaux',
      xTitle: 'Contributions (Σ des groupes)',
      data: data.kindTotals.map((k) => ({ label: `Thématique ${k.thematique}`, series: KIND_FR[k.kind].plural, value: k.count, text: frNumber(k.count), order: k.thematique })),
    }),
  });
  for (const b of data.branches) {
    charts.push({
      id: `chart-${b.id}`,
      spec: barChart({
        description: `Thématique ${b.thematique}, ${KIND_FR[b.kind].plural} : groupes par nombre de contributions`,
        color: KIND_COLORS[b.kind],
        xTitle: 'Contributions',
        data: b.groups.map((g, i) => ({ label: wrapLabel(g.label).join('\n'), count: g.count, text: `${frNumber(g.count)} · ${frPercent(g.percent)}`, order: i })),
      }),
    });
  }
  charts.push({
    id: 'chart-heatmap',
    spec: heatmap({
      description: 'Départements × thématiques',
      columns: ['T1', 'T2', 'T3', 'T4'],
      legendTitle: 'Part du département',
      data: data.heatmap.flatMap((r, i) => r.cells.map((c) => ({ row: `${r.name} (${r.code})`, col: `T${c.thematique}`, share: (c.share ?? 0) / 100, text: `${frNumber(c.count)} · ${frPercent(c.share, 0)}`, rowOrder: i }))),
    }),
  });
  if (cls) {
    charts.push({
      id: 'chart-classified',
      spec: groupedBarChart({
        description: 'Publié et classé, par thématique et type',
        series: ['publié', 'classé'],
        colors: ['#6b7280', '#7c3aed'],
        legendTitle: 'Part de chaque source',
        xTitle: 'Part du total (%)',
        format: 'd',
        data: cls.branches.flatMap((b, i) => [
          { label: `T${b.thematique} · ${KIND_FR[b.kind].plural}`, series: 'publié', value: b.publishedPercent ?? 0, text: `${frPercent(b.publishedPercent)} (${frNumber(b.published)})`, order: i },
          { label: `T${b.thematique} · ${KIND_FR[b.kind].plural}`, series: 'classé', value: b.classifiedPercent ?? 0, text: `${frPercent(b.classifiedPercent)} (${frNumber(b.classified)})`, order: i },
        ]),
      }),
    });
  }
  return charts;
}

// ── Sections ─────────────────────────────────────────────────────────────────────────────────

type Fig = (id: string, caption: string, table: string) => string;

function branchSection(b: BranchView, fig: Fig): string {
  const k = KIND_FR[b.kind];
  const groups = b.groups
    .map((g) => {
      const ideas = g.ideas.length
        ? `<table class="ideas">
<thead><tr><th scope="col">Idée</th><th scope="col" class="n">Contributions</th><th scope="col" class="n">% du groupe</th><th scope="col" class="n">Ligne</th></tr></thead>
<tbody>
${g.ideas
  .map(
    (i) => `<tr><td>${esc(i.label)}${i.quotes.length ? `<ul class="quotes">${i.quotes.map((q) => `<li>Ex${NBSP}: «${NBSP}${esc(q.text)}${NBSP}»</li>`).join('')}</ul>` : ''}</td><td class="n">${frNumber(i.count)}</td><td class="n">${frPercent(i.percent)}</td><td class="n">${i.line}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`
        : '<p class="muted">Pas d’idées détaillées pour ce groupe.</p>';
      return `<details class="group" id="${g.id}">
<summary><span class="label">${esc(g.label)}</span> <span class="count">${frNumber(g.count)}</span> <span class="pct">${frPercent(g.percent)}</span></summary>
<div class="group-body">
<p class="muted">${g.ideas.length} idée${g.ideas.length > 1 ? 's' : ''} · ${line(g.line)} · pourcentages&nbsp;: part du groupe</p>
${ideas}
</div>
</details>`;
    })
    .join('\n');
  return `<section id="${b.id}" class="branch k-${b.kind}">
<h3><span class="kind">${k.Plural}</span> <span class="muted">— ${frNumber(b.total)} contributions dans ${b.groups.length} groupe${b.groups.length > 1 ? 's' : ''}</span></h3>
${fig(`chart-${b.id}`, `Thématique ${b.thematique}, ${k.plural}&nbsp;: les groupes, du plus cité au moins cité (part des ${k.plural} de la thématique)`, table(
    ['Groupe', 'Contributions', '%', 'Idées', 'Ligne'],
    b.groups.map((g) => [esc(g.label), num(g.count), num(frPercent(g.percent)), num(g.ideas.length), num(g.line)]),
  ))}
<p class="hint">Ouvrir un groupe pour voir ses idées, leurs effectifs et les exemples cités.</p>
<div class="groups">
${groups}
</div>
</section>`;
}

function departementSection(d: ReportData['departements'][number], data: ReportData): string {
  const heat = data.heatmap.find((r) => r.code === d.code);
  const participants = d.workshops.reduce((a, w) => a + (w.participants?.total ?? 0), 0);
  const rows = d.workshops.map((w) => {
    const p = w.participants;
    const cell = (v: number | null | undefined, raw?: string) => num(v === null || v === undefined ? (raw ? esc(raw) : '—') : frNumber(v));
    const note = !w.hasReport ? ' <span class="flag">pas de compte rendu</span>' : !w.inTable ? ' <span class="flag">absent du tableau</span>' : '';
    return [
      `${esc(w.lieu)}${note}`,
      w.date ? `<time datetime="${w.date}">${esc(w.jour ?? w.date)}</time>` : esc(w.jour ?? '—'),
      esc(w.horaires ?? '—'),
      cell(p?.elus, p?.raw.elus),
      cell(p?.institutionnels, p?.raw.institutionnels),
      cell(p?.professionnels, p?.raw.professionnels),
      cell(p?.associations, p?.raw.associations),
      cell(p?.usagers, p?.raw.usagers),
      cell(p?.autres, p?.raw.autres),
      num(`<strong>${(cell(p?.total, p?.raw.total) as { n: string }).n}</strong>`),
      num(`${w.section ? `${w.section} · ` : ''}<span class="muted">l.${NBSP}${w.line}</span>`),
    ];
  });
  return `<section id="${d.id}" class="departement">
<h3>${esc(d.name)} (${esc(d.code)}) <span class="muted">— section ${esc(d.section)}</span></h3>
<p class="muted">${d.announced === null ? '' : `${d.announced} atelier${d.announced > 1 ? 's' : ''} annoncé${d.announced > 1 ? 's' : ''} · `}${d.workshops.filter((w) => w.inTable).length} dans son tableau, ${d.workshops.filter((w) => w.hasReport).length} compte${d.workshops.filter((w) => w.hasReport).length > 1 ? 's' : ''} rendu${d.workshops.filter((w) => w.hasReport).length > 1 ? 's' : ''} · ${frNumber(participants)} participants (Total imprimé des comptes rendus)${heat ? ` · ${frNumber(heat.total)} contributions classées dans sa synthèse` : ''} · ${line(d.line)}</p>
<div class="scroll">${table(['Lieu', 'Jour', 'Horaires', 'Élus', '<abbr title="Institutionnels">Instit.</abbr>', '<abbr title="Professionnels">Prof.</abbr>', '<abbr title="Associations">Assoc.</abbr>', 'Usagers', 'Autres', 'Total', 'Section · ligne'], rows, 'workshops')}</div>
</section>`;
}

function auditSection(findings: Finding[], report: Report): string {
  const out: string[] = [`<section id="audit">
<h2>Audit</h2>
<p>Les contrôles de cohérence de <code>cnr-synth audit</code> sur ce rapport&nbsp;: ${summaryFr(findings)}. Une erreur est un chiffre publié qui en contredit un autre qu’il devrait égaler&nbsp;; un avertissement, deux affirmations du rapport qui divergent&nbsp;; une information, ce qu’un lecteur doit savoir. Chaque constat renvoie aux lignes (et pages, pour un PDF) du rapport <code>${esc(report.source.file)}</code>. Messages en anglais, comme la sortie de la commande.</p>`];
  for (const sev of ['error', 'warning', 'info'] as const) {
    const xs = findings.filter((f) => f.severity === sev);
    if (xs.length === 0) continue;
    out.push(`<h3 class="sev-${sev}">${SEVERITY_FR[sev]} (${xs.length})</h3>
${table(
  ['Code', 'Section', 'Lignes', 'Constat'],
  xs.map((f) => [
    `<code>${esc(f.code)}</code>`,
    esc(f.section ?? '—'),
    `${f.lines.length ? `l.${NBSP}${f.lines.join(', ')}` : '—'}${f.pages?.length ? ` · p.${NBSP}${f.pages.join(', ')}` : ''}`,
    `<span lang="en">${esc(message(f))}</span>`,
  ]),
  `findings sev-${sev}`,
)}`);
  }
  if (findings.length === 0) out.push('<p>Aucun constat.</p>');
  out.push('</section>');
  return out.join('\n');
}

function classifiedSection(cls: ClassifiedSummary, file: ClassifiedFile, fig: Fig, limit: number): string {
  const statusText = cls.statuses.map((s) => `${esc(s.status)}&nbsp;: ${frNumber(s.count)}`).join(' · ');
  const review = cls.review.slice(0, limit);
  const score = (x: { score: number | null } | null) => (x && x.score !== null ? frNumber(x.score, 2) : '—');
  const reviewRows = review.map((r: ClassifiedRecord) => [
    `<code>${esc(r.id)}</code>`,
    esc(r.text),
    r.thematique ? `T${r.thematique.n} <span class="muted">${score(r.thematique)}</span>` : '—',
    r.kind ? `${KIND_FR[r.kind.id].one} <span class="muted">${score(r.kind)}</span>` : '—',
    r.group ? `${esc(r.group.label ?? r.group.id)} <span class="muted">${score(r.group)}</span>` : '—',
    esc(r.status ?? '—'),
  ]);
  return `<section id="classement">
<h2>Verbatims classés</h2>
<p>${frNumber(cls.total)} verbatims de <code>${esc(file.file)}</code> (sortie de <code>cnr-synth classify --format ndjson</code>), dont ${frNumber(cls.needsReview)} à revoir${cls.unclassified ? ` et ${frNumber(cls.unclassified)} sans thématique ou sans type` : ''}. Statuts&nbsp;: ${statusText}.</p>
<h3>Publié et classé, côte à côte</h3>
<p>Les effectifs publiés sont les sommes des groupes régionaux&nbsp;; les effectifs classés comptent les verbatims attribués par le classifieur. Les parts rendent les deux comparables.</p>
${fig('chart-classified', 'Part de chaque thématique × type&nbsp;: publié (Σ des groupes régionaux) et classé (verbatims)', table(
    ['Thématique · type', 'Publié', '% publié', 'Classé', '% classé', 'Classé hors groupe du rapport'],
    cls.branches.map((b) => [`T${b.thematique} · ${KIND_FR[b.kind].plural}`, num(b.published), num(frPercent(b.publishedPercent)), num(b.classified), num(frPercent(b.classifiedPercent)), num(b.classifiedOther)]),
  ))}
<details class="data" open>
<summary>Par groupe&nbsp;: publié et classé (parts au sein de la thématique × type)</summary>
<div class="scroll">${table(
    ['Thématique · type', 'Groupe', 'Publié', '% publié', 'Classé', '% classé'],
    cls.groups.map((g) => [`T${g.thematique} · ${KIND_FR[g.kind].plural}`, `<a href="#${g.id}">${esc(g.label)}</a>`, num(g.published), num(frPercent(g.publishedPercent)), num(g.classified), num(frPercent(g.classifiedPercent))]),
    'compare',
  )}</div>
</details>
<h3 id="a-revoir">À revoir (${frNumber(cls.needsReview)})</h3>
${cls.needsReview === 0 ? '<p>Aucun verbatim signalé <code>needs_review</code>.</p>' : `<p>Les verbatims que le classifieur signale <code>needs_review</code> (score de thématique trop bas), avec ses propositions et leurs scores.${cls.review.length > limit ? ` Les ${frNumber(limit)} premiers sont listés, ${frNumber(cls.review.length - limit)} autres ne le sont pas (voir le fichier NDJSON).` : ''}</p>
<div class="scroll">${table(['Id', 'Verbatim', 'Thématique', 'Type', 'Groupe', 'Statut'], reviewRows, 'review')}</div>`}
</section>`;
}

// ── Small pieces ─────────────────────────────────────────────────────────────────────────────

/** Cells are HTML already (escaped by the caller); `num()` marks a right-aligned cell. */
type Cell = string | { n: string };
const num = (v: unknown): Cell => ({ n: typeof v === 'number' ? frNumber(v) : String(v) });

function table(headers: string[], rows: Cell[][], cls = ''): string {
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'object'));
  const td = (c: Cell | undefined) => (typeof c === 'object' ? `<td class="n">${c.n}</td>` : `<td>${c ?? ''}</td>`);
  return `<table${cls ? ` class="${cls}"` : ''}>
<thead><tr>${headers.map((h, i) => `<th scope="col"${numeric[i] ? ' class="n"' : ''}>${h}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('\n')}
</tbody>
</table>`;
}

function figure(id: string, caption: string, svg: string, dataTable: string): string {
  // The picture is one image for assistive technology, named by its caption; its numbers are in the table below.
  const named = svg.replace(/^<svg\b/, `<svg role="img" aria-labelledby="${id}-caption"`);
  return `<figure class="chart" id="${id}">
<div class="svg">${named}</div>
<figcaption id="${id}-caption">${caption}</figcaption>
</figure>
<details class="data">
<summary>Les chiffres du graphique (tableau)</summary>
${dataTable}
</details>`;
}

function summaryFr(findings: Finding[]): string {
  const n = (sev: Finding['severity']) => findings.filter((f) => f.severity === sev).length;
  const p = (k: number, one: string, many: string) => `${frNumber(k)} ${k > 1 ? many : one}`;
  return `${p(n('error'), 'erreur', 'erreurs')}, ${p(n('warning'), 'avertissement', 'avertissements')}, ${p(n('info'), 'information', 'informations')}`;
}

function sumKind(data: ReportData, kind: Kind): number {
  return data.kindTotals.filter((k) => k.kind === kind).reduce((a, k) => a + k.count, 0);
}

function kindTotal(data: ReportData, t: number, kind: Kind): number {
  return data.kindTotals.find((k) => k.thematique === t && k.kind === kind)?.count ?? 0;
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('fr') + s.slice(1);
}

const CSS = `
:root{--ink:#1f2937;--muted:#4b5563;--line:#e5e7eb;--bg:#fff;--soft:#f8fafc;--accent:#1d4ed8;--probleme:${KIND_COLORS.probleme};--solution:${KIND_COLORS.solution}}
*{box-sizing:border-box}
html{font-family:${FONT_STACK};color:var(--ink);background:var(--bg);line-height:1.5;font-size:16px}
body{margin:0 auto;max-width:1120px;padding:0 1.25rem 3rem}
h1{font-size:1.9rem;line-height:1.2;margin:.2rem 0 .6rem}
h2{font-size:1.45rem;margin:2.6rem 0 .6rem;padding-top:.6rem;border-top:3px solid var(--ink)}
h3{font-size:1.12rem;margin:1.8rem 0 .4rem}
a{color:var(--accent)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.88em;background:var(--soft);padding:0 .2em;border-radius:3px;overflow-wrap:anywhere}
.top{padding:1.6rem 0 .4rem}
.kicker{text-transform:uppercase;letter-spacing:.08em;font-size:.8rem;color:var(--muted);margin:0}
.lede{font-size:1.05rem;max-width:52rem}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.75rem;margin:1.2rem 0 0}
.kpis div{border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem;background:var(--soft)}
.kpis dt{font-size:.85rem;color:var(--muted)}
.kpis dd{margin:0;font-size:1.7rem;font-weight:700;font-variant-numeric:tabular-nums}
.kpis dd.small{font-size:1rem;font-weight:600;padding-top:.5rem}
.kpis .sub{display:block;font-size:.72rem}
.kpi-probleme,.k-probleme h3 .kind{color:var(--probleme)}.kpi-solution,.k-solution h3 .kind{color:var(--solution)}
.toc ol{list-style:none;display:flex;flex-wrap:wrap;gap:.35rem .9rem;padding:.7rem 0;margin:1.2rem 0 0;border-top:1px solid var(--line);border-bottom:1px solid var(--line);font-size:.92rem}
.tag{display:inline-block;font-size:.8rem;font-weight:600;background:var(--ink);color:#fff;border-radius:4px;padding:.05rem .45rem;vertical-align:middle}
.muted,.ref{color:var(--muted);font-weight:normal}
.ref{font-size:.85em;white-space:nowrap}
.hint{color:var(--muted);font-size:.9rem;margin:.3rem 0}
figure.chart{margin:.6rem 0 .2rem}
figure.chart .svg{overflow-x:auto}
figure.chart svg{max-width:100%;height:auto;display:block}
figcaption{font-size:.88rem;color:var(--muted);margin-top:.2rem}
details.data{margin:.2rem 0 1rem;font-size:.92rem}
details.data>summary{cursor:pointer;color:var(--accent)}
table{border-collapse:collapse;margin:.5rem 0;font-size:.92rem;width:100%}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{font-weight:600;background:var(--soft)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.scroll{overflow-x:auto}
.groups{border-top:1px solid var(--line)}
details.group{border-bottom:1px solid var(--line)}
details.group>summary{cursor:pointer;display:flex;gap:.6rem;align-items:baseline;padding:.45rem .3rem;list-style-position:inside}
details.group>summary::-webkit-details-marker{color:var(--muted)}
details.group>summary .label{flex:1}
details.group>summary .count{font-weight:700;font-variant-numeric:tabular-nums}
details.group>summary .pct{color:var(--muted);font-variant-numeric:tabular-nums;min-width:4.5em;text-align:right}
.k-probleme details.group>summary .count{color:var(--probleme)}
.k-solution details.group>summary .count{color:var(--solution)}
details.group[open]>summary{background:var(--soft)}
.group-body{padding:0 .3rem .6rem 1.4rem}
ul.quotes{margin:.25rem 0 .1rem;padding-left:1rem;color:var(--muted);font-size:.9em;font-style:italic}
table.workshops{font-size:.86rem}
table.workshops td:first-child{min-width:9rem}
abbr[title]{text-decoration:none}
.flag{display:inline-block;font-size:.75rem;background:#fef3c7;color:#92400e;border-radius:4px;padding:0 .35rem}
h3.sev-error{color:#b91c1c}h3.sev-warning{color:#92400e}
table.findings td:first-child{white-space:nowrap}
footer{margin-top:3rem;font-size:.9rem}
.fingerprint{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
.fingerprint dt{color:var(--muted)}.fingerprint dd{margin:0}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
@media (max-width:640px){h1{font-size:1.5rem}.kpis dd{font-size:1.3rem}}
@media print{
  html{font-size:11pt}body{max-width:none;padding:0}
  .toc,.hint{display:none}
  a{color:inherit;text-decoration:none}
  details>summary{list-style:none}
  details::details-content{content-visibility:visible;display:block}
  thead{display:table-header-group}tr{break-inside:avoid}
  figure.chart,details.group{break-inside:avoid}
  h2,h3{break-after:avoid}
  section.thematique{break-before:page}
}
`.trim();
