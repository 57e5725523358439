// The hot-path tokenizer (scan.ts) gives exactly natural's tokens after normalise(): on every
// verbatim and scheme text of the report, on the held-out file, and on random strings built from
// the characters where the two pipelines could part (elisions, apostrophes, œ/æ, "_", hyphens,
// digits, accents, NFD input, upper case, emoji, and the characters that vanish or are spelled out
// before: soft hyphen, zero-width space and joiners, word joiner, BOM, Latin ligatures).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadReport } from '../../src/io/report.js';
import { buildTaxonomy } from '../../src/classify/taxonomy.js';
import { schemeDocs } from '../../src/classify/training-set.js';
import { hashUnits, InternTable, naturalTokenChars, NFC_STABLE_PUNCTUATION, scanReady, scanTokenStrings, TOKEN_CHARS } from '../../src/classify/scan.js';
import { normalise, plainChars } from '../../src/classify/text.js';
import { tokenizeFr } from '../../src/classify/natural.js';
import { mulberry32 } from '../../src/classify/prng.js';

/** The reference: natural's tokenizer on normalise(text), hyphens trimmed, empty tokens dropped. */
const reference = (text: string) =>
  tokenizeFr(normalise(text))
    .map((t) => t.replace(/^-+|-+$/g, ''))
    .filter((t) => t.length > 0);

const report = await loadReport(fileURLToPath(new URL('../../data/cnr-sante-nouvelle-aquitaine-2022.txt', import.meta.url)));
const tax = buildTaxonomy(report);

