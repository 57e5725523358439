/**
 * Charts for the HTML report: Vega-Lite specs (pure builders), compiled to Vega and rendered to
 * SVG in Node by Vega's headless view (`renderer: 'none'` → `toSVG()`). No browser, no canvas.
 *
 * Deterministic bytes, whatever the machine:
 *  - text widths are estimated by a fixed rule (not measured with node-canvas, which depends on
 *    the fonts installed): `TEXT_WIDTH_RATIO` × font size per character;
 *  - the SVG `<defs>` ids (clip paths, gradients) come from a module counter in Vega: it is reset
 *    before each chart and every id is prefixed with the chart's own id, so several charts can
 *    share one page and a second run gives the same ids;
 *  - the `xmlns` attributes are dropped (HTML does not need them), so the page holds no URL.
 * Text uses the system font stack `FONT_STACK`; numbers use French conventions (`FR_NUMBER`).
 *
 * Vega and Vega-Lite are loaded lazily by `renderCharts` (they are ~2 MB of JavaScript).
 */
import type { TopLevelSpec } from 'vega-lite';

export const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';

/** d3-format locale for fr-FR: decimal comma, no-break space between thousands. */
export const FR_NUMBER = { decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', '\u00a0€'] as [string, string], percent: '\u202f%' };

/** Estimated glyph width, as a fraction of the font size (sans-serif text averages ~0.5–0.55). */
export const TEXT_WIDTH_RATIO = 0.56;

export const KIND_COLORS = { probleme: '#b45309', solution: '#0f766e' } as const;
const INK = '#1f2937';
const MUTED = '#4b5563';

export interface Chart {
  /** Stable id, unique in the page (used to prefix the SVG's internal ids). */
  id: string;
  spec: TopLevelSpec;
}

/** The config every chart shares: fonts, French numbers, quiet axes. */
export function baseConfig(): NonNullable<TopLevelSpec['config']> {
  return {
    font: FONT_STACK,
    background: 'white',
    padding: 8,
    locale: { number: FR_NUMBER },
    view: { stroke: null },
    axis: {
      labelColor: INK,
      titleColor: MUTED,
      labelFontSize: 12,
      titleFontSize: 12,
      titleFontWeight: 'normal',
      domainColor: '#9ca3af',
      tickColor: '#9ca3af',
      gridColor: '#e5e7eb',
    },
    legend: { labelColor: INK, titleColor: MUTED, labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', orient: 'bottom' },
    text: { color: INK, fontSize: 12 },
    bar: { cornerRadiusEnd: 2 },
  };
}

/** Wrap a label into lines of at most `width` characters (words kept whole), at most `max` lines. */
export function wrapLabel(label: string, width = 46, max = 3): string[] {
  const words = label.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  if (lines.length > max) {
    const kept = lines.slice(0, max);
    kept[max - 1] = `${kept[max - 1]!.replace(/[\s,;:.]+$/, '')}…`;
    return kept;
  }
  return lines;
}

const LINE_HEIGHT = 14;

/** The y axis of the bar charts: labels on several lines (split at \n), no ticks or domain line. */
const LABEL_AXIS = {
  title: null,
  labelLimit: 360,
  labelExpr: "split(datum.label, '\\n')",
  labelLineHeight: LINE_HEIGHT,
  ticks: false,
  domain: false,
  labelPadding: 6,
};

export interface BarDatum {
  /** The category shown on the axis; lines joined with "\n" (see wrapLabel). */
  label: string;
  count: number;
  /** The text printed at the end of the bar, e.g. "187 · 25,4 %". */
  text: string;
  /** Sort key: bars are drawn in ascending `order`. */
  order: number;
}

/** A horizontal bar chart of counts, one bar per category, in `order`; labels may wrap. */
export function barChart(opts: { data: BarDatum[]; color: string; xTitle: string; description: string; width?: number }): TopLevelSpec {
  const lines = Math.max(1, ...opts.data.map((d) => d.label.split('\n').length));
  const max = Math.max(1, ...opts.data.map((d) => d.count));
  const order = [...opts.data].sort((a, b) => a.order - b.order).map((d) => d.label);
  return {
    description: opts.description,
    width: opts.width ?? 420,
    height: { step: Math.max(24, lines * LINE_HEIGHT + 8) },
    data: { values: opts.data as unknown as Array<Record<string, unknown>> },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: order,
        axis: { ...LABEL_AXIS },
      },
      x: {
        field: 'count',
        type: 'quantitative',
        title: opts.xTitle,
        scale: { domain: [0, Math.ceil(max * 1.22)] },
        axis: { tickMinStep: 1, tickCount: 6, format: ',d', grid: true },
      },
    },
    layer: [
      { mark: { type: 'bar', color: opts.color, height: { band: 0.72 } } },
      { mark: { type: 'text', align: 'left', dx: 4, baseline: 'middle' }, encoding: { text: { field: 'text' } } },
    ],
    config: baseConfig(),
  };
}

