import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ConflictError, UnprocessableError } from '../../errors.js';
import type { Tokenizer } from '../../../matching/text/tokenize.js';
import { FILTER_FIELDS, SEARCH_TYPES } from '../port.js';
import type { FilterField, IndexStats, SearchFilters, SearchHit, SearchIndex, SearchRequest, SearchResult, SearchType } from '../port.js';
import { docFilterValues, filterClauses } from '../filter.js';
import type { FilterClause } from '../filter.js';
import { decodeDocs, encodeDocs } from './doc-codec.js';
import type { StoredDoc } from './doc-codec.js';
import { highlight } from './highlight.js';
import { readSnapshot, SnapshotError, viewAs, writeSnapshot } from './snapshot.js';
import { Accumulator, TextIndex } from './text-index.js';
import type { QueryTerm } from './text-index.js';
import { VectorColumn } from './vectors.js';

/** Slots holding one filter value, in slot order; dead slots stay until compaction. */
interface SlotList {
  data: Int32Array;
  n: number;
}

/**
 * One type's index. Every per-document structure is addressed by slot: slots are handed out in
 * order and never reused, a replaced or deleted doc leaves a dead slot (alive = 0) and compaction
 * renumbers once enough are dead. Append-only postings stay sorted and never need patching.
 */
interface TypeIndex {
  text: TextIndex;
  vectors: VectorColumn;
  docs: Array<StoredDoc | undefined>;
  slotById: Map<string, number>;
  alive: Uint8Array;
  /** updatedAt as epoch ms, for the listing order. */
  updated: Float64Array;
  filters: Map<FilterField, Map<string, SlotList>>;
  live: number;
  /** Live docs per model version, so stats() need not scan for them. */
  models: Map<string, number>;
  acc: Accumulator;
  /** Scratch for filter evaluation (level = clauses passed) and facet marking. */
  mask: Uint8Array;
  mark: Uint8Array;
  /** Scratch: every slot's vector score from the last hybrid scan. */
  vs: Float64Array;
  cand: Candidates;
}

/** Candidate columns of one query, reused across queries so a 50k-hit query allocates nothing. */
class Candidates {
  slot = new Int32Array(1024);
  kw = new Float64Array(1024);
  vs = new Float64Array(1024);
  score = new Float64Array(1024);

  ensure(n: number): void {
    if (n <= this.slot.length) return;
    const cap = Math.max(n, this.slot.length * 2);
    this.slot = new Int32Array(cap);
    this.kw = new Float64Array(cap);
    this.vs = new Float64Array(cap);
    this.score = new Float64Array(cap);
  }
}

/** Body highlights longer than this are cut to a window around the first match. */
const BODY_WINDOW = 160;
/** How many nearest vectors a hybrid query adds at least to the keyword candidates. */
const MIN_VECTOR_CANDIDATES = 100;
/** Coverage is tracked in a 32-bit mask per slot; longer queries keep their first 32 terms. */
const MAX_QUERY_TERMS = 32;
/** Compact once this many slots are dead and they are a quarter of all slots. */
const COMPACT_MIN_DEAD = 1024;

interface SnapshotMeta {
  engine: 'chaintalent-embedded';
  type: SearchType;
  dimensions: number;
  tokenizer: string;
  slots: number;
  terms: number;
  endian: 'le';
  /** The store watermark the engine was in step with when this file was written, if any. */
  watermark?: string;
}

export interface EmbeddedSearchOptions {
  tokenizer: Tokenizer;
  /** Where `snapshot()` and `close()` persist the indexes and `init()` reloads them from. */
  snapshotDir?: string | undefined;
  /**
   * Names the tokenizer's behaviour (e.g. a hash of the lexicon words): a snapshot indexed with
   * another one is not loaded, since its postings would not match the new query tokens.
   */
  tokenizerVersion?: string | undefined;
  /** Told when a snapshot is skipped; the engine then starts empty and drift repair refills it. */
  onWarning?: ((message: string) => void) | undefined;
}

/** The embedded engine's extras beyond the port. */
export interface EmbeddedSearch extends SearchIndex {
  /** Writes every type to `snapshotDir` (temp file + rename); a no-op without one. */
  snapshot(): Promise<void>;
  /** Kept in memory and written into every type's snapshot file. */
  recordWatermark(watermark: string): Promise<void>;
}

const isLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The in-process engine: a BM25F inverted index per type over the shared jieba tokenizer, filter
 * postings, and a contiguous vector column scanned by dot product. Suits one machine and tests;
 * Meilisearch carries the province-wide pool.
 */
export function createEmbeddedSearch(options: EmbeddedSearchOptions): EmbeddedSearch {
  const { tokenizer, snapshotDir } = options;
  const tokenizerVersion = options.tokenizerVersion ?? 'default';
  const warn = options.onWarning ?? (() => {});
  const indexes = new Map<SearchType, TypeIndex>();
  let dimensions: number | undefined;
  /** Set by recordWatermark, forgotten by any change; written into every type's snapshot. */
  let watermark: string | undefined;

  const newIndex = (dim: number): TypeIndex => ({
    text: new TextIndex(),
    vectors: new VectorColumn(dim),
    docs: [],
    slotById: new Map(),
    alive: new Uint8Array(1024),
    updated: new Float64Array(1024),
    filters: new Map(FILTER_FIELDS.map((f) => [f, new Map<string, SlotList>()])),
    live: 0,
    models: new Map(),
    acc: new Accumulator(1024),
    mask: new Uint8Array(1024),
    mark: new Uint8Array(1024),
    vs: new Float64Array(1024),
    cand: new Candidates(),
  });

  const get = (type: SearchType): TypeIndex => {
    const idx = indexes.get(type);
    if (!idx) throw new AppError('internal', 'the embedded search index was used before init()');
    return idx;
  };

  const ensureSlots = (idx: TypeIndex, slots: number): void => {
    if (slots <= idx.alive.length) return;
    let cap = idx.alive.length;
    while (cap < slots) cap *= 2;
    const alive = new Uint8Array(cap);
    alive.set(idx.alive);
    idx.alive = alive;
    const updated = new Float64Array(cap);
    updated.set(idx.updated);
    idx.updated = updated;
    idx.mask = new Uint8Array(cap);
    idx.mark = new Uint8Array(cap);
    idx.vs = new Float64Array(cap);
  };

  const postFilters = (idx: TypeIndex, doc: StoredDoc, slot: number): void => {
    for (const field of FILTER_FIELDS) {
      const byValue = idx.filters.get(field);
      if (!byValue) continue;
      for (const v of docFilterValues(doc, field)) {
        let list = byValue.get(v);
        if (!list) byValue.set(v, (list = { data: new Int32Array(4), n: 0 }));
        if (list.n === list.data.length) {
          const next = new Int32Array(list.data.length * 2);
          next.set(list.data);
          list.data = next;
        }
        // A doc may list a value twice (chainIds); one entry keeps counts right.
        if (list.n === 0 || list.data[list.n - 1] !== slot) list.data[list.n++] = slot;
      }
    }
  };

  const countModel = (idx: TypeIndex, model: string, delta: number): void => {
    const n = (idx.models.get(model) ?? 0) + delta;
    if (n > 0) idx.models.set(model, n);
    else idx.models.delete(model);
  };

  /** Appends a doc at the next slot: text, vector, filters, bookkeeping. */
  const place = (idx: TypeIndex, doc: StoredDoc, vector: ArrayLike<number> | undefined): number => {
    const slot = idx.text.slotCount;
    ensureSlots(idx, slot + 1);
    idx.text.add(slot, [tokenizer.tokens(doc.title), tokenizer.tokens(doc.subtitle), tokenizer.tokens(doc.body)]);
    if (vector) idx.vectors.set(slot, vector);
    idx.docs[slot] = doc;
    idx.slotById.set(doc.id, slot);
    idx.alive[slot] = 1;
    const t = Date.parse(doc.updatedAt);
    idx.updated[slot] = Number.isNaN(t) ? 0 : t;
    postFilters(idx, doc, slot);
    idx.live++;
    countModel(idx, doc.modelVersion, 1);
    return slot;
  };

  const kill = (idx: TypeIndex, slot: number): void => {
    const doc = idx.docs[slot];
    if (!doc || idx.alive[slot] !== 1) return;
    idx.alive[slot] = 0;
    idx.docs[slot] = undefined;
    if (idx.slotById.get(doc.id) === slot) idx.slotById.delete(doc.id);
    idx.live--;
    countModel(idx, doc.modelVersion, -1);
  };

  /** Drops dead slots: renumbers the live ones in order, so postings stay sorted. */
  const compact = (idx: TypeIndex): void => {
    const slots = idx.text.slotCount;
    if (slots === idx.live) return;
    const remap = new Int32Array(slots);
    let next = 0;
    for (let s = 0; s < slots; s++) {
      if (idx.alive[s] !== 1) {
        remap[s] = -1;
        continue;
      }
      remap[s] = next;
      idx.vectors.move(s, next);
      idx.docs[next] = idx.docs[s];
      idx.updated[next] = idx.updated[s] as number;
      next++;
    }
    idx.docs.length = next;
    idx.alive.fill(0);
    idx.alive.fill(1, 0, next);
    idx.text.compact(remap, next);
    idx.slotById.clear();
    for (const byValue of idx.filters.values()) byValue.clear();
    for (let s = 0; s < next; s++) {
      const doc = idx.docs[s] as StoredDoc;
      idx.slotById.set(doc.id, s);
      postFilters(idx, doc, s);
    }
    idx.live = next;
  };

  const maybeCompact = (idx: TypeIndex): void => {
    const dead = idx.text.slotCount - idx.live;
    if (dead >= COMPACT_MIN_DEAD && dead * 4 >= idx.text.slotCount) compact(idx);
  };

  /**
   * Marks the slots passing every clause in `idx.mask`: a slot's level counts the clauses it has
   * passed, so each clause only walks its own postings and the narrowest goes first. Returns the
   * mask value meaning "passes" and how many slots have it.
   */
  const applyFilters = (idx: TypeIndex, clauses: readonly FilterClause[]): { mask: Uint8Array; want: number; count: number } => {
    if (clauses.length === 0) return { mask: idx.alive, want: 1, count: idx.live };
    const lists = clauses
      .map((c) => {
        const byValue = idx.filters.get(c.field);
        const ls = c.values.map((v) => byValue?.get(v)).filter((l): l is SlotList => l !== undefined);
        return { ls, size: ls.reduce((n, l) => n + l.n, 0) };
      })
      .sort((a, b) => a.size - b.size);
    const mask = idx.mask;
    mask.fill(0, 0, idx.text.slotCount);
    let count = 0;
    lists.forEach(({ ls }, level) => {
      const last = level === lists.length - 1;
      for (const l of ls) {
        const data = l.data;
        for (let p = 0; p < l.n; p++) {
          const s = data[p] as number;
          if (mask[s] !== level || (level === 0 && idx.alive[s] !== 1)) continue;
          mask[s] = level + 1;
          if (last) count++;
        }
      }
    });
    return { mask, want: lists.length, count };
  };

  const toQueryVector = (v: Float32Array | number[], dim: number): Float32Array => {
    if (v.length !== dim) throw new UnprocessableError('vector', `the query vector has ${v.length} dimensions, the index ${dim}`);
    const q = Float32Array.from(v);
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += (q[j] as number) ** 2;
    // Cosine needs both sides normalised; the docs are by contract, a caller's query may not be.
    if (norm > 0 && Math.abs(norm - 1) > 1e-4) {
      const inv = 1 / Math.sqrt(norm);
      for (let j = 0; j < dim; j++) q[j] = (q[j] as number) * inv;
    }
    return q;
  };

  /**
   * Facet counts over a set of slots marked `want` in `mask`. A big set is counted through the
   * filter postings (a tight loop over typed arrays); a small one doc by doc.
   */
  const countFacets = (
    idx: TypeIndex,
    fields: readonly FilterField[] | undefined,
    set: { mask: Uint8Array; want: number; size: number; slots?: ArrayLike<number> },
  ): SearchResult['facets'] => {
    const facets: SearchResult['facets'] = {};
    if (!fields || fields.length === 0) return facets;
    for (const f of new Set(fields)) {
      const counts: Record<string, number> = {};
      // Reading a doc's field costs tens of times a postings step; go doc by doc only when far fewer.
      if (set.slots && set.size * 32 < idx.text.slotCount) {
        for (let i = 0; i < set.size; i++) {
          const doc = idx.docs[set.slots[i] as number];
          if (doc) countValues(counts, doc[f]);
        }
      } else {
        const { mask, want } = set;
        for (const [v, l] of idx.filters.get(f) ?? []) {
          let n = 0;
          const data = l.data;
          for (let p = 0; p < l.n; p++) if (mask[data[p] as number] === want) n++;
          if (n > 0) counts[v] = n;
        }
      }
      facets[f] = counts;
    }
    return facets;
  };

  /** Adds a doc's values of one field to `counts`, as `docFilterValues` reads them, without allocating. */
  const countValues = (counts: Record<string, number>, v: StoredDoc[FilterField]): void => {
    if (Array.isArray(v)) {
      for (let k = 0; k < v.length; k++) {
        const x = v[k] as string;
        // A doc listing a value twice still counts once.
        if (v.indexOf(x) === k) counts[x] = (counts[x] ?? 0) + 1;
      }
    } else if (typeof v === 'boolean') {
      const x = String(v);
      counts[x] = (counts[x] ?? 0) + 1;
    } else if (v !== '') {
      counts[v] = (counts[v] ?? 0) + 1;
    }
  };

  const highlights = (doc: StoredDoc, terms: readonly string[]): SearchHit['highlights'] => ({
    title: highlight(doc.title, terms),
    subtitle: highlight(doc.subtitle, terms),
    body: highlight(doc.body, terms, BODY_WINDOW),
  });

  const docAt = (idx: TypeIndex, slot: number): StoredDoc => {
    const d = idx.docs[slot];
    if (!d) throw new AppError('internal', `embedded search: slot ${slot} has no document`);
    return d;
  };

  const popcount = (x: number): number => {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  };

  // ------------------------------------------------------------------ snapshots

  const fileOf = (dir: string, type: SearchType): string => path.join(dir, `${type}.ctsnap`);

  const writeType = async (dir: string, type: SearchType, idx: TypeIndex): Promise<void> => {
    compact(idx);
    const slots = idx.text.slotCount;
    const img = idx.text.image();
    const docs = encodeDocs(idx.docs.slice(0, slots) as StoredDoc[]);
    const meta: SnapshotMeta = {
      engine: 'chaintalent-embedded',
      type,
      dimensions: idx.vectors.dim,
      tokenizer: tokenizerVersion,
      slots,
      terms: img.terms.length,
      endian: 'le',
      ...(watermark === undefined ? {} : { watermark }),
    };
    // Everything is copied before the first await, so writes landing meanwhile cannot tear it.
    await writeSnapshot(fileOf(dir, type), {
      meta,
      sections: {
        docText: docs.text,
        docLengths: docs.lengths,
        docArrays: docs.arrays,
        docVersions: docs.sourceVersions,
        docFlags: docs.flags,
        terms: Buffer.from(JSON.stringify(img.terms), 'utf8'),
        offsets: img.offsets,
        postings: img.postings,
        fieldLens: img.fieldLens,
        vectors: idx.vectors.view(slots).slice(),
      },
    });
  };

  const readType = async (dir: string, type: SearchType, dim: number): Promise<{ idx: TypeIndex; watermark?: string } | undefined> => {
    const snap = await readSnapshot<SnapshotMeta>(fileOf(dir, type));
    if (!snap) return undefined;
    const m = snap.meta;
    if (m.engine !== 'chaintalent-embedded' || m.type !== type) throw new SnapshotError(`the snapshot of ${type} is not one of this engine`);
    if (m.endian !== 'le' || !isLittleEndian) throw new SnapshotError(`the snapshot of ${type} was written with another byte order`);
    if (m.dimensions !== dim) throw new SnapshotError(`the snapshot of ${type} holds ${m.dimensions}-dimensional vectors, the index wants ${dim}`);
    if (m.tokenizer !== tokenizerVersion)
      throw new SnapshotError(`the snapshot of ${type} was tokenised by ${m.tokenizer}, this engine uses ${tokenizerVersion}`);
    const docs = decodeDocs(
      {
        text: snap.section('docText'),
        lengths: viewAs(snap.section('docLengths'), Uint32Array),
        arrays: viewAs(snap.section('docArrays'), Uint32Array),
        sourceVersions: viewAs(snap.section('docVersions'), Float64Array),
        flags: viewAs(snap.section('docFlags'), Uint8Array),
      },
      m.slots,
    );
    const terms = JSON.parse(snap.section('terms').toString('utf8')) as unknown;
    if (!Array.isArray(terms) || terms.length !== m.terms || !terms.every((t) => typeof t === 'string'))
      throw new SnapshotError(`the snapshot of ${type} has a bad dictionary`);
    const vectors = viewAs(snap.section('vectors'), Float32Array);
    if (vectors.length !== m.slots * dim)
      throw new SnapshotError(`the snapshot of ${type} has ${vectors.length} vector floats, not ${m.slots * dim}`);
    const idx = newIndex(dim);
    idx.text.load({
      terms: terms as string[],
      offsets: viewAs(snap.section('offsets'), Int32Array),
      postings: viewAs(snap.section('postings'), Int32Array),
      fieldLens: viewAs(snap.section('fieldLens'), Uint32Array),
      slots: m.slots,
    });
    idx.vectors.load(vectors, m.slots);
    ensureSlots(idx, m.slots);
    for (let s = 0; s < m.slots; s++) {
      const doc = docs[s] as StoredDoc;
      if (idx.slotById.has(doc.id)) throw new SnapshotError(`the snapshot of ${type} holds ${doc.id} twice`);
      idx.docs[s] = doc;
      idx.slotById.set(doc.id, s);
      idx.alive[s] = 1;
      const t = Date.parse(doc.updatedAt);
      idx.updated[s] = Number.isNaN(t) ? 0 : t;
      postFilters(idx, doc, s);
      countModel(idx, doc.modelVersion, 1);
    }
    idx.live = m.slots;
    return { idx, ...(typeof m.watermark === 'string' ? { watermark: m.watermark } : {}) };
  };

  const snapshot = async (): Promise<void> => {
    if (!snapshotDir || indexes.size === 0) return;
    await mkdir(snapshotDir, { recursive: true });
    for (const [type, idx] of indexes) await writeType(snapshotDir, type, idx);
  };

  // ------------------------------------------------------------------ search

  /** Top `k` of `n` candidates by `better`, best first: a bounded heap, O(n log k). */
  const selectTop = (n: number, k: number, better: (a: number, b: number) => boolean): number[] => {
    if (k <= 0 || n === 0) return [];
    const heap: number[] = [];
    const worse = (a: number, b: number): boolean => better(b, a);
    for (let i = 0; i < n; i++) {
      if (heap.length < k) {
        heap.push(i);
        for (let c = heap.length - 1; c > 0;) {
          const p = (c - 1) >> 1;
          if (!worse(heap[c] as number, heap[p] as number)) break;
          [heap[c], heap[p]] = [heap[p] as number, heap[c] as number];
          c = p;
        }
      } else if (better(i, heap[0] as number)) {
        heap[0] = i;
        for (let c = 0; ;) {
          const l = 2 * c + 1;
          if (l >= heap.length) break;
          const r = l + 1;
          const m = r < heap.length && worse(heap[r] as number, heap[l] as number) ? r : l;
          if (!worse(heap[m] as number, heap[c] as number)) break;
          [heap[c], heap[m]] = [heap[m] as number, heap[c] as number];
          c = m;
        }
      }
    }
    return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  };

  const listing = (idx: TypeIndex, req: SearchRequest, qv: Float32Array | undefined, offset: number, limit: number): SearchResult => {
    const { mask, want, count } = applyFilters(idx, filterClauses(req.filters));
    const slots = new Int32Array(count);
    let n = 0;
    // Newest slots first: docs arrive roughly in updatedAt order, so most later candidates lose
    // to the heap's root at once instead of each sifting through it.
    for (let s = idx.text.slotCount - 1; s >= 0; s--) if (mask[s] === want) slots[n++] = s;
    const updated = idx.updated;
    // Newest first, then by id, as the listing always was.
    const top = selectTop(n, offset + limit, (a, b) => {
      const sa = slots[a] as number;
      const sb = slots[b] as number;
      const ua = updated[sa] as number;
      const ub = updated[sb] as number;
      if (ua !== ub) return ua > ub;
      return docAt(idx, sa).id.localeCompare(docAt(idx, sb).id) < 0;
    });
    return {
      total: n,
      facets: countFacets(idx, req.facets, { mask, want, size: n, slots }),
      hits: top.slice(offset).map((i) => {
        const s = slots[i] as number;
        const d = docAt(idx, s);
        return {
          id: d.id,
          score: 0,
          keywordScore: 0,
          vectorScore: qv ? idx.vectors.dot(s, qv) : undefined,
          highlights: highlights(d, []),
          matchedTerms: [],
        };
      }),
    };
  };

  const search = (req: SearchRequest): SearchResult => {
    const idx = get(req.type);
    const offset = Math.max(0, req.offset ?? 0);
    const limit = Math.max(0, req.limit);
    const terms = [...new Set(tokenizer.tokens(req.q.trim()))].slice(0, MAX_QUERY_TERMS);
    const hasTerms = terms.length > 0;
    const ratio = req.vector ? Math.min(1, Math.max(0, req.semanticRatio ?? 0.5)) : 0;
    const qv = req.vector ? toQueryVector(req.vector, idx.vectors.dim) : undefined;
    if (!hasTerms && !(qv && ratio > 0)) return listing(idx, req, qv, offset, limit);

    const filter = applyFilters(idx, filterClauses(req.filters));
    const acc = idx.acc;
    let query: QueryTerm[] = [];
    if (hasTerms) {
      query = idx.text.expand(terms);
      idx.text.accumulate(query, filter.mask, filter.want, acc);
    } else {
      acc.prepare(idx.text.slotCount);
    }
    const kwCount = acc.count;
    const { scores, bits, touched } = acc;

    // BM25F damped by the share of query terms matched: partial matches sink below full ones.
    const nq = terms.length;
    let max = 0;
    for (let i = 0; i < kwCount; i++) {
      const s = touched[i] as number;
      const cov = Math.min(1, popcount(bits[s] as number) / nq);
      const adjusted = (scores[s] as number) * cov * cov;
      scores[s] = adjusted;
      if (adjusted > max) max = adjusted;
    }
    let extra: Array<{ slot: number; score: number }> = [];
    const fullScan = qv !== undefined && ratio > 0 && (req.vectorRecall !== 'fallback' || kwCount < offset + limit);
    if (fullScan) {
      const k = Math.max(MIN_VECTOR_CANDIDATES, offset + limit);
      const floor = req.semanticFloor ?? -Infinity;
      extra = idx.vectors.topK(qv, k, idx.text.slotCount, filter.mask, filter.want, idx.vs).filter((e) => bits[e.slot] === 0 && e.score >= floor);
    }
    // The scan scored every filtered slot, and keyword hits are among them.
    const scanned = fullScan;
    const n = kwCount + extra.length;
    idx.cand.ensure(n);
    const { slot: cSlot, kw: cKw, vs: cVs, score: cScore } = idx.cand;
    for (let i = 0; i < kwCount; i++) {
      const s = touched[i] as number;
      const cov = Math.min(1, popcount(bits[s] as number) / nq);
      cSlot[i] = s;
      cKw[i] = max > 0 ? (cov * (scores[s] as number)) / max : 0;
      cVs[i] = qv ? (scanned ? (idx.vs[s] as number) : idx.vectors.dot(s, qv)) : 0;
    }
    extra.forEach((e, j) => {
      cSlot[kwCount + j] = e.slot;
      cKw[kwCount + j] = 0;
      cVs[kwCount + j] = e.score;
    });
    for (let i = 0; i < n; i++) cScore[i] = (1 - ratio) * (cKw[i] as number) + ratio * Math.max(0, cVs[i] as number);

    const top = selectTop(n, offset + limit, (a, b) => {
      const d = (cScore[a] as number) - (cScore[b] as number);
      if (d !== 0) return d > 0;
      const k = (cKw[a] as number) - (cKw[b] as number);
      if (k !== 0) return k > 0;
      return (cSlot[a] as number) < (cSlot[b] as number);
    });

    // Every filtered doc is a semantic match to some degree: count them when there is no keyword part.
    const total = qv && ratio > 0 && !hasTerms && req.semanticFloor === undefined ? filter.count : n;
    const mark = idx.mark;
    for (let i = 0; i < n; i++) mark[cSlot[i] as number] = 1;
    const facets = countFacets(idx, req.facets, { mask: mark, want: 1, size: n, slots: cSlot });
    for (let i = 0; i < n; i++) mark[cSlot[i] as number] = 0;

    return {
      total,
      facets,
      hits: top.slice(offset).map((i) => {
        const s = cSlot[i] as number;
        const d = docAt(idx, s);
        const b = i < kwCount ? (bits[s] as number) : 0;
        const matchedTerms: string[] = [];
        const docTerms: string[] = [];
        query.forEach((q, qi) => {
          if ((b & (1 << qi)) === 0) return;
          matchedTerms.push(q.term);
          for (const e of q.expansions) docTerms.push(e.term);
        });
        return {
          id: d.id,
          score: cScore[i] as number,
          keywordScore: cKw[i] as number,
          vectorScore: qv ? (cVs[i] as number) : undefined,
          highlights: highlights(d, docTerms),
          matchedTerms,
        };
      }),
    };
  };

  return {
    kind: 'embedded',

    async init(dims) {
      if (!Number.isInteger(dims) || dims <= 0) throw new UnprocessableError('dimensions', 'dimensions must be a positive integer');
      if (dimensions !== undefined && dimensions !== dims) {
        const used = [...indexes.values()].some((i) => i.live > 0);
        if (used) throw new ConflictError('dimensions', `the index holds ${dimensions}-dimensional vectors; clear it before using ${dims}`);
      }
      if (dimensions === dims && indexes.size === SEARCH_TYPES.length) return;
      dimensions = dims;
      // The watermark holds only if every type's file was written in the same step with it.
      const marks = new Set<string | undefined>();
      for (const t of SEARCH_TYPES) {
        let loaded: { idx: TypeIndex; watermark?: string } | undefined;
        if (snapshotDir) {
          try {
            loaded = await readType(snapshotDir, t, dims);
          } catch (err) {
            // A bad snapshot only costs a rebuild: drift repair re-indexes from the store.
            warn(`embedded search: ignoring the ${t} snapshot (${err instanceof Error ? err.message : String(err)}); starting empty`);
          }
        }
        marks.add(loaded?.watermark);
        indexes.set(t, loaded?.idx ?? newIndex(dims));
      }
      const [only] = marks;
      watermark = marks.size === 1 ? only : undefined;
    },

    async upsert(type, docs) {
      const idx = get(type);
      if (docs.length > 0) watermark = undefined;
      for (const doc of docs) {
        if (doc.type !== type) throw new UnprocessableError('type', `document ${doc.id} is a ${doc.type}, not a ${type}`);
        if (doc.vector.length !== idx.vectors.dim) {
          throw new UnprocessableError('vector', `document ${doc.id} has a ${doc.vector.length}-dimensional vector, the index ${idx.vectors.dim}`);
        }
      }
      for (const doc of docs) {
        const { vector, ...stored } = doc;
        const existing = idx.slotById.get(doc.id);
        if (existing !== undefined) kill(idx, existing);
        place(idx, stored, vector);
      }
      maybeCompact(idx);
    },

    async remove(type, ids) {
      const idx = get(type);
      if (ids.length > 0) watermark = undefined;
      for (const id of ids) {
        const slot = idx.slotById.get(id);
        if (slot !== undefined) kill(idx, slot);
      }
      maybeCompact(idx);
    },

    async search(req) {
      return search(req);
    },

    async nearest(type, vector, k, filters?: SearchFilters) {
      const idx = get(type);
      const qv = toQueryVector(vector, idx.vectors.dim);
      const { mask, want } = applyFilters(idx, filterClauses(filters));
      return idx.vectors.topK(qv, k, idx.text.slotCount, mask, want).map(({ slot, score }) => ({ id: docAt(idx, slot).id, score }));
    },

    async stats(type): Promise<IndexStats> {
      const idx = get(type);
      const versions = new Map<string, number>();
      for (const d of idx.docs) if (d) versions.set(d.id, d.sourceVersion);
      return { count: idx.live, versions, modelVersions: [...idx.models.keys()].sort(), watermark };
    },

    async clear(type) {
      const idx = get(type);
      watermark = undefined;
      indexes.set(type, newIndex(idx.vectors.dim));
    },

    async recordWatermark(mark) {
      watermark = mark;
    },

    async ping() {},

    snapshot,

    async close() {
      try {
        await snapshot();
      } finally {
        // A failed write must not keep 100k docs alive in a process that is shutting down.
        indexes.clear();
        dimensions = undefined;
        watermark = undefined;
      }
    },
  };
}
