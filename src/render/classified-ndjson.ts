/**
 * The NDJSON encoder of classified records (`classify --format ndjson`): byte for byte what
 * `JSON.stringify(record) + "\n"` gives, about three times cheaper (see NdjsonRecords).
 */
import type { Loaded } from '../classify/load.js';
import type { Scorer } from '../classify/scorer.js';
import { RECORD_NODES, THEMATIQUE_IDS, thematiqueLabel, type ClassRecord, type RecordNodes } from '../classify/predict.js';
import { KINDS } from '../model.js';

/**
 * JSON text of a record from `buildRecord`, byte for byte what `JSON.stringify(rec)` gives
 * (extra top-level keys, such as the `input` the command adds, included), about three times
 * faster: the taxonomy's ids and labels are escaped once and cached, and the fixed shape is
 * written directly. A record of another shape falls back to JSON.stringify.
 * @internal a test pins its bytes to JSON.stringify's
 */
export function recordJson(r: ClassRecord): string {
  const th = r.thematique;
  const kd = r.kind;
  const gr = r.group;
  if (typeof r.id !== 'string' || typeof r.text !== 'string' || !th || !kd || !gr || !Array.isArray(r.candidates) || !Array.isArray(r.explanation))
    return JSON.stringify(r);
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
  allNull: GLUE(',"thematique":null,"kind":null,"group":null,"idea":null,"sujet":null'),
};

/** What JSON.stringify may escape in a string: quote, backslash, control characters, (lone) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

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
  private terms: (Buffer | undefined)[] = [];
  private termGeneration = -1;

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
    // Out of the scheme: thématique, kind, group, idea and sujet all null (classify-record.ts).
    const none = th === null && kd === null && gr === null && r.idea === null && r.sujet === null;
    if (
      !plain ||
      typeof r.id !== 'string' ||
      typeof r.text !== 'string' ||
      (!none && (!th || !kd || !gr)) ||
      !Array.isArray(r.candidates) ||
      !Array.isArray(r.explanation)
    ) {
      this.str(`${JSON.stringify(r)}\n`);
      return;
    }
    const h = r[RECORD_NODES];
    const P = this.pre;
    const fast = P !== null && h !== undefined && matches(P, r, h, none);
    if (none && !fast) {
      this.str(`${JSON.stringify(r)}\n`);
      return;
    }
    this.put(G.id);
    const idAt = this.pos;
    this.quoted(r.id);
    const idEnd = this.pos;
    this.put(G.text);
    const textAt = this.pos;
    this.quoted(r.text);
    const textEnd = this.pos;
    if (none) {
      this.put(G.allNull);
      this.put(G.cands);
      this.candidates(P!, r, h!);
    } else if (fast) {
      this.put(P.th[h.t]!);
      this.num(th.score);
      this.put(P.kind[h.k]!);
      this.num(kd.score);
      this.put(P.group[h.group]!);
      this.num(gr!.score);
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
      this.candidates(P, r, h);
    } else {
      const grp = gr!; // not null unless `none` (checked above)
      this.put(G.th);
      this.labelled(th);
      this.put(G.kind);
      this.lit(kd.id);
      this.put(G.score);
      this.num(kd.score);
      this.put(G.group);
      this.labelled(grp);
      this.put(G.idea);
      const idea = r.idea;
      if (idea === null) this.put(G.null);
      else {
        this.put(G.ideaOpen);
        this.labelled(idea);
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
    const terms = fast && h.terms.length === ex.length ? h.terms : null;
    for (let i = 0; i < ex.length; i++) {
      this.put(i ? G.nextTerm : G.term);
      const e = ex[i]!;
      const id = terms ? terms[i]! : -1;
      if (id >= 0 && h!.scorer.tWord[id] === e.term) this.put(this.termPiece(h!.scorer, id));
      else {
        this.lit(e.term);
        this.put(G.weight);
      }
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

  /** `"id","label":…,"score":…` of a thématique, group or idea (the generic path). */
  private labelled(o: { id: string; label: string; score: number }): void {
    this.lit(o.id);
    this.put(G.label);
    this.lit(o.label);
    this.put(G.score);
    this.num(o.score);
  }

  /** `"word","weight":` of token `id` of the scorer (cached until its token cache starts again). */
  private termPiece(sc: Scorer, id: number): Buffer {
    if (this.termGeneration !== sc.generation) {
      this.termGeneration = sc.generation;
      this.terms = [];
    }
    let b = this.terms[id];
    if (b === undefined) this.terms[id] = b = Buffer.from(`${JSON.stringify(sc.tWord[id]!)},"weight":`, 'utf8');
    return b;
  }

  /** The candidates of a record that matches its nodes, from their precomputed bytes. */
  private candidates(P: Precomputed, r: ClassRecord, h: RecordNodes): void {
    const cs = r.candidates;
    for (let i = 0; i < cs.length; i++) {
      if (i) this.put(G.comma);
      const g = h.cands[2 * i]!;
      const ii = h.cands[2 * i + 1]!;
      // One piece per (group, idea): `{"thematique":…,"idea":…,"score":`, made on first use.
      const at = ii < 0 ? g : P.nodes.length + ii;
      let piece = P.pair[at];
      if (piece === undefined || P.pairGroup[at] !== g) {
        piece = Buffer.concat([P.cand[g]!, ii < 0 ? G.null : P.candIdea[ii]!, G.score]);
        P.pair[at] = piece;
        P.pairGroup[at] = g;
      }
      this.put(piece);
      this.num(cs[i]!.score);
      this.put(G.close);
    }
  }

  /**
   * JSON.stringify(s), written straight as UTF-8: a string with nothing to escape (no quote,
   * backslash, control character or lone surrogate: the common verbatim) is not copied first.
   */
  private quoted(s: string): void {
    if (NEEDS_ESCAPE.test(s)) {
      this.str(JSON.stringify(s));
      return;
    }
    this.room(3 * s.length + 2);
    const buf = this.buf;
    buf[this.pos++] = 0x22;
    this.pos += buf.write(s, this.pos, 'utf8');
    buf[this.pos++] = 0x22;
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
    if (this.pos + n > this.buf.length) this.room(n);
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
  /** Candidate pieces by idea (nodes.length + idea node) or by group without an idea (group node), made on first use, and the group each was made for. */
  pair: (Buffer | undefined)[];
  pairGroup: Int32Array;
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
    pair: [],
    pairGroup: new Int32Array(2 * nodes.length).fill(-1),
  };
}

/** The record's scheme strings are those of its nodes (so their precomputed bytes are exact). */
function matches(P: Precomputed, r: ClassRecord, h: RecordNodes, none: boolean): boolean {
  const N = P.nodes;
  const nodeOk = (i: number, o: { id?: string; label: string } | null | undefined, withId: boolean) => {
    const n = N[i];
    return n !== undefined && !!o && o.label === n.label && (!withId || o.id === n.id);
  };
  if (!none) {
    if (r.thematique.id !== P.tIds[h.t] || r.thematique.label !== P.titles[h.t] || r.kind.id !== KINDS[h.k]) return false;
    if (!nodeOk(h.group, r.group, true)) return false;
    if (h.idea < 0 ? r.idea !== null : !nodeOk(h.idea, r.idea, true)) return false;
    if (h.sujet < 0 ? r.sujet !== null : !nodeOk(h.sujet, r.sujet, false)) return false;
  }
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
