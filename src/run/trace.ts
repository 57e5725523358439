/**
 * `cnr-synth trace`: load the report, trace its published counts (trace.ts) with the TF-IDF
 * similarity and self-training rounds (similarity.ts), optionally mixed with the classifier's
 * own probabilities (scores.ts), and render rows, a per-idea summary, one count's verbatims,
 * coded-format labels, or the measured figures against a coded file.
 */
import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import type { Report } from '../model.js';
import { buildTaxonomy, type Taxonomy } from '../classify/taxonomy.js';
import { DEFAULT_PARAMS, publishedIdeas, trace, type LogProbs, type TraceParams, type TraceResult, type TraceRow } from '../trace/trace.js';
import { IdeaSimilarity } from '../trace/similarity.js';
import { combineLogProbs, scorerLogProbs, similarityLogProbs } from '../trace/scores.js';
import { note } from '../io/stdio.js';

export interface TraceOpts {
  format?: string;
  summary?: boolean;
  count?: string;
  departement?: string;
  rounds: number;
  crossBranch: boolean;
  second: boolean;
  model?: string;
  classifierWeight: number;
  coded?: string;
  excelFr?: boolean;
  output?: string;
  encoding?: string;
  password?: string;
}

/** Softmax temperature of the cosines (nats per unit of cosine: 1/τ). */
export const TAU = 0.1;

export interface TraceRun {
  result: TraceResult;
  tax: Taxonomy;
  rounds: number;
}

/** The whole trace of a report (pure but for reading the model file when one is asked for). */
export async function traceReport(
  report: Report,
  o: { rounds: number; params?: Partial<TraceParams>; model?: string; classifierWeight?: number },
): Promise<TraceRun> {
  const tax = buildTaxonomy(report);
  const { NLP } = await import('../classify/natural.js');
  const params: TraceParams = { ...DEFAULT_PARAMS, ...o.params };
  const published = publishedIdeas(report, tax);
  const sim = new IdeaSimilarity(
    tax,
    report.verbatims.map((v) => ({ id: v.id, text: v.text })),
    NLP.tokenize,
    NLP.stem,
  );
  let clf: LogProbs | null = null;
  if ((o.classifierWeight ?? 0) > 0) {
    const { loadClassifier } = await import('../io/classifier.js');
    clf = memo(scorerLogProbs(await loadClassifier(o.model ? { model: o.model } : {})));
  }
  let result!: TraceResult;
  for (let round = 0; round <= o.rounds; round++) {
    const parts = [{ lp: similarityLogProbs(sim, TAU), w: 1 }];
    if (clf) parts.push({ lp: clf, w: o.classifierWeight! });
    result = trace(report, published, memo(combineLogProbs(parts)), params);
    if (round < o.rounds) sim.setTraced(tracedLabels(result.rows));
  }
  return { result, tax, rounds: o.rounds };
}

/** Self-training labels: each counted verbatim for its idea (its second idea at half weight). */
function tracedLabels(rows: TraceRow[]): { id: string; idea: string; w: number }[] {
  const out: { id: string; idea: string; w: number }[] = [];
  for (const r of rows) {
    if (r.attributed) out.push({ id: r.id, idea: r.attributed.ideaId, w: 1 });
    if (r.second) out.push({ id: r.id, idea: r.second.ideaId, w: 0.5 });
  }
  return out;
}

function memo(f: LogProbs): LogProbs {
  const cache = new Map<string, Float64Array>();
  return (v, rows) => {
    let x = cache.get(v.id);
    if (!x) cache.set(v.id, (x = f(v, rows)));
    return x;
  };
}

export const ROW_COLUMNS = [
  'id',
  'departement',
  'workshop',
  'line',
  'page',
  'thematique',
  'kind',
  'status',
  'group_id',
  'group',
  'idea_id',
  'idea',
  'confidence',
  'margin',
  'second_idea_id',
  'second_idea',
  'alternative_idea_id',
  'alternative_idea',
  'cross_branch',
  'text',
];
export const SUMMARY_COLUMNS = ['departement', 'thematique', 'kind', 'group_id', 'group', 'idea_id', 'idea', 'line', 'page', 'printed', 'attributed', 'gap'];

