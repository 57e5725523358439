/** The bundled report, parsed once per test file (tests may read the disk; src/ingest may not). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { textToLines } from '../../src/ingest/lines.js';
import { parseReport } from '../../src/ingest/parse.js';
import type { Report } from '../../src/model.js';

export const REPORT_PATH = fileURLToPath(new URL('../../data/cnr-sante-nouvelle-aquitaine-2022.txt', import.meta.url));
export const REPORT_TEXT = readFileSync(REPORT_PATH, 'utf8');

export function parseText(text: string, file = 'report.txt'): Report {
  return parseReport(textToLines(text), { file, sha256: '', kind: 'text', pages: null, encoding: 'utf-8' });
}

let cached: Report | null = null;
export function bundled(): Report {
  cached ??= parseText(REPORT_TEXT, 'cnr-sante-nouvelle-aquitaine-2022.txt');
  return cached;
}
