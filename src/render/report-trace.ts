/**
 * The "Traçabilité des comptes" section of the HTML report (`report --trace`): for each
 * département, each published idea count opens (<details>) onto the workshop verbatims that the
 * trace puts behind it, shaded by confidence, with their line (and page) in the report. Pure:
 * returns an HTML string (French); the page (report-html.ts) places it.
 */
import type { TraceResult, TraceRow } from '../trace/trace.js';
import { esc } from './html.js';

const NBSP = '\u00a0';

const where = (line: number, page?: number) => `l.${NBSP}${line}${page !== undefined ? `, p.${NBSP}${page}` : ''}`;
const pct = (x: number) => `${Math.round(x * 100)}${NBSP}%`;

/** Confidence 0.5 → pale, 1 → full: the background alpha of a verbatim. */
function shade(conf: number): string {
  const a = Math.max(0, Math.min(1, (conf - 0.5) * 2));
  return `background:rgba(46,125,50,${(0.08 + 0.4 * a).toFixed(2)})`;
}

function item(r: TraceRow, text: string, second: boolean): string {
  return `<li style="${shade(r.confidence)}" title="confiance ${pct(r.confidence)}"><span class="tr-ref">${esc(r.id)} · ${where(r.line, r.page)}</span> ${esc(text)}${second ? ' <span class="tr-note">(seconde idée)</span>' : ''}${r.crossBranch ? ' <span class="tr-note">(hors de sa rubrique)</span>' : ''} <span class="tr-conf">${pct(r.confidence)}</span></li>`;
}

export function traceSectionHtml(result: TraceResult, departements: { code: string; name: string }[], textOf: Map<string, string>): string {
  const { totals } = result;
  const parts: string[] = [];
  parts.push(`<section id="tracabilite">
<style>
#tracabilite details.tr-dep>summary{font-weight:600}
#tracabilite details.tr-idea{margin:.2em 0 .2em 1em}
#tracabilite ol.tr-list{margin:.3em 0 .6em 1.5em;padding:0}
#tracabilite ol.tr-list li{padding:.15em .4em;margin:.1em 0;border-radius:3px;list-style:decimal}
#tracabilite .tr-ref,#tracabilite .tr-conf,#tracabilite .tr-note{color:#555;font-size:.85em}
#tracabilite .tr-gap{color:#a33}
</style>
<h2>Traçabilité des comptes</h2>
<p>Chaque compte publié dans la synthèse d’un département s’ouvre sur les verbatims des comptes rendus d’ateliers qui le constituent le plus probablement (reconstitution par <code>cnr-synth trace</code>&nbsp;: chaque verbatim reçoit une idée de son département de sorte que chaque idée reçoive son compte imprimé, au plus près du sens). Fond plus foncé = attribution plus sûre (confiance = chance de cette attribution contre la meilleure autre). ${totals.verbatims} verbatims pour ${totals.printed} entrées comptées&nbsp;: ${totals.notCounted} verbatims hors compte, ${totals.second} comptés sous deux idées&nbsp;; écart Σ|attribué − imprimé| = ${totals.gap} (${pct(totals.gapRatio)} des comptes).</p>`);
  for (const d of departements) {
    const ideas = result.summary.map((s, k) => ({ s, k })).filter((x) => x.s.departement === d.code);
    if (ideas.length === 0) continue;
    const rows = result.rows.filter((r) => r.departement === d.code);
    const behind = new Map<number, { r: TraceRow; second: boolean }[]>();
    for (const r of rows) {
      if (r.attributed) (behind.get(r.attributed.row) ?? behind.set(r.attributed.row, []).get(r.attributed.row)!).push({ r, second: false });
      if (r.second) (behind.get(r.second.row) ?? behind.set(r.second.row, []).get(r.second.row)!).push({ r, second: true });
    }
    parts.push(
      `<details class="tr-dep" id="trace-${esc(d.code)}"><summary>${esc(d.name)} (${esc(d.code)}) — ${ideas.reduce((a, x) => a + x.s.count, 0)} entrées, ${rows.length} verbatims</summary>`,
    );
    let group = '';
    for (const { s, k } of ideas) {
      if (s.groupId + s.group !== group) {
        if (group) parts.push('</div>');
        group = s.groupId + s.group;
        parts.push(`<div class="tr-group"><h4>${esc(s.group)} <span class="tr-ref">${s.groupCount} · ${where(s.groupLine, s.groupPage)}</span></h4>`);
      }
      const list = behind.get(k) ?? [];
      const gap = s.attributed - s.count;
      parts.push(
        `<details class="tr-idea"><summary>${esc(s.idea)}${NBSP}: <b>${s.count}</b> <span class="tr-ref">(${where(s.line, s.page)})</span> · ${s.attributed} verbatim${s.attributed > 1 ? 's' : ''} retrouvé${s.attributed > 1 ? 's' : ''}${gap ? ` <span class="tr-gap">(écart ${gap > 0 ? '+' : '−'}${Math.abs(gap)})</span>` : ''}</summary>` +
          (list.length
            ? `<ol class="tr-list">${list.map((x) => item(x.r, textOf.get(x.r.id) ?? '', x.second)).join('')}</ol>`
            : '<p class="tr-note">Aucun verbatim retrouvé.</p>') +
          '</details>',
      );
    }
    if (group) parts.push('</div>');
    const out = rows.filter((r) => !r.attributed);
    if (out.length)
      parts.push(
        `<details class="tr-idea"><summary>Hors compte${NBSP}: ${out.length} verbatim${out.length > 1 ? 's' : ''}</summary><ol class="tr-list">${out.map((r) => item(r, textOf.get(r.id) ?? '', false)).join('')}</ol></details>`,
      );
    parts.push('</details>');
  }
  parts.push('</section>');
  return parts.join('\n');
}
