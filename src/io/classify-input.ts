/**
 * Opening any input of `classify`: the bundled or a given report, a text file (one verbatim per
 * line), a CSV or TSV, an NDJSON file, a workbook (.xlsx), or stdin, as batches of items
 * { id, text, input } in input order, with the input's fingerprint (sha256 of its bytes).
 *
 * The kind: `--input`, else the extension (.csv .tsv .txt→content, .ndjson .jsonl, .pdf, .xlsx),
 * else the content (`sniffKind`): a report by its headings (a PDF by its bytes), a JSON document
 * (`looksJsonDocument`, read whole by `jsonItems`), NDJSON by a leading "{", a table by its header
 * line (see `sniffTable`), else text. A Word or OpenDocument file, or an old .xls, is refused with
 * the fix. Every guess is said on stderr through `note` (held by the run until the first record):
 * a kind found by content, an encoding other than UTF-8, a separator other than the extension's,
 * a text column guessed (`guessTextColumn`) or chosen among two known ones, the first of several
 * sheets.
 *
 * Ids (documented in the README): the id column / field when there is one (CSV and XLSX:
 * id, identifiant, n°, numéro, id réponse, case- and accent-insensitive, or --id-column); else
 * the row number as a spreadsheet shows it (the header is row 1, a multi-line cell is one row,
 * empty rows count), said once on stderr; text: the line number; NDJSON: the line number. Ids
 * never shift: an empty row keeps its number, and is counted on stderr at the end.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { InputError, UsageError } from '../errors.js';
import type { CsvDelimiter, Renamed } from './csv.js';
import { detectEncoding, parseEncoding, trimPartialUtf8, type Encoding } from './encoding.js';
import { ID_COLUMNS, TEXT_COLUMNS, normalizeColumnName } from './columns.js';
import { displayName, hasPdfMagic } from './files.js';
import { aboveHeader, findHeaderRow } from './header-row.js';
import { IdRepeats } from './id-repeats.js';
import { ListCells, TextShape } from './text-shape.js';
import { clip, firstFew } from '../wording.js';

export type InputKind = 'report' | 'text' | 'csv' | 'ndjson' | 'json' | 'xlsx';

export interface Item {
  id: string;
  text: string;
  input?: Record<string, unknown>;
}

export interface ClassifyInputOptions {
  input: string;
  textColumn?: string | undefined;
  idColumn?: string | undefined;
  delimiter?: string | undefined;
  encoding?: string | undefined;
  textField?: string | undefined;
  idField?: string | undefined;
  skipInvalid?: boolean | undefined;
  sheet?: string | undefined;
  password?: string | undefined;
  /** A line for stderr (a guess, a skipped line). */
  note: (message: string) => void;
}

/** An opened input: its records in batches (lazily), pass-through columns and fingerprint. */
export interface OpenedInput {
  items: () => AsyncGenerator<Item[]>;
  kind: InputKind;
  name: string;
  /** Pass-through columns (for CSV, known after the header; for NDJSON, after the first batch). */
  columns: () => string[];
  /** sha256 of the input bytes (known once they have streamed past). */
  sha256: () => string;
  /** Lines for stderr once every item has been read (skipped lines and rows). */
  summary: () => string[];
}

const REPORT_MARKERS = /^\s*(1\.\d(\.\d)?\s+Th[ée]matique|S\s?y\s?n\s?t\s?h\s?[èe]\s?s\s?e\s+r\s?[ée]\s?g\s?i\s?o\s?n\s?a\s?l\s?e|2\.\d+\s+\S.*\(\d\w\)\s*$)/m;
/** A verbatim is a few sentences: a longer line is a broken export, not a verbatim. */
const MAX_LINE = 16 << 20;
const BATCH = 256;
/** Bytes read before deciding the kind of an input without extension (or stdin). */
const SNIFF_BYTES = 64 << 10;

/** A text document: classify reads text (a PDF only as the report), so the fix is text, never PDF. */
const DOCUMENT = (what: string) => `this is ${what}: save it as text (one verbatim per line), or its table as CSV`;
/** Pages and messages read as text lines would give markup and encoded text as records. */
const HTML = 'this is an HTML page: save it as text (one verbatim per line), or its table as CSV';
const MIME = 'this is an e-mail message (MIME): copy its text into a .txt file, one verbatim per line';

/** A Word / OpenDocument / RTF / old Office file by its first bytes, or null. */
export function officeKind(head: Buffer): string | null {
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'ole';
  if (head.subarray(0, 5).toString('latin1') === '{\\rtf') return 'rtf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    const s = head.toString('latin1');
    if (/word\//.test(s)) return 'word';
    if (/opendocument\.text/.test(s)) return 'odt';
    if (/xl\//.test(s)) return 'xlsx';
    if (/opendocument\.spreadsheet/.test(s)) return 'ods';
    return 'zip';
  }
  return null;
}

function refuseOffice(kind: string | null, ext: string, name: string): void {
  if (ext === 'odt' || kind === 'odt') throw new InputError(DOCUMENT('an OpenDocument text (.odt)'), name);
  if (ext === 'rtf' || kind === 'rtf') throw new InputError(DOCUMENT('an RTF document (.rtf)'), name);
  if (['docx', 'doc', 'docm'].includes(ext) || kind === 'word' || (kind === 'ole' && ext !== 'xls')) throw new InputError(DOCUMENT('a Word document'), name);
  if (ext === 'xls' || kind === 'ole') throw new InputError('this is an old Excel workbook (.xls): save it as .xlsx or CSV', name);
  if (ext === 'ods' || kind === 'ods') throw new InputError('this is an OpenDocument spreadsheet: save it as .xlsx or CSV', name);
  if (kind === 'zip') throw new InputError('this is a zip archive, not a text, CSV, NDJSON or .xlsx file', name);
}

/**
 * An HTML page (`<!DOCTYPE html` or `<html` first, after a BOM or blanks) or a MIME e-mail (a
 * header block, every line "Name: value" or its folded continuation, naming MIME-Version,
 * Content-Type or Content-Transfer-Encoding), from the decoded start of an input; else null.
 */
export function markupKind(text: string): 'html' | 'mime' | null {
  if (/^[\s\ufeff]*<(!doctype\s+html|html[\s>])/i.test(text)) return 'html';
  const head = text.replace(/^\ufeff/, '').split(/\r?\n|\r/, 60);
  let mime = false;
  for (const [i, l] of head.entries()) {
    if (l.trim() === '') return i > 0 && mime ? 'mime' : null;
    if (/^(MIME-Version|Content-Type|Content-Transfer-Encoding):/i.test(l)) mime = true;
    else if (!/^[A-Za-z][\w-]*:/.test(l) && !(i > 0 && /^[ \t]/.test(l))) return null;
  }
  return null;
}

/**
 * Decode the start of an input for sniffing (BOM, strict UTF-8, else Windows-1252). A sample cut
 * inside "é" is still UTF-8 (as in sniffCsv); a truncated or mixed-encoding input is refused here
 * (detectEncoding), before any guess about it is said.
 */
function decodeHead(head: Buffer, forced: string | undefined, complete: boolean, name: string): { text: string; encoding: Encoding; bom: boolean } {
  const det = forced ? { encoding: parseEncoding(forced), bom: false } : detectEncoding(head, { complete, file: name });
  let b = complete || det.encoding !== 'utf-8' ? head : trimPartialUtf8(head);
  if (det.encoding === 'utf-16le' || det.encoding === 'utf-16be') b = b.subarray(0, b.length & ~1);
  let text: string;
  text = new TextDecoder(det.encoding).decode(b);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding: det.encoding, bom: det.bom || head[0] === 0xef || head[0] === 0xff || head[0] === 0xfe };
}