export interface GroupedDatum {
  /** Category on the axis (one band per category). */
  label: string;
  /** Series inside the band (colour), e.g. "problèmes" / "solutions", or "publié" / "classé". */
  series: string;
  value: number;
  text: string;
  order: number;
}

/** Horizontal grouped bars: one band per category, one bar per series. */
export function groupedBarChart(opts: {
  data: GroupedDatum[];
  series: string[];
  colors: string[];
  xTitle: string;
  description: string;
  legendTitle: string;
  width?: number;
  format?: string;
}): TopLevelSpec {
  const lines = Math.max(1, ...opts.data.map((d) => d.label.split('\n').length));
  const max = Math.max(1, ...opts.data.map((d) => d.value));
  const order = [...new Set([...opts.data].sort((a, b) => a.order - b.order).map((d) => d.label))];
  return {
    description: opts.description,
    width: opts.width ?? 420,
    height: { step: Math.max(lines * LINE_HEIGHT + 10, opts.series.length * 15 + 10), for: 'position' },
    data: { values: opts.data as unknown as Array<Record<string, unknown>> },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: order,
        axis: { ...LABEL_AXIS },
      },
      yOffset: { field: 'series', type: 'nominal', sort: opts.series, scale: { paddingInner: 0.1 } },
      x: { field: 'value', type: 'quantitative', title: opts.xTitle, scale: { domain: [0, max * 1.25] }, axis: { format: opts.format ?? ',d', grid: true } },
      color: { field: 'series', type: 'nominal', sort: opts.series, scale: { domain: opts.series, range: opts.colors }, legend: { title: opts.legendTitle } },
    },
    layer: [
      { mark: { type: 'bar' } },
      { mark: { type: 'text', align: 'left', dx: 4, baseline: 'middle', fontSize: 11 }, encoding: { text: { field: 'text' }, color: { value: INK } } },
    ],
    config: baseConfig(),
  };
}

export interface HeatDatum {
  row: string;
  col: string;
  /** Share of the row total, 0–1 (colour). */
  share: number;
  text: string;
  rowOrder: number;
}

/** A heatmap: rows × columns, colour = share within the row, cell text = count and share. */
export function heatmap(opts: { data: HeatDatum[]; columns: string[]; description: string; legendTitle: string }): TopLevelSpec {
  const rows = [...new Set([...opts.data].sort((a, b) => a.rowOrder - b.rowOrder).map((d) => d.row))];
  return {
    description: opts.description,
    width: { step: 116 },
    height: { step: 30 },
    data: { values: opts.data as unknown as Array<Record<string, unknown>> },
    encoding: {
      y: { field: 'row', type: 'nominal', sort: rows, axis: { title: null, ticks: false, domain: false, labelPadding: 6 } },
      x: {
        field: 'col',
        type: 'nominal',
        sort: opts.columns,
        axis: { title: null, orient: 'top', ticks: false, domain: false, labelAngle: 0, labelFontWeight: 'bold' },
      },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
        encoding: {
          color: {
            field: 'share',
            type: 'quantitative',
            scale: { scheme: 'blues', domain: [0, 0.7], clamp: true },
            legend: { title: opts.legendTitle, format: '.0%', gradientLength: 220 },
          },
        },
      },
      {
        mark: { type: 'text', baseline: 'middle', fontSize: 12 },
        encoding: { text: { field: 'text' }, color: { condition: { test: 'datum.share >= 0.45', value: 'white' }, value: INK } },
      },
    ],
    config: baseConfig(),
  };
}

