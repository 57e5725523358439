/**
 * From the scorer's numbers to the output record of `classify` (one per input, in order).
 *
 * status:
 *   out_of_scheme  nothing to classify: no content word (a bare statistic, a date, "…"), most
 *                  content words unknown to the report's vocabulary, or a courtesy / logistics
 *                  line ("Merci de votre attention", "pause déjeuner à 12h30") that is close to no
 *                  idea of the scheme;
 *   uncertain      the thématique or the kind score is under its review threshold (thresholds
 *                  chosen on cross-validated scores: see model.json "thresholds");
 *   ok             otherwise.
 * needs_review = status ≠ ok, or the group score is under its threshold.
 * Scores are probabilities: softmax of the heads' SVM margins with temperatures fitted by
 * maximum likelihood on out-of-fold margins, combined over the 8 branches (see scorer.ts).
 */
import type { Loaded } from './load.js';
import type { Scorer } from './scorer.js';
import type { Taxonomy } from './taxonomy.js';

export interface Labelled {
  id: string;
  label: string;
  score: number;
}

export interface Candidate {
  thematique: string;
  kind: string;
  group: { id: string; label: string };
  idea: { id: string; label: string } | null;
  score: number;
}

/** Where a record's scheme strings come from (node indices), for the NDJSON encoder's fast path. Not serialised (a symbol key). */
export const RECORD_NODES: unique symbol = Symbol('cnr-synth.record-nodes');

export interface RecordNodes {
  t: number;
  k: number;
  group: number;
  /** Idea node shown (−1: null). */
  idea: number;
  /** Sujet node shown (−1: null). */
  sujet: number;
  /** Per candidate: group node, idea node (−1: null). */
  cands: number[];
  /** Token ids of the explanation terms, and the scorer they belong to. */
  terms: number[];
  scorer: Scorer;
}

export interface ClassRecord {
  [RECORD_NODES]?: RecordNodes;
  id: string;
  text: string;
  thematique: Labelled;
  kind: { id: string; score: number };
  /** Null when the line is out of the scheme (its nearest groups stay in `candidates`). */
  group: Labelled | null;
  idea: Labelled | null;
  sujet: { label: string; score: number } | null;
  candidates: Candidate[];
  needs_review: boolean;
  status: 'ok' | 'uncertain' | 'out_of_scheme';
  explanation: { term: string; weight: number }[];
  [extra: string]: unknown;
}

const KINDS = ['probleme', 'solution'] as const;

