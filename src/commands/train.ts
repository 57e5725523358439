/**
 * cnr-synth train [FILE] — fit the verbatim classifier on a report and write data/model.json.
 * The options are here (`--help` is their documentation); the work is in src/run/train.ts.
 * Deterministic: the same report gives a byte-identical model (seeded PRNG, no clock, no
 * parallelism); `--check` compares with the existing file instead of writing it.
 */
import { Command } from 'commander';
import type { TrainOptions } from '../run/train.js';
import { action, parseIntOption, withExamples, type CommandFactory } from './shared.js';

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
        'coded lines to learn from: JSONL, or a corrected classify CSV/XLSX (columns text, group_id, idea_id; optional thematique_id, kind, status, weight); a line\'s "weight" in (0, 1], else its "confidence" (trace --format coded writes it), scales what it counts for (default 1); repeat for several files (default for the bundled report: data/labels/workshop-coded.jsonl, other-docs-train.jsonl, non-statements-train.jsonl)',
        (v: string, prev: unknown) => [...(Array.isArray(prev) ? (prev as string[]) : []), v],
      )
      .option('--no-examples', 'train without team-coded examples')
      .option('--encoding <enc>', 'text encoding of FILE (default: detected)')
      .option('--password <pw>', 'password of an encrypted PDF')
      .action(
        action(setExit, async (file: string | undefined, o: TrainOptions) => {
          const { runTrain } = await import('../run/train.js');
          return runTrain(file, o);
        }),
      ),
    ['cnr-synth train --check', "cnr-synth train --folds 3 -o /tmp/model.json && jq '.cv' /tmp/model.json"],
  );
