// A command given no FILE reads the bundled report; data piped in without "-" must not be
// silently ignored (src/cli.ts preAction, src/io/stdio.ts pendingStdin).
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, sh, tempDir } from '../helpers/cli.mjs';

const REFUSAL = 'cnr-synth: stdin has data but no FILE was given: pass - to read it (without FILE, classify reads the bundled report; </dev/null to say so)';

describe('stdin with data and no FILE', () => {
  it('a pipe with data is refused in one line, nothing on stdout', () => {
    const p = sh("printf 'Créer des maisons de santé\\n' | cnr-synth classify --format ndjson", { pipefail: false });
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    expect(p.stderr.trimEnd()).toBe(REFUSAL);
  });
  it('a redirected non-empty file is refused too', () => {
    const dir = tempDir();
    const f = join(dir, 'survey.csv');
    writeFileSync(f, 'id;texte\n1;Créer des maisons de santé\n');
    const p = sh(`cnr-synth tables --format ndjson < ${f}`, { pipefail: false });
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/stdin has data but no FILE was given: pass - to read it \(without FILE, tables reads/);
  });
  it('"-" reads the same pipe', () => {
    const p = sh("printf 'Créer des maisons de santé\\n' | cnr-synth classify - --format ndjson");
    expect(p.status, p.stderr).toBe(0);
    expect(p.stdout.trim().split('\n')).toHaveLength(1);
  });
  it('an empty or closed stdin, or /dev/null, reads the bundled report quietly', () => {
    const a = run(['tables', '--format', 'ndjson'], { input: '' });
    expect(a.status).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.stdout.trim().split('\n')).toHaveLength(1527);
    const b = sh('cnr-synth tables --format ndjson < /dev/null | wc -l');
    expect(b.stdout.trim()).toBe('1527');
    expect(b.stderr).toBe('');
  });
  it('an open pipe with nothing in it: the bundled report, said on stderr, and no wait for the pipe', () => {
    // The pipe stays open 5 s: a process that waited for it would end after that.
    const p = sh('s=$(date +%s%N); (sleep 5) | (cnr-synth tables --format ndjson | wc -l; echo "ended after $(( ($(date +%s%N) - s) / 1000000 )) ms" >&2)', {
      pipefail: false,
    });
    expect(p.stdout.trim()).toBe('1527');
    expect(Number(/ended after (\d+) ms/.exec(p.stderr)?.[1])).toBeLessThan(4000);
    expect(p.stderr).toMatch(/stdin is an open pipe but no FILE was given: reading the bundled report \(pass - to read stdin\)/);
  });
  it('data that comes after the start is not ignored either: exit 2 once the run is over, saying what was read', () => {
    // trace runs for 1.4 s or more: the data comes in the middle of the run, well after the 60 ms look (a loaded machine
    // can take over half a second to start node: data then would be refused at the start instead, exit 2 too).
    const p = sh("(sleep 1; printf 'Créer des maisons de santé\\n') | cnr-synth trace --format ndjson | wc -l", { pipefail: false });
    expect(p.stdout.trim()).toBe('1918');
    expect(p.stderr.trimEnd().split('\n').at(-1)).toBe(
      'cnr-synth: stdin received data after the start but no FILE was given: the bundled report was read, not stdin; pass - to read it',
    );
    const code = sh("(sleep 1; printf 'x\\n') | cnr-synth trace --format ndjson > /dev/null", { pipefail: true });
    expect(code.status).toBe(2);
  });
  it("a shell loop reading its own list from stdin is not refused (the list is the loop's), nor a bare newline", () => {
    const dir = tempDir();
    const list = join(dir, 'deps.txt');
    writeFileSync(list, '16\n33\n');
    const p = sh(`while read d; do cnr-synth tables --departement "$d" --format ndjson | wc -l; done < ${list}`);
    expect(p.status, p.stderr).toBe(0);
    expect(p.stdout.trim().split('\n')).toEqual(['87', '111']);
    const nl = sh('echo | cnr-synth tables --format ndjson | wc -l');
    expect(nl.stdout.trim()).toBe('1527');
    expect(nl.stderr).toBe('');
  });
  it('-o onto the file that stdin is redirected from is refused, the file untouched', () => {
    const dir = tempDir();
    const f = join(dir, 'in.csv');
    writeFileSync(f, 'id;texte\n1;Créer des maisons de santé\n');
    const p = sh(`cnr-synth classify - -o ${f} < ${f}`, { pipefail: false });
    expect(p.status).toBe(2);
    expect(p.stderr.trim()).toBe(`cnr-synth: -o ${f} is the input file (on stdin): write to another file`);
    expect(readFileSync(f, 'utf8')).toBe('id;texte\n1;Créer des maisons de santé\n');
  });
  it('a bare newline on a pipe left open is no data and is not waited for; blank lines later are no data either', () => {
    const p = sh(
      's=$(date +%s%N); (echo; sleep 5) | (cnr-synth tables --format ndjson | wc -l; echo "ended after $(( ($(date +%s%N) - s) / 1000000 )) ms" >&2)',
      { pipefail: false },
    );
    expect(p.stdout.trim()).toBe('1527');
    expect(Number(/ended after (\d+) ms/.exec(p.stderr)?.[1])).toBeLessThan(4000);
    const late = sh('(sleep 0.6; echo; echo) | cnr-synth trace --format ndjson | wc -l');
    expect(late.status, late.stderr).toBe(0);
    expect(late.stdout.trim()).toBe('1918');
  });
});