/** Courtesy, meeting logistics and procedure: lines that are about the workshop, not about health. */
const OFF_TOPIC =
  /\b(merci|remerci\w*|bonjour|bonsoir|au revoir|bonne (soir[ée]e|journ[ée]e|continuation)|pause|d[ée]jeuner|caf[ée]|parking|salle|inscri\w*|ordre du jour|diaporama|lien (zoom|teams|visio)|zoom|teams|visio\w*|pr[ée]sentation des intervenants|accueil des participants|tour de table|fin de (la )?r[ée]union|prochaine r[ée]union|compte[- ]rendu)\b/i;

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function buildRecord(L: Loaded, id: string, text: string, top: number): ClassRecord {
  const sc = L.scorer;
  const { model, tax, protos } = L;
  const th = model.thresholds;
  const nodes = protos.nodes;
  sc.score(text);
  const sims = sc.sims;

  const t = sc.t;
  const k = sc.k;
  const slot = sc.slot;
  const g = sc.bestGroupIn(slot);
  const gNode = nodes[g]!;
  const groupScore = sc.groupProb[g]!;
  const bi = sc.bestIdeaOf(g);
  const ideaSim = bi >= 0 ? sims[bi]! : 0;
  const idea = bi >= 0 && ideaSim >= th.idea ? { id: nodes[bi]!.id, label: nodes[bi]!.label, score: r3(sc.ideaProbOf(bi) * groupScore) } : null;
  const sj = sc.bestSujetIn(slot);
  const sujet = sj.node >= 0 && sj.sim >= th.sujet ? { label: nodes[sj.node]!.label, score: r3(sj.prob) } : null;

  // Candidates: best groups over all branches, by p(branch) · p(group | branch).
  const nCands = topGroups(sc, top);
  const candidates: Candidate[] = [];
  const candNodes: number[] = [];
  for (let c = 0; c < nCands; c++) {
    const x = TOP_G[c]!;
    const b = tax.branches[nodes[x]!.branch]!;
    const ii = sc.bestIdeaOf(x);
    const ok = ii >= 0 && sims[ii]! >= th.idea;
    candNodes.push(x, ok ? ii : -1);
    candidates.push({
      thematique: THEMATIQUE_IDS[b.thematique - 1]!,
      kind: b.kind,
      group: { id: nodes[x]!.id, label: nodes[x]!.label },
      idea: ok ? { id: nodes[ii]!.id, label: nodes[ii]!.label } : null,
      score: r3(TOP_S[c]!),
    });
  }

  const explanation = explain(sc, t);
  const content = sc.words;
  const coverage = sc.coverage;
  let maxIdea = 0;
  for (let x = 0; x < 8; x++) if (sc.bestIdea[x]! > maxIdea) maxIdea = sc.bestIdea[x]!;

  let status: ClassRecord['status'] = 'ok';
  if (content <= 0 || (content >= 1 && coverage < th.coverage) || (maxIdea < 0.25 && sc.thematique[t]! < 0.8 && OFF_TOPIC.test(text))) status = 'out_of_scheme';
  else if (sc.thematique[t]! < th.thematique || sc.kind[k]! < th.kind) status = 'uncertain';
  const needs = status !== 'ok' || groupScore < th.group;
  // A line that is not about the scheme gets no group, idea or sujet (so that it is never counted
  // in a table); its nearest groups stay in `candidates` for the reviewer.
  const out = status === 'out_of_scheme';
  return {
    [RECORD_NODES]: { t, k, group: g, idea: idea ? bi : -1, sujet: sujet ? sj.node : -1, cands: candNodes, terms: EX_TOP.slice(), scorer: sc },
    id,
    text,
    thematique: { id: THEMATIQUE_IDS[t]!, label: thematiqueLabel(tax, t), score: r3(sc.thematique[t]!) },
    kind: { id: KINDS[k]!, score: r3(sc.kind[k]!) },
    group: out ? null : { id: gNode.id, label: gNode.label, score: r3(groupScore) },
    idea: out ? null : idea,
    sujet: out ? null : sujet,
    candidates,
    needs_review: needs,
    status,
    explanation,
  };
}

const THEMATIQUE_IDS = ['t1', 't2', 't3', 't4'];
const titles = new WeakMap<Taxonomy, string[]>();

function thematiqueLabel(tax: Taxonomy, t: number): string {
  let a = titles.get(tax);
  if (!a) {
    a = [0, 1, 2, 3].map((i) => tax.thematiques.find((x) => x.n === i + 1)?.title ?? `Thématique ${i + 1}`);
    titles.set(tax, a);
  }
  return a[t]!;
}

/**
 * The content words that weigh most for the chosen thématique: each distinct word's part of the
 * thématique score (its stem's weight and its character n-grams', each times its block's scale),
 * the positive ones, largest first (ties: alphabetical), at most 5.
 */
function explain(sc: Scorer, t: number): { term: string; weight: number }[] {
  const ids = EX_IDS;
  const ws = EX_W;
  let m = 0;
  for (let i = 0; i < sc.nToks; i++) {
    const id = sc.tokIds[i]!;
    if (sc.isStop(id) || sc.isNum(id)) continue;
    const w = sc.fw * sc.stemPart(id, t) + sc.fc * sc.charPart(id, t);
    let j = 0;
    while (j < m && ids[j] !== id) j++;
    if (j === m) {
      // Another raw token may fold to the same word ("médecin", "medecin").
      const word = sc.tWord[id]!;
      j = 0;
      while (j < m && sc.tWord[ids[j]!] !== word) j++;
      if (j === m) {
        if (m === ids.length) break;
        ids[m] = id;
        ws[m++] = 0;
      }
    }
    ws[j]! += w;
  }
  // Top 5 by weight (ties: alphabetical), positive only.
  const top: number[] = [];
  for (let j = 0; j < m; j++) {
    if (!(ws[j]! > 0)) continue;
    let p = top.length;
    while (p > 0 && before(sc, ids, ws, j, top[p - 1]!)) p--;
    if (p >= 5) continue;
    top.splice(p, 0, j);
    if (top.length > 5) top.length = 5;
  }
  EX_TOP.length = 0;
  for (const j of top) EX_TOP.push(ids[j]!);
  return top.map((j) => ({ term: sc.tWord[ids[j]!]!, weight: r3(ws[j]!) }));
}

