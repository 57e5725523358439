// Audit output: the summary counts every finding whatever --severity shows, labels quoted as
// printed, and the wording in English (default) or French (--lang fr) from one renderer.
import { describe, expect, it, vi } from 'vitest';
import { audit, FINDING_CODES } from '../../src/aggregate/audit.js';
import { message, summary } from '../../src/render/findings.js';
import { renderAudit } from '../../src/render/audit.js';
import { bundled } from '../helpers/report.js';
import { run } from '../helpers/cli.mjs';

// Each test spawns the CLI: on a loaded 2-core machine that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const r = bundled();
const all = audit(r);
const meta = { tool: 'cnr-synth', version: 'test', input: null };

describe('audit summary and labels', () => {
  it('markdown with --severity warning still counts the 28 info findings in its summary', async () => {
    const shown = all.filter((f) => f.severity !== 'info');
    const md = (await renderAudit(shown, all, 'markdown', { meta, file: 'r.txt', color: false, lang: 'en' })) as string;
    expect(md.split('\n')[2]).toBe('5 errors, 16 warnings, 28 info');
    expect(md).not.toContain('## info');
    const p = run(['audit', '--severity', 'warning', '--format', 'markdown']);
    expect(p.stdout.split('\n')[2]).toBe('5 errors, 16 warnings, 28 info');
  });
  it('quotes the announced period with its accents, as printed', () => {
    const period = all.filter((f) => f.code === 'workshop-date-period');
    expect(period.length).toBeGreaterThan(0);
    for (const f of period) expect(f.expected).toBe('en novembre et décembre 2022');
    expect(message(period[0]!)).toContain('"en novembre et décembre 2022"');
  });
});

describe('French wording (--lang fr, and the HTML report)', () => {
  it('has a French message for every finding of the report, and for every code', () => {
    for (const f of all) {
      const fr = message(f, 'fr');
      expect(fr).not.toMatch(/undefined|\[object| but | the | prints | add up/);
      expect(fr).not.toBe(message(f, 'en'));
    }
    expect(new Set(all.map((f) => f.code)).size).toBeGreaterThan(10);
    expect(Object.keys(FINDING_CODES).length).toBeGreaterThan(0);
    const nontron = all.find((f) => f.code === 'participants-total')!;
    expect(message(nontron, 'fr')).toBe('Nontron\u00a0: les lignes de participants font 104 pour un Total imprimé de 105');
    expect(summary(all, 'fr')).toBe('5 erreurs, 16 avertissements, 28 informations');
    expect(summary([], 'fr')).toBe('0 erreur, 0 avertissement, 0 information');
    expect(summary(all)).toBe('5 errors, 16 warnings, 28 info');
  });
  it('audit --lang fr prints French messages and summary; English stays the default', () => {
    const fr = run(['audit', '--lang', 'fr', '--format', 'json']);
    expect(fr.status).toBe(1);
    const j = JSON.parse(fr.stdout) as { summary: string; findings: Array<{ code: string; message: string }> };
    expect(j.summary).toBe('5 erreurs, 16 avertissements, 28 informations');
    expect(j.findings.find((f) => f.code === 'workshop-date')!.message).toBe(
      'Confolens\u00a0: daté du 05/12/2022 dans le tableau mais du 25/11/2022 dans son compte rendu',
    );
    const en = JSON.parse(run(['audit', '--format', 'json']).stdout) as { summary: string };
    expect(en.summary).toBe('5 errors, 16 warnings, 28 info');
    const t = run(['audit', '--lang', 'fr', '--format', 'table']);
    expect(t.stdout.split('\n')[0]).toBe('erreurs (5)');
    expect(t.stdout.trimEnd().split('\n').at(-1)).toBe('cnr-sante-nouvelle-aquitaine-2022.txt: 5 erreurs, 16 avertissements, 28 informations');
  });
});
