/**
 * Training: the data set (section-labelled bullets + the scheme's own texts), the fit of the
 * heads, the cross-validated calibration, and the model file (pure: no I/O, no natural import;
 * the stemmer is passed in).
 *
 * Weak labels. A bullet's thématique/kind is the section heading it sits under, and people wrote
 * prevention ideas under T1, attractiveness under T1 and T3… We (1) add the scheme's texts (group
 * and idea labels, départemental aliases, Ex quotes, sujets) as clean examples with a higher
 * weight, (2) use linear models whose per-sample influence is bounded (the SVM's dual variables
 * are capped), with min-df pruning so that one-off character n-grams are not memorised, and
 * (3) optionally down-weight the bullets whose label is contradicted with a clear margin by an
 * inner cross-validation ("confident learning"; off by default: it did not help here).
 *
 * Each head (thématique, kind) is a product of three linear experts on the same features — a
 * linear SVM, multinomial naive Bayes and an NB-SVM (an SVM on features scaled by their naive
 * Bayes log-count ratio, Wang & Manning 2012) — mixed with weights and temperatures fitted on
 * out-of-fold scores, then shifted by per-class biases fitted on the same out-of-fold scores
 * (prior shift: the thématique biases maximise macro-F1, the kind bias accuracy). All three are
 * linear, so the mix is one linear head again: nothing is added at prediction time.
 */
import type { Report } from '../model.js';
import { calibrate, oofScores } from './calibrate.js';
import { encodeSortedIndices, quantise16 } from './codec.js';
import { fitCore, fitGroupHead, makeScorer, type Core } from './experts.js';
import { fitStatement } from './statement.js';
import { headFile, MODEL_SCHEMA, protoFile, roundCal, sparseHeadFile, taxonomyHash, type ModelFile, type TrainOptions } from './model-file.js';
import { protoNodes } from './prototypes.js';
import { withExamples, type CodedExample, type Taxonomy } from './taxonomy.js';
import type { Nlp } from './text.js';
import { bulletDocs, codedBullets, DEFAULT_TRAIN, schemeDocs } from './training-set.js';

/** The whole training run: CV calibration, then the final fit on everything. Deterministic. */
export function trainModel(
  report: Report,
  base: Taxonomy,
  nlp: Pick<Nlp, 'stem'>,
  opts: TrainOptions = DEFAULT_TRAIN,
  examples: readonly CodedExample[] = [],
  others: readonly string[] = [],
): { model: ModelFile; core: Core } {
  // The team-coded examples join the scheme's texts and prototypes; the model is bound to the
  // scheme itself (its hash), which they do not change.
  const tax = examples.length ? withExamples(base, examples) : base;
  // A bullet that a person coded takes the code's thématique and kind, not its heading's.
  const bullets = codedBullets(bulletDocs(report), examples, base);
  const scheme = schemeDocs(tax, opts.schemeWeight);
  const oof = oofScores(bullets, scheme, tax, nlp, opts, { base, examples });
  const core = fitCore(bullets.concat(scheme), nlp, opts);
  const headG = fitGroupHead(core, tax, opts);
  if (headG) core.headG = headG;
  if (headG && opts.groupStems) core.groupStems = true;
  if (headG && opts.groupCharTop !== undefined) core.groupCharTop = opts.groupCharTop;
  const c = calibrate(bullets, oof, core, tax, nlp.stem, { quotes: true, priorShift: opts.priorShift, group: opts, lambda: opts.lambda });
  // The statement head: the bullets and the scheme's texts (examples included) against `others`
  // (lines that state nothing), those that are also a statement's text left out.
  const statements = [...new Set(bullets.concat(scheme).map((d) => d.text))];
  const isStatement = new Set(statements);
  const negatives = [...new Set(others)].filter((t) => !isStatement.has(t));
  const st = negatives.length ? fitStatement(core, statements, negatives, opts) : null;
  const idfVals = new Float32Array(core.vocab.length);
  for (let r = 0; r < core.vocab.length; r++) idfVals[r] = core.idf[core.vocab[r]!]!;
  const { features, ...rest } = opts;
  const model: ModelFile = {
    schema: MODEL_SCHEMA,
    taxonomy: { sha256: taxonomyHash(base), groups: tax.totals.groups, ideas: tax.totals.ideas },
    features,
    options: rest,
    training: {
      bullets: bullets.length,
      scheme: scheme.length,
      examples: examples.length,
      downweighted: core.noisy,
      report: { file: report.source.file, sha256: report.source.sha256 },
    },
    vocab: { size: core.vocab.length, nDocs: core.nDocs, buckets: encodeSortedIndices(core.vocab), idf: quantise16(idfVals) },
    heads: {
      thematique: headFile(core.headT, core.vocab, ['t1', 't2', 't3', 't4']),
      kind: headFile(core.headK, core.vocab, ['probleme', 'solution']),
      ...(core.headG
        ? {
            group: {
              ...sparseHeadFile(
                core.headG,
                core.vocab,
                protoNodes(tax)
                  .filter((n) => n.level === 'group')
                  .map((n) => n.id),
              ),
              ...(core.groupStems ? { stems: true } : {}),
              ...(core.groupCharTop !== undefined ? { charTop: core.groupCharTop } : {}),
            },
          }
        : {}),
    },
    calibration: roundCal(c.cal),
    mix: c.mix,
    thresholds: c.thresholds,
    prototypes: protoFile(makeScorer(core, tax, c.cal, nlp.stem).protos.index),
    cv: c.cv,
    ...(st ? { statement: { head: headFile(st.head, core.vocab, ['statement']), temperature: st.temperature, cv: st.cv } } : {}),
  };
  return { model, core };
}