export function flatRow(r: TraceRow, text: string): Record<string, unknown> {
  return {
    id: r.id,
    departement: r.departement,
    workshop: r.workshop,
    line: r.line,
    ...(r.page !== undefined ? { page: r.page } : {}),
    thematique: r.thematique,
    kind: r.kind,
    status: r.status,
    group_id: r.attributed?.groupId ?? null,
    group: r.attributed?.group ?? null,
    idea_id: r.attributed?.ideaId ?? null,
    idea: r.attributed?.idea ?? null,
    confidence: r.confidence,
    margin: r.margin,
    second_idea_id: r.second?.ideaId ?? null,
    second_idea: r.second?.idea ?? null,
    alternative_idea_id: r.alternative?.ideaId ?? null,
    alternative_idea: r.alternative?.idea ?? null,
    cross_branch: r.crossBranch,
    text,
  };
}

export async function runTrace(file: string | undefined, o: TraceOpts, cmd: Command): Promise<number> {
  const { loadReport } = await import('../io/report.js');
  const { emit, outputFormat } = await import('../io/output.js');
  const { reportMeta } = await import('../render/model.js');
  if (o.count && !o.departement) throw new UsageError('--count needs --departement (a count is published per département)');
  if (o.count && o.summary) throw new UsageError('--count and --summary do not go together');
  if (o.coded && (o.count || o.summary)) throw new UsageError('--coded prints the measured figures: no --count or --summary');
  // `coded` is JSONL in the coded-examples format: any -o name goes; the others follow the -o rule.
  const format = o.format === 'coded' ? 'coded' : outputFormat(o, ['table', 'json', 'ndjson', 'csv', 'xlsx'], { tty: 'table', pipe: 'ndjson' });
  if (format === 'coded' && o.excelFr) throw new UsageError('--excel-fr goes with --format csv');
  if (format === 'xlsx') (await import('../render/xlsx.js')).assertXlsxOutput(o.output);
  const report = await loadReport(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
  if (o.departement && !report.departements.some((d) => d.code === o.departement)) {
    throw new UsageError(`no département "${o.departement}" in ${report.source.file} (codes: ${report.departements.map((d) => d.code).join(', ')})`);
  }
  if (report.verbatims.length === 0) throw new InputError('no workshop verbatims in this report: nothing to trace', report.source.file);
  const t0 = performance.now();
  const params: Partial<TraceParams> = { crossBranch: o.crossBranch, ...(o.second ? {} : { second: Infinity }) };
  const run = await traceReport(report, { rounds: o.rounds, params, classifierWeight: o.classifierWeight, ...(o.model ? { model: o.model } : {}) });
  const { result } = run;
  const seconds = (performance.now() - t0) / 1000;
  const textOf = new Map(report.verbatims.map((v) => [v.id, v.text]));
  const meta = reportMeta(report, {
    command: 'trace',
    rounds: o.rounds,
    crossBranch: o.crossBranch,
    second: o.second,
    ...(o.classifierWeight > 0 ? { classifierWeight: o.classifierWeight, model: o.model ?? 'data/model.json' } : {}),
    totals: result.totals,
  });

  if (o.coded) {
    const { readCoded } = await import('../io/coded.js');
    const { measureTrace } = await import('../trace/measure.js');
    const { name, coded } = await readCoded(o.coded);
    const m = measureTrace(result, coded);
    if (format === 'json' || format === 'ndjson') await emit(`${JSON.stringify({ coded: name, ...m, totals: result.totals })}\n`, o.output);
    else
      await emit(
        `${name}: trace of ${report.source.file} (${o.rounds} self-training round${o.rounds === 1 ? '' : 's'}${o.crossBranch ? ', cross-branch' : ''}) against ${coded.length} coded lines\n` +
          `  group  ${m.group.accuracy.toFixed(3)} (n = ${m.group.n}; counted verbatims only ${m.group.counted.toFixed(3)}, n = ${m.group.nCounted})\n` +
          `  idea   ${m.idea.accuracy.toFixed(3)} (n = ${m.idea.n}, coded with an idea; counted only ${m.idea.counted.toFixed(3)}, n = ${m.idea.nCounted}); in the top two ${m.idea.top2.toFixed(3)}\n` +
          `  count gap Σ|attributed − printed| / Σ printed = ${result.totals.gap} / ${result.totals.printed} = ${m.gapRatio.toFixed(3)}\n` +
          `  ${result.totals.verbatims} verbatims: ${result.totals.notCounted} not counted, ${result.totals.second} with a second idea, ${result.totals.crossBranch} counted in another branch than their heading\n`,
        o.output,
      );
    note(`trace took ${seconds.toFixed(1)} s`);
    return 0;
  }

  if (format === 'coded') {
    // The coded-examples format of data/labels (train --examples): counted verbatims only.
    const lines = result.rows
      .filter((r) => r.attributed && (!o.departement || r.departement === o.departement))
      .map((r) =>
        JSON.stringify({
          id: r.id,
          text: textOf.get(r.id),
          section: `t${r.thematique}.${r.kind}`,
          status: 'ok',
          thematique: r.attributed!.groupId.slice(0, 2),
          kind: r.attributed!.groupId.split('.')[1],
          group: r.attributed!.groupId,
          idea: r.attributed!.ideaId,
          confidence: r.confidence,
        }),
      );
    await emit(lines.length ? `${lines.join('\n')}\n` : '', o.output);
    return 0;
  }

  let rows: Record<string, unknown>[];
  let columns: string[];
  let title = `${report.source.file} — trace`;
  if (o.summary) {
    columns = SUMMARY_COLUMNS;
    rows = result.summary
      .filter((s) => !o.departement || s.departement === o.departement)
      .map((s) => ({
        departement: s.departement,
        thematique: s.thematique,
        kind: s.kind,
        group_id: s.groupId,
        group: s.group,
        idea_id: s.ideaId,
        idea: s.idea,
        line: s.line,
        ...(s.page !== undefined ? { page: s.page } : {}),
        printed: s.count,
        attributed: s.attributed,
        gap: s.gap,
      }));
    const gap = rows.reduce((a, r) => a + Math.abs(r.gap as number), 0);
    const printed = rows.reduce((a, r) => a + (r.printed as number), 0);
    title = `${report.source.file}${o.departement ? ` — ${o.departement}` : ''} — printed vs traced counts (gap Σ|attributed − printed| = ${gap} of ${printed})`;
  } else {
    columns = ROW_COLUMNS;
    let kept = result.rows.filter((r) => !o.departement || r.departement === o.departement);
    if (o.count) {
      const id = o.count;
      const pubs = result.summary.filter((s) => s.departement === o.departement && (s.ideaId === id || s.groupId === id));
      if (pubs.length === 0)
        throw new UsageError(`no published count "${id}" in département ${o.departement} (ids: cnr-synth trace --summary --departement ${o.departement})`);
      const isIdea = pubs[0]!.ideaId === id;
      kept = kept.filter((r) => [r.attributed, r.second].some((a) => a && (isIdea ? a.ideaId === id : a.groupId === id)));
      const printed = isIdea ? pubs[0]!.count : pubs[0]!.groupCount;
      const label = isIdea ? pubs[0]!.idea : pubs[0]!.group;
      title = `${o.departement} — ${label} : ${printed} (printed, line ${isIdea ? pubs[0]!.line : pubs[0]!.groupLine}); ${kept.length} traced verbatims`;
    }
    rows = kept.map((r) => flatRow(r, textOf.get(r.id) ?? ''));
  }
  if (!rows.some((r) => r.page !== undefined)) columns = columns.filter((c) => c !== 'page');
  let out: string | Buffer;
  if (format === 'xlsx') {
    const { toXlsx, recordsToSheet, metaSheet } = await import('../render/xlsx.js');
    out = await toXlsx([recordsToSheet(o.summary ? 'summary' : 'trace', columns, rows), metaSheet({ ...meta, totals: JSON.stringify(result.totals) })], {
      output: o.output,
    });
  } else {
    const { renderRecords } = await import('../render/records.js');
    const { colorEnabled } = await import('../io/color-policy.js');
    const globalColor = cmd.optsWithGlobals<{ color?: boolean }>().color;
    const tableColumns = o.summary
      ? ['departement', 'idea_id', 'idea', 'printed', 'attributed', 'gap'].map((key) => ({ key }))
      : ['id', 'line', 'status', 'idea_id', 'confidence', 'text'].map((key) => ({ key }));
    out = await renderRecords(
      rows,
      columns.map((key) => ({ key })),
      format as 'table' | 'json' | 'ndjson' | 'csv',
      {
        meta,
        excelFr: o.excelFr ?? false,
        color: colorEnabled('stdout', { color: globalColor !== false }) && !o.output,
        tableColumns,
        title,
      },
    );
  }
  await emit(out, o.output);
  return 0;
}
