/**
 * Département sections (2.x): the announced workshop count, the "Département Lieu Jour Horaires"
 * table; and the workshop reports (2.x.y): fields, participants table and verbatims.
 */
import type { Kind, ParseNote, Participants, Provenance, ThematiqueId, Verbatim, Workshop, WorkshopTableRow } from '../model.js';
import type { SourceLine } from './lines.js';
import {
  ANNOUNCED_WORKSHOPS,
  DEPARTEMENT_TABLE_HEADER,
  FIELD_HORAIRES,
  FIELD_JOUR,
  FIELD_LIEU,
  KIND_LEVIERS,
  KIND_PROBLEMES,
  KIND_SOLUTIONS,
  PARTICIPANTS_HEADER,
  PARTICIPANT_ROWS,
  THEMATIQUE,
  WORKSHOP_END,
} from './template.js';
import { clean, DATE_SOURCE, frenchNumber, parseFrenchDate } from './text.js';

function p(l: SourceLine): Provenance {
  return l.page === undefined ? { line: l.n } : { line: l.n, page: l.page };
}

/** "101 participants", "42 personnes présentes", "38 personnes (hors ARS et préfecture)". */
const ATTENDANCE = /\b(\d{1,4})\s+(participants|personnes\s+pr[ée]sentes|personnes\s*\((hors[^)]*)\))/gi;

const ROW = new RegExp(`^(?<lieu>.+?)\\s+(?<jour>${DATE_SOURCE})(?:\\s+(?<horaires>.*?))?\\s*$`, 'i');

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The département header: announced count and the workshop table rows. */
export function parseDepartementHeader(lines: SourceLine[], code: string, name: string): { announced: number | null; rows: WorkshopTableRow[] } {
  let announced: number | null = null;
  const rows: WorkshopTableRow[] = [];
  let inTable = false;
  // The first row repeats "16 - Charente" (spacing and dashes vary: "17 - Charente - Maritime").
  const nameRe = name
    .split(/[\s\-–]+/)
    .map(escapeRe)
    .join('[\\s\\-–]+');
  const prefix = new RegExp(`^\\s*${escapeRe(code)}\\s*[-–]\\s*${nameRe}\\s+`, 'i');
  for (const l of lines) {
    const a = ANNOUNCED_WORKSHOPS.exec(l.text);
    if (a && announced === null) announced = frenchNumber(a[1]!);
    if (DEPARTEMENT_TABLE_HEADER.test(l.text)) {
      inTable = true;
      continue;
    }
    if (!inTable || l.text.trim() === '') continue;
    const rest = clean(l.text.replace(prefix, ''));
    const m = ROW.exec(rest);
    if (!m?.groups) continue;
    const jour = clean(m.groups.jour!);
    rows.push({
      lieu: clean(m.groups.lieu!),
      jour,
      date: parseFrenchDate(jour)?.iso ?? null,
      horaires: clean(m.groups.horaires ?? ''),
      prov: p(l),
    });
  }
  return { announced, rows };
}

function parseCell(raw: string): number | null {
  return /^\d{1,5}$/.test(raw) ? Number(raw) : null;
}

/** A workshop report: fields, participants, verbatims. */
export function parseWorkshop(
  lines: SourceLine[],
  section: string,
  departement: string,
  title: string,
  file: string,
): { workshop: Workshop; verbatims: Verbatim[] } {
  let lieu: string | null = null;
  let jour: string | null = null;
  let horaires: string | null = null;
  let participants: Participants | null = null;
  let inParticipants = false;
  for (const l of lines) {
    const t = l.text;
    if (/^\s*Thématique\s+\d/i.test(t)) break; // fields and participants come first
    let m: RegExpExecArray | null;
    if (lieu === null && (m = FIELD_LIEU.exec(t))) lieu = clean(m[1]!);
    else if (jour === null && (m = FIELD_JOUR.exec(t))) jour = clean(m[1]!);
    else if (horaires === null && (m = FIELD_HORAIRES.exec(t))) horaires = clean(m[1]!);
    if (PARTICIPANTS_HEADER.test(t)) {
      inParticipants = true;
      participants = {
        elus: null,
        institutionnels: null,
        professionnels: null,
        associations: null,
        usagers: null,
        autres: null,
        total: null,
        raw: {},
        prov: p(l),
      };
      continue;
    }
    if (inParticipants && participants && t.trim() !== '') {
      const hit = PARTICIPANT_ROWS.find(([re]) => re.test(t));
      if (!hit) {
        inParticipants = false;
        continue;
      }
      const [re, field] = hit;
      // The provenance of the table spans its first row to its Total row.
      if (Object.keys(participants.raw).length === 0) participants.prov.line = l.n;
      const raw = clean(re.exec(t)![1] ?? '');
      participants.raw[field] = raw;
      participants[field] = parseCell(raw);
      if (field === 'total') {
        participants.prov.endLine = l.n;
        inParticipants = false;
      }
    }
  }
  const statedAttendance: Workshop['statedAttendance'] = [];
  for (const l of lines) {
    for (const m of l.text.matchAll(ATTENDANCE)) {
      statedAttendance.push({ count: Number(m[1]), phrase: clean(m[0]), qualified: m[3] !== undefined, prov: p(l) });
    }
  }
  const date = jour ? parseFrenchDate(jour) : null;
  const workshop: Workshop = {
    section,
    departement,
    title,
    lieu: lieu ?? title,
    jour,
    date: date?.iso ?? null,
    horaires,
    participants,
    statedAttendance,
    prov: p(lines[0]!),
  };
  return { workshop, verbatims: readVerbatims(lines, section, departement, file) };
}