/** Token ids of the terms of the last explanation. */
const EX_TOP: number[] = [];

const EX_IDS = new Int32Array(512);
const EX_W = new Float64Array(512);

function before(sc: Scorer, ids: Int32Array, ws: Float64Array, a: number, b: number): boolean {
  if (ws[a] !== ws[b]) return ws[a]! > ws[b]!;
  return sc.tWord[ids[a]!]! < sc.tWord[ids[b]!]!;
}

/** The `top` groups by p(branch) · p(group | branch), best first (ties: print order), into TOP_G / TOP_S; returns their number. */
function topGroups(sc: Scorer, top: number): number {
  const G = TOP_G;
  const S = TOP_S;
  let m = 0;
  for (let x = 0; x < sc.nGroups; x++) {
    const s = sc.pB[sc.slotOf[sc.nodes[x]!.branch]!]! * sc.groupProb[x]!;
    if (m === top && s <= S[top - 1]!) continue;
    let j = m < top ? m++ : top - 1;
    while (j > 0 && S[j - 1]! < s) {
      G[j] = G[j - 1]!;
      S[j] = S[j - 1]!;
      j--;
    }
    G[j] = x;
    S[j] = s;
  }
  return m;
}

const TOP_G = new Int32Array(64);
const TOP_S = new Float64Array(64);

/** CSV / table flattening (input pass-through columns are added by the caller, first). */
export const FLAT_COLUMNS = ['id', 'text', 'thematique_id', 'thematique', 'kind', 'group', 'idea', 'score', 'needs_review', 'status', 'group_2'] as const;

export function flatten(r: ClassRecord): Record<string, unknown> {
  const second = r.candidates.find((c) => c.group.id !== r.group?.id);
  return {
    id: r.id,
    text: r.text,
    thematique_id: r.thematique.id,
    thematique: r.thematique.label,
    kind: r.kind.id,
    group: r.group?.label ?? '',
    idea: r.idea?.label ?? '',
    score: r.thematique.score,
    needs_review: r.needs_review,
    status: r.status,
    group_2: second?.group.label ?? '',
  };
}

/**
 * JSON text of a record from `buildRecord`, byte for byte what `JSON.stringify(rec)` gives
 * (extra top-level keys, such as the `input` the command adds, included), about three times
 * faster: the taxonomy's ids and labels are escaped once and cached, and the fixed shape is
 * written directly. A record of another shape falls back to JSON.stringify.
 */
export function recordJson(r: ClassRecord): string {
  const th = r.thematique;
  const kd = r.kind;
  const gr = r.group;
  if (typeof r.id !== 'string' || typeof r.text !== 'string' || !th || !kd || !gr || !Array.isArray(r.candidates) || !Array.isArray(r.explanation)) return JSON.stringify(r);
  let s = `{"id":${q(r.id)},"text":${JSON.stringify(r.text)},"thematique":{"id":${q(th.id)},"label":${q(th.label)},"score":${num(th.score)}},"kind":{"id":${q(kd.id)},"score":${num(kd.score)}},"group":{"id":${q(gr.id)},"label":${q(gr.label)},"score":${num(gr.score)}},"idea":`;
  const idea = r.idea;
  s += idea === null ? 'null' : `{"id":${q(idea.id)},"label":${q(idea.label)},"score":${num(idea.score)}}`;
  const sj = r.sujet;
  s += `,"sujet":${sj === null ? 'null' : `{"label":${q(sj.label)},"score":${num(sj.score)}}`},"candidates":[`;
  const cs = r.candidates;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    s += `${i ? ',' : ''}{"thematique":${q(c.thematique)},"kind":${q(c.kind)},"group":{"id":${q(c.group.id)},"label":${q(c.group.label)}},"idea":${c.idea === null ? 'null' : `{"id":${q(c.idea.id)},"label":${q(c.idea.label)}}`},"score":${num(c.score)}}`;
  }
  s += `],"needs_review":${r.needs_review ? 'true' : 'false'},"status":${q(r.status)},"explanation":[`;
  const ex = r.explanation;
  for (let i = 0; i < ex.length; i++) s += `${i ? ',' : ''}{"term":${q(ex[i]!.term)},"weight":${num(ex[i]!.weight)}}`;
  s += ']';
  for (const k in r) {
    if (KNOWN.has(k)) continue;
    if (!Object.prototype.hasOwnProperty.call(r, k)) continue;
    if (/^(0|[1-9]\d*)$/.test(k)) return JSON.stringify(r); // an index key would come first
    const v = JSON.stringify(r[k]);
    if (v !== undefined) s += `,${q(k)}:${v}`;
  }
  return `${s}}`;
}

