// taxonomy / train / eval / classify as users run them: the built bin/cnr-synth in child processes.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run as runCli, sh, tempDir } from '../helpers/cli.mjs';

const run = (args: string[], input?: string) => runCli(args, { input });
const tmp = tempDir('cnr-classify-');
const tmpDir = () => tempDir('cnr-model-');

describe('classify output is clean JSON (no banner from natural on stdout)', () => {
  it('`classify | node -e JSON.parse` parses every record of the bundled report', () => {
    const p = sh(
      `cnr-synth classify --format ndjson | node -e 'const l=require("fs").readFileSync(0,"utf8").trim().split("\\n"); const r=l.map(x=>JSON.parse(x)); console.log(r.length, r.every(x=>(x.status === "out_of_scheme" ? x.thematique === null && x.kind === null && x.group === null && x.idea === null && x.candidates.length > 0 : x.thematique && x.kind && x.group) && Array.isArray(x.candidates)))'`,
    );
    expect(p.status, p.stderr).toBe(0);
    expect(p.stderr).toBe('');
    expect(p.stdout.trim()).toMatch(/^\d{4} true$/);
  });
  it('`--format json` is one JSON document with meta and rows in input order', () => {
    const p = sh(
      `echo "Il n'y a plus de médecin dans notre village" | cnr-synth classify - --input text --format json | node -e 'const j=JSON.parse(require("fs").readFileSync(0,"utf8")); console.log(j.rows.length, j.rows[0].id, j.rows[0].thematique.id, j.meta.input.kind)'`,
    );
    expect(p.status, p.stderr).toBe(0);
    expect(p.stdout.trim()).toBe('1 1 t1 text');
  });
  it('commands import natural only lazily (help and other commands never load it)', () => {
    for (const f of ['taxonomy', 'train', 'eval', 'classify']) {
      const src = readFileSync(join(ROOT, 'src', 'commands', `${f}.ts`), 'utf8');
      // `import type` is erased by the compiler: it loads nothing.
      expect(src).not.toMatch(/^import (?!type ).*(natural|\.\.\/classify|\.\.\/eval)/m);
    }
    const users = readdirSync(join(ROOT, 'src', 'classify')).filter(
      (f) => f.endsWith('.ts') && /from 'natural/.test(readFileSync(join(ROOT, 'src', 'classify', f), 'utf8')),
    );
    expect(users).toEqual(['natural.ts']);
    const h = run(['classify', '--help']);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('Examples:');
  });
});

