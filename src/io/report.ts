/**
 * Loading a report from disk: text (UTF-8, UTF-16, Windows-1252) or PDF, into the Report model.
 * The only place that decides text vs PDF; both become one line stream and one parser.
 */
import { basename } from 'node:path';
import type { Report } from '../model.js';
import { CnrError, InputError } from '../errors.js';
import { checkIntegrity, integrityWarning } from '../ingest/integrity.js';
import { integrityPolicy } from './integrity-policy.js';
import { damagedTextLayer, damagedTextLayerNote } from '../ingest/text-layer.js';
import { textToLines, type SourceLine } from '../ingest/lines.js';
import { NotAReportError, parseReport } from '../ingest/parse.js';
import { hasPdfMagic, readInput } from './files.js';
import { decodeText } from './encoding.js';

export interface LoadOptions {
  encoding?: string;
  password?: string;
  /** Where a note goes (`FILE: note: …`, without "cnr-synth: "); stderr by default. classify holds them until its first record. */
  note?: (message: string) => void;
}

/** The input is text or a PDF, but not the report (no section of its layout). */
export class NotAReportInputError extends InputError {}

/** A PDF by its name or its magic bytes. */
export function isPdf(name: string, bytes: Uint8Array): boolean {
  return /\.pdf$/i.test(name) || hasPdfMagic(bytes);
}

/** `--strict` and the report's sums do not hold: exit 1 (a check failed), no output written. */
export class IntegrityError extends CnrError {
  override readonly exitCode: number = 1;
}

export async function loadReport(path?: string, opts: LoadOptions = {}): Promise<Report> {
  return (await loadReportLines(path, opts)).report;
}

/** The report and the texts of the lines it was parsed from (text lines, or a PDF's laid-out lines): read and parsed once. */
export async function loadReportLines(path?: string, opts: LoadOptions = {}): Promise<{ report: Report; lines: string[] }> {
  const f = await readInput(path);
  const say = opts.note ?? ((m: string) => process.stderr.write(`cnr-synth: ${m}\n`));
  if (f.bytes.length === 0) {
    throw new InputError('empty file (expected a CNR Santé report as text or PDF)', f.name);
  }
  let lines: SourceLine[];
  let kind: 'text' | 'pdf';
  let pages: number | null = null;
  let encoding = 'binary';
  let pageBreaks = 0;
  if (isPdf(f.name, f.bytes)) {
    const { readPdf } = await import('./pdf.js');
    const { pdfPagesToLines } = await import('../ingest/pdf-lines.js');
    const pdf = await readPdf(f.bytes, { file: f.name, ...(opts.password ? { password: opts.password } : {}) });
    lines = pdfPagesToLines(pdf);
    kind = 'pdf';
    pages = pdf.pageCount;
  } else {
    const d = decodeText(f.bytes, opts.encoding, f.name);
    if (d.text.trim() === '') throw new InputError('empty file (expected a CNR Santé report as text or PDF)', f.name);
    lines = textToLines(d.text);
    pageBreaks = countPageBreaks(d.text);
    kind = 'text';
    encoding = d.encoding;
    // A guess is said: an encoding neither given nor marked by a byte-order mark.
    if (!opts.encoding && !d.bom && d.encoding !== 'utf-8') say(`${f.name}: read as ${d.encoding} text (not valid UTF-8); pass --encoding to choose`);
  }
  try {
    const report = parseReport(lines, { file: basename(f.name), sha256: f.sha256, kind, pages, encoding });
    // A fragment is read, not rejected: say on stderr what is missing.
    for (const n of report.notes) if (n.code.startsWith('fragment')) say(`${f.name}: note: ${n.message}`);
    // Words a damaged text layer gave (a note: the counts are checked below).
    const damaged = damagedTextLayerNote(f.name, damagedTextLayer(report));
    if (damaged) say(damaged);
    verifyIntegrity(report, f.name, pageBreaks);
    return { report, lines: lines.map((l) => l.text) };
  } catch (e) {
    if (e instanceof NotAReportError) {
      throw new NotAReportInputError(
        'not a CNR Santé report: no regional thématique sections ("1.2 Thématique 1 : …") and no département sections ("2.1 Charente (16)") found',
        f.name,
      );
    }
    throw e;
  }
}

/**
 * Never misread in silence: the sums the published report satisfies are checked after every
 * ingest; a break is said in one line on stderr (or refused, with --strict).
 */
function verifyIntegrity(report: Report, file: string, pageBreaks: number): void {
  const policy = integrityPolicy();
  if (policy === 'silent') return;
  const warning = integrityWarning(file, checkIntegrity(report), { pageBreaks });
  if (warning === null) return;
  if (policy === 'strict') {
    throw new IntegrityError(`${warning.replace(/^.*?: warning: /, '')} (--strict)`, file);
  }
  process.stderr.write(`cnr-synth: ${warning}\n`);
}

/** Form feeds in a text (one per page in a PDF's text dump). */
function countPageBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\f'); i >= 0; i = text.indexOf('\f', i + 1)) n++;
  return n;
}
