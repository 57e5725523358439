// Runs every golden case folder (see test/cases/run-case.mjs); regenerate with `npm run golden`.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain ESM helper without types
import { CASES, listCases, runCase } from '../cases/run-case.mjs';

describe('golden cases', () => {
  for (const dir of listCases() as string[]) {
    it(
      dir.slice((CASES as string).length + 1),
      () => {
        const r = runCase(dir) as { stdout: Buffer; stderr: string; status: number };
        const exit = Number(readFileSync(join(dir, 'exit'), 'utf8').trim());
        expect(r.status, r.stderr).toBe(exit);
        const want = readFileSync(join(dir, 'expout'));
        // Compare as text for a readable diff; bytes must match (BOM, CRLF included).
        expect(r.stdout.toString('utf8')).toEqual(want.toString('utf8'));
        expect(Buffer.compare(r.stdout, want)).toBe(0);
        if (existsSync(join(dir, 'experr'))) expect(r.stderr).toEqual(readFileSync(join(dir, 'experr'), 'utf8'));
      },
      60_000,
    );
  }
});
