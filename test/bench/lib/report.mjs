/**
 * results.json → results.md. The same headings, tables and rows on every run; a figure that could
 * not be measured is a cell saying why ("not available yet (…)", "skipped (…)").
 */

const n0 = (x) => (x == null ? '–' : Math.round(x).toLocaleString('en-US'));
const ms = (x) => (x == null ? '–' : x >= 10000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x).toLocaleString('en-US')} ms`);
const mbs = (x) => (x == null ? '–' : `${Math.round(x)} MB`);
const rate = (x) => (x == null ? '–' : `${n0(x)}/s`);
const why = (s) => (s?.status && s.status !== 'ok' ? `${s.status} (${s.reason})` : null);
const esc = (s) => String(s).replace(/\|/g, '\\|');
const size = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

/** A markdown table; `align` is one letter per column (l/r), default: first left, others right. */
function table(head, rows, align) {
  const a = align ?? `l${'r'.repeat(head.length - 1)}`;
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map((h, i) => (a[i] === 'r' ? '---:' : a[i] === 'c' ? ':---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
function timingRow(label, t, extra = []) {
  if (!t) return [label, '–', '–', '–', '–', '–', '–', ...extra];
  return [label, ms(t.median_ms), ms(t.min_ms), ms(t.max_ms), String(t.runs), ms(t.cpu_ms), mbs(t.peak_rss_mb), ...extra];
}
const TIMING_HEAD = ['figure', 'median wall', 'min', 'max', 'runs', 'CPU (user+sys, median)', 'peak RSS'];

function evalCell(e, what) {
  if (!e) return '–';
  if (e.status !== 'ok') return `${e.status} (${e.reason})`;
  return `${e.macro_f1} (${what}; \`eval\` ${ms(e.wall_ms)})`;
}

/** Coarse buckets of profile areas (see lib/profile.mjs areaOf), for the "what dominates" notes. */
export function bucketOf(area) {
  if (area === 'GC') return 'garbage collection';
  if (area.startsWith('idle')) return 'waiting for I/O (idle)';
  if (area.startsWith('Node module loader') || area === 'Node built-ins (bootstrap)') return 'Node start-up and module loading';
  if (area.startsWith('dist/ingest/')) return 'parsing the report (dist/ingest)';
  if (area.startsWith('dist/aggregate/') || area.startsWith('dist/render/')) return 'tables and output (dist/aggregate, dist/render)';
  if (area.startsWith('dist/io/')) return 'file and stream I/O (dist/io)';
  if (area.startsWith('dist/commands/') || area === 'dist/cli.js') return 'command code (dist/commands; includes the natives it calls, e.g. JSON.stringify)';
  if (/^dist\/classify\/(features|text|natural)\.js$/.test(area) || area === 'node_modules/natural')
    return 'featurising (normalise, tokenize, stem, n-grams, tf-idf)';
  if (/^dist\/classify\/(scorer|linear|prototypes)\.js$/.test(area)) return 'scoring (linear heads, prototype cosines, branches)';
  if (area === 'dist/classify/predict.js') return 'building the output record (dist/classify/predict)';
  if (area.startsWith('dist/classify/')) return 'loading the model (dist/classify load, codec, taxonomy, train)';
  if (/^node_modules\/(pdfjs-dist|pdf-parse|@napi-rs)/.test(area)) return 'pdf.js (pdf-parse)';
  if (area === 'node_modules/commander') return 'commander';
  if (area.startsWith('node_modules/')) return 'other packages';
  if (area.startsWith('Node built-ins')) return 'Node built-ins (streams, buffers, fs, path…)';
  if (area.startsWith('V8 builtins')) return 'V8 builtins (RegExp, strings, JSON…)';
  return 'other (native, unattributed)';
}
function buckets(p) {
  const m = new Map();
  for (const a of p.areas) m.set(bucketOf(a.area), (m.get(bucketOf(a.area)) ?? 0) + a.ms);
  const total = p.areas.reduce((s, a) => s + a.ms, 0) || 1;
  return [...m].map(([bucket, x]) => ({ bucket, ms: x, pct: Math.round((1000 * x) / total) / 10 })).sort((a, b) => b.ms - a.ms);
}

