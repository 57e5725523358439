// XLSX of `tables --table workshops`: dates are date cells (not text), shown day/month/year.
import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { run, tempDir } from '../helpers/cli.mjs';

// Each test spawns the CLI: on a loaded 2-core machine that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const dir = tempDir('cnr-xlsx-');

describe('tables --table workshops -o w.xlsx', () => {
  it('writes the workshop dates as dates', async () => {
    const out = join(dir, 'w.xlsx');
    const p = run(['tables', '--table', 'workshops', '-o', out]);
    expect(p.status, p.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('workshops')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = header.indexOf('date') + 1;
    const jour = header.indexOf('jour') + 1;
    expect(col).toBeGreaterThan(0);
    const first = ws.getRow(2);
    expect(first.getCell(jour).value).toBe('Lundi 5 décembre 2022');
    expect(first.getCell(col).value).toEqual(new Date(Date.UTC(2022, 11, 5)));
    expect(first.getCell(col).numFmt).toBe('dd/mm/yyyy');
    // Every date cell is a date; a workshop without a date is an empty cell.
    let dates = 0;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const v = row.getCell(col).value;
      expect(v === null || v instanceof Date).toBe(true);
      if (v instanceof Date) dates++;
    });
    expect(dates).toBeGreaterThan(40);
  });
});