/**
 * Records of the start of a delimited text: quotes respected (a quoted cell may span lines, ""
 * is a quote), blank lines skipped. `complete` false drops the last record (it may be cut).
 */
export function splitRecords(text: string, d: string, complete: boolean, max = 50): Array<string[] & { line?: number }> {
  const out: Array<string[] & { line?: number }> = [];
  let cells: string[] = [];
  let cell = '';
  let inQuote = false;
  let started = false;
  let line = 1;
  let startLine = 1;
  const push = () => out.push(Object.assign([...cells, cell], { line: startLine }));
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text[i]!;
    if (!started && cell === '' && cells.length === 0) startLine = line;
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
    if (inQuote) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuote = false;
      } else cell += c;
      continue;
    }
    if (c === '"' && cell === '') {
      inQuote = true;
      started = true;
    } else if (c === d) {
      cells.push(cell);
      cell = '';
      started = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
        line++;
      }
      if (started || cell !== '') push();
      cells = [];
      cell = '';
      started = false;
    } else {
      cell += c;
      started = true;
    }
  }
  if (complete && !inQuote && (started || cell !== '') && out.length < max) push();
  return out;
}

export interface TableGuess {
  delimiter: CsvDelimiter;
  headers: string[];
  /** A header cell names the text (or the given --text-column). */
  hasText: boolean;
  /** The first record whose cell count differs from the header's (the guess is then refused). */
  ragged?: { line: number; cells: number };
  /** Without a known text column: the one column that is clearly free text (see guessTextColumn). */
  guess?: string;
  /** Where the header is (title rows above it, SurveyMonkey's second header row under it). */
  place: HeaderPlace;
}

/** Where a CSV's header is among its first records (see ./header-row.ts), and what to say of it. */
export interface HeaderPlace {
  /** Record (0-based) of the header: the records above it are skipped. */
  at: number;
  /** The note (after `x.csv: `) when the header is not on row 1: `header on row 3 (rows 1–2 above it: "…"): read from there`. */
  moved?: string;
  /** The note (after `x.csv: `) when the record under the header is SurveyMonkey's second header row (skipped). */
  sub?: string;
  /** Row 1 looks like a title over a wider table, and no header was found under it. */
  titleAbove: boolean;
}

/** The header of a table among its first records (`recs`, from splitRecords): see findHeaderRow. */
export function placeHeader(recs: Array<string[] & { line?: number }>, also: Array<string | undefined>, names?: readonly string[]): HeaderPlace {
  const f = findHeaderRow(recs, also, names);
  const row = (i: number) => recs[i]?.line ?? i + 1;
  const place: HeaderPlace = { at: f.index, titleAbove: f.titleAbove };
  if (f.index > 0) place.moved = `header on row ${row(f.index)} (${aboveHeader(recs, f.index, row(f.index))}): read from there`;
  if (f.subHeader) place.sub = subHeaderNote(row(f.index + 1), recs[f.index + 1]!);
  return place;
}

/** `row 2 is a second header row (SurveyMonkey's "Réponse ouverte"…): skipped` (after `x.csv: `). */
export function subHeaderNote(row: number, cells: readonly string[]): string {
  const label = cells.map((c) => c.trim()).find((c) => c !== '') ?? '';
  return `row ${row} is a second header row (SurveyMonkey's "${label}"…): skipped`;
}

/** Header words of a free-text survey column (normalized: no accents, lower case). */
const FREE_TEXT_WORDS =
  /\b(propositions?|reponses?|commentaires?|avis|verbatims?|textes?|remarques?|suggestions?|contributions?|idees?|observations?|messages?|expressions?|precisions?|precisez|pourquoi|attentes?|questions?)\b/;

/**
 * The free-text column of a table without a known text column, or undefined: the one column whose
 * header reads like a survey question: it ends in "?", or is a phrase of two words or more naming
 * an answer ("Votre proposition", "Vos remarques", "Réponse libre": proposition, réponse,
 * commentaire, avis, remarque, suggestion…; a bare "commentaire" or "avis" is not enough), whose cells (on the sampled rows) are mostly letters and 15 characters
 * long or more on average, mostly different from each other (from 4 sampled cells on: at least
 * half distinct; a multiple-choice column repeats the same few lists of options), and which is
 * the longest of all columns. Two such columns: none (the input is refused, the user chooses).
 */
