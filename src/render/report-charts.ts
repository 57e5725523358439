/**
 * The HTML report's chart specs (Vega-Lite, built by src/render/charts.ts): the contributions, the
 * problèmes/solutions per thématique, one bar chart per thématique × kind, the département ×
 * thématique heatmap, and with --classified the published vs classified shares. Pure.
 */
import type { ClassifiedSummary, ReportData } from '../aggregate/report-data.js';
import { barChart, groupedBarChart, heatmap, KIND_COLORS, wrapLabel, type Chart } from './charts.js';
import { capitalise, frNumber, frPercent, KIND_FR } from './french.js';

export function buildCharts(data: ReportData, cls: ClassifiedSummary | null): Chart[] {
  const charts: Chart[] = [];
  charts.push({
    id: 'chart-contributions',
    spec: barChart({
      description: 'Contributions par thématique',
      color: '#1d4ed8',
      xTitle: 'Contributions',
      data: data.overview.map((o, i) => ({
        label: wrapLabel(`T${o.thematique} · ${capitalise(o.title)}`, 46, 2).join('\n'),
        count: o.count,
        text: `${frNumber(o.count)} · ${frPercent(o.percentRecomputed, 0)}`,
        order: i,
      })),
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
      data: data.kindTotals.map((k) => ({
        label: `Thématique ${k.thematique}`,
        series: KIND_FR[k.kind].plural,
        value: k.count,
        text: frNumber(k.count),
        order: k.thematique,
      })),
    }),
  });
  for (const b of data.branches) {
    charts.push({
      id: `chart-${b.id}`,
      spec: barChart({
        description: `Thématique ${b.thematique}, ${KIND_FR[b.kind].plural} : groupes par nombre de contributions`,
        color: KIND_COLORS[b.kind],
        xTitle: 'Contributions',
        data: b.groups.map((g, i) => ({
          label: wrapLabel(g.label).join('\n'),
          count: g.count,
          text: `${frNumber(g.count)} · ${frPercent(g.percent)}`,
          order: i,
        })),
      }),
    });
  }
  charts.push({
    id: 'chart-heatmap',
    spec: heatmap({
      description: 'Départements × thématiques',
      columns: ['T1', 'T2', 'T3', 'T4'],
      legendTitle: 'Part du département',
      data: data.heatmap.flatMap((r, i) =>
        r.cells.map((c) => ({
          row: `${r.name} (${r.code})`,
          col: `T${c.thematique}`,
          share: (c.share ?? 0) / 100,
          text: `${frNumber(c.count)} · ${frPercent(c.share, 0)}`,
          rowOrder: i,
        })),
      ),
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
          {
            label: `T${b.thematique} · ${KIND_FR[b.kind].plural}`,
            series: 'publié',
            value: b.publishedPercent ?? 0,
            text: `${frPercent(b.publishedPercent)} (${frNumber(b.published)})`,
            order: i,
          },
          {
            label: `T${b.thematique} · ${KIND_FR[b.kind].plural}`,
            series: 'classé',
            value: b.classifiedPercent ?? 0,
            text: `${frPercent(b.classifiedPercent)} (${frNumber(b.classified)})`,
            order: i,
          },
        ]),
      }),
    });
  }
  return charts;
}