const KNOWN = new Set(['id', 'text', 'thematique', 'kind', 'group', 'idea', 'sujet', 'candidates', 'needs_review', 'status', 'explanation']);
const ESCAPED = new Map<string, string>();

/** JSON string literal of s (cached: ids, labels, words repeat). */
function q(s: string): string {
  let e = ESCAPED.get(s);
  if (e === undefined) {
    e = JSON.stringify(s);
    if (ESCAPED.size < 50_000) ESCAPED.set(s, e);
  }
  return e;
}

/** Number text as JSON writes it; the scores (thousandths in [0, 1]) from a table. */
function num(x: number): string {
  const k = Math.round(x * 1000);
  if (k >= 0 && k <= 1000 && THOUSANDTHS[k] === x) return THOUSANDTHS_TEXT[k]!;
  return Number.isFinite(x) ? String(x) : 'null';
}

const THOUSANDTHS = Float64Array.from({ length: 1001 }, (_, k) => k / 1000);
const THOUSANDTHS_TEXT = Array.from(THOUSANDTHS, (x) => String(x));

const GLUE = (s: string) => Buffer.from(s, 'latin1');
const G = {
  id: GLUE('{"id":'),
  text: GLUE(',"text":'),
  th: GLUE(',"thematique":{"id":'),
  label: GLUE(',"label":'),
  score: GLUE(',"score":'),
  kind: GLUE('},"kind":{"id":'),
  group: GLUE('},"group":{"id":'),
  idea: GLUE('},"idea":'),
  ideaOpen: GLUE('{"id":'),
  close: GLUE('}'),
  sujet: GLUE(',"sujet":'),
  sujetOpen: GLUE('{"label":'),
  cands: GLUE(',"candidates":['),
  candOpen: GLUE('{"thematique":'),
  candKind: GLUE(',"kind":'),
  candGroup: GLUE(',"group":{"id":'),
  candIdea: GLUE('},"idea":'),
  comma: GLUE(','),
  needsT: GLUE('],"needs_review":true,"status":'),
  needsF: GLUE('],"needs_review":false,"status":'),
  expl: GLUE(',"explanation":['),
  term: GLUE('{"term":'),
  weight: GLUE(',"weight":'),
  end: GLUE(']'),
  nextTerm: GLUE('},{"term":'),
  endTerms: GLUE('}]'),
  null: GLUE('null'),
  open: GLUE('{'),
  colon: GLUE(':'),
  eol: GLUE('}\n'),
};

/**
 * NDJSON lines of records, encoded straight into a UTF-8 byte buffer: `push(rec)` appends exactly
 * the bytes of `JSON.stringify(rec) + "\n"` (a test compares them on every record of a corpus).
 * For a record from `buildRecord` with this model, every scheme string (thématique title, group
 * and idea labels, ids, status) is copied from bytes encoded once per node; only the verbatim's
 * id and text, the scores, the explanation terms and the extra keys (the command's `input`) are
 * encoded per record. The output (~1.5 KB a record) is most of what `classify` costs once scoring
 * is fast, and this is about three times cheaper than JSON.stringify + join + UTF-8 encoding. A
 * record that does not match its nodes (edited, or from another model) goes the generic way.
 */
