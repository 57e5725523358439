import { describe, expect, it } from 'vitest';
import { bundled, parseText, REPORT_TEXT } from '../helpers/report.js';
import type { Branch, Group, Report } from '../../src/model.js';

const r = bundled();
const regional = r.region.synthesis.branches;
const ideas = (bs: Branch[]) => bs.flatMap((b) => b.groups.flatMap((g) => g.ideas));
const groups = (bs: Branch[]) => bs.flatMap((b) => b.groups);
const sum = (xs: { count: number }[]) => xs.reduce((a, x) => a + x.count, 0);
const branch = (rep: Report, code: string | null, t: number, kind: string) =>
  (code === null ? rep.region.synthesis.branches : rep.departements.find((d) => d.code === code)!.synthesis.branches).find(
    (b) => b.thematique === t && b.kind === kind,
  )!;
const group = (b: Branch, label: string): Group => b.groups.find((g) => g.label === label)!;

describe('regional introduction', () => {
  it('reads 47 workshops in 12 départements', () => {
    expect(r.region.announcedWorkshops).toBe(47);
    // The period as printed, accents kept (it was read on folded text and came out "decembre").
    expect(r.region.announcedPeriod).toMatchObject({ months: [11, 12], year: 2022, text: 'en novembre et décembre 2022' });
    expect(r.region.workshopsTable).toHaveLength(12);
    expect(sum(r.region.workshopsTable)).toBe(47);
    expect(r.region.workshopsTotal?.count).toBe(47);
    expect(r.region.workshopsTable.map((w) => w.departement)).toEqual(['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87']);
    expect(r.region.workshopsTable.find((w) => w.departement === '87')).toMatchObject({ name: 'Haute-Vienne', count: 5 });
  });
  it('reads the contributions table with its printed percents and "1 811"', () => {
    expect(r.region.contributions.map((c) => [c.thematique, c.count, c.percent])).toEqual([
      [1, 908, 50],
      [2, 345, 19],
      [3, 243, 13],
      [4, 315, 17],
    ]);
    expect(r.region.contributionsTotal).toMatchObject({ count: 1811, percent: 100 });
  });
  it('keeps the thématique titles exactly, wrapped lines joined', () => {
    expect(r.region.thematiques.map((t) => t.title)).toEqual([
      'donner à tous un accès à un médecin traitant ou à une équipe traitante, en particulier pour nos concitoyens les plus fragiles, et accompagner l’exercice coordonné',
      'garantir la continuité des soins et la réponse aux besoins de soins non programmés',
      'mobiliser les leviers territoriaux d’attractivité pour les métiers de la santé',
      'créer une nouvelle alliance entre les acteurs locaux pour que la prévention entre dans le quotidien des Français',
    ]);
    expect(r.region.name).toBe('Nouvelle-Aquitaine');
  });
});

