/**
 * The data model of a CNR Santé report. Read this file first.
 *
 * A `Report` is what `ingest` produces from a text or PDF report: the regional synthesis
 * (section 1), one `Departement` per département section (2.x), one `Workshop` per workshop
 * report (2.x.y) and the `Verbatim`s (bullet items) of those workshop reports.
 * Every number read from the report carries its provenance (`line`, and `page` for PDF input)
 * so that `audit` can point at it.
 *
 * Labels are kept exactly as printed (whitespace runs collapsed, wrapped lines joined with one
 * space). Where a département's synthesis words a category differently from the regional table,
 * the row carries the regional (canonical) `label` and keeps its `printed` form.
 */

export const THEMATIQUE_IDS = [1, 2, 3, 4] as const;
export type ThematiqueId = (typeof THEMATIQUE_IDS)[number];

/** problème (constats, problématiques) vs solution (solutions, propositions, leviers). */
export const KINDS = ['probleme', 'solution'] as const;
export type Kind = (typeof KINDS)[number];

/** The three levels of the analysts' scheme: the template's sujets, then group → idea. */
export const LEVELS = ['sujet', 'group', 'idea'] as const;
export type Level = (typeof LEVELS)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The participants table columns, in the order the template prints them. */
export const PARTICIPANT_FIELDS = ['elus', 'institutionnels', 'professionnels', 'associations', 'usagers', 'autres'] as const;
export type ParticipantField = (typeof PARTICIPANT_FIELDS)[number];

/** Where a thing was read: 1-based line of the normalised line stream; page for PDF input. */
export interface Provenance {
  line: number;
  /** Last line when the thing spans several lines (wrapped labels, quote blocks). */
  endLine?: number;
  page?: number;
}

export interface Source {
  /** File name as given (basename; never an absolute path, for determinism). */
  file: string;
  sha256: string;
  kind: 'text' | 'pdf';
  /** Page count for PDF input, null for text. */
  pages: number | null;
  /** Number of lines in the normalised line stream. */
  lines: number;
  /** Detected or forced text encoding (utf-8, utf-16le, utf-16be, windows-1252). */
  encoding: string;
}

export interface Thematique {
  id: ThematiqueId;
  /** Full title as printed in the regional section heading, e.g. "donner à tous un accès …". */
  title: string;
  prov: Provenance;
}

/** One "label … count" row of a published table. */
export interface CountRow {
  /** Canonical label: as printed in the regional table (identical to `printed` there). */
  label: string;
  /** As printed at this place (differs from `label` for the known wording variants). */
  printed: string;
  count: number;
  prov: Provenance;
}

export interface Quote {
  text: string;
  prov: Provenance;
}

export interface Idea extends CountRow {
  /** "Ex : « … »" example verbatims printed under the idea (regional synthesis only). */
  quotes: Quote[];
}

export interface Group extends CountRow {
  ideas: Idea[];
}

/** One thématique × kind block of a synthesis. */
export interface Branch {
  thematique: ThematiqueId;
  kind: Kind;
  /** The template's sujets table (regional synthesis only; empty in départemental ones). */
  sujets: CountRow[];
  groups: Group[];
  prov: Provenance;
}

/** A synthesis (regional or départemental): the branches that are present, in print order. */
export interface Synthesis {
  branches: Branch[];
  prov: Provenance | null;
}

/** A row of the regional "Département / Nombre d'ateliers organisés" table. */
export interface WorkshopCountRow {
  departement: string;
  name: string;
  count: number;
  prov: Provenance;
}

export interface ContributionRow {
  thematique: ThematiqueId;
  count: number;
  /** Percent as printed (integer), e.g. 50 for "50%". */
  percent: number;
  prov: Provenance;
}

export interface Region {
  /** Region name as read from the report, e.g. "Nouvelle-Aquitaine". */
  name: string | null;
  /** Total workshops stated in the introduction sentence ("47 ateliers ont été organisés …"). */
  announcedWorkshops: number | null;
  /** The period the introduction states ("en novembre et décembre 2022"): months 1–12 and year. */
  announcedPeriod: { months: number[]; year: number; text: string; prov: Provenance } | null;
  workshopsTable: WorkshopCountRow[];
  workshopsTotal: { count: number; prov: Provenance } | null;
  contributions: ContributionRow[];
  contributionsTotal: { count: number; percent: number; prov: Provenance } | null;
  thematiques: Thematique[];
  synthesis: Synthesis;
}

