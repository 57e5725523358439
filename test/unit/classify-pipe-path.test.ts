// A FIFO or `<(command)` given as FILE has no size and can be read once only: classify sniffs it
// from its stream, as it does stdin (before: it sniffed 0 bytes, guessed from nothing, and reopened it).
import { describe, expect, it } from 'vitest';
import { sh } from '../helpers/cli.mjs';

describe('classify FILE where FILE is a pipe', () => {
  it('<(…) holding a ; CSV is read as a table, not as lines of text', () => {
    const p = sh("cnr-synth classify <(printf 'id;texte\\r\\nr1;Créer des maisons de santé\\r\\nr2;Les urgences sont saturées\\r\\n') --format ndjson");
    expect(p.status, p.stderr).toBe(0);
    const rows = p.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; text: string });
    expect(rows.map((r) => [r.id, r.text])).toEqual([
      ['r1', 'Créer des maisons de santé'],
      ['r2', 'Les urgences sont saturées'],
    ]);
    // named by its path (/dev/fd/N), not "63"
    expect(p.stderr).toMatch(/^cnr-synth: \/dev\/fd\/\d+: read as CSV \(separator ";"/m);
  });
  it('<(…) holding NDJSON is read whole', () => {
    const p = sh(
      `cnr-synth classify <(for i in $(seq 1 3000); do echo "{\\"id\\":\\"r$i\\",\\"texte\\":\\"Créer des maisons de santé $i\\"}"; done) --format ndjson | wc -l`,
    );
    expect(p.status, p.stderr).toBe(0);
    expect(p.stdout.trim()).toBe('3000');
  });
});
