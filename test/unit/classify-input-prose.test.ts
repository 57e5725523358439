// N4: plain text whose commas are a sentence's (French decimal commas "2,5", a question on line 1)
// is read as text, one verbatim per line, and said so; survey exports stay tables.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commaProse, sniffKind } from '../../src/io/classify-input.js';
import { run, tempDir } from '../helpers/cli.mjs';

const DEC = [
  'Pourquoi seulement 2,5 médecins pour 1000 habitants dans ma commune ?',
  "Il y a 1,5 médecin pour tout le canton et c'est vraiment insuffisant",
  'Le budget de 3,2 millions ne suffit pas pour ouvrir un centre de santé',
  'Avec 0,8 généraliste pour mille habitants les urgences débordent',
].join('\n');
const TWO = [
  'Les urgences ferment la nuit, le week-end, et personne ne réagit',
  'Il faut des médecins, des infirmiers, et des maisons de santé',
  'On attend six mois, parfois un an, pour voir un spécialiste',
].join('\n');

describe('commaProse / sniffKind', () => {
  it('decimal commas on most lines: text, with the reason', () => {
    expect(sniffKind(DEC + '\n', true)).toEqual({ kind: 'text', prose: 'decimal commas such as "2,5" on most lines' });
  });
  it('a sentence on line 1 (a long question, no column name beside it): prose', () => {
    expect(
      commaProse([
        ['Pourquoi la mairie ne fait rien pour les urgences ?', 'Rien de rien du tout ?'],
        ['a', 'b'],
      ]),
    ).toBe('line 1 reads as a sentence, not as column names');
  });
  it('a survey export keeps its question column among short names; numbers in their own cells are no cut', () => {
    const GF = '"Horodateur","Département","Quelle est votre proposition ?"\n"2023/01/05 10:00","33","Créer des maisons de santé, avec des infirmiers"\n';
    expect(sniffKind(GF, true)).toMatchObject({ kind: 'csv', table: { delimiter: ',', guess: 'Quelle est votre proposition ?' } });
    const long =
      'Horodateur,Département,Quelle est votre proposition pour améliorer l’accès aux soins dans votre commune ?\n2023/01/05 10:00,33,Créer des maisons de santé avec des infirmiers\n';
    expect(sniffKind(long, true)).toMatchObject({ kind: 'csv', table: { delimiter: ',' } });
    expect(sniffKind('id,note,Réponse\n1,5,Créer des maisons de santé\n2,3,Recruter des médecins\n', true)).toMatchObject({ kind: 'csv' });
    expect(
      commaProse([
        ['id', 'texte'],
        ['2', '5 médecins pour le canton'],
      ]),
    ).toBeNull();
  });
  it('prose with two commas on every line stays text', () => {
    expect(sniffKind(TWO + '\n', true).kind).toBe('text');
  });
});

describe('classify on decimal-comma text (CLI)', () => {
  it('.txt and stdin: four verbatims whole, ids = line numbers, the reason on stderr', () => {
    const dir = tempDir('cnr-prose-');
    writeFileSync(join(dir, 'dec.txt'), DEC + '\n');
    writeFileSync(join(dir, 'two.txt'), TWO + '\n');
    const want = DEC.split('\n').map((t, i) => ({ id: String(i + 1), text: t }));
    for (const [args, input, name] of [
      [['classify', 'dec.txt'], undefined, 'dec.txt'],
      [['classify', '-'], DEC + '\n', '<stdin>'],
    ] as const) {
      const r = run([...args, '--format', 'ndjson'], { cwd: dir, ...(input ? { input } : {}) });
      expect(r.status).toBe(0);
      const rows = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; text: string })
        .map(({ id, text }) => ({ id, text }));
      expect(rows).toEqual(want);
      expect(r.stderr).toBe(
        `cnr-synth: ${name}: read as text (one verbatim per line; not a comma table: decimal commas such as "2,5" on most lines); pass --input csv to read a table\n`,
      );
    }
    const t = run(['classify', 'two.txt', '--format', 'ndjson'], { cwd: dir });
    expect([t.status, t.stderr, t.stdout.trim().split('\n').length]).toEqual([0, '', 3]);
  });
});