/** A row of a département's "Département Lieu Jour Horaires" table. */
export interface WorkshopTableRow {
  lieu: string;
  /** The "Jour" cell as printed. */
  jour: string;
  /** ISO date when the year is printed, else null (see `jour`). */
  date: string | null;
  horaires: string;
  prov: Provenance;
}

export interface Departement {
  /** Code as printed, e.g. "16", "2A". */
  code: string;
  name: string;
  /** Section number, e.g. "2.1". */
  section: string;
  /** "Trois ateliers ont été organisés en Charente" → 3; null when absent. */
  announcedWorkshops: number | null;
  workshopsTable: WorkshopTableRow[];
  synthesis: Synthesis;
  prov: Provenance;
}

export interface Participants {
  elus: number | null;
  institutionnels: number | null;
  professionnels: number | null;
  associations: number | null;
  usagers: number | null;
  autres: number | null;
  total: number | null;
  /** Cells as printed ("NC", "", "12", stray characters), keyed like the numbers. */
  raw: Partial<Record<ParticipantField | 'total', string>>;
  prov: Provenance;
}

export interface Workshop {
  /** Section id, e.g. "2.1.2". */
  section: string;
  departement: string;
  /** Heading as printed, e.g. "Angoulême". */
  title: string;
  /** "Lieu :" as printed, else the heading. */
  lieu: string;
  /** "Jour :" as printed. */
  jour: string | null;
  /** ISO date when the year is known, else null. */
  date: string | null;
  horaires: string | null;
  participants: Participants | null;
  /** Attendance figures stated in the report's free text ("Il y a eu 101 participants"). */
  statedAttendance: Array<{ count: number; phrase: string; qualified: boolean; prov: Provenance }>;
  prov: Provenance;
}

export interface Verbatim {
  /** Stable id: `<workshop section>-<thematique><p|s>-<n>`, e.g. "2.1.2-1s-03". */
  id: string;
  departement: string;
  workshop: string;
  thematique: ThematiqueId;
  kind: Kind;
  text: string;
  prov: Provenance & { file: string };
}

/** Notes the parser makes about what it could not read (a fragment, an unknown label…). */
export interface ParseNote {
  code: string;
  message: string;
  line?: number;
  /** Structured facts for audit's finding (e.g. the section numbers of a `section-sequence` note). */
  detail?: Record<string, unknown>;
}

export interface Report {
  source: Source;
  region: Region;
  departements: Departement[];
  workshops: Workshop[];
  verbatims: Verbatim[];
  notes: ParseNote[];
}

/**
 * A finding of `audit`: data with a stable code; the sentence is written by the renderer.
 * e.g. {code: 'participants-total', severity: 'error', section: '2.5.4', lines: [4694, 4706],
 *       expected: 105, found: 104}
 */
export interface Finding {
  code: string;
  severity: Severity;
  section: string | null;
  lines: number[];
  pages?: number[];
  expected?: number | string | null;
  found?: number | string | null;
  /** Extra structured facts the renderer may use (labels, départements…). */
  detail?: Record<string, unknown>;
}

/** One flat row of `tables`: one per published (or recomputed) count. */
export interface TableRow {
  scope: 'region' | 'departement';
  departement: string | null;
  thematique: ThematiqueId;
  kind: Kind;
  level: Level;
  group: string | null;
  /** Canonical (regional) label. */
  label: string;
  /** As printed at this place (a départemental wording variant differs from `label`). */
  printed: string;
  count: number;
  percent: number | null;
  /** What `percent` is a share of, e.g. "group" (the parent group's count). */
  denominator: number | null;
  line: number;
  page?: number;
}

/**
 * A team-coded line (data/labels/README.md): one JSON object per line of a `.jsonl` file, read by
 * io/coded.ts; every field but `text` is optional.
 */
export interface CodedLine {
  line: number;
  /** The verbatim's id (a report verbatim id for the workshop-coded set), when the file has one. */
  id?: string;
  text: string;
  thematique?: string;
  kind?: string;
  group?: string;
  idea?: string | null;
  status?: string;
  /** Training weight in (0, 1]: the line's `weight`, else its `confidence` (a traced label); absent: 1. */
  weight?: number;
}