export class NdjsonRecords {
  private buf: Buffer;
  private pos = 0;
  private readonly lits = new Map<string, Buffer>();
  private readonly pre: Precomputed | null;
  private readonly extras: string[] = [];

  constructor(L?: Loaded, initial = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initial);
    this.pre = L ? precompute(L) : null;
  }

  /** Bytes buffered. */
  get size(): number {
    return this.pos;
  }

  /** The buffered bytes (a copy); the buffer starts again empty. */
  take(): Buffer {
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    this.pos = 0;
    return out;
  }

  push(r: ClassRecord): void {
    const th = r.thematique;
    const kd = r.kind;
    const gr = r.group;
    const extras = this.extras;
    extras.length = 0;
    let plain = true;
    for (const k in r) {
      if (KNOWN.has(k) || !Object.prototype.hasOwnProperty.call(r, k)) continue;
      const c = k.charCodeAt(0);
      if (c >= 48 && c <= 57 && /^(0|[1-9]\d*)$/.test(k)) plain = false; // an index key comes first in JSON.stringify
      extras.push(k);
    }
    if (!plain || typeof r.id !== 'string' || typeof r.text !== 'string' || !th || !kd || !gr || !Array.isArray(r.candidates) || !Array.isArray(r.explanation)) {
      this.str(`${JSON.stringify(r)}\n`);
      return;
    }
    const h = r[RECORD_NODES];
    const P = this.pre;
    const fast = P !== null && h !== undefined && matches(P, r, h);
    this.put(G.id);
    const idAt = this.pos;
    this.str(JSON.stringify(r.id));
    const idEnd = this.pos;
    this.put(G.text);
    const textAt = this.pos;
    this.str(JSON.stringify(r.text));
    const textEnd = this.pos;
    if (fast) {
      this.put(P.th[h.t]!);
      this.num(th.score);
      this.put(P.kind[h.k]!);
      this.num(kd.score);
      this.put(P.group[h.group]!);
      this.num(gr.score);
      if (h.idea < 0) this.put(P.ideaNull);
      else {
        this.put(P.idea[h.idea]!);
        this.num(r.idea!.score);
        this.put(G.close);
      }
      if (h.sujet < 0) this.put(P.sujetNull);
      else {
        this.put(P.sujet[h.sujet]!);
        this.num(r.sujet!.score);
        this.put(G.close);
      }
      this.put(G.cands);
      const cs = r.candidates;
      for (let i = 0; i < cs.length; i++) {
        if (i) this.put(G.comma);
        this.put(P.cand[h.cands[2 * i]!]!);
        const ii = h.cands[2 * i + 1]!;
        this.put(ii < 0 ? G.null : P.candIdea[ii]!);
        this.put(G.score);
        this.num(cs[i]!.score);
        this.put(G.close);
      }
    } else {
      this.put(G.th);
      this.lit(th.id);
      this.put(G.label);
      this.lit(th.label);
      this.put(G.score);
      this.num(th.score);
      this.put(G.kind);
      this.lit(kd.id);
      this.put(G.score);
      this.num(kd.score);
      this.put(G.group);
      this.lit(gr.id);
      this.put(G.label);
      this.lit(gr.label);
      this.put(G.score);
      this.num(gr.score);
      this.put(G.idea);
      const idea = r.idea;
      if (idea === null) this.put(G.null);
      else {
        this.put(G.ideaOpen);
        this.lit(idea.id);
        this.put(G.label);
        this.lit(idea.label);
        this.put(G.score);
        this.num(idea.score);
        this.put(G.close);
      }
      this.put(G.sujet);
      const sj = r.sujet;
      if (sj === null) this.put(G.null);
      else {
        this.put(G.sujetOpen);
        this.lit(sj.label);
        this.put(G.score);
        this.num(sj.score);
        this.put(G.close);
      }
      this.put(G.cands);
      const cs = r.candidates;
      for (let i = 0; i < cs.length; i++) {
        const c = cs[i]!;
        if (i) this.put(G.comma);
        this.put(G.candOpen);
        this.lit(c.thematique);
        this.put(G.candKind);
        this.lit(c.kind);
        this.put(G.candGroup);
        this.lit(c.group.id);
        this.put(G.label);
        this.lit(c.group.label);
        this.put(G.candIdea);
        if (c.idea === null) this.put(G.null);
        else {
          this.put(G.ideaOpen);
          this.lit(c.idea.id);
          this.put(G.label);
          this.lit(c.idea.label);
          this.put(G.close);
        }
        this.put(G.score);
        this.num(c.score);
        this.put(G.close);
      }
    }
    const st = fast ? STATUS.indexOf(r.status) : -1;
    if (st >= 0) this.put(P!.status[(r.needs_review ? 3 : 0) + st]!);
    else {
      this.put(r.needs_review ? G.needsT : G.needsF);
      this.lit(r.status);
      this.put(G.expl);
    }
    const ex = r.explanation;
    const terms = fast && h!.terms.length === ex.length ? h!.terms : null;
    for (let i = 0; i < ex.length; i++) {
      this.put(i ? G.nextTerm : G.term);
      const e = ex[i]!;
      const id = terms ? terms[i]! : -1;
      if (id >= 0 && h!.scorer.tWord[id] === e.term) this.put(h!.scorer.wordJson(id));
      else this.lit(e.term);
      this.put(G.weight);
      this.num(e.weight);
    }
    this.put(ex.length ? G.endTerms : G.end);
    for (let i = 0; i < extras.length; i++) {
      const k = extras[i]!;
      const x = r[k];
      if (x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype && !('toJSON' in x)) {
        // A plain object (the command's `input`): its values that are the record's id or text
        // are copied from the bytes already written.
        this.put(G.comma);
        this.lit(k);
        this.put(G.colon);
        this.plainObject(x as Record<string, unknown>, r.id, idAt, idEnd, r.text, textAt, textEnd);
        continue;
      }
      const v = JSON.stringify(x);
      if (v === undefined) continue;
      this.put(G.comma);
      this.lit(k);
      this.put(G.colon);
      this.str(v);
    }
    this.put(G.eol);
  }

  /** JSON.stringify(o) of a plain object, reusing written bytes for the strings a, b. */
  private plainObject(o: Record<string, unknown>, a: string, aAt: number, aEnd: number, b: string, bAt: number, bEnd: number): void {
    for (const k in o) {
      const c = k.charCodeAt(0);
      if (c >= 48 && c <= 57 && /^(0|[1-9]\d*)$/.test(k)) {
        this.str(JSON.stringify(o)); // index keys come first in JSON.stringify: let it order them
        return;
      }
    }
    this.put(G.open);
    let first = true;
    for (const k in o) {
      if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
      const v = o[k];
      let json: string | undefined;
      if (typeof v !== 'string') {
        json = JSON.stringify(v);
        if (json === undefined) continue;
      }
      if (!first) this.put(G.comma);
      first = false;
      this.lit(k);
      this.put(G.colon);
      if (json !== undefined) this.str(json);
      else if (v === b) this.copyWithin(bAt, bEnd);
      else if (v === a) this.copyWithin(aAt, aEnd);
      else this.str(JSON.stringify(v));
    }
    this.put(G.close);
  }

  private copyWithin(at: number, end: number): void {
    this.room(end - at);
    this.buf.copyWithin(this.pos, at, end);
    this.pos += end - at;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const b = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(b, 0, 0, this.pos);
    this.buf = b;
  }

  private put(b: Buffer): void {
    const n = b.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    if (n < 32) for (let i = 0; i < n; i++) buf[p++] = b[i]!;
    else {
      buf.set(b, p);
      p += n;
    }
    this.pos = p;
  }

  private str(s: string): void {
    this.room(3 * s.length);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** A JSON string literal, encoded once. */
  private lit(s: string): void {
    let b = this.lits.get(s);
    if (b === undefined) {
      b = Buffer.from(JSON.stringify(s), 'utf8');
      if (this.lits.size < 50_000) this.lits.set(s, b);
    }
    this.put(b);
  }

  private num(x: number): void {
    const k = Math.round(x * 1000);
    if (k >= 0 && k <= 1000 && THOUSANDTHS[k] === x) this.put(THOUSANDTHS_BYTES[k]!);
    else this.str(Number.isFinite(x) ? String(x) : 'null');
  }
}

