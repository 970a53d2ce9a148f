import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError, MeilisearchTaskTimeOutError } from 'meilisearch';
import type { EnqueuedTaskPromise, Hit, MeilisearchErrorResponse, SearchParams, Settings, Task } from 'meilisearch';
import { AppError, UnavailableError } from '../../errors.js';
import type { ErrorCode } from '../../errors.js';
import { escapeHtml } from '../embedded/highlight.js';
import { FILTER_FIELDS, SEARCH_TYPES } from '../port.js';
import type { FilterField, IndexStats, SearchDoc, SearchHit, SearchIndex, SearchRequest, SearchResult, SearchType } from '../port.js';
import { buildMeiliFilter } from './filter.js';

/** Options of the Meilisearch adapter. */
export interface MeiliSearchOptions {
  url: string;
  apiKey?: string;
  /** Prepended to every index uid (`<prefix>talents` …), so tests and tenants can share a server. */
  indexPrefix?: string;
  /** Per HTTP request. */
  timeoutMs?: number;
  /** How long a write waits for its task; indexing 100k vectors takes minutes, not seconds. */
  taskTimeoutMs?: number;
  /** Largest JSON body one document batch may have (Meilisearch's default payload limit is 100 MB). */
  maxBatchBytes?: number;
}

const EMBEDDER = 'default';
// Private-use characters: cannot collide with real highlight text, and let us escape the text
// first and only then turn the markers into <mark> (Meilisearch itself does not escape HTML).
const PRE = '\uE000';
const POST = '\uE001';
const LOCALES = ['zho', 'eng'];
const STATS_PAGE = 10_000;
const DELETE_CHUNK = 10_000;

/** Fields a hit is read back with: just enough to identify it; text comes from `_formatted`. */
type IdOnly = { id: string };

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError');
}

function hasConnectionCause(e: unknown): boolean {
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) {
    const code = (c as Error & { code?: unknown }).code;
    if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|UND_ERR_)/.test(code)) return true;
    if (isAbort(c)) return true;
  }
  return false;
}

function codeFor(status: number, meiliCode: string | undefined): ErrorCode {
  if (status === 404 || meiliCode === 'index_not_found' || meiliCode === 'document_not_found') return 'not_found';
  if (status === 413 || meiliCode === 'payload_too_large') return 'payload_too_large';
  if (status >= 500) return 'unavailable';
  if (meiliCode === 'index_already_exists') return 'conflict';
  // A rejected key is our deployment's fault, not the caller's: surface it as a server error.
  if (status === 401 || status === 403) return 'internal';
  if (status === 429) return 'rate_limited';
  return 'unprocessable';
}

/** Maps client errors: unreachable → UnavailableError; rejected → AppError with a fitting code. */
export function mapMeiliError(e: unknown): Error {
  if (e instanceof AppError) return e;
  if (e instanceof MeilisearchRequestTimeOutError || e instanceof MeilisearchTaskTimeOutError) return new UnavailableError('meilisearch', e);
  if (e instanceof MeilisearchApiError) {
    const code = codeFor(e.response.status, e.cause?.code);
    if (code === 'unavailable') return new UnavailableError('meilisearch', e);
    return new AppError(code, `meilisearch rejected the request: ${e.cause?.message ?? e.message}`, { cause: e });
  }
  if (e instanceof MeilisearchRequestError || isAbort(e) || hasConnectionCause(e)) return new UnavailableError('meilisearch', e);
  return e instanceof Error ? e : new AppError('internal', 'meilisearch failed', { cause: e });
}

function taskFailure(task: Task): AppError {
  const err: MeilisearchErrorResponse | null = task.error;
  const code: ErrorCode = err?.code === 'payload_too_large' ? 'payload_too_large' : err?.type === 'internal' ? 'internal' : 'unprocessable';
  return new AppError(code, `meilisearch task ${task.uid} ${task.status}: ${err?.message ?? 'no reason given'}`, { cause: err ?? undefined });
}

/** `_formatted` text → our highlight: escaped, with only Meilisearch's match markers as <mark>. */
function toHighlight(formatted: unknown): string | undefined {
  if (typeof formatted !== 'string') return undefined;
  return escapeHtml(formatted).replaceAll(PRE, '<mark>').replaceAll(POST, '</mark>');
}

function markedTerms(texts: Array<unknown>): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    if (typeof t !== 'string') continue;
    for (const m of t.matchAll(/\uE000([^\uE001]*)\uE001/g)) if (m[1]) out.add(m[1].normalize('NFKC').toLowerCase());
  }
  return [...out];
}

