/**
 * The column (and NDJSON field) names `classify` looks for when none is given, in order of
 * preference; matched case-, accent- and separator-insensitively (normalizeColumnName,
 * below). No imports: `--help` shows them without loading a reader.
 */
export const TEXT_COLUMNS = ['text', 'texte', 'verbatim', 'contribution'];
/** Id columns: "id" first (as before), then the usual French survey exports ("Identifiant", "N°", "Numéro", "ID réponse"). */
export const ID_COLUMNS = ['id', 'identifiant', 'n°', 'no', 'numéro', 'num', 'id réponse', 'id de la réponse', 'réponse id'];

/** Lower case, no accents, `_`/`-`/spaces/apostrophes collapsed: "Texte_du verbatim" ~ "texte du verbatim". */
export function normalizeColumnName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_\-'’.]+/g, ' ')
    .trim();
}
