import { describe, expect, it, vi, afterEach } from 'vitest';
import { displayWidth, toTable, wrapText } from '../../src/render/table.js';

const ANSI = /\x1b\[/;
const rows = [
  { label: 'Accès aux soins « de proximité »', count: 12, pct: 33.3, dep: '16' },
  { label: 'l’hôpital public', count: 1234, pct: null, dep: '2A' },
];
const cols = [
  { key: 'label', header: 'Libellé' },
  { key: 'count', header: 'Nombre' },
  { key: 'pct', header: '%' },
  { key: 'dep', header: 'Dép.' },
];

afterEach(() => vi.unstubAllEnvs());

describe('toTable', () => {
  it('renders the exact table without ANSI codes when color is false, even with FORCE_COLOR', () => {
    vi.stubEnv('FORCE_COLOR', '3');
    const out = toTable(rows, cols, { color: false, title: 'Comptes' });
    expect(ANSI.test(out)).toBe(false);
    expect(out).toBe(
      [
        'Comptes',
        '┌──────────────────────────────────┬────────┬──────┬──────┐',
        '│ Libellé                          │ Nombre │    % │ Dép. │',
        '├──────────────────────────────────┼────────┼──────┼──────┤',
        '│ Accès aux soins « de proximité » │     12 │ 33.3 │ 16   │',
        '│ l’hôpital public                 │   1234 │      │ 2A   │',
        '└──────────────────────────────────┴────────┴──────┴──────┘',
        '',
      ].join('\n'),
    );
  });

  it('bold headers and title when color is true', () => {
    const out = toTable(rows, cols, { color: true, title: 'Comptes' });
    expect(out).toContain('\x1b[1mComptes\x1b[22m');
    expect(out).toContain('\x1b[1mLibellé\x1b[22m');
    expect(out.replace(/\x1b\[\d+m/g, '')).toBe(toTable(rows, cols, { color: false, title: 'Comptes' }));
  });

  it('explicit align overrides the number rule', () => {
    const out = toTable(
      [{ a: 'x', n: 5 }],
      [
        { key: 'a', align: 'right' },
        { key: 'n', align: 'left' },
      ],
      { color: false },
    );
    expect(out.split('\n')[3]).toBe('│ x │ 5 │');
    expect(out.split('\n')[1]).toBe('│ a │ n │');
  });

  it('fits a long French label in maxWidth by wrapping, without losing a word', () => {
    const long = 'Développer l’offre de soins de proximité « maisons de santé » dans les territoires ruraux, périurbains et ultramarins, en lien avec les élus';
    const out = toTable(
      [
        { label: long, count: 7 },
        { label: 'Motanticonstitutionnellementtroplongpourlacolonne', count: 8 },
      ],
      [{ key: 'label' }, { key: 'count' }],
      {
        color: false,
        maxWidth: 40,
      },
    );
    const lines = out.trimEnd().split('\n');
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(40);
    expect(lines[3]).toBe('│ Développer l’offre de soins  │     7 │');
    const text = lines
      .slice(3, -1)
      .map((l) => l.split('│')[1]!.trim())
      .join(' ');
    for (const w of long.split(' ')) expect(text).toContain(w);
    expect(text.replace(/ /g, '')).toContain('Motanticonstitutionnellementtroplongpourlacolonne');
  });

  it('never lets data emit escape sequences', () => {
    const out = toTable([{ t: 'rouge \x1b[31m!\x07' }], [{ key: 't' }], { color: false });
    expect(ANSI.test(out)).toBe(false);
    expect(out).toContain('rouge \ufffd[31m!\ufffd');
  });

  it('wrapText keeps non-breaking spaces of French typography together', () => {
    expect(wrapText('il dit «\u00a0oui\u00a0» puis', 10)).toBe('il dit\n«\u00a0oui\u00a0»\npuis');
  });
});