const STATUS = ['ok', 'uncertain', 'out_of_scheme'];

interface Precomputed {
  /** `],"needs_review":…,"status":…,"explanation":[` for needs_review false/true × STATUS. */
  status: Buffer[];
  nodes: Loaded['protos']['nodes'];
  titles: string[];
  tIds: string[];
  slotT: string[];
  slotK: string[];
  th: Buffer[];
  kind: Buffer[];
  group: Buffer[];
  idea: Buffer[];
  ideaNull: Buffer;
  sujet: Buffer[];
  sujetNull: Buffer;
  cand: Buffer[];
  candIdea: Buffer[];
}

function precompute(L: Loaded): Precomputed {
  const j = (s: string) => JSON.stringify(s);
  const u = (s: string) => Buffer.from(s, 'utf8');
  const nodes = L.protos.nodes;
  const titles = [0, 1, 2, 3].map((t) => thematiqueLabel(L.tax, t));
  const branchT = L.tax.branches.map((b) => THEMATIQUE_IDS[b.thematique - 1]!);
  const branchK = L.tax.branches.map((b) => b.kind);
  return {
    status: [false, true].flatMap((nr) => STATUS.map((st) => u(`],"needs_review":${nr},"status":${j(st)},"explanation":[`))),
    nodes,
    titles,
    tIds: THEMATIQUE_IDS,
    slotT: branchT,
    slotK: branchK,
    th: titles.map((title, t) => u(`,"thematique":{"id":${j(THEMATIQUE_IDS[t]!)},"label":${j(title)},"score":`)),
    kind: KINDS.map((k) => u(`},"kind":{"id":${j(k)},"score":`)),
    group: nodes.map((n) => u(`},"group":{"id":${j(n.id)},"label":${j(n.label)},"score":`)),
    idea: nodes.map((n) => u(`},"idea":{"id":${j(n.id)},"label":${j(n.label)},"score":`)),
    ideaNull: u('},"idea":null'),
    sujet: nodes.map((n) => u(`,"sujet":{"label":${j(n.label)},"score":`)),
    sujetNull: u(',"sujet":null'),
    cand: nodes.map((n) => u(`{"thematique":${j(branchT[n.branch]!)},"kind":${j(branchK[n.branch]!)},"group":{"id":${j(n.id)},"label":${j(n.label)}},"idea":`)),
    candIdea: nodes.map((n) => u(`{"id":${j(n.id)},"label":${j(n.label)}}`)),
  };
}

