// A damaged PDF text layer (review 9, S3: a ghostscript re-save turns "’" into "9": "d9un RDV")
// is said in one note line on stderr; it is not an integrity break (the counts still hold).
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { damagedTextLayer, damagedTextLayerNote } from '../../src/ingest/text-layer.js';
import { checkIntegrity } from '../../src/ingest/integrity.js';
import { bundled, parseText, REPORT_TEXT } from '../helpers/report.js';
import { run, tempDir } from '../helpers/cli.mjs';

/** The bundled text as gs 10 re-saves Chromium's PDF: every ’ a 9. */
const GS = REPORT_TEXT.replace(/’/g, '9');

describe('damagedTextLayer', () => {
  it('finds no letter-digit-letter word in the bundled report', () => {
    expect(damagedTextLayer(bundled())).toBeNull();
  });
  it('names the first tokens of a text layer whose ’ became 9', () => {
    const r = parseText(GS);
    const d = damagedTextLayer(r);
    expect(d).not.toBeNull();
    expect(d!.texts).toBeGreaterThan(40);
    expect(d!.tokens).toHaveLength(3);
    for (const t of d!.tokens) expect(t).toMatch(/\p{L}9\p{L}/u);
    expect(damagedTextLayerNote('g1.pdf', d)).toMatch(
      /^g1\.pdf: note: \d+ labels or verbatims hold a letter-digit-letter word \("[^"]+", "[^"]+", "[^"]+", …\): the PDF's text layer looks damaged .*re-export the PDF from its source, or use the original PDF$/,
    );
    expect(checkIntegrity(r).total).toBe(0);
  });
  it('the CLI says it in one line, exit 0 (and with --strict: a note, not a break)', () => {
    const dir = tempDir('cnr-textlayer-');
    const f = join(dir, 'gs.txt');
    writeFileSync(f, GS);
    for (const args of [
      ['tables', f, '--format', 'ndjson'],
      ['--strict', 'ingest', f, '--format', 'ndjson'],
    ]) {
      const r = run(args);
      expect(r.status).toBe(0);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^cnr-synth: gs\.txt: note: \d+ labels or verbatims hold a letter-digit-letter word \("[^"]*\p{L}9\p{L}/u);
    }
  });
});