describe('regional synthesis', () => {
  it('has 8 branches, 92 sujets rows, 28 groups and 256 ideas', () => {
    expect(regional.map((b) => `${b.thematique}${b.kind[0]}`)).toEqual(['1p', '1s', '2p', '2s', '3p', '3s', '4p', '4s']);
    expect(regional.reduce((a, b) => a + b.sujets.length, 0)).toBe(92);
    expect(groups(regional)).toHaveLength(28);
    expect(ideas(regional)).toHaveLength(256);
  });
  it('every group equals the sum of its ideas; the groups total 1 723', () => {
    for (const g of groups(regional)) expect(sum(g.ideas), g.label).toBe(g.count);
    expect(sum(groups(regional))).toBe(1723);
  });
  it('reads thématique 1: 908 contributions, of which the solutions groups count 735', () => {
    expect(group(branch(r, null, 1, 'solution'), "Encourager l'installation en territoires sous-denses").count).toBe(187);
    expect(sum(groups([branch(r, null, 1, 'solution')]))).toBe(735);
  });
  it('has 73 Ex quotes on 29 ideas, split into separate strings', () => {
    expect(ideas(regional).reduce((a, i) => a + i.quotes.length, 0)).toBe(73);
    expect(ideas(regional).filter((i) => i.quotes.length > 0)).toHaveLength(29);
    const idea = group(branch(r, null, 1, 'solution'), "Encourager l'installation en territoires sous-denses").ideas[0]!;
    expect(idea.quotes.map((q) => q.text)).toEqual([
      'aller vers la territorialisation de l’action (EPCI) en laissant plus de marge de manœuvre aux acteurs du territoire',
      'impliquer les élus dans les questions d’offre de soins pour que cela soit pensé à l’échelle d’un territoire et pas commune par commune',
      'déployer des chargés de mission « démographie médicale » dans les territoires pour faciliter l’installation et les projets des professionnels de santé',
      'penser l’installation des médecins en lien avec l’aménagement des territoires (transport, accès au service public, garde d’enfant, offre culturelle) car cela impacte la qualité de vie',
    ]);
  });
  it('takes the count at the end of a label ending in a number ("secteur 1  27", "mesure 16 … Braun)  13")', () => {
    expect(branch(r, null, 1, 'probleme').sujets[1]).toMatchObject({
      label: 'Accès à des médecins ou autres professionnels de santé à tarif conventionnel secteur 1',
      count: 27,
    });
    const t2 = group(branch(r, null, 2, 'solution'), 'Améliorer la prise en charge des soins non programmés');
    expect(t2.ideas.find((i) => i.label.startsWith('Développer le rôle des infirmiers'))).toMatchObject({
      label: 'Développer le rôle des infirmiers (notamment mesure 16 du rapport Braun)',
      count: 13,
    });
  });
  it('joins a label whose count was printed mid-label ("… les vaccibus, les 8" / "mammobus,...")', () => {
    const g = group(branch(r, null, 4, 'solution'), 'Développer les politiques de prévention');
    expect(g.ideas.find((i) => i.label.includes('vaccibus'))).toMatchObject({
      label: 'Favoriser le dépistage des cancers, en développant notamment le transport solidaire, les vaccibus, les mammobus,...',
      count: 8,
    });
  });
  it('joins wrapped sujets labels and counts on their own line', () => {
    expect(branch(r, null, 1, 'solution').sujets[0]).toMatchObject({
      label: 'Freins à lever pour le développement des coopérations entre professionnels de santé médicaux et para - médicaux',
      count: 28,
    });
    expect(group(branch(r, null, 1, 'probleme'), "Il est difficile d'accéder à un professionnel de santé").ideas[0]).toMatchObject({ count: 32 });
  });
});