describe('scanner = natural tokenizer after normalise', () => {
  it("TOKEN_CHARS is natural's character class, code unit by code unit", () => {
    expect([...naturalTokenChars()].sort().join('')).toBe([...TOKEN_CHARS].sort().join(''));
  });
  it('on every verbatim and scheme text of the report and every held-out line', () => {
    const texts = [...report.verbatims.map((v) => v.text), ...schemeDocs(tax, 1).map((d) => d.text)];
    const held = readFileSync(fileURLToPath(new URL('../../data/labels/held-out.jsonl', import.meta.url)), 'utf8');
    for (const l of held.split('\n')) if (l.trim()) texts.push(JSON.parse(l).text);
    expect(texts.length).toBeGreaterThan(2400);
    let diffs = 0;
    for (const t of texts) if (JSON.stringify(scanTokenStrings(t)) !== JSON.stringify(reference(t))) diffs++;
    expect(diffs).toBe(0);
  });
  it('skips plainChars and NFC only where they change nothing: every pair of ready code units is NFC and plain, and decomposed or composable text, invisible characters and ligatures are not called ready', () => {
    const stable: number[] = [...NFC_STABLE_PUNCTUATION];
    for (let c = 0; c < 0x300; c++) if (c !== 0xad) stable.push(c);
    let changed = 0;
    for (const a of stable)
      for (const b of stable) {
        const s = String.fromCharCode(a, b);
        if (s.normalize('NFC') !== s) changed++;
        if (plainChars(s) !== s) changed++;
        if (!scanReady(s)) changed++;
      }
    expect(changed).toBe(0);
    for (const s of ['me\u0301decin', 'e\u0301', '\u2000', 'A\u030a', '\u212b', '\uac00\u11a8']) {
      expect(s.normalize('NFC')).not.toBe(s);
      expect(scanReady(s)).toBe(false);
    }
    for (const c of [0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0xfb00, 0xfb01, 0xfb02, 0xfb03, 0xfb04, 0xfb05, 0xfb06]) {
      const s = `a${String.fromCharCode(c)}b`;
      expect(plainChars(s)).not.toBe(s);
      expect(scanReady(s)).toBe(false);
    }
  });
  it('on 20,000 random strings of the tricky characters', () => {
    const pieces = [
      "l'",
      "L'",
      "d'",
      "qu'",
      "jusqu'",
      "lorsqu'",
      "n'",
      "N'",
      'n’',
      'l’',
      "s'",
      "presqu'",
      "aujourd'hui",
      "'",
      '’',
      '‘',
      'ʼ',
      '`',
      '´',
      'œ',
      'Œ',
      'æ',
      'Æ',
      '_',
      '-',
      '--',
      ' ',
      '  ',
      '\t',
      '\n',
      ',',
      '.',
      ';',
      ':',
      '?',
      '!',
      '«',
      '»',
      '“',
      '”',
      '"',
      '–',
      '—',
      '…',
      '•',
      '·',
      'a',
      'b',
      'e',
      'n',
      'q',
      'u',
      'l',
      'd',
      't',
      'x',
      'z',
      'é',
      'É',
      'è',
      'ê',
      'à',
      'â',
      'ç',
      'Ç',
      'ï',
      'î',
      'ô',
      'ö',
      'ù',
      'û',
      'ü',
      'ÿ',
      'ñ',
      'á',
      'e\u0301',
      'E\u0301',
      'c\u0327',
      '0',
      '7',
      '12',
      '3ème',
      '%',
      'İ',
      'ß',
      'ſ',
      'K',
      'µ',
      'ı',
      '😀',
      '\ud83d',
      '\u00a0',
      '\u2019n',
      'médecin',
      'Médecins',
      'mot-clé',
      '-tiret',
      'fin-',
      'qu’il',
      "l'IPA",
      "d'œuvre",
      'cœur',
      'ex æquo',
      "jusqu'à",
      '\u00ad',
      '\u200b',
      '\u200c',
      '\u200d',
      '\u2060',
      '\ufeff',
      '\ufb00',
      '\ufb01',
      '\ufb02',
      '\ufb03',
      '\ufb04',
      '\ufb05',
      '\ufb06',
      'spé\u00adcialisés',
      'in\ufb01rmiers',
      'l\u200b’',
      'n\u00ad',
      'q\u00adu',
    ];
    const rng = mulberry32(7);
    let diffs = 0;
    const bad: string[] = [];
    for (let k = 0; k < 20000; k++) {
      let s = '';
      const n = 1 + Math.floor(rng() * 12);
      for (let j = 0; j < n; j++) s += pieces[Math.floor(rng() * pieces.length)]!;
      if (JSON.stringify(scanTokenStrings(s)) !== JSON.stringify(reference(s))) {
        diffs++;
        if (bad.length < 5) bad.push(s);
      }
    }
    expect(bad).toEqual([]);
    expect(diffs).toBe(0);
  });
  it('examples: elisions, negation, œ, hyphens', () => {
    expect(scanTokenStrings('L’accès d’IPA qu’on jusqu’à lorsqu’il')).toEqual(['accès', 'ipa', 'on', 'à', 'il']);
    expect(scanTokenStrings("Ils n'ont pas de médecin")).toEqual(['ils', 'ne', 'ont', 'pas', 'de', 'médecin']);
    expect(scanTokenStrings('« Œuvre » – mot-clé -x-')).toEqual(['oeuvre', 'mot-clé', 'x']);
  });
  it('examples: invisible characters vanish, ligatures are spelled out, an accent after a removed character composes', () => {
    expect(scanTokenStrings('spé\u00adcialisés mé\u200bdecin gé\u200cné\u200dra\u2060liste\ufeff')).toEqual(['spécialisés', 'médecin', 'généraliste']);
    expect(scanTokenStrings('L’a\ufb04ux d’in\ufb01rmiers di\ufb03cile \ufb00 \ufb02 \ufb05 \ufb06')).toEqual([
      'afflux',
      'infirmiers',
      'difficile',
      'ff',
      'fl',
      'st',
      'st',
    ]);
    expect(scanTokenStrings('l\u00ad’e\u200b\u0301té n\u200b’a')).toEqual(['été', 'ne', 'a']);
  });
});

describe('intern table', () => {
  it('finds what it holds by code units, and grows', () => {
    const t = new InternTable(4);
    const units = (s: string) => Uint16Array.from(s, (c) => c.charCodeAt(0));
    const words = Array.from({ length: 1000 }, (_, i) => `w${i}é`);
    for (const w of words) {
      const u = units(w);
      expect(t.find(u, 0, u.length, hashUnits(u, 0, u.length))).toBe(-1);
      t.add(w, hashUnits(u, 0, u.length));
    }
    words.forEach((w, i) => {
      const u = units(`xx${w}`);
      expect(t.find(u, 2, u.length, hashUnits(u, 2, u.length))).toBe(i);
    });
    t.clear();
    expect(t.size).toBe(0);
  });
});
