// The CLI as users run it: the built bin/cnr-synth in a child process (the --help examples: help-examples.test.ts).
import { describe, expect, it } from 'vitest';
import { hasJq, run, sh } from '../helpers/cli.mjs';

describe('cnr-synth tables --format ndjson on the bundled report', () => {
  const r = run(['tables', '--format', 'ndjson']);
  const rows = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  it('prints only JSON lines on stdout, nothing on stderr, exit 0', () => {
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('{"scope":"region"')).toBe(true);
  });
  it('has the row counts the report publishes', () => {
    const c: Record<string, number> = {};
    for (const x of rows) c[`${x.scope} ${x.level}`] = (c[`${x.scope} ${x.level}`] ?? 0) + 1;
    expect(c).toEqual({ 'region sujet': 92, 'region group': 28, 'region idea': 256, 'departement group': 276, 'departement idea': 875 });
  });
  it('is byte-identical when run twice', () => {
    expect(run(['tables', '--format', 'ndjson']).stdout).toBe(r.stdout);
  });
});

describe('pipes', () => {
  it.runIf(hasJq)('`tables --format json | jq` reads the regional T1 solution groups', () => {
    const p = sh(
      `cnr-synth tables --format json | jq -c '[.rows[] | select(.scope=="region" and .thematique==1 and .kind=="solution" and .level=="group") | .count] | add'`,
    );
    expect(p.status, p.stderr).toBe(0);
    expect(p.stdout.trim()).toBe('735');
  });
  it('`ingest --format json` is one JSON document whatever the pipe', () => {
    const p = sh(
      'cnr-synth ingest | node -e \'const r=JSON.parse(require("fs").readFileSync(0,"utf8")); console.log(r.workshops.length, r.verbatims.length > 1700, r.region.contributionsTotal.count)\'',
    );
    expect(p.stdout.trim()).toBe('46 true 1811');
  });
  it('`| head -1` exits quietly (EPIPE is not an error)', () => {
    const p = sh('cnr-synth ingest --format ndjson | head -1');
    expect(p.status).toBe(0);
    expect(p.stderr).toBe('');
    expect(JSON.parse(p.stdout).type).toBe('source');
  });
});

describe('exit codes and errors', () => {
  it('audit exits 1 on the bundled report (it has error findings)', () => {
    const r = run(['audit', '--format', 'ndjson']);
    expect(r.status).toBe(1);
    expect(
      r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).code),
    ).toContain('participants-total');
  });
  it('usage errors exit 2 with one line on stderr and nothing on stdout', () => {
    for (const args of [['tables', '--frobnicate'], ['tables', '--format', 'xml'], ['nope'], ['tables', '--departement', '99']]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^cnr-synth: /);
    }
  });
  it('--version and --help exit 0', () => {
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run(['--help']).status).toBe(0);
  });
});
