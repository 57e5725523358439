/**
 * `cnr-synth train`: the work behind the command (src/commands/train.ts holds the options): fit the
 * model on a report and write it, or `--check` it against the file; returns the exit code.
 */
import { UsageError } from '../errors.js';
import { note, say } from '../io/stdio.js';

export interface TrainOptions {
  output?: string;
  seed: number;
  folds: number;
  check?: boolean;
  examples?: string[] | boolean;
  encoding?: string;
  password?: string;
}

export async function runTrain(file: string | undefined, o: TrainOptions): Promise<number> {
  if (o.folds < 2) throw new UsageError('--folds must be at least 2');
  // The model file is JSON: -o m.csv is refused (the one -o rule of src/io/output.ts).
  if (o.output) (await import('../io/output.js')).outputFormat({ output: o.output }, ['json'], { tty: 'json', pipe: 'json' });
  const { loadReportLines } = await import('../io/report.js');
  const { writeFileAtomic, readInput, displayName } = await import('../io/files.js');
  const { buildTaxonomy } = await import('../classify/taxonomy.js');
  const { trainModel } = await import('../classify/train.js');
  const { serialiseModel } = await import('../classify/model-file.js');
  const { DEFAULT_TRAIN } = await import('../classify/training-set.js');
  const { NLP } = await import('../classify/natural.js');
  const { DEFAULT_MODEL } = await import('../io/classifier.js');
  const { report, lines } = await loadReportLines(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
  if (report.verbatims.length < 20) throw new UsageError(`only ${report.verbatims.length} verbatims in this report: too few to train on`, report.source.file);
  const tax = buildTaxonomy(report);
  const { loadExamples, BUNDLED_EXAMPLES } = await import('../io/coded.js');
  const ex = await loadExamples(o.examples, file === undefined, tax, (p, f) => import('../io/excel.js').then((m) => m.readCodedWorkbook(p, f)));
  if (file === undefined && Array.isArray(o.examples)) {
    const { resolve, basename } = await import('node:path');
    const given = new Set(o.examples.map((p) => resolve(p)));
    const left = BUNDLED_EXAMPLES.filter((p) => !given.has(resolve(p)));
    if (left.length)
      note(
        `--examples replaces the bundled examples: ${left.map((p) => basename(p)).join(', ')} left out (repeat them with --examples data/labels/… to keep them, as in README's review loop)`,
      );
  }
  // The statement head's negatives: the report's own lines that are no verbatim, and the coded lines that state nothing.
  const { reportOtherLines } = await import('../classify/report-lines.js');
  const prose = reportOtherLines(lines, report, tax);
  const others = [...prose, ...ex.others];
  const t0 = Date.now();
  const { model } = trainModel(report, tax, NLP, { ...DEFAULT_TRAIN, seed: o.seed, folds: o.folds }, ex.examples, others);
  const text = serialiseModel(model);
  const path = o.output ?? DEFAULT_MODEL;
  const cv = model.cv;
  const weighted = ex.examples.filter((e) => e.weight !== 1).length;
  const sumW = ex.examples.reduce((s, e) => s + e.weight, 0);
  const summary =
    `${model.training.bullets} verbatims + ${model.training.scheme} scheme texts (${model.training.examples} coded examples` +
    (weighted ? `, ${weighted} of them weighted under 1: Σ weights ${sumW.toFixed(1)}` : '') +
    `), vocabulary ${model.vocab.size}, ` +
    `${(text.length / 1024).toFixed(0)} KB, ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
    `calibration CV (not nested: the mix and biases are fitted on these same scores; nested figures: cnr-synth eval) thématique acc ${cv.thematique.accuracy.toFixed(3)} macro-F1 ${cv.thematique.macroF1.toFixed(3)}, ` +
    `kind acc ${cv.kind.accuracy.toFixed(3)}; quotes group ${cv.quotes.group.toFixed(3)} idea ${cv.quotes.idea.toFixed(3)}` +
    (model.statement
      ? `; statements kept ${model.statement.cv.statementsKept.toFixed(3)}, non-statements caught ${model.statement.cv.othersCaught.toFixed(3)} (${model.statement.cv.others} lines)`
      : '');
  if (o.check) {
    let old: string;
    try {
      old = (await readInput(path)).bytes.toString('utf8');
    } catch {
      old = '';
    }
    if (old === text) {
      say(`${displayName(path)} is up to date: ${summary}`);
      return 0;
    }
    note(`${displayName(path)} differs from a fresh training (run "cnr-synth train" to update it)`);
    return 1;
  }
  await writeFileAtomic(path, text);
  say(`wrote ${displayName(path)}: ${summary}`);
  return 0;
}
