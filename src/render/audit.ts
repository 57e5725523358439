/**
 * The render entry for `cnr-synth audit`: findings → terminal table, JSON, NDJSON, Markdown or
 * XLSX. The wording (messages, summary, severity words, English or French) is in ./findings.ts.
 */
import type { Finding } from '../model.js';
import { severityHeading, summary, toMarkdown, withMessages, type Lang } from './findings.js';
import { toJson, toNdjson } from './json.js';
import type { Meta } from './records.js';

export type AuditFormat = 'table' | 'json' | 'ndjson' | 'markdown' | 'xlsx';

/** `shown`: the findings at or above --severity; `all`: every finding (the summary counts them all). */
export async function renderAudit(
  shown: Finding[],
  all: Finding[],
  format: AuditFormat,
  opts: { meta: Meta; file: string; color: boolean; lang: Lang; output?: string | undefined },
): Promise<string | Buffer> {
  const { lang } = opts;
  if (format === 'xlsx') {
    const { toXlsx, metaSheet } = await import('./xlsx.js');
    const rows = withMessages(shown, lang).map((x) => ({
      ...x,
      lines: x.lines.join(', '),
      pages: x.pages?.join(', ') ?? null,
      detail: x.detail ? JSON.stringify(x.detail) : null,
    }));
    const columns = ['code', 'severity', 'section', 'lines', 'pages', 'message', 'expected', 'found', 'detail'].map((key) => ({
      key,
      ...(key === 'expected' || key === 'found' ? {} : { kind: 'text' as const }),
    }));
    return toXlsx(
      [
        { name: 'findings', columns: shown.some((x) => x.pages) ? columns : columns.filter((c) => c.key !== 'pages'), rows },
        metaSheet({ ...opts.meta, summary: summary(all, lang) }),
      ],
      { output: opts.output },
    );
  }
  if (format === 'json') return toJson({ meta: opts.meta, summary: summary(all, lang), findings: withMessages(shown, lang) });
  if (format === 'ndjson') return toNdjson(withMessages(shown, lang));
  if (format === 'markdown') return toMarkdown(shown, opts.file, all, lang);
  const { toTable } = await import('./table.js');
  const { paint } = await import('../io/color.js');
  const c = paint(opts.color);
  const parts: string[] = [];
  for (const sev of ['error', 'warning', 'info'] as const) {
    const xs = withMessages(
      shown.filter((x) => x.severity === sev),
      lang,
    );
    if (xs.length === 0) continue;
    const word = lang === 'fr' ? severityHeading(sev, 'fr') : sev === 'info' ? sev : `${sev}s`;
    const head =
      sev === 'error' ? c.red.bold(`${word} (${xs.length})`) : sev === 'warning' ? c.yellow.bold(`${word} (${xs.length})`) : c.bold(`${word} (${xs.length})`);
    parts.push(head);
    const headers = lang === 'fr' ? { lines: 'lignes', message: 'constat' } : {};
    parts.push(
      toTable(
        xs.map((x) => ({ code: x.code, section: x.section, lines: x.lines.join(', '), message: x.message })),
        [
          { key: 'code' },
          { key: 'section' },
          { key: 'lines', ...(headers.lines ? { header: headers.lines } : {}) },
          { key: 'message', ...(headers.message ? { header: headers.message } : {}) },
        ],
        { color: opts.color },
      ),
    );
  }
  parts.push(`${opts.file}: ${summary(all, lang)}`);
  return `${parts.join('\n')}\n`;
}