function dominates(title, wall, p, floor) {
  if (!p || p.status) return `**${title}**: ${p ? why(p) : 'not profiled'}.`;
  const areas = buckets(p)
    .slice(0, 5)
    .map((a) => `${a.bucket} ${a.pct}%`)
    .join(', ');
  const fns = p.functions
    .slice(0, 4)
    .map((f) => `\`${f.name}\`${f.where ? ` (${f.where})` : ''} ${ms(f.ms)}`)
    .join('; ');
  const start = floor != null && wall != null ? ` Node's own start (\`node -e 0\`, ${ms(floor)}) is in the wall time but before the profiler starts;` : '';
  return `**${title}** (${ms(wall)} median wall; under \`node --cpu-prof\` ${ms(p.wall_ms_under_profiler)}, ${ms(p.sampled_ms)} sampled, ${p.runs} run${p.runs > 1 ? 's' : ''}).${start} sampled self time: ${areas}. Hottest functions: ${fns}.`;
}

export function renderMarkdown(R) {
  const L = [];
  const m = R.machine;
  L.push('# cnr-synth benchmark (`npm run bench`)', '');
  L.push(
    `Run on ${m.date}: ${m.cpu_model}, ${m.cores} cores, ${m.memory_gb} GB, Node ${m.node}, ${m.platform} (kernel ${m.kernel}); load average ${m.load_average_at_start.join(' / ')} at start, ${(m.load_average_at_end ?? []).join(' / ')} at the end. Whole run ${R.elapsed_s} s${R.settings.quick ? ' (BENCH_QUICK: fewer runs, no 1M)' : ''}.`,
  );
  L.push(
    `Children run without ${R.settings.stripped_env.length ? R.settings.stripped_env.map((v) => `\`${v}\``).join(', ') : '(nothing stripped)'} (machine settings, not cnr-synth: see *Start-up*); peak RSS by ${R.settings.rss_method}. Figures are wall-clock medians of whole processes unless said otherwise.`,
    '',
  );

  // Targets
  L.push('## Targets (one core)', '');
  L.push(
    table(
      ['target', 'goal', 'measured', 'status'],
      (R.targets ?? []).map((t) => [t.id, t.goal, t.measured ?? '–', t.status]),
      'llrl',
    ),
    '',
  );

  // 1
  L.push('## 1. Start-up and text ingest', '');
  const su = R.startup;
  const tx = R.text;
  if (why(su)) L.push(`Start-up: ${why(su)}.`, '');
  if (why(tx)) L.push(`Text ingest: ${why(tx)}.`, '');
  const amb = su?.ambient_vars?.length ? ` (with ${su.ambient_vars.join(', ')})` : ' (same environment)';
  L.push(
    table(TIMING_HEAD, [
      timingRow('`node -e 0` (Node floor)', su?.node_floor),
      timingRow(`\`node -e 0\`, ambient environment${amb}`, su?.node_floor_ambient),
      timingRow('`cnr-synth --help`', su?.help),
      timingRow(`\`cnr-synth --help\`, ambient environment${amb}`, su?.help_ambient),
      timingRow('`cnr-synth tables --source published --format ndjson > /dev/null`', tx?.cli),
      [
        'in-process `textToLines` + `parseReport`, warm',
        ms(tx?.inproc?.median_ms),
        ms(tx?.inproc?.min_ms),
        ms(tx?.inproc?.max_ms),
        String(tx?.inproc?.runs ?? '–'),
        '–',
        '–',
      ],
      ['in-process, first call (cold JIT)', ms(tx?.inproc?.cold_ms), '–', '–', '1', '–', '–'],
      ['in-process, importing dist/ingest/parse.js + lines.js', ms(tx?.inproc?.import_ms), '–', '–', '1', '–', '–'],
    ]),
    '',
  );
  if (tx?.status === 'ok') L.push(`\`tables\` writes ${tx.rows} rows; the parser reads ${tx.inproc.lines} lines and ${tx.inproc.verbatims} verbatims.`, '');
  const mods = [
    ['`cnr-synth --help`', su?.modules_help],
    ['`cnr-synth tables --source published --format ndjson`', tx?.modules_tables],
    ['`cnr-synth tables x.pdf --format ndjson`', R.pdf?.modules_pdf],
    ['`cnr-synth classify - --input ndjson --format ndjson`', R.classify?.modules_classify],
  ];
  L.push('Packages loaded (every ESM resolution and CommonJS `require`, recorded by `node --import test/bench/lib/trace-loads.mjs`):', '');
  L.push(
    table(
      ['command', 'pdf-parse loaded', 'natural loaded', 'dist modules', 'packages'],
      mods.map(([c, x]) =>
        x
          ? [c, x.pdf_parse ? 'yes' : 'no', x.natural ? 'yes' : 'no', String(x.dist_modules), x.packages.join(', ') || '–']
          : [c, '–', '–', '–', 'not measured'],
      ),
      'lccrl',
    ),
    '',
  );
  const lazyOk =
    su?.modules_help && tx?.modules_tables
      ? !su.modules_help.pdf_parse && !su.modules_help.natural && !tx.modules_tables.pdf_parse && !tx.modules_tables.natural
      : null;
  L.push(
    `Lazy loading: ${lazyOk === null ? 'not measured' : lazyOk ? 'pdf-parse and natural are **not** loaded for `--help` or `tables` on text — as intended.' : '**pdf-parse or natural is loaded** for `--help` or text `tables` (see the table).'}`,
    '',
  );

  // 2
  L.push('## 2. PDF ingest', '');
  const pdf = R.pdf;
  if (why(pdf)) L.push(`${why(pdf)}.`, '');
  if (pdf?.file)
    L.push(
      `The bundled text laid out with \`test/helpers/make-pdf.ts\` (${JSON.stringify(pdf.file.options)}): ${pdf.file.pages ?? '?'} A4 pages, ${n0(pdf.file.bytes / 1024)} KiB, \`${pdf.file.path}\`${pdf.file.generated_this_run ? ` (generated this run in ${ms(pdf.file.generate_ms)})` : ' (cached)'}.`,
      '',
    );
  L.push(
    table(TIMING_HEAD, [
      timingRow('`cnr-synth tables x.pdf --format ndjson > /dev/null`', pdf?.cli),
      timingRow('bare pdf-parse: `node` + `import` + `getText()` (lib/bare-pdf-parse.mjs)', pdf?.bare),
      ['… of which `getText()` in-process', ms(pdf?.bare_gettext_ms), '–', '–', String(pdf?.bare?.runs ?? '–'), '–', '–'],
      ["… of which `import('pdf-parse')`", ms(pdf?.bare_import_ms), '–', '–', String(pdf?.bare?.runs ?? '–'), '–', '–'],
      ['**ratio CLI / bare pdf-parse**', pdf?.ratio != null ? `${pdf.ratio}×` : '–', '–', '–', '–', '–', '–'],
    ]),
    '',
  );
  if (pdf?.status === 'ok') {
    const over = pdf.cli.median_ms - pdf.bare.median_ms;
    const textWork = tx?.cli && su?.node_floor ? tx.cli.median_ms - su.node_floor.median_ms : null;
    L.push(
      `The CLI spends ${ms(over)} more than bare pdf-parse; for comparison, everything \`tables\` does on the text report beyond Node's start (\`tables\` − \`node -e 0\`) is ${ms(textWork)}.`,
      '',
    );
    L.push(
      `Rows: ${pdf.rows} from the PDF against ${pdf.rows_text} from the text; ${pdf.rows_missing_vs_text} text rows have no PDF row with the same key, ${pdf.rows_extra_vs_text} PDF rows have no text row${pdf.missing_examples.length ? ` (e.g. ${pdf.missing_examples.map((x) => `\`${x}\``).join(', ')})` : ''}.`,
      '',
    );
  }

  // 3
  L.push('## 3. Classify throughput', '');
  const c = R.classify;
  if (why(c)) L.push(`${why(c)}.`, '');
  if (c?.corpus)
    L.push(
      `Corpus: ${c.corpus.source_verbatims} real verbatims recombined (mulberry32 seed ${c.corpus.seed}, recipe v${c.corpus.recipe_version}: halves of two verbatims joined / clauses shuffled / as printed; mean ${c.corpus.mean_chars} characters), \`${c.corpus.dir}/corpus-{10k,100k,1m}.{ndjson,csv}\`${c.corpus.generated_this_run ? ` (generated this run in ${ms(c.corpus.generate_ms)})` : ' (cached)'}. Output fields: ${c.sample ? c.sample.output_fields.map((f) => `\`${f}\``).join(', ') : '–'}.`,
      '',
    );
  const pct = (x) => (x == null ? '–' : `${x} %`);
  const crow = (label, s) => {
    if (!s) return [label, '–', '–', '–', '–', '–', '–', '–'];
    if (s.status !== 'ok') return [label, size(s.n ?? 0), `${s.status} (${s.reason})`, '–', '–', '–', '–', '–'];
    return [
      label,
      n0(s.n),
      String(s.runs),
      ms(s.median_ms),
      rate(s.per_second),
      s.marginal_us != null ? `${s.marginal_us} µs` : '–',
      pct(s.cpu_pct),
      mbs(s.peak_rss_mb),
    ];
  };
  const sizes = [10000, 100000, 1000000].map(
    (n) => c?.sizes?.find((s) => s.n === n) ?? (c?.status === 'ok' ? { n, status: 'skipped', reason: 'not in this run' } : null),
  );
  const J = c?.jobs ?? '–';
  const other = (list, n, what) => list?.find((s) => s.n === n) ?? (c?.status === 'ok' ? { n, status: 'skipped', reason: `${what} not in this run` } : null);
  L.push(
    table(
      [
        'input (`cnr-synth classify - --input … --format ndjson > /dev/null`)',
        'verbatims',
        'runs',
        'median wall',
        'verbatims/s end to end',
        'marginal per verbatim',
        'CPU (user+sys / wall)',
        'peak RSS',
      ],
      [
        c?.startup
          ? [
              `start-up: 1 verbatim (Node + modules + model load; default --jobs ${J}, no thread started)`,
              '1',
              String(c.startup.runs),
              ms(c.startup.median_ms),
              '–',
              '–',
              pct(c.startup.cpu_pct),
              mbs(c.startup.peak_rss_mb),
            ]
          : ['start-up: 1 verbatim', '–', '–', '–', '–', '–', '–', '–'],
        crow(`NDJSON 10k (default --jobs: ${sizes[0]?.threads ?? '–'} thread(s))`, sizes[0]),
        crow(`NDJSON 100k (default --jobs: ${sizes[1]?.threads ?? '–'} thread(s))`, sizes[1]),
        crow('NDJSON 100k, `--jobs 1`', other(c?.jobs1, 100000, '--jobs 1')),
        crow('floor 100k: read + parse + write, no classification (`lib/floor.mjs`, one thread)', other(c?.floor, 100000, 'floor')),
        crow(`NDJSON 1M (default --jobs: ${sizes[2]?.threads ?? '–'} thread(s))`, sizes[2]),
        crow('NDJSON 1M, `--jobs 1`', other(c?.jobs1, 1000000, '--jobs 1')),
        crow('floor 1M (`lib/floor.mjs`, one thread)', other(c?.floor, 1000000, 'floor')),
        crow(`CSV 100k (\`--input csv\`, default --jobs ${J})`, c?.csv),
      ],
    ),
    '',
  );
  if (c?.scaling?.length) {
    L.push(
      `Threads (\`--jobs\`; default: one per core left idle by other processes, measured as each run starts; ${J} cores here), runs interleaved with the \`--jobs 1\` and floor runs of the same size:`,
      '',
    );
    L.push(
      table(
        ['verbatims', '`--jobs 1`', 'default --jobs', 'threads chosen', 'speed-up', 'speed-up per core', 'floor (one thread) / default'],
        c.scaling.map((x) => [
          n0(x.n),
          ms(x.jobs1_ms),
          ms(x.jobs_ms),
          x.threads ?? '–',
          `${x.speedup}×`,
          `${x.per_core}×`,
          x.of_floor != null ? `${x.of_floor}` : '–',
        ]),
      ),
      '',
    );
  }
  const idn = c?.identical;
  L.push(
    `Output of \`--jobs ${J}\` against \`--jobs 1\` on the 100k corpus: ${idn ? (idn.status === 'ok' ? (idn.identical ? `byte-identical (sha256 ${idn.sha256[0].slice(0, 16)}…)` : `**DIFFERENT** (${idn.sha256.map((h) => h?.slice(0, 16)).join(' vs ')})`) : `${why(idn)}`) : 'not compared'}.`,
    '',
  );
  L.push(
    `Marginal per verbatim = (median wall − start-up) / verbatims. Linear scaling: ${c?.linear ? `marginal cost at 1M / at 100k = ${c.linear.marginal_ratio_1m_over_100k} (limit ${c.linear.limit}); slope between sizes ${c.linear.slope_us_10k_100k ?? '–'} µs/verbatim (10k→100k) and ${c.linear.slope_us_100k_1m} µs (100k→1M) → ${c.linear.linear ? 'linear (time ∝ verbatims; the cost per verbatim does not grow)' : 'NOT linear: the cost per verbatim grows with n'}` : 'needs the 100k and 1M rows'}. RSS: ${c?.rss_flat ? `${mbs(c.rss_flat.rss_100k_mb)} at 100k, ${mbs(c.rss_flat.rss_1m_mb)} at 1M (×${c.rss_flat.ratio})` : 'needs the 100k and 1M rows'}. CPU below 100 % means the process waited for a core (other load on the machine) or for I/O.`,
    '',
  );
  const sg = c?.stages;
  L.push(
    "Where a verbatim's time goes, in-process (`test/bench/lib/classify-stages.mjs`: the hot path cut into cumulative stages over the same 10,000 verbatims of the 100k corpus, after a warm-up; fastest of 5 interleaved passes; no profiler):",
    '',
  );
  if (sg?.status === 'ok') {
    L.push(
      table(
        ['stage (cumulative)', 'cumulative µs/verbatim', 'stage µs/verbatim'],
        sg.stages.map((x) => [x.stage, String(x.total_us), String(x.us)]),
      ),
      '',
    );
    L.push(
      `In-process ceiling: ${rate(1e6 / sg.stages[sg.stages.length - 1].total_us)} per core; model load ${ms(sg.load_ms)}; ${n0(sg.output_bytes_per_record)} bytes of NDJSON output per verbatim.`,
      '',
    );
  } else L.push(sg ? `${why(sg)}.` : 'not measured.', '');

  // 4
  L.push('## 4. Training and model size', '');
  const t = R.train;
  if (why(t)) L.push(`${why(t)}.`, '');
  L.push(
    table(
      ['figure', 'value'],
      [
        ['`cnr-synth train -o <tmp>` wall time (median)', t?.train ? `${ms(t.train.median_ms)} (${t.train.runs} run${t.train.runs > 1 ? 's' : ''})` : '–'],
        ['`cnr-synth train` peak RSS', t?.train ? mbs(t.train.peak_rss_mb) : '–'],
        ['`data/model.json` size', t?.model_bytes != null ? `${n0(t.model_bytes / 1024)} KiB (${n0(t.model_gzip_bytes / 1024)} KiB gzipped)` : '–'],
        ['trained model size', t?.trained_bytes != null ? `${n0(t.trained_bytes / 1024)} KiB` : '–'],
        ['trained model byte-identical to `data/model.json`', t?.identical_to_bundled == null ? '–' : t.identical_to_bundled ? 'yes' : 'no'],
      ],
      'll',
    ),
    '',
  );

  // 5
  L.push('## 5. Baseline: scikit-learn', '');
  const s = R.sklearn;
  if (why(s)) L.push(`${why(s)}.`, '');
  if (s?.baseline)
    L.push(
      `${s.baseline.model}; Python ${s.versions.python}, scikit-learn ${s.versions.sklearn} (\`${s.python}\`), one thread. Trained on the ${s.baseline.train_size} section-labelled verbatims (label = the thématique heading) in ${s.baseline.train_seconds} s; peak RSS ${mbs(s.baseline.peak_rss_mb)}. Its throughput is predict-only (read NDJSON in batches of 10,000, vectorise, predict; Python start-up, imports and training excluded); ours is end to end, start-up included.`,
      '',
    );
  const cmpRow = (n) => {
    const x = s?.compare?.find((y) => y.n === n);
    const p = s?.baseline?.predict?.find((y) => y.n === n);
    const sk = p ? (p.status === 'ok' ? rate(p.per_second) : `${p.status} (${p.reason})`) : '–';
    return [
      `throughput, ${size(n)} verbatims`,
      `${rate(x?.ours_per_second)} (\`--jobs 1\`: ${rate(x?.jobs1_per_second)})`,
      sk,
      x?.ratio != null ? `${x.ratio}× (\`--jobs 1\`: ${x.ratio_jobs1 ?? '–'}×)` : '–',
    ];
  };
  L.push(
    table(
      [
        'figure',
        `cnr-synth (default --jobs: threads chosen ${
          (R.classify?.sizes ?? [])
            .filter((x) => x.n >= 100000 && x.threads)
            .map((x) => `${size(x.n)} ${x.threads}`)
            .join(', ') || '–'
        })`,
        'scikit-learn',
        'cnr-synth / sklearn',
      ],
      [
        cmpRow(100000),
        cmpRow(1000000),
        [
          '5-fold CV macro-F1, thématique (pooled out-of-fold predictions)',
          evalCell(s?.eval, 'as shipped: verbatims + scheme texts'),
          s?.baseline ? `${s.baseline.cv_macro_f1_pooled} (verbatims only; mean of per-fold F1 ${s.baseline.cv_macro_f1_mean_of_folds})` : '–',
          '–',
        ],
        [
          '… cnr-synth with `--no-scheme` (verbatims only, as the baseline)',
          evalCell(s?.eval_no_scheme, 'verbatims only'),
          s?.baseline ? String(s.baseline.cv_macro_f1_pooled) : '–',
          '–',
        ],
      ],
    ),
    '',
  );
  if (s?.folds)
    L.push(
      `Same folds: ${s.folds.source}; fold sizes ${s.folds.sizes.join(', ')}. Our figures are \`${s.ours_cv?.json_path ?? 'thematique.model.macroF1'}\` of \`cnr-synth eval [--no-scheme] --format json\` (macro-F1 over the pooled out-of-fold predictions, as the baseline's first figure). Shipped cnr-synth also trains on the scheme's own texts (labels, aliases, Ex quotes); the \`--no-scheme\` row is the like-for-like comparison.`,
      '',
    );

  // 6
  L.push('## 6. Sharding over 2 processes (optional)', '');
  const sh = R.shard;
  if (why(sh)) L.push(`${why(sh)}.`, '');
  const METHOD = { xargs: '`split -n l/2` + `xargs -P 2`', 'gnu-parallel': 'GNU `parallel --pipepart -j 2 --keep-order`' };
  const shRow = (n, method) => {
    const x = sh?.runs?.find((y) => y.n === n && y.method === method);
    if (!x) return [size(n), METHOD[method], '–', '–', '–', '–', '–', '–', '–', '–'];
    if (x.status !== 'ok') return [size(n), METHOD[method], `${x.status} (${x.reason})`, '–', '–', '–', '–', '–', '–', '–'];
    return [
      n0(n),
      METHOD[method],
      `${ms(x.single_ms)} (CPU ${x.single_cpu_pct ?? '–'} %)`,
      ms(x.default_jobs_ms),
      ms(x.sharded.median_ms),
      String(x.sharded.runs),
      rate(x.per_second),
      `${x.speedup}×`,
      x.sharded.cpu_pct != null ? `${x.sharded.cpu_pct} %` : '–',
      String(x.load_average_1m_before),
    ];
  };
  L.push(
    table(
      [
        'verbatims',
        '2 processes, `--jobs 1` each',
        'one process `--jobs 1` (interleaved)',
        'one process, default --jobs',
        '2 processes',
        'runs',
        'verbatims/s',
        'speed-up over `--jobs 1`',
        'CPU of both / wall',
        'load average before',
      ],
      [100000, 1000000].flatMap((n) => ['xargs', 'gnu-parallel'].map((m) => shRow(n, m))),
    ),
    '',
  );
  L.push(
    `Commands: \`${sh?.command ?? '–'}\`; \`${sh?.command_parallel ?? 'GNU parallel not installed'}\`. Records are independent, so shards on N machines scale the same way; two processes on one 2-core machine can use at most two cores, and only when nothing else runs (see the load average).`,
    '',
  );

  // Profiles
  L.push('## What dominates each figure', '');
  const P = R.profiles;
  const floor = su?.node_floor?.median_ms;
  L.push(dominates('`--help`', su?.help?.median_ms, P?.help ?? P, floor), '');
  L.push(dominates('Text ingest (`tables`)', tx?.cli?.median_ms, P?.text_ingest ?? P, floor), '');
  L.push(dominates('PDF ingest (`tables x.pdf`)', pdf?.cli?.median_ms, pdf?.profile ?? (pdf?.status !== 'ok' ? pdf : null), floor), '');
  const c100 = c?.sizes?.find((x) => x.n === 100000);
  L.push(dominates('Classify start-up (1 verbatim)', c?.startup?.median_ms, P?.classify_startup ?? (c?.status !== 'ok' ? c : null), floor), '');
  L.push(dominates('Classify, 100k NDJSON', c100?.median_ms, c?.profile ?? (c?.status !== 'ok' ? c : null), floor), '');
  L.push('Profiles: `test/bench/out/prof/<figure>/*.cpuprofile` (open in Chrome DevTools → Performance, or speedscope).', '');

  L.push('## Method', '');
  L.push(
    [
      '- Every CLI figure is a whole `node bin/cnr-synth …` process, spawned from `test/bench/run.mjs`, timed from spawn to exit, stdout to `/dev/null`, stdin from the file (no pipe through the harness). One warm-up run precedes the text-ingest runs.',
      '- Peak RSS: GNU `/usr/bin/time -v` around the process when present; otherwise `test/bench/lib/rss-wrap.mjs` runs the CLI in-process and reports `process.resourceUsage().maxRSS` at exit (`BENCH_NO_GNU_TIME=1` forces it).',
      '- Loaded packages: `node --import test/bench/lib/trace-loads.mjs` records ESM resolutions (loader hook) and CommonJS `require`s (`Module._load`).',
      '- The synthetic corpus and the PDF are cached in `test/bench/out/` and rebuilt when their inputs change (manifests with sha256).',
      '- scikit-learn runs with `OMP_NUM_THREADS=OPENBLAS_NUM_THREADS=MKL_NUM_THREADS=1`; its 1M run is skipped when its estimate exceeds what is left of the time budget (`BENCH_BUDGET_S`, default 540 s).',
      '- Other processes on the machine add noise (see the load averages above); compare medians, and min for the best case.',
    ].join('\n'),
    '',
  );
  return `${L.join('\n')}\n`;
}
