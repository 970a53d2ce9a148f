import MiniSearch from 'minisearch';
import type { SearchResult as MiniResult } from 'minisearch';
import { AppError, ConflictError, UnprocessableError } from '../../errors.js';
import { isHan } from '../../../matching/text/tokenize.js';
import type { Tokenizer } from '../../../matching/text/tokenize.js';
import { FILTER_FIELDS, SEARCH_TYPES } from '../port.js';
import type { FilterField, IndexStats, SearchDoc, SearchFilters, SearchHit, SearchIndex, SearchRequest, SearchResult, SearchType } from '../port.js';
import { docFilterValues, filterClauses, matchesClauses } from '../filter.js';
import type { FilterClause } from '../filter.js';
import { highlight } from './highlight.js';
import { VectorStore } from './vectors.js';

/** What MiniSearch sees of a doc: text only, nothing stored, so its memory stays the inverted index. */
interface TextDoc {
  id: string;
  title: string;
  subtitle: string;
  body: string;
}

/** The record kept beside the index (for filters, facets, highlights and stats), minus its vector. */
type StoredDoc = Omit<SearchDoc, 'vector'>;

interface TypeIndex {
  mini: MiniSearch<TextDoc>;
  vectors: VectorStore;
  /** Parallel to the vector rows: row → doc. */
  docs: StoredDoc[];
  /** field → value → rows holding it; kept in step with the rows as they are swap-removed. */
  postings: Map<FilterField, Map<string, Set<number>>>;
}

/** Body highlights longer than this are cut to a window around the first match. */
const BODY_WINDOW = 160;
/** How many nearest vectors a hybrid query adds at least to the keyword candidates. */
const MIN_VECTOR_CANDIDATES = 100;