/** The record's scheme strings are those of its nodes (so their precomputed bytes are exact). */
function matches(P: Precomputed, r: ClassRecord, h: RecordNodes): boolean {
  const N = P.nodes;
  const nodeOk = (i: number, o: { id?: string; label: string } | null | undefined, withId: boolean) => {
    const n = N[i];
    return n !== undefined && !!o && o.label === n.label && (!withId || o.id === n.id);
  };
  if (r.thematique.id !== P.tIds[h.t] || r.thematique.label !== P.titles[h.t] || r.kind.id !== KINDS[h.k]) return false;
  if (!nodeOk(h.group, r.group, true)) return false;
  if (h.idea < 0 ? r.idea !== null : !nodeOk(h.idea, r.idea, true)) return false;
  if (h.sujet < 0 ? r.sujet !== null : !nodeOk(h.sujet, r.sujet, false)) return false;
  const cs = r.candidates;
  if (cs.length * 2 !== h.cands.length) return false;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    const g = h.cands[2 * i]!;
    const ii = h.cands[2 * i + 1]!;
    const n = N[g];
    if (!n || c.thematique !== P.slotT[n.branch] || c.kind !== P.slotK[n.branch] || !nodeOk(g, c.group, true)) return false;
    if (ii < 0 ? c.idea !== null : !nodeOk(ii, c.idea, true)) return false;
  }
  return true;
}

const THOUSANDTHS_BYTES = Array.from(THOUSANDTHS_TEXT, (s) => Buffer.from(s, 'latin1'));

