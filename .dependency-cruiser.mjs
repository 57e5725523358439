// Import rules between the layers of src/ (run by `npm run lint`).
//
// Imports run one way, from the top of this list down; a layer never imports one above it, nor a
// sibling on its own line unless said:
//
//   cli.ts, commands/        options and one lazy import of a run module per command
//   run/                     the work of one command: opens inputs (io/), computes (aggregate/, trace/, classify/),
//                            renders (render/) and returns data or an exit code; run modules may import each other
//   render/                  every output format (table, csv, xlsx, markdown, html); may read aggregate/, trace/, eval/ results
//   aggregate/, trace/       pure computations over a loaded report: tables, audit, report data; trace attributes
//                            verbatims to published counts (it may score against the coded labels of eval/)
//   eval/                    scores classify/ against coded labels (cross-validation, agreement)
//   io/                      files, streams, encodings, readers of reports and classified/coded files
//   ingest/, classify/       pure: report text → model; verbatim → thématique/group/idea (siblings: no import between them)
//   stats/                   shared statistics (metrics, folds, softmax, temperature fitting), used by classify/ and eval/
//   model.ts, errors.ts, version.ts   types and constants every layer may use
//
// `import type` counts too: a type that runs back up is the same coupling, only unchecked at run time.

/** Layers from the top; each may import the layers after it. Paths are regexes on the file name from the package root. */
const LAYERS = [
  { name: 'commands', path: '^src/(cli\\.ts$|commands/)' },
  { name: 'run', path: '^src/run/' },
  { name: 'render', path: '^src/render/' },
  { name: 'aggregate', path: '^src/aggregate/' },
  { name: 'trace', path: '^src/trace/' },
  { name: 'eval', path: '^src/eval/' },
  { name: 'io', path: '^src/io/' },
  { name: 'ingest', path: '^src/ingest/' },
  { name: 'classify', path: '^src/classify/' },
  { name: 'stats', path: '^src/stats/' },
  { name: 'model', path: '^src/(model|errors|version|wording)\\.ts$' },
];

/** Pairs on the same level, that may not import each other although the list puts one above the other. */
const SIBLINGS = [
  ['aggregate', 'trace'],
  ['ingest', 'classify'],
];

const sibling = (a, b) => SIBLINGS.some(([x, y]) => (x === a && y === b) || (x === b && y === a));

/** One rule per layer: it may not import any layer above it, nor its sibling. */
const layerRules = LAYERS.map((layer, i) => {
  const banned = LAYERS.filter((other, j) => j < i || (j !== i && sibling(layer.name, other.name)));
  return {
    name: `layer-${layer.name}`,
    comment: `${layer.name} imports only the layers below it (see the order at the top of .dependency-cruiser.mjs)`,
    severity: 'error',
    from: { path: layer.path },
    to: { path: banned.map((b) => b.path) },
  };
}).filter((r) => r.to.path.length > 0);

/** Each library behind one module: one place to pin its quirks (natural's dotenv banner, pdf-parse's v2 API, lazy loading). */
const ONE_MODULE = {
  natural: 'src/classify/natural.ts',
  'pdf-parse': 'src/io/pdf.ts',
  exceljs: 'src/io/excel.ts',
  chalk: 'src/io/color.ts',
  'iconv-lite': 'src/io/encoding.ts',
  'cli-progress': 'src/io/progress.ts',
};
const libRules = Object.entries(ONE_MODULE).map(([lib, file]) => ({
  name: `only-${lib}-module`,
  comment: `${lib} is imported in ${file} only`,
  severity: 'error',
  from: { path: '^src/', pathNot: `^${file.replaceAll('.', '\\.')}$` },
  to: { path: `(^|/)node_modules/${lib}/` },
}));

export default {
  forbidden: [
    ...layerRules,
    ...libRules,
    {
      name: 'prediction-without-training',
      comment: 'classifying loads the model file, never the training code (src/classify/train.ts and what only it needs)',
      severity: 'error',
      from: { path: '^src/classify/(load|predict|scorer)\\.ts$' },
      to: { path: '^src/classify/train\\.ts$', reachable: true },
    },
    {
      name: 'commands-load-lazily',
      comment:
        'a command imports its run module with `await import()`, so that `--help` and the other commands never load natural, the classifier or pdf-parse',
      severity: 'error',
      from: { path: '^src/commands/' },
      to: { path: '^src/(classify|eval|trace|io/pdf\\.ts$)', dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
    {
      name: 'no-circular',
      comment: 'a cycle of run-time imports (type-only imports are erased and left out)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-dev-dep',
      comment: 'src/ is shipped: it may not import a devDependency',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: ['^src/', '^node_modules/'],
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
