/**
 * cnr-synth eval — how good is the classifier: cross-validation on the report's verbatims
 * (thématique, kind; baselines; confusion), group/idea on the Ex quotes, or a coded file.
 *
 * Usage: cnr-synth eval [FILE] [--folds 5] [--seed N] [--no-scheme] [--format table|json]
 *        cnr-synth eval --labels CODED.jsonl [--model FILE] [--taxonomy FILE]
 */
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { action, parseIntOption, withExamples, type CommandFactory } from './shared.js';

interface Opts {
  folds: number;
  seed: number;
  scheme: boolean;
  format?: string;
  labels?: string;
  model?: string;
  taxonomy?: string;
  output?: string;
  encoding?: string;
  password?: string;
}

export const evalCommand: CommandFactory = (setExit) =>
  withExamples(
    new Command('eval')
      .summary('measure the classifier: cross-validation, baselines, confusion, coded files')
      .description(
        'Measure the classifier. By default: k-fold cross-validation over the report\'s section-labelled\n' +
          'verbatims (folds stratified by thématique × kind; the scheme\'s texts added to every training\n' +
          'fold unless --no-scheme; everything fitted inside the training folds), with accuracy, macro-F1,\n' +
          "Cohen's kappa, per-class precision/recall/F1 and the confusion matrix, against a majority and a\n" +
          'naive Bayes baseline, for thématique and kind; group and idea on the Ex quotes (leave-one-out).\n' +
          'With --labels: score a coded JSONL file with the committed model (see data/labels/README.md).\n' +
          'Section labels are weak (people wrote prevention ideas under T1): the figures are agreement\n' +
          'with the section headings, not with a gold standard.',
      )
      .argument('[FILE]', 'report file (.txt or .pdf); default: the bundled report')
      .option('--folds <n>', 'number of folds', parseIntOption('--folds'), 5)
      .option('--seed <n>', 'seed of the folds and of the solver', parseIntOption('--seed'), 1)
      .option('--no-scheme', 'train on the verbatims only (no labels, aliases, quotes)')
      .option('--labels <file>', 'score a coded JSONL file with the committed model instead')
      .option('--model <file>', 'model file for --labels (default: data/model.json)')
      .option('--taxonomy <file>', 'taxonomy file for --labels (default: data/taxonomy.json)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
      .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
      .option('--encoding <enc>', 'text encoding of FILE (default: detected)')
      .option('--password <pw>', 'password of an encrypted PDF')
      .action(
        action(setExit, async (file: string | undefined, o: Opts) => {
          const { emit } = await import('../io/output.js');
          const { toJson } = await import('../render/json.js');
          if (o.labels) {
            if (file) throw new UsageError('give either a report FILE (cross-validation) or --labels, not both');
            const { loadClassifier } = await import('../classify/assets.js');
            const { readNdjson } = await import('../io/ndjson.js');
            const { displayName } = await import('../io/files.js');
            const { parseCoded, scoreLabels } = await import('../eval/labels.js');
            const { labelsText } = await import('../eval/render.js');
            const { createReadStream, statSync } = await import('node:fs');
            const name = displayName(o.labels);
            try {
              statSync(o.labels);
            } catch {
              const { InputError } = await import('../errors.js');
              throw new InputError('no such file (check the path)', name);
            }
            const coded = [];
            for await (const r of readNdjson(createReadStream(o.labels), { file: name })) coded.push(parseCoded(r.value, r.line, name));
            if (coded.length === 0) throw new UsageError('no coded line in this file', name);
            const L = await loadClassifier({ ...(o.model ? { model: o.model } : {}), ...(o.taxonomy ? { taxonomy: o.taxonomy } : {}) });
            const r = scoreLabels(L, coded);
            await emit(o.format === 'json' ? toJson({ file: name, ...r }) : labelsText(name, r), o.output);
            return 0;
          }
          if (o.folds < 2 || o.folds > 20) throw new UsageError('--folds takes a number from 2 to 20');
          const { loadReport } = await import('../io/report.js');
          const { buildTaxonomy } = await import('../classify/taxonomy.js');
          const { NLP } = await import('../classify/assets.js');
          const { crossValidate } = await import('../eval/cv.js');
          const { evalText } = await import('../eval/render.js');
          const report = await loadReport(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
          if (report.verbatims.length < o.folds * 8) throw new UsageError(`only ${report.verbatims.length} verbatims: too few for ${o.folds} folds`, report.source.file);
          const r = crossValidate(report, buildTaxonomy(report), NLP, { folds: o.folds, seed: o.seed, scheme: o.scheme });
          await emit(o.format === 'json' ? toJson(r) : evalText(r), o.output);
          return 0;
        }),
      ),
    [
      "cnr-synth eval --folds 3 --format json | jq '{thematique: .thematique.model.macroF1, kind: .kind.model.accuracy}'",
      'cnr-synth eval --labels data/labels/held-out.jsonl',
      'cnr-synth eval --no-scheme --folds 3 --seed 2',
    ],
  );
