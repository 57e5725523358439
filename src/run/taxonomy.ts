/**
 * `cnr-synth taxonomy`: the work behind the command (src/commands/taxonomy.ts holds the options):
 * the scheme of a report as JSON (the taxonomy file of `train` and `classify`), CSV or a table.
 */
import { UsageError } from '../errors.js';
import { note } from '../io/stdio.js';
import { INDENT } from '../wording.js';

export interface TaxonomyOptions {
  format?: string;
  excelFr?: boolean;
  output?: string;
  encoding?: string;
  password?: string;
  /** Colour on a terminal (the global --no-color turns it off). */
  color: boolean;
}

const COLUMNS = ['id', 'level', 'thematique', 'kind', 'label', 'count', 'aliases', 'quotes', 'line'];

export async function runTaxonomy(file: string | undefined, o: TaxonomyOptions): Promise<number> {
  const { emit, outputFormat } = await import('../io/output.js');
  const format = outputFormat(o, ['table', 'json', 'csv'], { tty: 'table', pipe: 'json' });
  const { loadReport } = await import('../io/report.js');
  const { buildTaxonomy, taxonomyRows } = await import('../classify/taxonomy.js');
  const report = await loadReport(file, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.password ? { password: o.password } : {}) });
  const tax = buildTaxonomy(report);
  if (tax.branches.length === 0) throw new UsageError('this report has no regional synthesis branches: no scheme to extract', report.source.file);
  let out: string;
  if (format === 'json') {
    const { toJson } = await import('../render/json.js');
    out = toJson(tax);
  } else {
    const rows = taxonomyRows(tax) as unknown as Record<string, unknown>[];
    if (format === 'csv') {
      const { toCsv } = await import('../render/csv.js');
      out = toCsv(
        rows,
        COLUMNS.map((key) => ({ key })),
        { excelFr: o.excelFr ?? false },
      );
    } else {
      const { toTable } = await import('../render/table.js');
      const { colorEnabled } = await import('../io/color-policy.js');
      const color = colorEnabled('stdout', { color: o.color }) && !o.output;
      const shown = rows.map((r) => ({
        ...r,
        label: r.level === 'idea' ? `${INDENT}· ${String(r.label)}` : r.level === 'sujet' ? `${INDENT}(sujet) ${String(r.label)}` : r.label,
      }));
      const t = tax.totals;
      out = toTable(
        shown,
        ['id', 'label', 'count', 'aliases', 'quotes'].map((key) => ({ key })),
        {
          color,
          title: `${report.source.file} — ${t.groups} groups, ${t.ideas} ideas, ${t.quotes} quotes, ${t.sujets} sujets, ${t.aliases} aliases`,
        },
      );
    }
  }
  await emit(out, o.output);
  if (tax.unmatched.length) note(`${tax.unmatched.length} départemental label(s) match no regional node (see "unmatched" in the JSON)`);
  return 0;
}
