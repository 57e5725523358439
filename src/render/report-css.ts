/**
 * The HTML report's stylesheet (inlined in the page: it opens with no network). Colours of the
 * kinds and the font stack are the charts' (src/render/charts.ts), so text and charts agree.
 */
import { FONT_STACK, KIND_COLORS } from './charts.js';

export const REPORT_CSS = `
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
table.review td:first-child{white-space:nowrap}
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