export function guessTextColumn(headers: string[], rows: string[][]): string | undefined {
  const ids = ID_COLUMNS.map(normalizeColumnName);
  const stats = headers.map((h, i) => {
    const cells = rows.map((r) => (r[i] ?? '').trim()).filter((c) => c !== '');
    const chars = cells.reduce((a, c) => a + c.length, 0);
    const letters = cells.reduce((a, c) => a + (c.match(/[\p{L}\s'’,.!?;:()-]/gu)?.length ?? 0), 0);
    const n = normalizeColumnName(h);
    // Answers to a multiple-choice question repeat: free text mostly does not.
    const varied = cells.length < 4 || new Set(cells).size * 2 >= cells.length;
    return {
      h,
      mean: cells.length ? chars / cells.length : 0,
      free:
        !ids.includes(n) &&
        cells.length > 0 &&
        varied &&
        chars / cells.length >= 15 &&
        letters / chars >= 0.85 &&
        (/\?\s*$/.test(h) || (FREE_TEXT_WORDS.test(n) && n.includes(' '))),
    };
  });
  const free = stats.filter((x) => x.free);
  if (free.length !== 1) return undefined;
  const longest = Math.max(...stats.map((x) => x.mean));
  return free[0]!.mean >= longest ? free[0]!.h : undefined;
}

/** A cell boundary that cuts a decimal number: text ending in " 2" then "5 médecins…" (from "2,5 médecins"). */
function splitsNumber(left: string, right: string): boolean {
  return /\p{L}/u.test(left) && /(^|\s)\d+$/.test(left) && /^\d+([\s%]|\p{L})/u.test(right) && /\p{L}/u.test(right);
}

/**
 * Why comma-separated records are prose rather than a table (the commas are a sentence's), or
 * null: most records (the first line included) cut a decimal number ("2,5 médecins"), or the first
 * line reads as a sentence: a cell of more than 40 characters, or with a "?" and more than five
 * words, and no cell that reads as a column name (30 characters or less, three words or less,
 * no "?", no cut number) beside it, as "Horodateur" beside a survey's question.
 */
export function commaProse(recs: string[][]): string | null {
  const cuts = recs.filter((r) => r.some((c, i) => i + 1 < r.length && splitsNumber(c.trim(), r[i + 1]!.trim()))).length;
  if (cuts * 2 > recs.length) return 'decimal commas such as "2,5" on most lines';
  const head = recs[0]!.map((h) => h.replace(/^\ufeff/, '').trim());
  const words = (h: string) => h.split(/\s+/).filter((w) => /[\p{L}\d]/u.test(w)).length;
  const sentence = head.some((h) => h.length > 40 || (h.includes('?') && words(h) > 5));
  const named = head.some(
    (h, i) =>
      h.length > 0 &&
      h.length <= 30 &&
      words(h) <= 3 &&
      !h.includes('?') &&
      !(i + 1 < head.length && splitsNumber(h, head[i + 1]!)) &&
      !(i > 0 && splitsNumber(head[i - 1]!, h)),
  );
  return sentence && !named ? 'line 1 reads as a sentence, not as column names' : null;
}

/**
 * A table by content: a header line whose separator (";", tab or ",") gives the same number of
 * cells (two or more) on every one of the first records (up to 50, quotes respected, at least
 * one record under the header). A ","-table without a known text column also needs a header
 * whose cells do not start with a space (prose has ", " where a CSV header has ","), and must not
 * read as prose (commaProse: decimal commas, a sentence on line 1); `why.prose` then says why
 * it was not taken. Null when no separator does.
 */
export function sniffTable(text: string, complete: boolean, textColumn?: string, why?: { prose?: string }): TableGuess | null {
  for (const d of [';', '\t', ','] as const) {
    const all = splitRecords(text, d, complete);
    // A title above the header is passed over only when the header names a text column (prose has no header).
    const place = placeHeader(all, [textColumn], TEXT_COLUMNS);
    const recs = all.slice(place.at);
    if (place.sub !== undefined) recs.splice(1, 1);
    if (recs.length < 2) continue;
    const n = recs[0]!.length;
    if (n < 2) continue;
    const raw = recs[0]!.map((h) => h.replace(/^\ufeff/, ''));
    const headers = raw.map((h) => h.trim());
    const wanted = [textColumn, ...TEXT_COLUMNS].filter((x): x is string => x !== undefined).map(normalizeColumnName);
    const hasText = headers.some((h) => wanted.includes(normalizeColumnName(h)));
    // A comma in prose is common: ", " is a sentence, "," between short names a header.
    const spaced = raw.slice(1).some((h) => /^\s/.test(h));
    if (d === ',' && !hasText && spaced) continue;
    // Column names are short (or a survey's question, "…?"): a first line of long cells is text, not a header.
    if (!hasText && !headers.every((h) => h.length > 0 && (h.length <= 40 || (!spaced && /\?\s*$/.test(h))))) continue;
    const bad = recs.find((r) => r.length !== n);
    // A header naming the text column with ragged rows is a broken table, not text: refused.
    if (bad && !hasText) continue;
    if (d === ',' && !hasText) {
      const prose = commaProse(recs);
      if (prose !== null) {
        if (why) why.prose = prose;
        continue;
      }
    }
    const guess = hasText || bad || textColumn !== undefined ? undefined : guessTextColumn(headers, recs.slice(1));
    return {
      delimiter: d,
      headers,
      hasText,
      place,
      ...(bad ? { ragged: { line: bad.line ?? 0, cells: bad.length } } : {}),
      ...(guess !== undefined ? { guess } : {}),
    };
  }
  return null;
}

/** What the content says: one of the input kinds, or a JSON document (read whole, see jsonItems). */
export type SniffedKind = InputKind;

/**
 * A JSON document rather than NDJSON: the text starts with "[" (NDJSON holds objects only), or
 * with "{" on a first line that is not a whole object (a pretty-printed document: `{`,
 * `{"rows":[`, …), or is the only line and holds a "rows" array (classify's --format json output
 * through jq -c). A first line too long for the sample stays NDJSON.
 */
export function looksJsonDocument(text: string, complete: boolean): boolean {
  const t = text.replace(/^[\s\ufeff]+/, '');
  if (t.startsWith('[')) return true;
  if (!t.startsWith('{')) return false;
  const nl = t.indexOf('\n');
  if (nl < 0 && !complete) return false;
  const first = (nl < 0 ? t : t.slice(0, nl)).trim();
  try {
    // classify's own --format json output made one line (jq -c): its rows.
    const v = JSON.parse(first) as unknown;
    return (nl < 0 || t.slice(nl).trim() === '') && v !== null && typeof v === 'object' && Array.isArray((v as { rows?: unknown }).rows);
  } catch {
    // One document on several lines: the first line opens it and does not close it.
    return /^\{\s*$/.test(first) || /[[{,]$/.test(first);
  }
}

/** The kind of an input from its decoded start. */
export function sniffKind(text: string, complete: boolean, textColumn?: string): { kind: SniffedKind; table?: TableGuess; prose?: string } {
  if (REPORT_MARKERS.test(text)) return { kind: 'report' };
  if (looksJsonDocument(text, complete)) return { kind: 'json' };
  if (/^\s*\{/.test(text)) return { kind: 'ndjson' };
  const why: { prose?: string } = {};
  const table = sniffTable(text, complete, textColumn, why);
  return table ? { kind: 'csv', table } : { kind: 'text', ...(why.prose !== undefined ? { prose: why.prose } : {}) };
}

/** The id column of a table: --id-column, else the first of ID_COLUMNS present, else none. */
function idColumnOf(headers: string[], wanted: string | undefined, file: string, pickColumn: PickColumn): string | undefined {
  if (wanted !== undefined) return pickColumn(headers, wanted, [], 'id', file);
  for (const d of ID_COLUMNS) {
    const n = normalizeColumnName(d);
    const h = headers.find((x) => normalizeColumnName(x) === n);
    if (h !== undefined) return h;
  }
  return undefined;
}

const NO_ID = `no id column (${['id', 'identifiant', 'n°', 'numéro', 'id réponse'].join(', ')}): ids are row numbers (the header is row 1, a multi-line cell is one row); pass --id-column NAME to choose one`;

/** The columns of a table as a note shows them (at most 8). */
function shownColumns(headers: string[]): string {
  return firstFew(headers, 8);
}

function showSeparator(d: string): string {
  return d === '\t' ? 'tab' : `"${d}"`;
}

export async function openClassifyInput(file: string | undefined, o: ClassifyInputOptions): Promise<OpenedInput> {
  if (file === undefined) {
    if (o.input !== 'auto' && o.input !== 'report') throw new UsageError(`--input ${o.input} needs a FILE (or - for stdin)`);
    if (o.sheet !== undefined) throw new UsageError('--sheet goes with a workbook (.xlsx) input');
    return reportInput(undefined, o);
  }
  const stdin = file === '-';
  const name = stdin ? '<stdin>' : displayName(file);
  const hash = createHash('sha256');
  let digest: string | null = null;
  const sha256 = () => (digest ??= hash.digest('hex'));
  let kind = o.input as SniffedKind | 'auto';
  /** The table's separator and text column when found here (by content, or guessed): given to the CSV reader. */
  let delimiter = o.delimiter;
  let textColumn = o.textColumn;
  /** A table's header when not simply on row 1 (title rows above it, a second header row under it). */
  let place: HeaderPlace | undefined;
  let source: AsyncIterable<Buffer>;
  let ext = '';
  /** ", encoding windows-1252" when the encoding was detected and is not UTF-8 (BOM or not). */
  const encodingPart = (enc: Encoding, bom: boolean, sayBom = false) =>
    o.encoding === undefined && enc !== 'utf-8' ? `, encoding ${enc}` : o.encoding === undefined && bom && sayBom ? ', encoding utf-8 with BOM' : '';
  /** The kind was found here by content (its guesses already said). */
  let sniffed = false;
  /** A text taken for the report by content: the line that made it one (a refusal names it). */
  let reportBy: { line: number; text: string } | undefined;
  /** --text-column / --id-column with an input read as text (one verbatim per line): refused, never ignored. */
  const noColumns = (guessed: boolean) => {
    const flag = o.textColumn !== undefined ? '--text-column' : o.idColumn !== undefined ? '--id-column' : null;
    if (flag === null) return;
    const col = o.textColumn ?? o.idColumn;
    if (guessed)
      throw new UsageError(
        `no column "${col}" on the first line: this input reads as text (one verbatim per line), which has no columns; check the name, or drop ${flag}`,
        name,
      );
    throw new UsageError(`${flag} goes with a table (CSV, TSV, .xlsx), not with --input text (one verbatim per line): drop one of them`, name);
  };
  /** A table found by content: refused (ragged, no text column) or said on stderr with its text column. */
  const foundTable = (t: TableGuess, dec: { encoding: Encoding; bom: boolean }) => {
    const d = showSeparator(t.delimiter);
    const shown = shownColumns(t.headers);
    if (t.ragged)
      throw new InputError(
        `this looks like a table (separator ${d}, columns: ${shown}) but the row on line ${t.ragged.line} has ${t.ragged.cells} cells, not ${t.headers.length}; quote the cells that contain ${d}, or pass --input text to read one verbatim per line`,
        name,
      );
    if (!t.hasText && t.guess === undefined)
      throw new InputError(
        `this looks like a table (separator ${d}, columns: ${shown}) with no text column (${TEXT_COLUMNS.join(', ')}); pass --text-column NAME, or --input text to read one verbatim per line`,
        name,
      );
    delimiter ??= t.delimiter;
    place = t.place;
    o.note(
      `${name}: read as ${t.delimiter === '\t' ? 'TSV' : 'CSV'} (separator ${d}${encodingPart(dec.encoding, dec.bom, true) || `, encoding ${dec.encoding}`}, columns: ${shown}); pass --input to choose`,
    );
    if (place.moved !== undefined) o.note(`${name}: ${place.moved}`);
    if (place.sub !== undefined) o.note(`${name}: ${place.sub}`);
    if (t.guess !== undefined) {
      textColumn = t.guess;
      o.note(`${name}: text column guessed: "${t.guess}" (longest free text; --text-column to choose)`);
    }
  };
  /** A table whose kind was given (--input csv, .csv, .tsv): say a detected encoding or an unexpected separator; guess a text column. */
  const givenTable = async (head: Buffer, complete: boolean) => {
    const { normalizeDelimiter, sniffDelimiter } = await import('./csv.js');
    const dec = decodeHead(head, o.encoding, complete, name);
    let sep = o.delimiter !== undefined ? normalizeDelimiter(o.delimiter) : sniffDelimiter(dec.text);
    let all = splitRecords(dec.text, sep, complete);
    let p = placeHeader(all, [o.textColumn, o.idColumn]);
    // A title line without separators above the header: the separator is the header's.
    if (o.delimiter === undefined && p.at === 0 && (all[0]?.length ?? 0) <= 1)
      for (const d of [';', '\t', ','] as const) {
        const recs = splitRecords(dec.text, d, complete);
        const q = placeHeader(recs, [o.textColumn, o.idColumn]);
        if (q.at > 0) {
          [sep, all, p] = [d, recs, q];
          delimiter = d;
          break;
        }
        if (q.titleAbove) p = { ...p, titleAbove: true };
      }
    place = p;
    const recs = all.slice(p.at);
    if (p.sub !== undefined) recs.splice(1, 1);
    const headers = (recs[0] ?? []).map((h) => h.replace(/^\ufeff/, '').trim());
    const sepOdd = o.delimiter === undefined && ((ext === 'csv' && sep !== ',') || (ext === 'tsv' && sep !== '\t'));
    const enc = encodingPart(dec.encoding, dec.bom);
    if (headers.length > 0 && (sepOdd || enc !== ''))
      o.note(
        `${name}: read as ${sep === '\t' ? 'TSV' : 'CSV'} (separator ${showSeparator(sep)}${enc || ', encoding utf-8'}, columns: ${shownColumns(headers)}); pass ${[sepOdd ? '--delimiter' : '', enc ? '--encoding' : ''].filter(Boolean).join(' or ')} to choose`,
      );
    if (p.moved !== undefined) o.note(`${name}: ${p.moved}`);
    if (p.sub !== undefined) o.note(`${name}: ${p.sub}`);
    const known = TEXT_COLUMNS.map(normalizeColumnName);
    if (textColumn === undefined && !headers.some((h) => known.includes(normalizeColumnName(h)))) {
      const g = guessTextColumn(headers, recs.slice(1));
      if (g !== undefined) {
        textColumn = g;
        o.note(`${name}: text column guessed: "${g}" (longest free text; --text-column to choose)`);
      }
    }
  };
  const guessed = (head: Buffer, complete: boolean): SniffedKind => {
    refuseOffice(officeKind(head), '', name);
    if (hasPdfMagic(head)) {
      if (stdin) throw new UsageError('a PDF on stdin: classify reads a PDF only as a CNR Santé report, from its file: cnr-synth classify REPORT.pdf', name);
      return 'report';
    }
    const dec = decodeHead(head, o.encoding, complete, name);
    // A web page or an e-mail would give its markup and encoded text as records: --input text reads it all the same.
    const markup = markupKind(dec.text);
    if (markup !== null) throw new InputError(markup === 'html' ? HTML : MIME, name);
    const g = sniffKind(dec.text, complete, o.textColumn);
    const enc = encodingPart(dec.encoding, dec.bom);
    sniffed = true;
    if (g.kind === 'report') {
      const m = REPORT_MARKERS.exec(dec.text)!;
      const before = dec.text.slice(0, m.index + m[0].length - m[0].trimStart().length).split(/\r\n|\r|\n/);
      const line = before.length;
      reportBy = { line, text: (dec.text.split(/\r\n|\r|\n/, line)[line - 1] ?? '').trim() };
    }
    if (g.kind === 'csv' && g.table) foundTable(g.table, dec);
    else if (g.kind === 'text') {
      noColumns(true);
      // Commas that looked like a table but read as prose: said, with the way to read a table.
      const prose = g.prose !== undefined ? `; not a comma table: ${g.prose}` : '';
      if (ext !== 'txt' || prose)
        o.note(`${name}: read as text (one verbatim per line${enc}${prose}); pass --input ${prose ? 'csv to read a table' : 'to choose'}`);
      else if (enc) o.note(`${name}: read as text (one verbatim per line${enc}); pass --encoding to choose`);
    } else if (g.kind === 'ndjson') o.note(`${name}: read as NDJSON (one JSON object per line${enc}); pass --input to choose`);
    return g.kind;
  };
  /** A kind given with --input that cannot read the bytes (a PDF, a Word file). */
  const given = (head: Buffer) => {
    refuseOffice(officeKind(head), '', name);
    if (hasPdfMagic(head) && kind !== 'report')
      throw new UsageError(
        `--input ${kind} cannot read a PDF: classify reads a PDF only as a CNR Santé report (${stdin ? 'give its file: cnr-synth classify REPORT.pdf' : 'drop --input'})`,
        name,
      );
    if (kind === 'text') noColumns(false);
  };
  let head: Buffer;
  let complete: boolean;
  /** A stream read once: its first SNIFF_BYTES (or all of it) to choose, then the rest, without reopening. */
  const sniffStream = async (stream: AsyncIterable<Buffer>) => {
    const it = stream[Symbol.asyncIterator]();
    const got: Buffer[] = [];
    let size = 0;
    let done = false;
    // Read up to SNIFF_BYTES (or the end) before choosing: a pipe gives small chunks.
    while (size < SNIFF_BYTES) {
      const r = await it.next();
      if (r.done) {
        done = true;
        break;
      }
      got.push(Buffer.from(r.value));
      size += r.value.length;
    }
    const first = Buffer.concat(got);
    const rest = (async function* () {
      if (first.length) yield first;
      if (!done) for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    })();
    return { first, done, rest };
  };
  if (stdin) {
    const { first, done, rest } = await sniffStream(process.stdin as AsyncIterable<Buffer>);
    head = first;
    complete = done;
    if (kind === 'auto') kind = guessed(head, done);
    else given(head);
    if (kind === 'report') throw new UsageError('a report cannot be read from stdin here: give its file name (cnr-synth classify REPORT.txt)');
    source = rest;
  } else {
    let st;
    try {
      st = statSync(file);
    } catch {
      throw new InputError('no such file (check the path)', name);
    }
    if (st.isDirectory()) throw new InputError('is a directory, not a file', name);
    ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
    // A FIFO, a device or `<(command)` (/dev/fd/N) has no size and can be read once only: it is
    // sniffed from its stream, as stdin is, and that stream goes on.
    let piped: AsyncIterable<Buffer> | null = null;
    if (!st.isFile()) {
      const { first, done, rest } = await sniffStream(createReadStream(file) as AsyncIterable<Buffer>);
      head = first;
      complete = done;
      piped = rest;
    } else {
      const fd = openSync(file, 'r');
      head = Buffer.alloc(Math.min(st.size, 1 << 20));
      readSync(fd, head, 0, head.length, 0);
      closeSync(fd);
      complete = head.length === st.size;
    }
    const office = officeKind(head);
    if (office !== 'xlsx' && ext !== 'xlsx' && ext !== 'pdf') refuseOffice(office, ext, name);
    if (kind === 'auto') {
      // A workbook is one whatever its name (a .csv that Excel saved as .xlsx, renamed back).
      if (office === 'xlsx' || ext === 'xlsx' || ext === 'xlsm') kind = 'xlsx';
      else if (ext === 'csv' || ext === 'tsv') kind = 'csv';
      else if (ext === 'ndjson' || ext === 'jsonl') kind = 'ndjson';
      else if (ext === 'pdf') kind = 'report';
      else kind = guessed(head, complete);
    } else if (kind !== 'xlsx') given(head);
    if (piped && (kind === 'report' || kind === 'xlsx'))
      throw new UsageError(`${kind === 'report' ? 'a report' : 'a workbook'} cannot be read from a pipe: give its file name`, name);
    if (kind === 'report') return reportInput(file, o, { pdf: ext === 'pdf' || hasPdfMagic(head), ...(reportBy ? { by: reportBy } : {}) });
    if (kind === 'xlsx') return xlsxInput(file, name, o);
    source = piped ?? (createReadStream(file) as AsyncIterable<Buffer>);
  }
  if (o.sheet !== undefined) throw new UsageError('--sheet goes with a workbook (.xlsx) input', name);
  if (kind === 'csv' && !sniffed) await givenTable(head, complete);
  else if ((kind === 'ndjson' || kind === 'text') && !sniffed && o.encoding === undefined) {
    // The kind was given: a detected encoding other than UTF-8 is still a guess, said.
    const dec = decodeHead(head, undefined, complete, name);
    if (dec.encoding !== 'utf-8') o.note(`${name}: read as ${kind === 'text' ? 'text' : 'NDJSON'} (encoding ${dec.encoding}); pass --encoding to choose`);
  }
  const hashed = (async function* () {
    for await (const c of source) {
      hash.update(c);
      yield c;
    }
  })();
  const base = { name, sha256 };
  if (kind === 'text') return { ...base, kind, ...textItems(hashed, name, o) };
  if (kind === 'ndjson') return { ...base, kind, ...ndjsonItems(hashed, name, o) };
  // A JSON document is reported as NDJSON (its records are read by the same field rules).
  if (kind === 'json') return { ...base, kind, ...jsonItems(hashed, name, o) };
  if (kind === 'xlsx') throw new UsageError('a workbook cannot be read from stdin: give its file name', name);
  const csv = await import('./csv.js');
  const co = { ...o, ...(delimiter !== undefined ? { delimiter } : {}), ...(textColumn !== undefined ? { textColumn } : {}) };
  return { ...base, kind: 'csv', ...csvItems(hashed, name, co, csv, place) };
}

type Parts = Pick<OpenedInput, 'items' | 'columns' | 'summary'>;

/** Text, one verbatim per line; what its lines look like (wrapped, a workshop report's pages, odd line breaks) is said at the end (./text-shape.ts). */
function textItems(source: AsyncIterable<Buffer>, name: string, o: ClassifyInputOptions): Parts {
  const shape = new TextShape();
  return {
    columns: () => [],
    summary: () => shape.notes(name),
    items: async function* () {
      const { readTextLines } = await import('./lines-read.js');
      let batch: Item[] = [];
      const onFormFeed = (line: number) => shape.formFeed(line);
      for await (const l of readTextLines(source, { file: name, maxLineLength: MAX_LINE, onFormFeed, ...(o.encoding ? { encoding: o.encoding } : {}) })) {
        shape.see(l.line, l.text);
        batch.push({ id: String(l.line), text: l.text });
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
  };
}

function ndjsonItems(source: AsyncIterable<Buffer>, name: string, o: ClassifyInputOptions): Parts {
  let skipped = 0;
  const repeats = new IdRepeats();
  const cols: string[] = [];
  /** --skip-invalid: say which line is left out and why, count it, go on. */
  const skip = (line: number, reason: string) => {
    skipped++;
    o.note(`${name}:${line}: skipped (${reason})`);
  };
  return {
    columns: () => cols,
    summary: () => [...(skipped > 0 ? [`${name}: ${skipped} invalid line(s) skipped`] : []), ...repeats.summary(name, 'line', `field "${o.idField ?? 'id'}"`)],
    items: async function* () {
      const { readNdjsonBatches } = await import('./ndjson.js');
      let textField: string | undefined;
      for await (const batch of readNdjsonBatches(source, {
        file: name,
        maxLineLength: MAX_LINE,
        ...(o.encoding ? { encoding: o.encoding } : {}),
        ...(o.skipInvalid ? { skipInvalid: true, onSkip: skip } : {}),
      })) {
        const items: Item[] = [];
        for (const r of batch) {
          const v = r.value;
          textField ??= o.textField ?? TEXT_COLUMNS.find((f) => typeof v[f] === 'string');
          if (textField === undefined)
            throw new InputError(`no text field (fields: ${Object.keys(v).join(', ') || 'none'}); pass --text-field NAME`, name, r.line);
          const it = objectItem(v, textField, o, name, r.line, 0, r.line, v, repeats);
          if (it === null) {
            skip(r.line, `no string "${textField}"`);
            continue;
          }
          for (const k of Object.keys(v)) if (!cols.includes(k)) cols.push(k);
          items.push(it);
        }
        yield items;
      }
    },
  };
}

/**
 * One JSON object → an item, by the field rules of NDJSON and JSON documents alike: the text field
 * must hold a string (else refused, or null with --skip-invalid: the caller says it skipped); the
 * id is --id-field (which must be there), else "id", else `fallbackId`. An error is placed by its
 * `line` (NDJSON) or, when `record` > 0, its record number (a JSON document). An id the object
 * gives is passed to `repeats`. On the hot path of NDJSON: no allocation but the item.
 */
function objectItem(
  v: Record<string, unknown>,
  textField: string,
  o: ClassifyInputOptions,
  name: string,
  line: number | undefined,
  record: number,
  fallbackId: number,
  input: Record<string, unknown> | undefined,
  repeats: IdRepeats,
): Item | null {
  const t = v[textField];
  if (typeof t !== 'string') {
    if (o.skipInvalid) return null;
    const m = `field "${textField}" is ${t === undefined ? 'missing' : 'not a string'}`;
    throw new InputError(`${record > 0 ? `record ${record}: ${m}` : `${m} on this line`}; fix it or pass --skip-invalid`, name, line);
  }
  const idv = o.idField ? v[o.idField] : v.id;
  if (o.idField && idv === undefined) {
    const m = `field "${o.idField}" is missing`;
    throw new InputError(record > 0 ? `record ${record}: ${m}` : `${m} on this line`, name, line);
  }
  let id: string;
  if (idv === undefined || idv === null) id = String(fallbackId);
  else repeats.see((id = String(idv)), record > 0 ? record : (line ?? 0));
  return input ? { id, text: t, input } : { id, text: t };
}

/** A JSON document above this size is refused: it is read whole (NDJSON streams). */
const MAX_JSON_DOCUMENT = 256 << 20;

/**
 * A JSON document (one value over the whole input, read whole): an array of objects, one record
 * per element, or classify's own `--format json` output (`{"rows": [...], "meta": ...}`), one
 * record per row; the text and id fields as in NDJSON (--text-field, else the first of
 * TEXT_COLUMNS holding a string; --id-field, else "id", else the element's number from 1). Of
 * classify's own output, the records keep the input columns they had (`input`). Anything else is
 * refused with the jq line that makes NDJSON of it.
 */
function jsonItems(source: AsyncIterable<Buffer>, name: string, o: ClassifyInputOptions): Parts {
  const cols: string[] = [];
  const repeats = new IdRepeats();
  const jq = (filter: string) => `jq -c '${filter}' FILE | cnr-synth classify - --input ndjson`;
  return {
    columns: () => cols,
    summary: () => repeats.summary(name, 'record', `field "${o.idField ?? 'id'}"`),
    items: async function* () {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of source) {
        size += c.length;
        if (size > MAX_JSON_DOCUMENT)
          throw new InputError(
            `a JSON document over ${MAX_JSON_DOCUMENT >> 20} MiB (read whole): convert it to NDJSON, one object per line (${jq('.[]')})`,
            name,
          );
        chunks.push(c);
      }
      const { decodeText } = await import('./encoding.js');
      const { text } = decodeText(Buffer.concat(chunks), o.encoding, name);
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        const m = (e instanceof Error ? e.message : String(e)).replace(
          / in JSON at position (\d+)(?: \(line (\d+) column (\d+)\))?/,
          (_, p: string, l?: string, c?: string) => (l ? ` at line ${l} column ${c}` : ` at character ${Number(p) + 1}`),
        );
        throw new InputError(`a JSON document, not NDJSON, and not valid JSON (${clip(m, 120, '...')}); fix it, or give one JSON object per line`, name);
      }
      const own = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as { rows?: unknown; meta?: { tool?: unknown } }) : null;
      const list = Array.isArray(doc) ? doc : Array.isArray(own?.rows) ? (own.rows as unknown[]) : null;
      if (list === null)
        throw new InputError(
          `a JSON document, not NDJSON: ${own ? `an object without a "rows" array (keys: ${Object.keys(own).slice(0, 8).join(', ') || 'none'})` : `${doc === null ? 'null' : `a ${typeof doc}`}`}; give one JSON object per verbatim, one per line (e.g. ${jq('.KEY[]')})`,
          name,
        );
      if (list.length === 0) throw new InputError('no verbatims in this input (an empty JSON array); expected one object per verbatim', name);
      const bad = list.findIndex((v) => v === null || typeof v !== 'object' || Array.isArray(v));
      if (bad >= 0) {
        const v = list[bad];
        const what = v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;
        throw new InputError(
          `a JSON document, not NDJSON: element ${bad + 1} of the array is ${what}, not an object${typeof v === 'string' ? `; for a list of texts: jq -r '.[]' FILE | cnr-synth classify - --input text` : `; give one JSON object per verbatim (${jq('.[]')})`}`,
          name,
        );
      }
      const ownOutput = own !== null && own.meta?.tool === 'cnr-synth';
      o.note(`${name}: read as a JSON document (${list.length} record${list.length === 1 ? '' : 's'})`);
      const textField = o.textField ?? TEXT_COLUMNS.find((f) => typeof (list[0] as Record<string, unknown>)[f] === 'string');
      if (textField === undefined)
        throw new InputError(
          `no text field in the first record (fields: ${Object.keys(list[0] as object).join(', ') || 'none'}); pass --text-field NAME`,
          name,
        );
      for (let i = 0; i < list.length; i += BATCH) {
        const items: Item[] = [];
        for (let k = i; k < Math.min(list.length, i + BATCH); k++) {
          const v = list[k] as Record<string, unknown>;
          const inp = ownOutput
            ? v.input !== null && typeof v.input === 'object' && !Array.isArray(v.input)
              ? (v.input as Record<string, unknown>)
              : undefined
            : v;
          const it = objectItem(v, textField, o, name, undefined, k + 1, k + 1, inp, repeats);
          if (it === null) {
            o.note(`${name}: record ${k + 1} skipped (no string "${textField}")`);
            continue;
          }
          if (inp) for (const c of Object.keys(inp)) if (!cols.includes(c)) cols.push(c);
          items.push(it);
        }
        yield items;
      }
    },
  };
}

/** Rows of a table (CSV or sheet) → items: the text column, the id column or the row number. */
type PickColumn = (typeof import('./csv.js'))['pickColumn'];

function tableRows(name: string, o: ClassifyInputOptions, pickColumn: PickColumn, titleAbove = false) {
  let textCol = '';
  let idCol: string | undefined;
  const empty: number[] = [];
  const noId: number[] = [];
  const repeats = new IdRepeats();
  const lists = new ListCells();
  return {
    /** The text and id columns (once the header is read). */
    get textColumn() {
      return textCol;
    },
    get idColumn() {
      return idCol;
    },
    header(h: string[], renamed: Renamed[] = []) {
      // Repeated names are made unique (Texte, Texte_2): said, so that the second is not lost in silence.
      if (renamed.length > 0)
        o.note(`${name}: ${renamed.map((r) => `column ${r.column} has the same name as column ${r.first} ("${r.name}"): read as "${r.as}"`).join('; ')}`);
      try {
        textCol = pickColumn(h, o.textColumn, TEXT_COLUMNS, 'text', name);
      } catch (e) {
        // Row 1 reads as a title over the table: the fix is to delete it.
        if (titleAbove && e instanceof InputError)
          throw new InputError(
            `${e.message.replace(/; pass --text-column NAME$/, '')}; row 1 looks like a title: delete the title rows above the header, or pass --text-column NAME`,
            name,
          );
        throw e;
      }
      if (o.textColumn === undefined) {
        // Two known text columns (a repeated name made unique is one too): the first of the list wins, and the others are named.
        const known = (x: string) => TEXT_COLUMNS.some((t) => normalizeColumnName(t) === normalizeColumnName(x));
        const others = h.filter((x) => x !== textCol && (known(x) || renamed.some((r) => r.as === x && known(r.name))));
        if (others.length > 0)
          o.note(
            `${name}: text column "${textCol}", the first found of ${TEXT_COLUMNS.join(', ')} (also there: ${others.map((x) => `"${x}"`).join(', ')}); pass --text-column NAME to choose`,
          );
      }
      idCol = idColumnOf(h, o.idColumn, name, pickColumn);
      if (idCol === undefined) o.note(`${name}: ${NO_ID}`);
    },
    item(row: number, record: Record<string, string>): Item {
      const text = record[textCol] ?? '';
      lists.see(text, row);
      if (idCol === undefined) return { id: String(row), text, input: record };
      const id = record[idCol] ?? '';
      if (id.trim() === '') noId.push(row);
      else repeats.see(id, row);
      return { id, text, input: record };
    },
    empty,
    summary: (): string[] => {
      const rows = (a: number[]) => `row${a.length === 1 ? '' : 's'} ${firstFew(a, 10)}`;
      const out: string[] = [];
      if (empty.length > 0)
        out.push(`${name}: ${empty.length} empty row${empty.length === 1 ? '' : 's'} skipped (${rows(empty)}); the ids of the other rows are unchanged`);
      if (noId.length > 0)
        out.push(
          `${name}: ${noId.length} record${noId.length === 1 ? ' has' : 's have'} an empty id (column "${idCol}", ${rows(noId)}); fill it in to tell them apart`,
        );
      out.push(...repeats.summary(name, 'row', `column "${idCol}"`));
      const listNote = lists.note('row');
      if (listNote) out.push(`${name}: ${listNote}`);
      return out;
    },
  };
}

function csvItems(source: AsyncIterable<Buffer>, name: string, o: ClassifyInputOptions, csv: typeof import('./csv.js'), place?: HeaderPlace): Parts {
  let headers: string[] = [];
  const rows = tableRows(name, o, csv.pickColumn, place?.titleAbove ?? false);
  const { readCsv } = csv;
  return {
    columns: () => headers,
    summary: rows.summary,
    items: async function* () {
      let batch: Item[] = [];
      for await (const r of readCsv(source, {
        file: name,
        ...(o.encoding ? { encoding: o.encoding } : {}),
        ...(o.delimiter ? { delimiter: o.delimiter } : {}),
        ...(place && place.at > 0 ? { headerAt: place.at } : {}),
        ...(place?.sub !== undefined ? { skipSubHeader: true } : {}),
        onHeader: (h, renamed) => {
          headers = h;
          rows.header(h, renamed);
        },
        onEmptyRow: (row) => rows.empty.push(row),
      })) {
        batch.push(rows.item(r.row, r.record));
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
  };
}

async function xlsxInput(file: string, name: string, o: ClassifyInputOptions): Promise<OpenedInput> {
  const bytes = await readFile(file);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const { readXlsxTable } = await import('./excel.js');
  const t = await readXlsxTable(bytes, name, o.sheet, { names: [o.textColumn, o.idColumn] });
  if (o.sheet === undefined && t.hidden.length > 0)
    o.note(`${name}: read sheet "${t.sheet}", the first visible one (hidden sheets skipped: ${t.hidden.join(', ')}); pass --sheet NAME to choose`);
  else if (o.sheet === undefined && t.sheets.length > 1)
    o.note(`${name}: read sheet "${t.sheet}", the first of ${t.sheets.length} (${t.sheets.join(', ')}); pass --sheet NAME to choose`);
  if (t.headerRow > 1) o.note(`${name}: header on row ${t.headerRow} (${aboveHeader(t.top, t.headerRow - 1, t.headerRow)}): read from there`);
  if (t.subHeaderRow !== undefined) o.note(`${name}: ${subHeaderNote(t.subHeaderRow, t.subHeaderCells ?? [])}`);
  let to = o;
  const known = TEXT_COLUMNS.map(normalizeColumnName);
  if (o.textColumn === undefined && !t.headers.some((h) => known.includes(normalizeColumnName(h)))) {
    const g = guessTextColumn(
      t.headers,
      t.rows.slice(0, 50).map((r) => t.headers.map((h) => r.record[h] ?? '')),
    );
    if (g !== undefined) {
      to = { ...o, textColumn: g };
      o.note(`${name}: text column guessed: "${g}" (longest free text; --text-column to choose)`);
    }
  }
  const rows = tableRows(name, to, (await import('./csv.js')).pickColumn, t.titleAbove);
  try {
    rows.header(t.headers, t.renamed);
  } catch (e) {
    // Name the sheet: the user may have meant another one.
    if (e instanceof InputError && t.sheets.length > 1 && o.sheet === undefined)
      throw new InputError(`sheet "${t.sheet}": ${e.message}; or pass --sheet NAME (sheets: ${t.sheets.join(', ')})`, name);
    throw e;
  }
  // A formula never computed has no text: refused in a column that is read, said (read as empty) elsewhere.
  const read = [rows.textColumn, rows.idColumn];
  const bad = t.unread.find((u) => read.includes(u.column));
  if (bad)
    throw new InputError(
      bad.what === 'formula'
        ? `cell ${bad.address} is a formula without a computed value (the file was written by a program and never opened in a spreadsheet); open and save it in Excel or LibreOffice, or export the sheet as CSV`
        : `cell ${bad.address} holds a value that is not text, a number or a date; type its text in, or export the sheet as CSV`,
      name,
    );
  if (t.unread.length > 0) {
    const cells = t.unread.map((u) => u.address);
    o.note(
      `${name}: ${cells.length} cell${cells.length === 1 ? ' has' : 's have'} no computed value (${cells.length > 3 ? `${cells.slice(0, 3).join(', ')}, …` : cells.join(', ')}: formulas never computed): read as empty`,
    );
  }
  // A merged range is read once, on its first row (its other cells are empty): said when it covers the text.
  const merged = t.merges.filter((m) => m.columns.includes(rows.textColumn));
  if (merged.length > 0) {
    const m = merged[0]!;
    o.note(
      merged.length === 1
        ? `${name}: cells ${m.range} are merged: read once, on row ${m.row} (as Excel's CSV export does)`
        : `${name}: ${merged.length} merged ranges in column "${rows.textColumn}" (${merged
            .slice(0, 3)
            .map((x) => x.range)
            .join(', ')}${merged.length > 3 ? ', …' : ''}): each read once, on its first row (as Excel's CSV export does)`,
    );
  }
  rows.empty.push(...t.emptyRows);
  const hiddenNote = (await import('./excel.js')).hiddenRowsNote(t.sheet, t.hiddenRows);
  if (hiddenNote !== null) o.note(`${name}: ${hiddenNote}`);
  return {
    kind: 'xlsx',
    name,
    sha256: () => sha,
    columns: () => t.headers,
    summary: rows.summary,
    items: async function* () {
      for (let i = 0; i < t.rows.length; i += BATCH) yield t.rows.slice(i, i + BATCH).map((r) => rows.item(r.row, r.record));
    },
  };
}

/**
 * The bundled or a given report. A file that is not one is refused with the way forward: a PDF
 * (classify reads a PDF only as the report: another document's text is read one verbatim per
 * line), a text taken for the report by one of its lines (`by`) that has no verbatims under the
 * report's headings (--input text).
 */
async function reportInput(
  file: string | undefined,
  o: ClassifyInputOptions,
  how: { pdf?: boolean; by?: { line: number; text: string } } = {},
): Promise<OpenedInput> {
  const { loadReport, NotAReportInputError } = await import('./report.js');
  const by = how.by;
  const taken = by ? `read as the CNR Santé report for its line ${by.line} ("${clip(by.text, 60, '...')}")` : '';
  let report;
  try {
    report = await loadReport(file, { note: o.note, ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
  } catch (e) {
    if (e instanceof NotAReportInputError && how.pdf)
      throw new InputError(
        'not a CNR Santé report (no regional thématique sections "1.2 Thématique 1 : …" nor département sections "2.1 Charente (16)"), and classify reads a PDF only as that report; for another document, save its text and give the .txt (one verbatim per line)',
        e.file,
      );
    if (e instanceof NotAReportInputError && by)
      throw new InputError(`${taken}, but it is not one (no section of the report's layout); pass --input text to read it one verbatim per line`, e.file);
    throw e;
  }
  if (by && report.verbatims.length === 0)
    throw new InputError(`${taken}, but no verbatims under the report's headings; pass --input text to read it one verbatim per line`, displayName(file!));
  return {
    kind: 'report',
    name: report.source.file,
    sha256: () => report.source.sha256,
    columns: () => ['departement', 'workshop', 'section_thematique', 'section_kind', 'line'],
    summary: () => [],
    items: async function* () {
      const vs = report.verbatims;
      for (let i = 0; i < vs.length; i += BATCH)
        yield vs.slice(i, i + BATCH).map((v) => ({
          id: v.id,
          text: v.text,
          input: { departement: v.departement, workshop: v.workshop, section_thematique: `t${v.thematique}`, section_kind: v.kind, line: v.prov.line },
        }));
    },
  };
}