const LATIN = /^[a-z][a-z0-9+#]*$/;

/**
 * The in-process engine: one MiniSearch per type over the shared jieba tokenizer, plus a
 * contiguous vector store scanned by dot product. Suits one machine and tests; Meilisearch
 * carries the province-wide pool.
 */
export function createEmbeddedSearch(options: { tokenizer: Tokenizer }): SearchIndex {
  const { tokenizer } = options;
  const indexes = new Map<SearchType, TypeIndex>();
  let dimensions: number | undefined;

  const newMini = (): MiniSearch<TextDoc> =>
    new MiniSearch<TextDoc>({
      idField: 'id',
      fields: ['title', 'subtitle', 'body'],
      storeFields: [],
      tokenize: (text) => tokenizer.tokens(text),
      // The tokenizer already lower-cases, folds width and stems; MiniSearch must not redo it.
      processTerm: (term) => term,
      searchOptions: {
        boost: { title: 3, subtitle: 1.5, body: 1 },
        // OR keeps partial matches; the coverage penalty below puts them under full matches.
        combineWith: 'OR',
        // Typos only make sense for Latin words: a one-character edit of a two-character Han
        // word is a different word.
        fuzzy: (term) => (LATIN.test(term) && term.length >= 5 ? 0.2 : false),
        prefix: (term, i, terms) => i === terms.length - 1 && LATIN.test(term) && term.length >= 3,
      },
    });

  const newIndex = (dim: number): TypeIndex => ({
    mini: newMini(),
    vectors: new VectorStore(dim),
    docs: [],
    postings: new Map(FILTER_FIELDS.map((f) => [f, new Map<string, Set<number>>()])),
  });

  const get = (type: SearchType): TypeIndex => {
    const idx = indexes.get(type);
    if (!idx) throw new AppError('internal', 'the embedded search index was used before init()');
    return idx;
  };

  const post = (idx: TypeIndex, doc: StoredDoc, row: number, add: boolean): void => {
    for (const field of FILTER_FIELDS) {
      const byValue = idx.postings.get(field);
      if (!byValue) continue;
      for (const v of docFilterValues(doc, field)) {
        let rows = byValue.get(v);
        if (add) {
          if (!rows) byValue.set(v, (rows = new Set()));
          rows.add(row);
        } else if (rows) {
          rows.delete(row);
          if (rows.size === 0) byValue.delete(v);
        }
      }
    }
  };

  const removeOne = (idx: TypeIndex, id: string): void => {
    const row = idx.vectors.rowOf(id);
    if (row === undefined) return;
    const doc = idx.docs[row];
    if (doc) post(idx, doc, row, false);
    idx.mini.discard(id);
    const res = idx.vectors.delete(id);
    if (res?.movedFrom !== undefined) {
      const moved = idx.docs[res.movedFrom];
      if (moved) {
        post(idx, moved, res.movedFrom, false);
        post(idx, moved, res.row, true);
        idx.docs[res.row] = moved;
      }
    }
    idx.docs.length = idx.vectors.size;
  };

  /** Rows passing the filters, from the postings: start from the narrowest clause, check the rest. */
  const filteredRows = (idx: TypeIndex, clauses: readonly FilterClause[]): number[] | undefined => {
    if (clauses.length === 0) return undefined;
    const unions = clauses.map((c) => {
      const byValue = idx.postings.get(c.field);
      const sets = c.values.map((v) => byValue?.get(v)).filter((s): s is Set<number> => s !== undefined);
      return { sets, size: sets.reduce((n, s) => n + s.size, 0) };
    });
    unions.sort((a, b) => a.size - b.size);
    const [first, ...rest] = unions;
    if (!first || first.size === 0) return [];
    const seen = new Set<number>();
    const out: number[] = [];
    for (const s of first.sets) {
      for (const row of s) {
        if (seen.has(row)) continue;
        seen.add(row);
        if (rest.every((u) => u.sets.some((x) => x.has(row)))) out.push(row);
      }
    }
    return out;
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

  const countFacets = (fields: readonly FilterField[] | undefined, docs: Iterable<StoredDoc>): SearchResult['facets'] => {
    const facets: SearchResult['facets'] = {};
    if (!fields || fields.length === 0) return facets;
    const counts = fields.map((f) => [f, {} as Record<string, number>] as const);
    for (const doc of docs) {
      for (const [f, c] of counts) for (const v of docFilterValues(doc, f)) c[v] = (c[v] ?? 0) + 1;
    }
    for (const [f, c] of counts) facets[f] = c;
    return facets;
  };

  const highlights = (doc: StoredDoc, terms: readonly string[]): SearchHit['highlights'] => ({
    title: highlight(doc.title, terms),
    subtitle: highlight(doc.subtitle, terms),
    body: highlight(doc.body, terms, BODY_WINDOW),
  });

  /** Keyword hits with scores in [0, 1]: BM25 damped by the share of query terms matched. */
  const keywordHits = (idx: TypeIndex, q: string, clauses: readonly FilterClause[]) => {
    const terms = [...new Set(tokenizer.tokens(q))];
    const raw: MiniResult[] = idx.mini.search(q, {
      filter: clauses.length === 0 ? undefined : (r) => {
        const row = idx.vectors.rowOf(String(r.id));
        const doc = row === undefined ? undefined : idx.docs[row];
        return doc !== undefined && matchesClauses(doc, clauses);
      },
    });
    const scored = raw.map((r) => {
      const coverage = terms.length === 0 ? 1 : Math.min(1, new Set(r.queryTerms).size / terms.length);
      return { r, coverage, adjusted: r.score * coverage * coverage };
    });
    const max = scored.reduce((m, s) => Math.max(m, s.adjusted), 0);
    return scored.map((s) => ({
      id: String(s.r.id),
      keywordScore: max > 0 ? (s.coverage * s.adjusted) / max : 0,
      docTerms: s.r.terms,
      queryTerms: s.r.queryTerms,
    }));
  };

  return {
    kind: 'embedded',

    async init(dims) {
      if (!Number.isInteger(dims) || dims <= 0) throw new UnprocessableError('dimensions', 'dimensions must be a positive integer');
      if (dimensions !== undefined && dimensions !== dims) {
        const used = [...indexes.values()].some((i) => i.vectors.size > 0);
        if (used) throw new ConflictError('dimensions', `the index holds ${dimensions}-dimensional vectors; clear it before using ${dims}`);
      }
      if (dimensions === dims && indexes.size === SEARCH_TYPES.length) return;
      dimensions = dims;
      for (const t of SEARCH_TYPES) indexes.set(t, newIndex(dims));
    },

    async upsert(type, docs) {
      const idx = get(type);
      for (const doc of docs) {
        if (doc.type !== type) throw new UnprocessableError('type', `document ${doc.id} is a ${doc.type}, not a ${type}`);
        if (doc.vector.length !== idx.vectors.dim) {
          throw new UnprocessableError('vector', `document ${doc.id} has a ${doc.vector.length}-dimensional vector, the index ${idx.vectors.dim}`);
        }
      }
      for (const doc of docs) {
        const { vector, ...stored } = doc;
        const existing = idx.vectors.rowOf(doc.id);
        if (existing !== undefined) {
          const old = idx.docs[existing];
          if (old) post(idx, old, existing, false);
          idx.mini.discard(doc.id);
        }
        const { row } = idx.vectors.set(doc.id, vector);
        idx.docs[row] = stored;
        post(idx, stored, row, true);
        idx.mini.add({ id: doc.id, title: doc.title, subtitle: doc.subtitle, body: doc.body });
      }
    },

    async remove(type, ids) {
      const idx = get(type);
      for (const id of ids) removeOne(idx, id);
    },

    async search(req: SearchRequest): Promise<SearchResult> {
      const idx = get(req.type);
      const clauses = filterClauses(req.filters);
      const offset = Math.max(0, req.offset ?? 0);
      const limit = Math.max(0, req.limit);
      const q = req.q.trim();
      const hasTerms = q !== '' && tokenizer.tokens(q).length > 0;
      const ratio = req.vector ? Math.min(1, Math.max(0, req.semanticRatio ?? 0.5)) : 0;
      const qv = req.vector ? toQueryVector(req.vector, idx.vectors.dim) : undefined;
      const docAt = (row: number): StoredDoc => {
        const d = idx.docs[row];
        if (!d) throw new AppError('internal', `embedded search: row ${row} has no document`);
        return d;
      };

      if (!hasTerms && !(qv && ratio > 0)) {
        // Listing: filters and facets only, newest first.
        const rows = filteredRows(idx, clauses) ?? Array.from({ length: idx.docs.length }, (_, i) => i);
        const docs = rows.map(docAt).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id.localeCompare(b.id)));
        return {
          total: docs.length,
          facets: countFacets(req.facets, docs),
          hits: docs.slice(offset, offset + limit).map((d) => ({
            id: d.id,
            score: 0,
            keywordScore: 0,
            vectorScore: qv ? idx.vectors.dot(idx.vectors.rowOf(d.id) ?? 0, qv) : undefined,
            highlights: highlights(d, []),
            matchedTerms: [],
          })),
        };
      }

      interface Candidate {
        row: number;
        keywordScore: number;
        vectorScore: number | undefined;
        docTerms: string[];
        queryTerms: string[];
      }
      const candidates = new Map<number, Candidate>();
      if (hasTerms) {
        for (const h of keywordHits(idx, q, clauses)) {
          const row = idx.vectors.rowOf(h.id);
          if (row === undefined) continue;
          candidates.set(row, { row, keywordScore: h.keywordScore, vectorScore: undefined, docTerms: h.docTerms, queryTerms: h.queryTerms });
        }
      }
      let total = candidates.size;
      if (qv) {
        for (const c of candidates.values()) c.vectorScore = idx.vectors.dot(c.row, qv);
        if (ratio > 0) {
          const rows = filteredRows(idx, clauses);
          const k = Math.max(MIN_VECTOR_CANDIDATES, offset + limit);
          for (const { row, score } of idx.vectors.topK(qv, k, rows)) {
            if (!candidates.has(row)) candidates.set(row, { row, keywordScore: 0, vectorScore: score, docTerms: [], queryTerms: [] });
          }
          // Every filtered doc is a semantic match to some degree: count them when there is no keyword part.
          total = hasTerms ? candidates.size : (rows?.length ?? idx.docs.length);
        }
      }
      const ranked = [...candidates.values()]
        .map((c) => ({ c, score: (1 - ratio) * c.keywordScore + ratio * Math.max(0, c.vectorScore ?? 0) }))
        .sort((a, b) => b.score - a.score || b.c.keywordScore - a.c.keywordScore || a.c.row - b.c.row);
      return {
        total,
        facets: countFacets(req.facets, (function* () {
          for (const c of candidates.values()) yield docAt(c.row);
        })()),
        hits: ranked.slice(offset, offset + limit).map(({ c, score }) => ({
          id: docAt(c.row).id,
          score,
          keywordScore: c.keywordScore,
          vectorScore: c.vectorScore,
          highlights: highlights(docAt(c.row), c.docTerms),
          matchedTerms: c.queryTerms,
        })),
      };
    },

    async nearest(type, vector, k, filters?: SearchFilters) {
      const idx = get(type);
      const qv = toQueryVector(vector, idx.vectors.dim);
      const rows = filteredRows(idx, filterClauses(filters));
      return idx.vectors.topK(qv, k, rows).map(({ row, score }) => ({ id: idx.vectors.idAt(row), score }));
    },

    async stats(type): Promise<IndexStats> {
      const idx = get(type);
      const versions = new Map<string, number>();
      const models = new Set<string>();
      for (const d of idx.docs) {
        versions.set(d.id, d.sourceVersion);
        models.add(d.modelVersion);
      }
      return { count: idx.docs.length, versions, modelVersions: [...models].sort() };
    },

    async clear(type) {
      const idx = get(type);
      idx.mini = newMini();
      idx.vectors.clear();
      idx.docs.length = 0;
      for (const byValue of idx.postings.values()) byValue.clear();
    },

    async ping() {},

    async close() {
      indexes.clear();
    },
  };
}