describe('départemental syntheses', () => {
  const ds = r.departements.flatMap((d) => d.synthesis.branches);
  it('has 12 syntheses with 276 group and 875 idea entries, totalling 1 723 like the region', () => {
    expect(r.departements.filter((d) => d.synthesis.branches.length > 0)).toHaveLength(12);
    expect(groups(ds)).toHaveLength(276);
    expect(ideas(ds)).toHaveLength(875);
    expect(sum(groups(ds))).toBe(1723);
    for (const g of groups(ds)) expect(sum(g.ideas), `${g.label} l.${g.prov.line}`).toBe(g.count);
  });
  it('every regional group and idea equals the sum over the 12 départements', () => {
    const acc = new Map<string, number>();
    for (const b of ds)
      for (const g of b.groups) {
        const k = `${b.thematique}${b.kind}|${g.label}`;
        acc.set(k, (acc.get(k) ?? 0) + g.count);
        for (const i of g.ideas) acc.set(`${k}|${i.label}`, (acc.get(`${k}|${i.label}`) ?? 0) + i.count);
      }
    for (const b of regional)
      for (const g of b.groups) {
        const k = `${b.thematique}${b.kind}|${g.label}`;
        expect(acc.get(k) ?? 0, k).toBe(g.count);
        for (const i of g.ideas) expect(acc.get(`${k}|${i.label}`) ?? 0, `${k}|${i.label}`).toBe(i.count);
      }
  });
  it('maps the départemental wordings to the regional label and keeps the printed one', () => {
    const variants = new Map<string, string>();
    for (const x of [...groups(ds), ...ideas(ds)]) if (x.printed !== x.label) variants.set(x.printed, x.label);
    expect(Object.fromEntries(variants)).toEqual({
      'Il faut rendre plus attractifs les territoires': 'Il faut rendre les territoires plus attractifs',
      "Il n'y a pas assez d'actions de prévention à l'école": "il n'y a pas assez d'actions de prévention à l'école",
      "Recruter des médecins en 3ème année avant qu'ils soient thésés": "Recruter des médecins en 3ème année avant qu'ils ne soient thésés",
    });
    expect(r.notes.filter((n) => n.code === 'label-unmatched')).toEqual([]);
  });
  it('skips the page footer inside the Dordogne synthesis (67 is a page, not a count)', () => {
    const dordogne = r.departements.find((d) => d.code === '24')!;
    const last = dordogne.synthesis.branches.at(-1)!;
    expect(last.groups.at(-1)).toMatchObject({ label: "Recentrer l'action publique sur le préventif et non le curatif", count: 4 });
    expect(
      groups(dordogne.synthesis.branches)
        .concat(ideas(dordogne.synthesis.branches) as never)
        .some((x) => x.count === 67),
    ).toBe(false);
  });
  it('reads the Pyrénées-Atlantiques T4 solutions printed at column 0 by their labels', () => {
    const b = branch(r, '64', 4, 'solution');
    expect(b.groups.map((g) => [g.label, g.count, g.ideas.length])).toEqual([
      ['Développer les politiques de prévention', 10, 5],
      ['Mobiliser tous les acteurs pour développer la prévention dans les milieux de vie', 5, 2],
      ["Recentrer l'action publique sur le préventif et non le curatif", 2, 1],
    ]);
  });
  it('reads a group printed with a leading space as a group (Charente T3 solutions)', () => {
    expect(branch(r, '16', 3, 'solution').groups[0]).toMatchObject({ label: "Améliorer l'attractivité des métiers de la santé", count: 8 });
  });
});

describe('départements and workshops', () => {
  it('reads 12 départements with their announced counts and workshop tables', () => {
    expect(r.departements.map((d) => `${d.code} ${d.name} ${d.announcedWorkshops} ${d.workshopsTable.length}`)).toEqual([
      '16 Charente 3 3',
      '17 Charente-Maritime 3 3',
      '19 Corrèze 4 4',
      '23 Creuse 3 3',
      '24 Dordogne 4 4',
      '33 Gironde 6 6',
      '40 Landes 3 3',
      '47 Lot-et-Garonne 3 3',
      '64 Pyrénées-Atlantiques 4 4',
      '79 Deux-Sèvres 3 3',
      '86 Vienne 6 6',
      '87 Haute-Vienne 5 5',
    ]);
  });
  it('reads 46 workshop reports (Haute-Vienne announces 5 and has 4) and 45 participants tables', () => {
    expect(r.workshops).toHaveLength(46);
    expect(r.workshops.filter((w) => w.departement === '87')).toHaveLength(4);
    expect(r.workshops.filter((w) => w.participants)).toHaveLength(45);
  });
  it('parses mixed date formats', () => {
    const table = (code: string) => r.departements.find((d) => d.code === code)!.workshopsTable;
    expect(table('16').map((w) => [w.lieu, w.jour, w.date, w.horaires])).toEqual([
      ['Angoulême', 'Lundi 5 décembre 2022', '2022-12-05', '19h'],
      ['Cognac', '21/11/22', '2022-11-21', '19H-22H'],
      ['Confolens', '05/12/2022', '2022-12-05', '19h-21h30'],
    ]);
    expect(table('24')[1]).toMatchObject({ lieu: 'Les Eyzies', date: '2022-12-01' });
    expect(table('24')[2]).toMatchObject({ lieu: 'Nontron', jour: 'Jeudi 17 novembre', date: null });
    expect(r.workshops.find((w) => w.title === 'Confolens')).toMatchObject({ jour: '25/11/2022', date: '2022-11-25' });
  });
  it('reads participants with NC as null and keeps the raw cells (Nontron: rows 104, Total 105)', () => {
    const nontron = r.workshops.find((w) => w.title === 'Nontron')!;
    const p = nontron.participants!;
    expect(p.total).toBe(105);
    expect([p.elus, p.institutionnels, p.professionnels, p.associations, p.usagers, p.autres].reduce((a, b) => a! + (b ?? 0), 0)).toBe(104);
    const bergerac = r.workshops.find((w) => w.title === 'Bergerac')!.participants!;
    expect(bergerac).toMatchObject({ elus: null, total: 101 });
    expect(bergerac.raw.elus).toBe('NC');
  });
});