interface Logger {
  level(_?: number): number | Logger;
  error(...args: unknown[]): Logger;
  warn(...args: unknown[]): Logger;
  info(...args: unknown[]): Logger;
  debug(...args: unknown[]): Logger;
}

interface VegaModule {
  View: new (runtime: unknown, opts: { renderer: 'none'; logger?: Logger; logLevel?: number }) => { toSVG(): Promise<string>; finalize(): void };
  parse(spec: unknown): unknown;
  resetSVGDefIds(): void;
  textMetrics: { width: (item: { fontSize?: number; fontWeight?: string | number; limit?: number }, text: unknown) => number };
}

type Compile = (spec: TopLevelSpec, opts: { logger: Logger }) => { spec: unknown };
let vegaReady: Promise<{ vega: VegaModule; compile: Compile }> | null = null;

async function loadVega() {
  vegaReady ??= (async () => {
    const vega = (await import('vega')) as unknown as VegaModule;
    const vl = await import('vega-lite');
    // Deterministic text widths (see the header): never measured with a canvas.
    vega.textMetrics.width = (item, text) => {
      const s = text === null || text === undefined ? '' : String(text).trim();
      const size = item.fontSize ?? 11;
      const bold = item.fontWeight === 'bold' || (typeof item.fontWeight === 'number' && item.fontWeight >= 600);
      const w = Math.ceil(s.length * size * (bold ? TEXT_WIDTH_RATIO + 0.06 : TEXT_WIDTH_RATIO));
      return item.limit && item.limit > 0 ? Math.min(w, item.limit) : w;
    };
    return { vega, compile: (spec, opts) => vl.compile(spec, opts) };
  })();
  return vegaReady;
}

/** Vega's and Vega-Lite's messages go to `onWarn` (never to the console); errors throw. */
function logger(onWarn: (message: string) => void): Logger {
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  const l: Logger = {
    level: (x?: number) => (x === undefined ? 2 : l),
    error: (...a) => {
      throw new Error(`chart: ${text(a)}`);
    },
    warn: (...a) => (onWarn(text(a)), l),
    info: () => l,
    debug: () => l,
  };
  return l;
}

/**
 * Render each chart to an SVG string (for inline use in HTML). Warnings of Vega-Lite or Vega
 * (a spec mistake) are passed to `onWarn` with the chart id; by default they are dropped.
 */
export async function renderCharts(charts: Chart[], opts: { onWarn?: (chart: string, message: string) => void } = {}): Promise<Map<string, string>> {
  const { vega, compile } = await loadVega();
  const out = new Map<string, string>();
  for (const c of charts) {
    if (out.has(c.id)) throw new Error(`duplicate chart id ${c.id}`);
    const log = logger((m) => opts.onWarn?.(c.id, m));
    vega.resetSVGDefIds();
    const view = new vega.View(vega.parse(compile(c.spec, { logger: log }).spec), { renderer: 'none', logger: log, logLevel: 2 });
    const svg = await view.toSVG();
    view.finalize();
    out.set(c.id, inlineSvg(svg, c.id));
  }
  return out;
}

/** SVG text as Vega writes it → the same picture for inline HTML: ids prefixed, no xmlns. */
export function inlineSvg(svg: string, prefix: string): string {
  const ids = new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
  let s = svg.replace(/\s+xmlns(?::xlink)?="[^"]*"/g, '').replace(/\s+version="1\.1"/, '');
  for (const id of ids) {
    const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    s = s.replace(new RegExp(`(\\sid=")${esc}(")`, 'g'), `$1${prefix}-${id}$2`).replace(new RegExp(`url\\(#${esc}\\)`, 'g'), `url(#${prefix}-${id})`);
  }
  return s;
}
