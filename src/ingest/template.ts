/**
 * The phrases of the national CNR Santé report template. These belong to the template, not to
 * a region: another region's report on the same template is read with the same phrases.
 * Regions, départements, thématique titles, sujets, groups and ideas are all read from the report.
 */

/** Page footer: "Synthèse des ateliers CNR Santé organisés en région <Région> <page>". */
export const FOOTER = /^\s*Synth[èe]se des ateliers CNR Sant[ée] organis[ée]s en r[ée]gion (.+?)\s+(\d{1,4})\s*$/i;

/** Numbered section heading "2.1.3 Cognac" (validated against the numbering sequence). */
export const NUMBERED_HEADING = /^\s*(\d{1,2}(?:\.\d{1,2}){1,2})\s+(\S.*?)\s*$/;

/** A thématique heading or table row: "Thématique 2 : garantir …" (title may wrap). */
export const THEMATIQUE = /^\s*Th[ée]matique\s+(\d)\s*:\s*(.*?)\s*$/i;

/** A département section title: "Charente (16)", "Corse-du-Sud (2A)". */
export const DEPARTEMENT_TITLE = /^(.+?)\s*\((\d[\dAB]|\d{3})\)\s*$/;

/** The départemental synthesis sub-section title. */
export const SYNTHESE_DEPARTEMENTALE = /synth[èe]se d[ée]partementale/i;

/** Regional sub-sections of a thématique: "Problématiques", "Solutions et propositions". */
export const SUBSECTION_PROBLEMES = /^probl[éeè]matiques$/i;
export const SUBSECTION_SOLUTIONS = /^solutions(?: et propositions)?$/i;
export const SUBSECTION_ENSEIGNEMENTS = /^principaux enseignements$/i;

/** Header of a sujets table: "Problématiques Nombre", "Solutions et propositions Nombre". */
export const SUJETS_HEADER = /^\s*(Probl[éeè]matiques|Solutions(?: et propositions)?)\s+Nombre\s*$/i;

/** Lines that open the group/idea list of a kind (regional and départemental wordings). */
export const ENTRIES_PROBLEMES = /^\s*Les ateliers ont tir[ée] les constats suivants/i;
export const ENTRIES_SOLUTIONS = /^\s*Les solutions et propositions (?:qui ont [ée]t[ée] formul[ée]es|co-construites)/i;

/** Template prose inside synthesis blocks, never a table row. */
export const SYNTHESIS_PROSE = [
  /^\s*Les ateliers ont trait[ée] des probl[ée]matiques suivantes/i,
  /^\s*Les solutions(?: et propositions)? qui ont [ée]t[ée] envisag[ée]es/i,
  /^\s*Le nombre indiqu[ée] [àa] droite correspond/i,
  /^\s*pr[ée]sent[ée]s [àa] titre d.illustration/i,
];

/** Start of an "Ex : « … »" block of example verbatims. */
export const EXAMPLE_START = /^\s*Ex\s*:\s*/;

/** Regional introduction: "47 ateliers ont été organisés en Région Nouvelle-Aquitaine". */
export const INTRO_WORKSHOPS = /^\s*(\d+)\s+ateliers ont [ée]t[ée] organis[ée]s/i;
/** Regional workshops table header and rows: "16 - Charente 3", "24 – Dordogne 4". */
export const WORKSHOPS_TABLE_HEADER = /^\s*D[ée]partement\s+Nombre d.ateliers/i;
export const WORKSHOPS_TABLE_ROW = /^\s*(\d[\dAB]|\d{3})\s*[-–]\s*(.+?)\s+(\d{1,3})\s*$/;
export const TOTAL_ROW = /^\s*Total\s*:?\s+(\d{1,3}(?:[ \u00a0\u202f]\d{3})*)\s*(?:(\d{1,3})\s*%)?\s*$/i;
/** "908 50%": a contributions count and its printed percent. */
export const COUNT_PERCENT = /^\s*(\d{1,3}(?:[ \u00a0\u202f]\d{3})*)\s+(\d{1,3})\s*%\s*$/;
/** The same at the end of a label line (PDF: the row's label lines joined onto its count and percent). */
export const COUNT_PERCENT_END = /\s(\d{1,3}(?:[ \u00a0\u202f]\d{3})*)\s+(\d{1,3})\s*%\s*$/;

/** Département: "Trois ateliers ont été organisés en Charente". */
export const ANNOUNCED_WORKSHOPS = /^\s*(\S+)\s+ateliers? (?:ont|a) [ée]t[ée] organis[ée]s?/i;
export const DEPARTEMENT_TABLE_HEADER = /^\s*D[ée]partement\s+Lieu\s+Jour\s+Horaires/i;

/** The first line of every workshop report, right under its heading. */
export const WORKSHOP_OPENER = /^\s*Pr[ée]sentation de l.atelier\s*$/i;

/** Workshop report fields. */
export const FIELD_LIEU = /^\s*Lieu\s*:\s*(.*?)\s*$/i;
export const FIELD_JOUR = /^\s*Jour\s*:\s*(.*?)\s*$/i;
export const FIELD_HORAIRES = /^\s*Horaires\s*:\s*(.*?)\s*$/i;
export const PARTICIPANTS_HEADER = /^\s*Participants\s+Nombre\s*$/i;
export const PARTICIPANT_ROWS: Array<[RegExp, 'elus' | 'institutionnels' | 'professionnels' | 'associations' | 'usagers' | 'autres' | 'total']> = [
  [/^\s*[ÉE]lus\b\s*:?\s*(.*?)\s*$/i, 'elus'],
  [/^\s*Institutionnels\b\s*:?\s*(.*?)\s*$/i, 'institutionnels'],
  [/^\s*Professionnels de sant[ée][^:\d]*:?\s*(.*?)\s*$/i, 'professionnels'],
  [/^\s*(?:Repr[ée]sentants d.)?associations\b\s*:?\s*(.*?)\s*$/i, 'associations'],
  [/^\s*Usagers\b[^:\d]*:?\s*(.*?)\s*$/i, 'usagers'],
  [/^\s*Autres\b\s*:?\s*(.*?)\s*$/i, 'autres'],
  [/^\s*Total\b\s*:?\s*(.*?)\s*$/i, 'total'],
];

/** Workshop report sub-headings that give the kind of the bullets below them. */
export const KIND_PROBLEMES = /^\s*Pr[ée]sentation des probl[ée]matiques/i;
export const KIND_SOLUTIONS = /^\s*Pr[ée]sentation des solutions/i;
/** "Description des leviers … ou les freins à lever": proposals, counted as solutions. */
export const KIND_LEVIERS = /^\s*Description des leviers/i;
/** Sub-headings that end the thématique part of a workshop report. */
export const WORKSHOP_END = /^\s*(Perspectives|Description des suites)\b/i;
