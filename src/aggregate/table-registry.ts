/**
 * The tables `cnr-synth tables` writes: for each, its columns (in output order), the key columns
 * that identify a row and the value columns compared by `--check`, the values a key may take,
 * and the scopes its rows have. One registry, so that columns are named, never sliced by position.
 */
import { PARTICIPANT_FIELDS } from '../model.js';

export type TableName = 'counts' | 'contributions' | 'workshops';
export type Scope = 'region' | 'departement';

export interface TableSpec {
  columns: string[];
  /** Columns with --recompute (null: the table has no recomputed form). */
  recomputeColumns: string[] | null;
  /** The columns identifying a row (the --check join). */
  keys: string[];
  /** The allowed values of key columns (a --check file with another value is refused). */
  allowed: Record<string, readonly string[]>;
  /** The scopes of the table's rows. */
  scopes: readonly Scope[];
  /** XLSX: the percent column holds whole percents (as printed). */
  integerPercent: boolean;
}

/** The columns whose values `--check` compares, wherever a table has them. */
const CHECKED_VALUES = ['count', 'recomputed', 'percent', 'percent_recomputed', 'total', 'date'];

/** The columns that identify a row of the counts (also of `--source classified`). */
const COUNT_KEYS = ['scope', 'departement', 'thematique', 'kind', 'level', 'group', 'label'];

export const TABLES: Record<TableName, TableSpec> = {
  counts: {
    columns: [...COUNT_KEYS, 'printed', 'count', 'percent', 'denominator', 'line', 'page'],
    recomputeColumns: [...COUNT_KEYS, 'printed', 'count', 'recomputed', 'delta', 'percent', 'percent_lr', 'denominator', 'line', 'page'],
    keys: [...COUNT_KEYS],
    allowed: { scope: ['region', 'departement'], kind: ['probleme', 'solution'], level: ['sujet', 'group', 'idea'], thematique: ['1', '2', '3', '4'] },
    scopes: ['region', 'departement'],
    integerPercent: false,
  },
  contributions: {
    columns: ['scope', 'thematique', 'label', 'count', 'percent', 'denominator', 'line', 'page'],
    recomputeColumns: ['scope', 'thematique', 'label', 'count', 'percent', 'percent_exact', 'percent_recomputed', 'denominator', 'line', 'page'],
    keys: ['scope', 'thematique'],
    allowed: {},
    scopes: ['region'],
    integerPercent: true,
  },
  workshops: {
    columns: ['departement', 'section', 'title', 'lieu', 'jour', 'date', 'horaires', ...PARTICIPANT_FIELDS, 'total', 'line', 'page'],
    recomputeColumns: null,
    // lieu too: a workshop with no write-up has no section.
    keys: ['departement', 'section', 'lieu'],
    allowed: {},
    scopes: ['departement'],
    integerPercent: false,
  },
};

/** The columns of `--source classified` (counts only). */
export function classifiedColumns(compare: boolean): string[] {
  return [...COUNT_KEYS, 'count', 'percent', 'denominator', ...(compare ? ['published', 'delta'] : [])];
}
export const CORRELATION_COLUMNS = ['scope', 'departement', 'thematique', 'kind', 'level', 'spearman', 'n'];

export function tableColumns(table: TableName, recompute: boolean): string[] {
  const t = TABLES[table];
  return recompute && t.recomputeColumns ? t.recomputeColumns : t.columns;
}

export function checkedValues(columns: string[]): string[] {
  return columns.filter((c) => CHECKED_VALUES.includes(c));
}

/**
 * What filters a request may combine, as a refusal (null when fine): a table honours only the
 * filters its rows can meet, and --recompute rows are regional (published vs Σ départements).
 */
export function filterConflict(table: TableName, o: { recompute?: boolean; departement?: string; scope?: string }): string | null {
  const scope = o.scope && o.scope !== 'all' ? o.scope : null;
  if (o.recompute) {
    if (!TABLES[table].recomputeColumns) return '--recompute applies to --table counts and contributions';
    const drop = o.departement ? '--departement' : scope === 'departement' ? '--scope departement' : null;
    if (drop) return `--recompute compares the regional rows with the sum of the départements: drop ${drop}`;
  }
  const scopes = TABLES[table].scopes;
  if (!scopes.includes('departement') && o.departement) return `--table ${table} has regional rows only: drop --departement`;
  if (scope && !scopes.includes(scope as Scope))
    return `--table ${table} has ${scopes[0] === 'region' ? 'regional' : 'département'} rows only: drop --scope ${scope}`;
  return null;
}

/**
 * An expected (--check) file written with narrower filters than this run: all its rows have one
 * scope, or one département, that this run's rows go beyond. Its refusal, or null.
 */
export function checkScopeMismatch(file: string, expected: Array<Record<string, unknown>>, actual: Array<Record<string, unknown>>): string | null {
  if (expected.length === 0) return null;
  const values = (rows: Array<Record<string, unknown>>, k: string) => new Set(rows.map((r) => String(r[k] ?? '')));
  if ('departement' in expected[0]!) {
    const ed = values(expected, 'departement');
    const ad = values(actual, 'departement');
    if (ed.size === 1 && [...ed][0]!.trim() !== '' && ad.size > 1) {
      const code = [...ed][0]!.trim();
      return `${file} holds only the rows of département ${code}: add --departement ${code}`;
    }
  }
  if ('scope' in expected[0]!) {
    const es = values(expected, 'scope');
    const as = values(actual, 'scope');
    if (es.size === 1 && as.size > 1) {
      const s = [...es][0]!;
      return `${file} holds only ${s === 'departement' ? 'département' : s} rows: add --scope ${s}`;
    }
  }
  return null;
}
