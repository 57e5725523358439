/**
 * cnr-synth eval — how good is the classifier: cross-validation on the report's verbatims
 * (thématique, kind; baselines; confusion), group/idea on the Ex quotes, the team-coded workshop
 * verbatims out of fold, a coded file, or the agreement of two coders.
 * The options are here (`--help` is their documentation); the work is in src/run/eval.ts.
 */
import { Command, Option } from 'commander';
import type { EvalOptions } from '../run/eval.js';
import { action, parseIntOption, withExamples, type CommandFactory } from './shared.js';

export const evalCommand: CommandFactory = (setExit) =>
  withExamples(
    new Command('eval')
      .summary('measure the classifier: cross-validation, baselines, confusion, coded files, coder agreement')
      .description(
        "Measure the classifier. By default: k-fold cross-validation over the report's section-labelled " +
          "verbatims (folds stratified by thématique × kind; the scheme's texts added to every training " +
          'fold unless --no-scheme; everything fitted inside the training folds), with accuracy, macro-F1, ' +
          "Cohen's kappa, per-class precision/recall/F1 and the confusion matrix, against a majority and a " +
          'naive Bayes baseline, for thématique and kind; group and idea on the Ex quotes (leave-one-out). ' +
          'Section labels are weak (people wrote prevention ideas under T1): those figures are agreement ' +
          'with the section headings, not with a gold standard.\n\n' +
          '--coded: the team-coded workshop verbatims (coded by meaning, data/labels/workshop-coded.jsonl), ' +
          'each classified end to end by a model trained without its fold, beside the section headings ' +
          'scored against the same codes. --labels: score any coded JSONL file with the committed model. ' +
          "--agreement: Cohen's kappa of two coders on the lines they both coded (matched by id). " +
          'The file format and the coding guide: data/labels/README.md.',
      )
      .argument('[FILE]', 'report file (.txt or .pdf); default: the bundled report')
      .option('--folds <n>', 'number of folds', parseIntOption('--folds'), 5)
      .option('--seed <n>', 'seed of the folds and of the solver', parseIntOption('--seed'), 1)
      .option('--no-scheme', 'train on the verbatims only (no labels, aliases, quotes, coded examples)')
      .option('--predictions <file>', "also write each bullet's out-of-fold prediction beside its section label (NDJSON)")
      .option('--coded <file>', 'score team-coded report verbatims (JSONL with ids) out of fold')
      .option('--labels <file>', 'score a coded file (JSONL, or a corrected classify CSV/XLSX) with the committed model instead')
      .option('--examples <file>', 'team-coded training examples (default: data/labels/workshop-coded.jsonl for the bundled report)')
      .option('--no-examples', 'train the folds without team-coded examples')
      .option('--agreement <files...>', "Cohen's kappa between two coders' JSONL files (give two files)")
      .option('--baseline', 'with --labels: score a TF-IDF + linear SVM baseline trained on the same data instead of the model')
      .option('--model <file>', 'model file for --labels (default: data/model.json)')
      .option('--taxonomy <file>', 'taxonomy file for --labels (default: data/taxonomy.json)')
      .addOption(new Option('-f, --format <format>', 'output format (default: from the -o extension, else table)').choices(['table', 'json']))
      .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
      .option('--encoding <enc>', 'text encoding of FILE (default: detected)')
      .option('--password <pw>', 'password of an encrypted PDF')
      .action(
        action(setExit, async (file: string | undefined, o: EvalOptions) => {
          const { runEval } = await import('../run/eval.js');
          return runEval(file, o);
        }),
      ),
    [
      "cnr-synth eval --folds 3 --format json --predictions /tmp/oof.ndjson | jq '{thematique: .thematique.model.macroF1, kind: .kind.model.accuracy}'",
      'cnr-synth eval --labels data/labels/held-out.jsonl',
      'cnr-synth eval --coded data/labels/workshop-coded.jsonl --folds 3',
      'cnr-synth eval --agreement data/labels/double-coded/coder-a.jsonl data/labels/double-coded/coder-b.jsonl',
    ],
  );
