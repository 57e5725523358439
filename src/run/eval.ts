/**
 * `cnr-synth eval`: the work behind the command (src/commands/eval.ts holds the options): one of
 * cross-validation, --coded, --labels (with or without --baseline) or --agreement; returns the exit code.
 */
import { UsageError } from '../errors.js';
import type { OofPrediction } from '../eval/cv.js';
import type { CodedLine } from '../model.js';

export interface EvalOptions {
  folds: number;
  seed: number;
  scheme: boolean;
  format?: string;
  labels?: string;
  coded?: string;
  agreement?: string[];
  model?: string;
  taxonomy?: string;
  predictions?: string;
  examples?: string | boolean;
  baseline?: boolean;
  output?: string;
  encoding?: string;
  password?: string;
}

async function readCoded(path: string, check?: import('../io/coded.js').CodedCheck): Promise<{ name: string; coded: CodedLine[] }> {
  const { readCoded: read } = await import('../io/coded.js');
  return read(path, (p, f) => import('../io/excel.js').then((m) => m.readCodedWorkbook(p, f)), check);
}

export async function runEval(file: string | undefined, o: EvalOptions): Promise<number> {
  const { emit, outputFormat, extensionFormat } = await import('../io/output.js');
  o.format = outputFormat(o, ['table', 'json'], { tty: 'table', pipe: 'table' });
  const predictionsAs = extensionFormat(o.predictions);
  if (predictionsAs && predictionsAs !== 'ndjson')
    throw new UsageError(`--predictions writes NDJSON, not ${predictionsAs}: name the file .ndjson or .jsonl (got ${o.predictions})`);
  const { toJson } = await import('../render/json.js');
  const modes = [o.labels, o.coded, o.agreement].filter((x) => x !== undefined).length;
  if (modes > 1) throw new UsageError('give one of --labels, --coded, --agreement');
  if (o.agreement) {
    if (file) throw new UsageError("--agreement takes the two coders' files, not a report FILE");
    if (o.agreement.length !== 2) throw new UsageError(`--agreement takes two files (coder A, coder B), got ${o.agreement.length}`);
    const { agreement } = await import('../eval/agreement.js');
    const { agreementText } = await import('../eval/render.js');
    const a = await readCoded(o.agreement[0]!);
    const b = await readCoded(o.agreement[1]!);
    const r = agreement(a.coded, b.coded);
    if (r.shared === 0) throw new UsageError('the two files share no id: nothing to compare');
    await emit(o.format === 'json' ? toJson({ a: a.name, b: b.name, ...r }) : agreementText(a.name, b.name, r), o.output);
    return 0;
  }
  if (o.labels) {
    if (file) throw new UsageError('give either a report FILE (cross-validation) or --labels, not both');
    const { loadClassifier } = await import('../io/classifier.js');
    const { scoreLabels } = await import('../eval/labels.js');
    const { labelsText } = await import('../eval/render.js');
    if (o.baseline) {
      const { name, coded } = await readCoded(o.labels);
      const { loadReportLines } = await import('../io/report.js');
      const { buildTaxonomy } = await import('../classify/taxonomy.js');
      const { NLP } = await import('../classify/natural.js');
      const { loadExamples } = await import('../io/coded.js');
      const { reportOtherLines } = await import('../classify/report-lines.js');
      const { baselineLabels } = await import('../eval/baseline.js');
      const { report, lines } = await loadReportLines(undefined);
      const tax = buildTaxonomy(report);
      const ex = await loadExamples(o.examples, true, tax);
      const others = [...reportOtherLines(lines, report, tax), ...ex.others];
      const r = baselineLabels(report, tax, NLP, ex.examples, others, coded);
      await emit(
        o.format === 'json' ? toJson({ file: name, baseline: 'tfidf-linear-svm', ...r }) : labelsText(`${name} (TF-IDF + linear SVM baseline)`, r),
        o.output,
      );
      return 0;
    }
    const L = await loadClassifier({ ...(o.model ? { model: o.model } : {}), ...(o.taxonomy ? { taxonomy: o.taxonomy } : {}) });
    const { schemeLabels } = await import('../io/coded.js');
    const { checkCodedIds } = await import('../classify/taxonomy.js');
    const { name, coded } = await readCoded(o.labels, { labels: schemeLabels(L.tax) });
    checkCodedIds(coded, L.tax, name);
    const r = scoreLabels(L, coded);
    await emit(o.format === 'json' ? toJson({ file: name, ...r }) : labelsText(name, r), o.output);
    return 0;
  }
  if (o.folds < 2 || o.folds > 20) throw new UsageError('--folds takes a number from 2 to 20');
  const { loadReport } = await import('../io/report.js');
  const { buildTaxonomy } = await import('../classify/taxonomy.js');
  const { NLP } = await import('../classify/natural.js');
  const { loadExamples } = await import('../io/coded.js');
  const report = await loadReport(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
  if (report.verbatims.length < o.folds * 8)
    throw new UsageError(`only ${report.verbatims.length} verbatims: too few for ${o.folds} folds`, report.source.file);
  if (o.coded) {
    if (!o.scheme)
      throw new UsageError(
        '--no-scheme applies to the cross-validation, not to --coded (which trains as shipped; --no-examples leaves the coded examples out)',
      );
    const { evalCoded } = await import('../eval/coded.js');
    const { codedText } = await import('../eval/render.js');
    const { name, coded } = await readCoded(o.coded);
    const { codedExamples } = await import('../classify/taxonomy.js');
    // The coded file is also the training examples (each fold without its own), unless told otherwise.
    const tax = buildTaxonomy(report);
    const examples = o.examples === false ? [] : typeof o.examples === 'string' ? (await loadExamples(o.examples, false, tax)).examples : codedExamples(coded);
    const r = evalCoded(report, tax, NLP, coded, { folds: o.folds, seed: o.seed, file: name, examples });
    await emit(o.format === 'json' ? toJson({ file: name, ...r }) : codedText(name, r), o.output);
    return 0;
  }
  const { crossValidate } = await import('../eval/cv.js');
  const { evalText } = await import('../eval/render.js');
  const preds: string[] = [];
  const onPrediction = o.predictions ? (p: OofPrediction) => void preds.push(JSON.stringify(p)) : undefined;
  const tax = buildTaxonomy(report);
  const { examples } = await loadExamples(o.examples, file === undefined, tax);
  const r = crossValidate(report, tax, NLP, { folds: o.folds, seed: o.seed, scheme: o.scheme, examples, ...(onPrediction ? { onPrediction } : {}) });
  if (o.predictions) await emit(preds.join('\n') + '\n', o.predictions);
  await emit(o.format === 'json' ? toJson(r) : evalText(r), o.output);
  return 0;
}
