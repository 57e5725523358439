// Characters a reader does not see (soft hyphen, zero-width space and joiners, word joiner, BOM)
// and the Latin ligatures of PDF copies (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) change no classification: a statement
// written with them gets the record of the plain statement, text and input apart (review 13, S6).
import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../src/io/classifier.js';
import { buildRecord } from '../../src/classify/predict.js';
import { classifyItem } from '../../src/run/classify-record.js';

const L = await loadClassifier();

/** The whole record but its text, input and id, as the NDJSON output writes it. */
const record = (text: string): string => {
  const {
    text: _t,
    input: _i,
    id: _id,
    ...rest
  } = classifyItem(L, { id: 'x', text, input: { id: 'x', text, n: 0 } }, 3, buildRecord) as unknown as Record<string, unknown>;
  return JSON.stringify(rest);
};

const SHY = '\u00ad';
const ZWSP = '\u200b';

/** Review 13's norm2.txt statements, and how it wrote them with soft hyphens and zero-width spaces. */
const HIDDEN: [plain: string, ...variants: string[]][] = [
  [
    "Les difficultés d'accès aux soins spécialisés obligent les patients à faire de longs trajets.",
    `Les difficultés d'accès aux soins spé${SHY}cialisés obligent les patients à faire de longs trajets.`,
    `Les difficulté${ZWSP}s d'accès aux soins spé${ZWSP}cialisé${ZWSP}s obligent les patients à faire de longs trajets.`,
  ],
  [
    'Créer des maisons de santé pluridisciplinaires dans chaque canton.',
    `Créer des maisons de santé pluri${SHY}disciplinaires dans chaque canton.`,
    `Cré${ZWSP}er des maisons de santé${ZWSP} pluridisciplinaires dans chaque canton.`,
  ],
  [
    "Financer des postes d'infirmiers en pratique avancée dans les zones sous-denses.",
    `Financer des postes d'infir${SHY}miers en pratique avancée dans les zones sous-denses.`,
    `Financer des postes d'infirmiers en pratique avancé${ZWSP}e dans les zones sous-denses.`,
    "Financer des postes d'inﬁrmiers en pratique avancée dans les zones sous-denses.",
  ],
  [
    "Il n'y a plus de médecin généraliste dans mon village.",
    `Il n'y a plus de médecin géné${SHY}raliste dans mon village.`,
    `Il n'y a plus de mé${ZWSP}decin gé${ZWSP}né${ZWSP}raliste dans mon village.`,
    // the other zero-width characters, a BOM inside the text, and a decomposed accent after one
    "Il n'y a plus de mé\u200cdecin gé\u200dné\u2060raliste\ufeff dans mon village.",
    "Il n'y a plus de me\u200b\u0301decin généraliste dans mon village.",
  ],
];

/** Review 13's lig.txt: ten statements, then the same ten as a PDF copy gives them, with ligatures. */
const LIGATURES: [plain: string, ligatures: string][] = [
  ['Il est difficile de trouver un médecin traitant dans le département.', 'Il est diﬃcile de trouver un médecin traitant dans le département.'],
  ['Financer des infirmiers de pratique avancée dans les officines.', 'Financer des inﬁrmiers de pratique avancée dans les oﬃcines.'],
  ["Le nombre insuffisant d'infirmiers fragilise les EHPAD.", "Le nombre insuﬃsant d'inﬁrmiers fragilise les EHPAD."],
  ["Confier la vaccination aux pharmaciens d'officine.", "Conﬁer la vaccination aux pharmaciens d'oﬃcine."],
  ["L'afflux de patients aux urgences l'été est difficile à gérer.", "L'aﬄux de patients aux urgences l'été est diﬃcile à gérer."],
  [
    "Bénéficier d'une consultation de prévention à 45 ans, financée par l'Assurance maladie.",
    "Bénéﬁcier d'une consultation de prévention à 45 ans, ﬁnancée par l'Assurance maladie.",
  ],
  ['Les profils de poste des infirmières scolaires sont insuffisamment définis.', 'Les proﬁls de poste des inﬁrmières scolaires sont insuﬃsamment déﬁnis.'],
  ['Simplifier les démarches des médecins étrangers pour exercer en France.', 'Simpliﬁer les démarches des médecins étrangers pour exercer en France.'],
  [
    'Des difficultés financières empêchent les étudiants infirmiers de finir leur formation.',
    'Des diﬃcultés ﬁnancières empêchent les étudiants inﬁrmiers de ﬁnir leur formation.',
  ],
  ['Il faut des campagnes efficaces de dépistage des cancers.', 'Il faut des campagnes eﬃcaces de dépistage des cancers.'],
];

describe('invisible characters and ligatures change no classification', () => {
  it('soft hyphens and zero-width characters inside words: the record of the plain statement', () => {
    for (const [plain, ...variants] of HIDDEN) {
      const want = record(plain);
      for (const v of variants) expect(record(v), JSON.stringify(v)).toBe(want);
    }
  });

  it('ligatures ﬁ ﬂ ﬀ ﬃ ﬄ (review 13, lig.txt): the record of the plain statement', () => {
    for (const [plain, lig] of LIGATURES) {
      expect(lig).not.toBe(plain);
      expect(record(lig), lig).toBe(record(plain));
    }
    // ﬅ and ﬆ read as "st"
    expect(record("Créer des po\ufb06es d'assi\ufb05ants médicaux dans les cabinets.")).toBe(
      record("Créer des postes d'assistants médicaux dans les cabinets."),
    );
  });

  it('the courtesy and logistics test (predict.ts OFF_TOPIC) reads the text as the tokenizer does', () => {
    // Two lines that only this test sends out of the scheme (they were "ok" / "uncertain" with the
    // soft hyphen or zero-width space before it read the text without them).
    for (const [plain, hidden] of [
      ['Pause café', `Pau${SHY}se ca${ZWSP}fé`],
      ['Parking gratuit', `Par${SHY}king gratuit`],
    ]) {
      expect(JSON.parse(record(plain!)).status).toBe('out_of_scheme');
      expect(record(hidden!), hidden).toBe(record(plain!));
    }
  });
});