describe('classify inputs', () => {
  it('CSV: --id-column, other columns passed through, out_of_scheme lines', () => {
    const csv = 'ref;auteur;texte\nA1;Mme X;Créer des maisons de santé pluridisciplinaires dans les bourgs\nA2;M. Y;Merci de votre attention\nA3;Z;42 %\n';
    const r = run(['classify', '-', '--input', 'csv', '--id-column', 'ref', '--format', 'ndjson'], csv);
    expect(r.status, r.stderr).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((x) => x.id)).toEqual(['A1', 'A2', 'A3']);
    expect(rows[0].input).toEqual({ ref: 'A1', auteur: 'Mme X', texte: 'Créer des maisons de santé pluridisciplinaires dans les bourgs' });
    expect(rows[0].kind.id).toBe('solution');
    expect(rows[0].status).not.toBe('out_of_scheme');
    expect(rows[1].status).toBe('out_of_scheme');
    expect(rows[2].status).toBe('out_of_scheme');
    expect(rows.every((x) => x.needs_review === (x.status !== 'ok' || x.group.score < 0.35))).toBe(true);
  });
  it('CSV out: flattened columns after the input columns; --excel-fr gives BOM, ";" and CRLF', () => {
    const csv = 'id,text\n7,Développer la télémédecine dans les EHPAD\n';
    const r = run(['classify', '-', '--input', 'csv', '--format', 'csv', '--excel-fr'], csv);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe(
      '\ufeffid;text;cnr_id;cnr_text;thematique_id;thematique_label;thematique_score;kind;kind_score;group_id;group_label;group_score;idea_id;idea_label;idea_score;sujet;sujet_score;needs_review;status;explanation',
    );
    // The id "7" is text in the input: written ="7" so that a spreadsheet keeps it text (review 12, finding 3).
    expect(lines[1]!.startsWith('"=""7""";Développer la télémédecine dans les EHPAD;"=""7""";Développer la télémédecine dans les EHPAD;t')).toBe(true);
    expect(lines[1]!.split(';').length).toBe(20);
    // group id, label, score with a decimal comma; idea id, label, score … needs_review, status
    expect(lines[1]).toMatch(/;t\d\.solution\.g\d+;[^;]+;\d(,\d+)?;t\d\.solution\.g\d+\.i\d+;[^;]*télémédecine[^;]*;\d(,\d+)?;.*;(true|false);(ok|uncertain);/);
  });
  it('NDJSON: --text-field, --skip-invalid reports bad lines on stderr and goes on', () => {
    const nd = '{"id":"x1","contenu":"Revaloriser les gardes de nuit des infirmiers"}\nnot json\n{"id":"x2","contenu":"Les urgences débordent"}\n';
    const r = run(['classify', '-', '--input', 'ndjson', '--text-field', 'contenu', '--skip-invalid', '--format', 'ndjson'], nd);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/<stdin>:2: skipped/);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((x) => x.id)).toEqual(['x1', 'x2']);
    expect(rows[1].thematique.id).toBe('t2');
  });
  it('-o writes atomically; errors are one line with exit code 2', () => {
    const out = join(tmp, 'out.ndjson');
    writeFileSync(join(tmp, 'in.txt'), 'Former plus de médecins\n\nAméliorer la prévention à l’école\n');
    const r = run(['classify', join(tmp, 'in.txt'), '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(
      readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['1', '3']);
    const bad = run(['classify', 'no-such-file.csv']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('cnr-synth: no-such-file.csv: no such file (check the path)\n');
    const noCol = run(['classify', '-', '--input', 'csv'], 'a;b\n1;2\n');
    expect(noCol.status).toBe(2);
    expect(noCol.stderr).toMatch(/no text column .*--text-column/);
    expect(existsSync(join(tmp, 'nothing.json'))).toBe(false);
  });
});

describe('a corrupt model file', () => {
  // Right schema, damaged content (a hand edit, a truncated copy): one line naming the file, exit 2.
  const model = JSON.parse(readFileSync(join(ROOT, 'data', 'model.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const damaged: Array<[string, Record<string, unknown>]> = [
    ['no taxonomy', { ...model, taxonomy: undefined }],
    ['a truncated vocabulary', { ...model, vocab: { ...model.vocab, buckets: String(model.vocab!.buckets).slice(0, 8) } }],
  ];
  for (const [what, m] of damaged) {
    it(`${what}: an InputError naming model.json, not an internal error`, () => {
      const file = join(tmpDir(), 'model.json');
      writeFileSync(file, JSON.stringify(m));
      const r = run(['classify', '-', '--input', 'text', '--model', file], 'Former plus de médecins\n');
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^cnr-synth: model\.json: .*cnr-synth train/);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.status).toBe(2);
    });
  }
});

describe('taxonomy, train, eval commands', () => {
  it('taxonomy --format json equals the committed data/taxonomy.json', () => {
    const r = run(['taxonomy', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'data', 'taxonomy.json'), 'utf8'));
  });
  it('eval --labels scores the team-coded held-out set', () => {
    const r = run(['eval', '--labels', 'data/labels/held-out.jsonl', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.n).toBe(59);
    expect(j.thematique.accuracy).toBeGreaterThan(0.7);
    expect(j.status.outOfScheme.precision).toBeGreaterThan(0.9);
  });
});