function vectorSimilarity(hit: Hit<IdOnly>): number | undefined {
  const semantic = (hit as Record<string, unknown>)['_semanticScore'];
  if (typeof semantic === 'number') return semantic;
  const sort = hit._rankingScoreDetails?.['vectorSort'];
  const sim = sort?.['similarity'];
  return typeof sim === 'number' ? sim : undefined;
}

/** JSON bodies of at most `maxBytes` each (a single oversized doc still goes alone). */
export function batchJson(docs: readonly object[], maxBytes: number): string[] {
  const batches: string[] = [];
  let parts: string[] = [];
  let bytes = 2;
  for (const d of docs) {
    const json = JSON.stringify(d);
    const size = Buffer.byteLength(json, 'utf8') + 1;
    if (parts.length > 0 && bytes + size > maxBytes) {
      batches.push(`[${parts.join(',')}]`);
      parts = [];
      bytes = 2;
    }
    parts.push(json);
    bytes += size;
  }
  if (parts.length > 0) batches.push(`[${parts.join(',')}]`);
  return batches;
}

/** The Meilisearch adapter: one index per type, userProvided vectors, hybrid search. */
export function createMeiliSearch(options: MeiliSearchOptions): SearchIndex {
  const client = new Meilisearch({ host: options.url, apiKey: options.apiKey, timeout: options.timeoutMs ?? 5_000 });
  const prefix = options.indexPrefix ?? '';
  const taskTimeout = options.taskTimeoutMs ?? 300_000;
  const maxBatchBytes = options.maxBatchBytes ?? 8 * 1024 * 1024;
  const uid = (t: SearchType) => `${prefix}${t}`;

  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw mapMeiliError(e);
    }
  };

  /** Waits for the task so the API reads its own writes; a failed task becomes an AppError. */
  const settle = async (p: EnqueuedTaskPromise, tolerate?: string): Promise<void> => {
    const task = await call(() => p.waitTask({ timeout: taskTimeout }));
    if (task.status === 'succeeded') return;
    if (tolerate && task.error?.code === tolerate) return;
    throw taskFailure(task);
  };

  const baseParams = (req: SearchRequest): SearchParams => ({
    filter: buildMeiliFilter(req.filters),
    limit: req.limit,
    offset: req.offset ?? 0,
    showRankingScore: true,
    attributesToRetrieve: ['id'],
    locales: LOCALES,
  });

  return {
    kind: 'meilisearch',

    async init(dimensions) {
      const settings: Settings = {
        searchableAttributes: ['title', 'subtitle', 'body'],
        filterableAttributes: [...FILTER_FIELDS],
        sortableAttributes: ['updatedAt'],
        embedders: { [EMBEDDER]: { source: 'userProvided', dimensions } },
        // Without this Meilisearch guesses the language per field and query; a short Han query
        // can be taken for Japanese and segmented differently from the documents.
        localizedAttributes: [{ attributePatterns: ['title', 'subtitle', 'body'], locales: LOCALES }],
      };
      for (const t of SEARCH_TYPES) {
        await settle(client.createIndex(uid(t), { primaryKey: 'id' }), 'index_already_exists');
        await settle(client.index(uid(t)).updateSettings(settings));
      }
    },

    async upsert(type, docs) {
      const index = client.index(uid(type));
      const body = docs.map(({ vector, ...rest }) => ({ ...rest, _vectors: { [EMBEDDER]: Array.from(vector) } }));
      // Enqueue every batch first (Meilisearch auto-batches consecutive additions), then wait.
      const tasks = batchJson(body, maxBatchBytes).map((json) => index.addDocumentsFromString(json, 'application/json', { primaryKey: 'id' }));
      for (const t of tasks) await settle(t);
    },

    async remove(type, ids) {
      const index = client.index(uid(type));
      const tasks: EnqueuedTaskPromise[] = [];
      for (let i = 0; i < ids.length; i += DELETE_CHUNK) tasks.push(index.deleteDocuments([...ids.slice(i, i + DELETE_CHUNK)]));
      for (const t of tasks) await settle(t);
    },

    async search(req): Promise<SearchResult> {
      const index = client.index<IdOnly>(uid(req.type));
      const ratio = req.vector ? Math.min(1, Math.max(0, req.semanticRatio ?? 0.5)) : 0;
      const params: SearchParams = {
        ...baseParams(req),
        facets: req.facets ? [...req.facets] : undefined,
        attributesToHighlight: ['title', 'subtitle', 'body'],
        highlightPreTag: PRE,
        highlightPostTag: POST,
        attributesToCrop: ['body'],
        cropLength: 60,
        cropMarker: '…',
      };
      if (req.vector) {
        params.vector = Array.from(req.vector);
        params.hybrid = { embedder: EMBEDDER, semanticRatio: ratio };
        params.showRankingScoreDetails = true;
      }
      const q = req.q.trim();
      // Meilisearch has no separate keyword score in hybrid mode: a keyword-only twin query in the
      // same round trip supplies it for the hits it ranks.
      const needKeyword = req.vector !== undefined && ratio > 0 && ratio < 1 && q !== '';
      const [main, keyword] = await call(async () => {
        if (!needKeyword) return [await index.search(q, params), undefined] as const;
        const res = await client.multiSearch<{ queries: Array<SearchParams & { indexUid: string }> }, IdOnly>({
          queries: [
            { indexUid: uid(req.type), q, ...params },
            { indexUid: uid(req.type), q, ...baseParams(req), limit: (req.offset ?? 0) + req.limit, offset: 0 },
          ],
        });
        return [res.results[0], res.results[1]] as const;
      });
      if (!main) throw new AppError('internal', 'meilisearch returned no result for the search');
      const keywordScores = new Map<string, number>((keyword?.hits ?? []).map((h) => [h.id, h._rankingScore ?? 0]));
      const hits: SearchHit[] = main.hits.map((h) => {
        const f = (h._formatted ?? {}) as Record<string, unknown>;
        const score = h._rankingScore ?? 0;
        const similarity = req.vector ? (vectorSimilarity(h) ?? (ratio === 1 ? score : undefined)) : undefined;
        const keywordScore = !req.vector || ratio === 0 ? score : ratio === 1 ? 0 : (keywordScores.get(h.id) ?? 0);
        const highlights: SearchHit['highlights'] = {};
        for (const field of ['title', 'subtitle', 'body'] as const) {
          const text = toHighlight(f[field]);
          if (text !== undefined) highlights[field] = text;
        }
        return {
          id: h.id,
          score,
          keywordScore,
          vectorScore: similarity,
          highlights,
          matchedTerms: q === '' ? [] : markedTerms([f['title'], f['subtitle'], f['body']]),
        };
      });
      const facets: SearchResult['facets'] = {};
      for (const [field, counts] of Object.entries(main.facetDistribution ?? {})) {
        if ((FILTER_FIELDS as readonly string[]).includes(field)) facets[field as FilterField] = { ...counts };
      }
      const total = 'estimatedTotalHits' in main && typeof main.estimatedTotalHits === 'number' ? main.estimatedTotalHits : hits.length;
      return { hits, total, facets };
    },

    async nearest(type, vector, k, filters) {
      const res = await call(() =>
        client.index<IdOnly>(uid(type)).search('', {
          vector: Array.from(vector),
          hybrid: { embedder: EMBEDDER, semanticRatio: 1 },
          filter: buildMeiliFilter(filters),
          limit: k,
          showRankingScore: true,
          showRankingScoreDetails: true,
          attributesToRetrieve: ['id'],
        }),
      );
      return res.hits.map((h) => ({ id: h.id, score: vectorSimilarity(h) ?? h._rankingScore ?? 0 }));
    },

    async stats(type): Promise<IndexStats> {
      const index = client.index<Pick<SearchDoc, 'id' | 'sourceVersion' | 'modelVersion'>>(uid(type));
      const s = await call(() => index.getStats());
      const versions = new Map<string, number>();
      const models = new Set<string>();
      for (let offset = 0; ; offset += STATS_PAGE) {
        const page = await call(() => index.getDocuments({ fields: ['id', 'sourceVersion', 'modelVersion'], limit: STATS_PAGE, offset }));
        for (const d of page.results) {
          versions.set(d.id, d.sourceVersion);
          models.add(d.modelVersion);
        }
        if (page.results.length < STATS_PAGE) break;
      }
      return { count: s.numberOfDocuments, versions, modelVersions: [...models].sort() };
    },

    async clear(type) {
      await settle(client.index(uid(type)).deleteAllDocuments());
    },

    async ping() {
      await call(() => client.health());
    },

    // The client holds no sockets of its own (fetch), so there is nothing to release.
    async close() {},
  };
}
