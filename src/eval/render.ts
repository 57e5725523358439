/** Plain-text rendering of the evaluation reports (the JSON form is the objects themselves). */
import type { Metrics } from '../stats/metrics.js';
import type { EvalReport, HeadReport } from './cv.js';
import type { LabelsReport } from './labels.js';
import type { CodedEval } from './coded.js';
import { AGREEMENT_FIELDS, type AgreementReport } from './agreement.js';
import { clip } from '../wording.js';

const f3 = (x: number) => x.toFixed(3);

function headText(name: string, h: HeadReport): string[] {
  const lines: string[] = [];
  const row = (label: string, m: Metrics) => `  ${label.padEnd(26)} ${f3(m.accuracy).padStart(8)} ${f3(m.macroF1).padStart(9)} ${f3(m.kappa).padStart(7)}`;
  lines.push(`${name} (n = ${h.model.n})`);
  lines.push(`  ${''.padEnd(26)} ${'accuracy'.padStart(8)} ${'macro-F1'.padStart(9)} ${'kappa'.padStart(7)}`);
  lines.push(row('model (joint scoring)', h.model));
  lines.push(row('model (heads only)', h.heads));
  lines.push(row('naive Bayes baseline', h.bayes));
  lines.push(row('majority baseline', h.majority));
  lines.push('  per class (model)            precision  recall     F1  support');
  h.classes.forEach((c, i) => {
    const p = h.model.perClass[i]!;
    lines.push(`    ${c.padEnd(26)} ${f3(p.precision).padStart(9)} ${f3(p.recall).padStart(7)} ${f3(p.f1).padStart(6)} ${String(p.support).padStart(8)}`);
  });
  lines.push(...confusionText(h.classes, h.model.confusion));
  return lines;
}

export function confusionText(classes: string[], conf: number[][]): string[] {
  const w = Math.max(8, ...classes.map((c) => c.length + 1));
  const out = [`  confusion (rows: label, columns: predicted)`, `    ${''.padEnd(w)}${classes.map((c) => c.padStart(w)).join('')}`];
  conf.forEach((r, i) => out.push(`    ${classes[i]!.padEnd(w)}${r.map((v) => String(v).padStart(w)).join('')}`));
  return out;
}

export function evalText(r: EvalReport): string {
  const p = r.protocol;
  const lines = [
    `Cross-validation: ${p.folds} folds stratified by thématique × kind, seed ${p.seed}, ${p.bullets} section-labelled verbatims` +
      (p.scheme ? ` + ${p.schemeDocs} scheme texts in every training fold` : ' (bullets only)'),
    '',
    ...headText('Thématique', r.thematique),
    '',
    ...headText('Kind', r.kind),
    '',
    `Group / idea on the ${r.quotes.n} Ex quotes (leave-one-out prototypes):`,
    `  given the true branch: group ${f3(r.quotes.groupInBranch)}; given the true group: idea ${f3(r.quotes.ideaInBranch)}`,
    `  end to end:             group ${f3(r.quotes.groupEndToEnd)}, idea ${f3(r.quotes.ideaEndToEnd)}  (heads trained on all bullets: optimistic on the branch)`,
    '',
    `Calibration (fitted by an inner 3-fold CV in each outer training fold; mean over folds): λ ${r.calibration.lambda.toFixed(2)}; experts mixed (SVM, naive Bayes, NB-SVM; temperatures folded in) ${mixText(r, 'thematique')} for thématique, ${mixText(r, 'kind')} for kind`,
    `Prior shift (per-class biases of the heads, mean over folds): thématique ${biasText(r, 'thematique')}; kind ${biasText(r, 'kind')}`,
  ];
  return `${lines.join('\n')}\n`;
}

function mixText(r: EvalReport, head: 'thematique' | 'kind'): string {
  const n = r.mixes.length || 1;
  const m = (k: 'svm' | 'nb' | 'nbsvm') => (r.mixes.reduce((s, x) => s + x[head][k], 0) / n).toFixed(2);
  return `${m('svm')} / ${m('nb')} / ${m('nbsvm')}`;
}

function biasText(r: EvalReport, head: 'thematique' | 'kind'): string {
  const n = r.mixes.length || 1;
  const k = head === 'thematique' ? 4 : 2;
  const names = head === 'thematique' ? ['t1', 't2', 't3', 't4'] : ['probleme', 'solution'];
  return Array.from({ length: k }, (_, c) => `${names[c]} ${(r.mixes.reduce((s, x) => s + (x[head].bias[c] ?? 0), 0) / n).toFixed(2)}`).join(', ');
}

