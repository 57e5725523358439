/**
 * The analysts' scheme, extracted from a parsed report (pure).
 *
 * Identity is the id, built from print position in the regional synthesis:
 *   thématique "t1"; branch "t1.solution"; sujet "t1.solution.s03"; group "t1.solution.g04";
 *   idea "t1.solution.g04.i07" (1-based, two digits). The same label can be a group of two
 *   thématiques (it is, in T1 and T3): they are two nodes with two ids.
 * Labels are exact (as the regional table prints them). Aliases are the départemental wordings
 * that differ from the regional label (each département row carries the canonical `label` and
 * its `printed` form); quotes are the "Ex : « … »" examples under an idea.
 */
import type { CodedLine, Kind, Report, ThematiqueId } from '../model.js';
import { InputError } from '../errors.js';
import { protoNodes } from './prototypes.js';

export const TAXONOMY_SCHEMA = 'cnr-synth/taxonomy@1';

export interface TaxQuote {
  text: string;
  line: number;
}

export interface TaxNode {
  id: string;
  label: string;
  count: number;
  line: number;
}

export interface TaxIdea extends TaxNode {
  aliases: string[];
  quotes: TaxQuote[];
  /** Team-coded verbatims of this idea (training only: never in data/taxonomy.json, see `withExamples`). */
  examples?: TaxExample[];
}

/** A coded verbatim attached to its node for training, with its weight in (0, 1]. */
export interface TaxExample {
  text: string;
  weight: number;
}

export interface TaxGroup extends TaxNode {
  aliases: string[];
  ideas: TaxIdea[];
  /** Team-coded verbatims of this group with no idea (training only). */
  examples?: TaxExample[];
}

export interface TaxBranch {
  id: string;
  thematique: ThematiqueId;
  kind: Kind;
  sujets: TaxNode[];
  groups: TaxGroup[];
}

export interface TaxThematique {
  id: string;
  n: ThematiqueId;
  title: string;
}

export interface Taxonomy {
  schema: string;
  source: { file: string; sha256: string };
  thematiques: TaxThematique[];
  branches: TaxBranch[];
  totals: { branches: number; sujets: number; groups: number; ideas: number; quotes: number; aliases: number };
  /** Départemental rows whose canonical label matched no regional node (should be empty). */
  unmatched: { departement: string; thematique: ThematiqueId; kind: Kind; label: string }[];
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function branchId(t: ThematiqueId | number, kind: Kind): string {
  return `t${t}.${kind}`;
}

export function buildTaxonomy(report: Report): Taxonomy {
  const thematiques: TaxThematique[] = [...report.region.thematiques].sort((a, b) => a.id - b.id).map((t) => ({ id: `t${t.id}`, n: t.id, title: t.title }));
  const branches: TaxBranch[] = [];
  for (const b of report.region.synthesis.branches) {
    const bid = branchId(b.thematique, b.kind);
    if (branches.some((x) => x.id === bid)) continue; // one branch per thématique × kind
    branches.push({
      id: bid,
      thematique: b.thematique,
      kind: b.kind,
      sujets: b.sujets.map((s, i) => ({ id: `${bid}.s${pad2(i + 1)}`, label: s.label, count: s.count, line: s.prov.line })),
      groups: b.groups.map((g, gi) => {
        const gid = `${bid}.g${pad2(gi + 1)}`;
        return {
          id: gid,
          label: g.label,
          count: g.count,
          line: g.prov.line,
          aliases: g.printed !== g.label ? [g.printed] : [],
          ideas: g.ideas.map((idea, ii) => ({
            id: `${gid}.i${pad2(ii + 1)}`,
            label: idea.label,
            count: idea.count,
            line: idea.prov.line,
            aliases: idea.printed !== idea.label ? [idea.printed] : [],
            quotes: idea.quotes.map((q) => ({ text: q.text, line: q.prov.line })),
          })),
        };
      }),
    });
  }
  branches.sort((a, b) => a.thematique - b.thematique || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));

  const unmatched: Taxonomy['unmatched'] = [];
  const addAlias = (list: string[], printed: string, label: string) => {
    if (printed !== label && !list.includes(printed)) list.push(printed);
  };
  for (const d of report.departements) {
    for (const b of d.synthesis.branches) {
      const tb = branches.find((x) => x.thematique === b.thematique && x.kind === b.kind);
      for (const g of b.groups) {
        const tg = tb?.groups.find((x) => x.label === g.label);
        if (!tg) unmatched.push({ departement: d.code, thematique: b.thematique, kind: b.kind, label: g.label });
        else addAlias(tg.aliases, g.printed, g.label);
        for (const idea of g.ideas) {
          // Within its group first; an idea filed under another group of the branch still matches.
          const ti = tg?.ideas.find((x) => x.label === idea.label) ?? tb?.groups.flatMap((x) => x.ideas).find((x) => x.label === idea.label);
          if (!ti) unmatched.push({ departement: d.code, thematique: b.thematique, kind: b.kind, label: idea.label });
          else addAlias(ti.aliases, idea.printed, idea.label);
        }
      }
    }
  }