/**
 * A workshop report prints its thématiques in increasing order (some are skipped, none comes
 * back): "Thématique 1" after "Thématique 4" in one section means two reports ran together (a
 * lost page took a heading and the report's first lines). Null when the order holds.
 */
export function thematiqueOrderNote(lines: SourceLine[], section: string): ParseNote | null {
  let prev: { n: number; line: number } | null = null;
  for (const l of lines) {
    const th = THEMATIQUE.exec(l.text);
    if (!th) continue;
    const n = Number(th[1]);
    if (n < 1 || n > 4) continue;
    if (prev && n <= prev.n) {
      return {
        code: 'workshop-thematique-order',
        message: `section ${section}: "Thématique ${n}" at line ${l.n} follows "Thématique ${prev.n}" (line ${prev.line}): two workshop reports run together (a heading lost?)`,
        line: l.n,
        detail: { section, found: n, previous: prev.n, previousLine: prev.line },
      };
    }
    prev = { n, line: l.n };
  }
  return null;
}

/**
 * A workshop report prints verbatims under its thématique headings: every one of the report's 46
 * reports with a "Thématique N" heading has at least one (14 headings have none of their own, so
 * this is checked per report, not per thématique). A report with headings and no verbatim read is
 * a misread (its items not seen as items). Null when it holds.
 */
export function noVerbatimsNote(lines: SourceLine[], section: string, title: string, verbatims: number): ParseNote | null {
  if (verbatims > 0) return null;
  const headings = lines.filter((l) => THEMATIQUE.test(l.text));
  if (headings.length === 0) return null;
  const first = headings[0]!;
  return {
    code: 'workshop-no-verbatims',
    message: `section ${section} "${title}": ${headings.length} thématique heading${headings.length > 1 ? 's' : ''} (first at line ${first.n}) and no verbatim read: its items were not seen as items`,
    line: first.n,
    detail: { section, title, headings: headings.length },
  };
}

/**
 * Bullet items under "Thématique N" headings, up to "Perspectives". The kind comes from the
 * sub-heading: "Présentation des problématiques…" → probleme; "Présentation des solutions…" and
 * "Description des leviers…/freins à lever" → solution. Items before any sub-heading take the
 * kind "probleme" when they are questions, else "solution" (noted in the README).
 * An item is a line starting with a space; the column-0 lines that follow it without a blank
 * line, or after a blank line when they start in lower case, are its wrapped continuation.
 * Sub-items ("- …") are verbatims of their own.
 */
export function readVerbatims(lines: SourceLine[], section: string, departement: string, file: string): Verbatim[] {
  const out: Verbatim[] = [];
  let thematique: ThematiqueId | null = null;
  let kind: Kind | null = null;
  let item: { parts: string[]; first: SourceLine; last: SourceLine; kind: Kind | null } | null = null;
  let prevBlank = true;
  const seq = new Map<string, number>();

  const flush = () => {
    if (!item || thematique === null) {
      item = null;
      return;
    }
    const text = clean(item.parts.join(' '));
    if (text.length > 0) {
      const k: Kind = item.kind ?? (/\?\s*$/.test(text) ? 'probleme' : 'solution');
      const key = `${thematique}${k[0]}`;
      const n = (seq.get(key) ?? 0) + 1;
      seq.set(key, n);
      const prov: Verbatim['prov'] = { file, line: item.first.n };
      if (item.last.n !== item.first.n) prov.endLine = item.last.n;
      if (item.first.page !== undefined) prov.page = item.first.page;
      out.push({ id: `${section}-${key}-${String(n).padStart(2, '0')}`, departement, workshop: section, thematique, kind: k, text, prov });
    }
    item = null;
  };

  for (const l of lines) {
    const t = l.text;
    if (t.trim() === '') {
      prevBlank = true;
      continue;
    }
    const th = THEMATIQUE.exec(t);
    if (th && Number(th[1]) >= 1 && Number(th[1]) <= 4) {
      flush();
      thematique = Number(th[1]) as ThematiqueId;
      kind = null;
      prevBlank = false;
      continue;
    }
    if (thematique === null) continue;
    if (WORKSHOP_END.test(t)) {
      flush();
      thematique = null;
      continue;
    }
    if (KIND_PROBLEMES.test(t) || KIND_SOLUTIONS.test(t) || KIND_LEVIERS.test(t)) {
      flush();
      kind = KIND_PROBLEMES.test(t) ? 'probleme' : 'solution';
      prevBlank = false;
      // "Description des leviers … pour la mise en œuvre des" wraps: swallow its continuation.
      item = null;
      continue;
    }
    const bullet = /^\s+\S/.test(t) || /^-\s/.test(t);
    if (bullet) {
      flush();
      item = { parts: [t.replace(/^\s*(?:-\s+)?/, '')], first: l, last: l, kind };
    } else if (item && (!prevBlank || /^[a-zà-ÿ(«"]/.test(t))) {
      item.parts.push(t);
      item.last = l;
    } else {
      // A column-0 line after a blank: a topic sub-heading or prose, not a bullet item.
      flush();
    }
    prevBlank = false;
  }
  flush();
  return out;
}
