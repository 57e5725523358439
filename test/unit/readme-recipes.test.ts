// README recipes and names that a user copies: they must hold as written.
import { describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT, run, sh, tempDir } from '../helpers/cli.mjs';

// Each test spawns the CLI: on a loaded 2-core machine that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const dir = tempDir('cnr-readme-');

describe('README', () => {
  it('the sharding recipe can run twice: the second run does not classify its own outputs', () => {
    const recipe = /`(split -n[^`]+)`/.exec(readme)![1]!.replace(/\s*\n\s*/g, ' ');
    const work = tempDir('cnr-readme-shard-');
    writeFileSync(
      join(work, 'corpus.ndjson'),
      ['Manque de médecins généralistes', 'Créer des maisons de santé', 'Délais de rendez-vous trop longs', 'Former plus de médecins']
        .map((t, i) => JSON.stringify({ id: i + 1, text: t }))
        .join('\n') + '\n',
    );
    for (let i = 0; i < 2; i++) {
      const p = sh(recipe, { cwd: work });
      expect(p.status, p.stderr).toBe(0);
    }
    expect(readdirSync(work).sort()).toEqual(['corpus.ndjson', 'part.aa.ndjson', 'part.aa.ndjson.out', 'part.ab.ndjson', 'part.ab.ndjson.out']);
    const out = ['aa', 'ab'].flatMap((p) =>
      readFileSync(join(work, `part.${p}.ndjson.out`), 'utf8')
        .trim()
        .split('\n'),
    );
    expect(out.map((l) => String((JSON.parse(l) as { id: unknown }).id))).toEqual(['1', '2', '3', '4']);
  }, 60_000);

  it('names the XLSX sheets each command writes', async () => {
    const sheets = async (args: string[], input?: string) => {
      const f = join(dir, `${args[0]}.xlsx`);
      const p = run([...args, '-o', f], { input });
      expect(p.status === 0 || p.status === 1, p.stderr).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f);
      return wb.worksheets.map((w) => w.name);
    };
    const para = readme.slice(readme.indexOf('`--format xlsx` (with `-o FILE.xlsx`)'), readme.indexOf('## Performance')).replace(/\s+/g, ' ');
    expect(await sheets(['tables'])).toEqual(['counts', 'meta']);
    expect(para).toContain('`counts`, `contributions` or `workshops` (`tables`)');
    expect(await sheets(['audit'])).toEqual(['findings', 'meta']);
    expect(para).toContain('`findings` (`audit`)');
    expect(await sheets(['classify', '-', '--input', 'text'], 'Manque de médecins\n')).toEqual(['classify', 'review', 'scheme', 'meta']);
    expect(para).toContain("`classify` (`classify`, then `review` and `scheme`, the review loop's sheets)");
  }, 60_000);
});