  let sujets = 0;
  let groups = 0;
  let ideas = 0;
  let quotes = 0;
  let aliases = 0;
  for (const b of branches) {
    sujets += b.sujets.length;
    for (const g of b.groups) {
      groups++;
      aliases += g.aliases.length;
      for (const i of g.ideas) {
        ideas++;
        quotes += i.quotes.length;
        aliases += i.aliases.length;
      }
    }
  }
  return {
    schema: TAXONOMY_SCHEMA,
    source: { file: report.source.file, sha256: report.source.sha256 },
    thematiques,
    branches,
    totals: { branches: branches.length, sujets, groups, ideas, quotes, aliases },
    unmatched,
  };
}

/** One flat row per node (for table / CSV output). */
export interface TaxRow {
  id: string;
  level: 'thematique' | 'sujet' | 'group' | 'idea';
  thematique: number;
  kind: Kind | '';
  label: string;
  count: number | null;
  aliases: number;
  quotes: number;
  line: number | null;
}

export function taxonomyRows(tax: Taxonomy): TaxRow[] {
  const rows: TaxRow[] = [];
  for (const t of tax.thematiques) {
    rows.push({ id: t.id, level: 'thematique', thematique: t.n, kind: '', label: t.title, count: null, aliases: 0, quotes: 0, line: null });
    for (const b of tax.branches.filter((x) => x.thematique === t.n)) {
      for (const s of b.sujets)
        rows.push({ id: s.id, level: 'sujet', thematique: t.n, kind: b.kind, label: s.label, count: s.count, aliases: 0, quotes: 0, line: s.line });
      for (const g of b.groups) {
        rows.push({
          id: g.id,
          level: 'group',
          thematique: t.n,
          kind: b.kind,
          label: g.label,
          count: g.count,
          aliases: g.aliases.length,
          quotes: 0,
          line: g.line,
        });
        for (const i of g.ideas)
          rows.push({
            id: i.id,
            level: 'idea',
            thematique: t.n,
            kind: b.kind,
            label: i.label,
            count: i.count,
            aliases: i.aliases.length,
            quotes: i.quotes.length,
            line: i.line,
          });
      }
    }
  }
  return rows;
}

/** Light structural check of a taxonomy read from disk. */
export function isTaxonomy(x: unknown): x is Taxonomy {
  const t = x as Taxonomy;
  return !!t && t.schema === TAXONOMY_SCHEMA && Array.isArray(t.branches) && Array.isArray(t.thematiques);
}

/** A team-coded verbatim used as a training example of its group (and idea). */
export interface CodedExample {
  id: string;
  text: string;
  group: string;
  idea: string | null;
  /** In (0, 1]: how much it counts in the prototypes and in the thématique/kind heads (1 unless the line says). */
  weight: number;
}

/**
 * The scheme with team-coded verbatims attached to their idea (or to their group when no idea
 * fits) as `examples`, with their weights: they join the prototypes and the scheme's training texts. A copy; the
 * model keeps the hash of the taxonomy without them (the scheme itself is unchanged).
 */
export function withExamples(tax: Taxonomy, examples: readonly CodedExample[]): Taxonomy {
  const out: Taxonomy = structuredClone(tax);
  const groups = new Map<string, TaxGroup>();
  const ideas = new Map<string, TaxIdea>();
  for (const b of out.branches)
    for (const g of b.groups) {
      groups.set(g.id, g);
      for (const i of g.ideas) ideas.set(i.id, i);
    }
  for (const e of examples) {
    const idea = e.idea === null ? undefined : ideas.get(e.idea);
    const group = groups.get(e.group);
    const x = { text: e.text, weight: e.weight };
    if (idea) (idea.examples ??= []).push(x);
    else if (group) (group.examples ??= []).push(x);
  }
  return out;
}

/** Checks the coded group and idea ids against the scheme's nodes. */
export function checkCodedIds(coded: CodedLine[], tax: Taxonomy, file?: string): void {
  const ids = new Set(protoNodes(tax).map((n) => n.id));
  for (const c of coded) {
    if (c.group && !ids.has(c.group)) throw new InputError(`unknown group id "${c.group}" (see cnr-synth taxonomy)`, file, c.line);
    if (c.idea && !ids.has(c.idea)) throw new InputError(`unknown idea id "${c.idea}" (see cnr-synth taxonomy)`, file, c.line);
  }
}

/** The coded lines usable as training examples: in the scheme, with an id and a group. */
export function codedExamples(coded: CodedLine[]): CodedExample[] {
  return coded
    .filter((c) => c.status !== 'out_of_scheme' && c.id !== undefined && c.group)
    .map((c) => ({ id: c.id!, text: c.text, group: c.group!, idea: c.idea ?? null, weight: c.weight ?? 1 }));
}
