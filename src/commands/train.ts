/**
 * cnr-synth train [FILE] — fit the verbatim classifier on a report and write data/model.json.
 *
 * Usage: cnr-synth train [FILE] [-o FILE] [--seed N] [--folds N] [--check]
 * Deterministic: the same report gives a byte-identical model (seeded PRNG, no clock, no
 * parallelism); `--check` compares with the existing file instead of writing it.
 */
import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { action, parseIntOption, withExamples, type CommandFactory } from './shared.js';
import { note, say } from '../io/stdio.js';

interface Opts {
  output?: string;
  seed: number;
  folds: number;
  check?: boolean;
  examples?: string[] | boolean;
  encoding?: string;
  password?: string;
}

export const trainCommand: CommandFactory = (setExit) =>
  withExamples(
    new Command('train')
      .summary('train the verbatim classifier on a report (writes data/model.json)')
      .description(
        "Train the classifier of `classify` on a report: its section-labelled verbatims plus the scheme's\n" +
          'own texts (labels, aliases, Ex quotes, sujets) and, for the bundled report, the team-coded\n' +
          'workshop verbatims (data/labels/workshop-coded.jsonl) as examples of their group and idea. Fits TF-IDF (word 1–2-grams, char 3–5-grams,\n' +
          'hashed), two linear SVMs (thématique, kind), calibrates their scores and the joint branch\n' +
          'scoring on a cross-validation, and writes the model (a few hundred KB). Byte-identical on\n' +
          "every run for the same report, seed and folds. The taxonomy is the report's own (write it with\n" +
          '`cnr-synth taxonomy FILE -o …` and pass it to classify with --taxonomy when FILE is not the\n' +
          'bundled report).',
      )
      .argument('[FILE]', 'report file (.txt or .pdf); default: the bundled report')
      .option('-o, --output <file>', 'model file to write (atomically); default: data/model.json')
      .option('--seed <n>', 'seed of the folds and of the solver', parseIntOption('--seed'), 1)
      .option('--folds <n>', 'folds of the calibration cross-validation', parseIntOption('--folds'), 5)
      .option('--check', 'do not write: compare with the existing model file, exit 1 if it differs')
      .option(
        '--examples <file>',
        'coded lines to learn from: JSONL, or a corrected classify CSV/XLSX (columns text, group_id, idea_id; optional thematique_id, kind, status); repeat for several files (default for the bundled report: data/labels/workshop-coded.jsonl, other-docs-train.jsonl, non-statements-train.jsonl)',
        (v: string, prev: unknown) => [...(Array.isArray(prev) ? (prev as string[]) : []), v],
      )
      .option('--no-examples', 'train without team-coded examples')
      .option('--encoding <enc>', 'text encoding of FILE (default: detected)')
      .option('--password <pw>', 'password of an encrypted PDF')
      .action(
        action(setExit, async (file: string | undefined, o: Opts) => {
          if (o.folds < 2) throw new UsageError('--folds must be at least 2');
          const { loadReport } = await import('../io/report.js');
          const { writeFileAtomic, readInput, displayName } = await import('../io/files.js');
          const { buildTaxonomy } = await import('../classify/taxonomy.js');
          const { trainModel } = await import('../classify/train.js');
          const { serialiseModel } = await import('../classify/model-file.js');
          const { DEFAULT_TRAIN } = await import('../classify/training-set.js');
          const { NLP } = await import('../classify/natural.js');
          const { DEFAULT_MODEL } = await import('../io/classifier.js');
          const report = await loadReport(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
          if (report.verbatims.length < 20)
            throw new UsageError(`only ${report.verbatims.length} verbatims in this report: too few to train on`, report.source.file);
          const tax = buildTaxonomy(report);
          const { loadExamples } = await import('../io/coded.js');
          const ex = await loadExamples(o.examples, file === undefined, tax, (p) => import('../io/excel.js').then((m) => m.readXlsxRows(p)));
          // The statement head's negatives: the report's own lines that are no verbatim, and the coded lines that state nothing.
          const { reportOtherLines } = await import('../io/report-lines.js');
          const prose = await reportOtherLines(file, report, tax);
          if (prose === null) note('a PDF report: its non-verbatim lines are not used as negatives of the statement head (only the coded ones)');
          const others = [...(prose ?? []), ...ex.others];
          const t0 = Date.now();
          const { model } = trainModel(report, tax, NLP, { ...DEFAULT_TRAIN, seed: o.seed, folds: o.folds }, ex.examples, others);
          const text = serialiseModel(model);
          const path = o.output ?? DEFAULT_MODEL;
          const cv = model.cv;
          const summary =
            `${model.training.bullets} verbatims + ${model.training.scheme} scheme texts (${model.training.examples} team-coded), vocabulary ${model.vocab.size}, ` +
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
        }),
      ),
    ['cnr-synth train --check', "cnr-synth train --folds 3 -o /tmp/model.json && jq '.cv' /tmp/model.json"],
  );