export function labelsText(file: string, r: LabelsReport): string {
  const lines = [`${file}: ${r.n} coded lines`];
  if (r.thematique)
    lines.push(
      `  thématique: accuracy ${f3(r.thematique.accuracy)}, macro-F1 ${f3(r.thematique.macroF1)}, kappa ${f3(r.thematique.kappa)} (n = ${r.thematique.n})`,
      ...confusionText(r.thematique.classes, r.thematique.confusion),
    );
  if (r.kind) lines.push(`  kind: accuracy ${f3(r.kind.accuracy)}, macro-F1 ${f3(r.kind.macroF1)}, kappa ${f3(r.kind.kappa)} (n = ${r.kind.n})`);
  if (r.group) lines.push(`  group: accuracy ${f3(r.group.accuracy)}, in top 3 ${f3(r.group.top3)} (n = ${r.group.n})`);
  if (r.idea) lines.push(`  idea: accuracy ${f3(r.idea.accuracy)}, in the top 3 candidates ${f3(r.idea.top3)} (n = ${r.idea.n})`);
  const fl = r.flagged;
  if (fl.nonStatements.n) lines.push(`  non-statements flagged (out_of_scheme or needs_review): ${f3(fl.nonStatements.share)} (n = ${fl.nonStatements.n})`);
  if (fl.statements.n) lines.push(`  statements flagged (out_of_scheme or needs_review): ${f3(fl.statements.share)} (n = ${fl.statements.n})`);
  if (r.status)
    lines.push(
      `  status: accuracy ${f3(r.status.accuracy)}; out_of_scheme precision ${f3(r.status.outOfScheme.precision)}, recall ${f3(r.status.outOfScheme.recall)} (n = ${r.status.n})`,
    );
  if (r.errors.length) {
    lines.push(`  disagreements (${r.errors.length}):`);
    for (const e of r.errors.slice(0, 30)) lines.push(`    line ${e.line} ${e.field}: coded ${e.expected}, model ${e.got} — ${clip(e.text, 70)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function codedText(file: string, r: CodedEval): string {
  const p = r.protocol;
  const m = r.model;
  const row = (label: string, x: Metrics) => `  ${label.padEnd(44)} ${f3(x.accuracy).padStart(8)} ${f3(x.macroF1).padStart(9)} ${f3(x.kappa).padStart(7)}`;
  const lines = [
    `${file}: ${p.coded} workshop verbatims coded by meaning (${p.inScheme} in the scheme); model of the fold that did not see the line (${p.folds} folds, seed ${p.seed})`,
    '',
    `  ${'thématique'.padEnd(44)} ${'accuracy'.padStart(8)} ${'macro-F1'.padStart(9)} ${'kappa'.padStart(7)}`,
    row('section headings vs coders', r.headings.thematique),
    ...(m.thematique ? [row('model vs coders', m.thematique)] : []),
    row('model vs section headings (same lines)', r.modelVsHeadings.thematique),
    '  kind',
    row('section headings vs coders', r.headings.kind),
    ...(m.kind ? [row('model vs coders', m.kind)] : []),
    row('model vs section headings (same lines)', r.modelVsHeadings.kind),
    '',
  ];
  if (m.group) lines.push(`  group (end to end): accuracy ${f3(m.group.accuracy)}, in top 3 ${f3(m.group.top3)} (n = ${m.group.n})`);
  if (m.idea) lines.push(`  idea (end to end, null = no idea fits): accuracy ${f3(m.idea.accuracy)} (n = ${m.idea.n})`);
  if (m.status)
    lines.push(
      `  status: accuracy ${f3(m.status.accuracy)}; out_of_scheme precision ${f3(m.status.outOfScheme.precision)}, recall ${f3(m.status.outOfScheme.recall)} (n = ${m.status.n})`,
    );
  return `${lines.join('\n')}\n`;
}

export function agreementText(a: string, b: string, r: AgreementReport): string {
  const lines = [
    `Agreement between ${a} (A) and ${b} (B): ${r.shared} lines coded by both` + (r.onlyA || r.onlyB ? ` (${r.onlyA} only in A, ${r.onlyB} only in B)` : ''),
    `  ${'field'.padEnd(12)} ${'n'.padStart(5)} ${'agreement'.padStart(10)} ${'kappa'.padStart(7)}`,
  ];
  for (const f of AGREEMENT_FIELDS) {
    const x = r.fields[f];
    if (x) lines.push(`  ${f.padEnd(12)} ${String(x.n).padStart(5)} ${f3(x.agreement).padStart(10)} ${(x.kappa === null ? '—' : f3(x.kappa)).padStart(7)}`);
  }
  return `${lines.join('\n')}\n`;
}