describe('verbatims', () => {
  it('reads the bullet items of the workshop reports with thématique, kind and provenance', () => {
    expect(r.verbatims.length).toBeGreaterThan(1700);
    expect(r.verbatims.length).toBeLessThan(2100);
    const v = r.verbatims.find((x) => x.text.startsWith('Plafonner réglementairement les aides financières'))!;
    expect(v).toMatchObject({ departement: '16', workshop: '2.1.3', thematique: 1, kind: 'solution', prov: { line: 1773 } });
    expect(new Set(r.verbatims.map((x) => x.id)).size).toBe(r.verbatims.length);
  });
  it('joins wrapped lines and keeps sub-items as their own verbatims', () => {
    const v = r.verbatims.find((x) => x.text.startsWith('Les difficultés liées au dispositif d’orientation'))!;
    expect(v.text.endsWith('La proposition viserait ainsi à réformer « Parcours sup ».')).toBe(true);
    expect(v.prov).toMatchObject({ line: 1570, endLine: 1573 });
    const sub = r.verbatims.find((x) => x.text.startsWith('prendre soin des professionnels déjà installés'))!;
    expect(sub.text).toBe(
      'prendre soin des professionnels déjà installés, pour favoriser un climat de travail serein, une ambiance favorable au sein des cabinets, pour « donner envie de venir »',
    );
  });
  it('takes the kind from the sub-heading', () => {
    const q = r.verbatims.find((x) => x.text === 'Comment organiser le territoire ?' && x.workshop === '2.1.3')!;
    expect(q.kind).toBe('probleme');
    expect(r.verbatims.filter((x) => x.kind === 'probleme').length).toBeGreaterThan(200);
  });
});

describe('another region on the same template', () => {
  it('parses with renamed départements and region, giving the same counts under the new codes', () => {
    const renames: Array<[string, string, string, string]> = r.departements.map((d, i) => [
      d.code,
      d.name,
      String(60 + i),
      `Pays ${String.fromCharCode(65 + i)}`,
    ]);
    let text = REPORT_TEXT.replaceAll('Nouvelle-Aquitaine', 'Bretagne-Océane');
    for (const [code, name, nc, nn] of renames) {
      const nameRe = name.split(/[-\s]+/).join('[\\s\\-–]+');
      text = text
        .replace(new RegExp(`${nameRe} \\(${code}\\)`, 'g'), `${nn} (${nc})`)
        .replace(new RegExp(`^(\\s*)${code}(\\s*[-–]\\s*)${nameRe}`, 'gm'), `$1${nc}$2${nn}`);
    }
    const other = parseText(text, 'other.txt');
    expect(other.region.name).toBe('Bretagne-Océane');
    expect(other.departements.map((d) => d.code)).toEqual(renames.map((x) => x[2]));
    expect(other.departements.map((d) => d.name)).toEqual(renames.map((x) => x[3]));
    expect(other.region.workshopsTable.map((w) => w.departement)).toEqual(renames.map((x) => x[2]));
    const counts = (rep: Report) =>
      rep.departements.map((d) => [d.announcedWorkshops, d.workshopsTable.length, sum(groups(d.synthesis.branches)), ideas(d.synthesis.branches).length]);
    expect(counts(other)).toEqual(counts(r));
    expect(other.workshops).toHaveLength(46);
    expect(other.verbatims.map((v) => v.text)).toEqual(r.verbatims.map((v) => v.text));
  });
});
