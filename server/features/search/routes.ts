import { z } from 'zod';
import { defineRoute, type RouteDef } from '../../http/route.js';
import { FilterParam } from '../../http/query.js';
import { NotFoundError } from '../../errors.js';
import type { Principal } from '../../auth/principal.js';
import type { FilterField, SearchFilters, SearchIndex, SearchType } from '../../search/port.js';
import type { TextEmbedder } from '../../search/documents.js';
import type { ChainCatalog } from '../records/catalog.js';
import type { RecordServices } from '../records/index.js';
import { talentPurposeFor } from '../records/policies.js';
import type { Store, BaseDoc } from '../../store/port.js';
import type { AuthService } from '../../auth/service.js';

const SearchQuery = z.strictObject({
  q: z.string().trim().min(1, 'must not be empty').max(999, 'must be shorter than 1,000 characters'),
  type: z.enum(['talents', 'institutes', 'needs', 'enterprises']).default('talents'),
  chain: FilterParam.optional(),
  node: FilterParam.optional(),
  city: FilterParam.optional(),
  kind: FilterParam.optional(),
  availability: FilterParam.optional(),
  skill: FilterParam.optional(),
  limit: z.coerce.number().int().min(1).max(100, 'must be at most 100').default(20),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
});

const SearchResponse = z.object({
  total: z.number(),
  hits: z.array(
    z.object({
      id: z.string(),
      score: z.number(),
      highlights: z.record(z.string(), z.string()),
      matchedTerms: z.array(z.string()),
      record: z.record(z.string(), z.unknown()),
    }),
  ),
  facets: z.record(z.string(), z.record(z.string(), z.number())),
});

const FACETS: FilterField[] = ['chainIds', 'nodeIds', 'city', 'kind', 'availability', 'skillIds'];
/** How much the semantic side counts in plain search: keywords lead, vectors add cross-language recall. */
const SEARCH_SEMANTIC_RATIO = 0.35;
/**
 * A hit found by meaning alone (no keyword in common) is shown only above this cosine: a
 * cross-language or paraphrase match, not merely the nearest of an unrelated pool.
 */
export const SEMANTIC_FLOOR = 0.5;

const asList = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

export function searchRoutes(deps: {
  search: SearchIndex;
  store: Store;
  catalog: ChainCatalog;
  records: RecordServices;
  embedder: TextEmbedder;
  auth: Pick<AuthService, 'throttle'>;
}): RouteDef[] {
  const scope = (principal: Principal | null, type: SearchType): SearchFilters | null => {
    if (type === 'talents') {
      if (principal?.role === 'admin') return {};
      const purpose = talentPurposeFor(principal);
      return purpose ? { purposes: purpose } : null;
    }
    if (type === 'needs') return principal?.role === 'admin' || principal?.role === 'hr_bureau' ? {} : { public: true };
    if (type === 'enterprises') return principal ? {} : null;
    return {};
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/search',
      operationId: 'search',
      summary: 'Search talents, institutes, needs or enterprises (Chinese and English), with filters, facets and highlights',
      tags: ['search'],
      access: 'public',
      query: SearchQuery,
      responses: { 200: { description: 'Ranked hits', schema: SearchResponse } },
      handler: async ({ query, principal, req, res }) => {
        deps.auth.throttle('search', principal, req, res);
        const chains = asList(query.chain);
        for (const c of chains ?? []) if (!(await deps.catalog.chain(c))) throw new NotFoundError('chain', c);
        const nodes = asList(query.node);
        for (const n of nodes ?? []) if (!(await deps.catalog.node(n))) throw new NotFoundError('chain node', n);
        const allowed = scope(principal, query.type);
        if (allowed === null) return { body: { total: 0, hits: [], facets: {} } };
        const filters: SearchFilters = {
          ...(chains ? { chainIds: chains } : {}),
          ...(nodes ? { nodeIds: nodes } : {}),
          ...(query.city ? { city: asList(query.city) } : {}),
          ...(query.kind ? { kind: asList(query.kind) } : {}),
          ...(query.availability ? { availability: asList(query.availability) } : {}),
          ...(query.skill ? { skillIds: asList(query.skill) } : {}),
          ...allowed,
        };
        const [vector] = await deps.embedder.embed([query.q]);
        const result = await deps.search.search({
          type: query.type,
          q: query.q,
          filters,
          facets: FACETS,
          limit: query.limit,
          offset: query.offset,
          ...(vector ? { vector, semanticRatio: SEARCH_SEMANTIC_RATIO, vectorRecall: 'fallback' as const, semanticFloor: SEMANTIC_FLOOR } : {}),
        });
        const docs = new Map((await deps.store.collection(query.type).getMany(result.hits.map((h) => h.id))).map((d) => [d.id, d]));
        const service = deps.records[query.type];
        return {
          body: {
            total: result.total,
            facets: result.facets,
            hits: result.hits
              .filter((h) => docs.has(h.id) && (h.keywordScore > 0 || (h.vectorScore ?? 0) >= SEMANTIC_FLOOR))
              .map((h) => ({
                id: h.id,
                score: Math.round(h.score * 1000) / 1000,
                highlights: Object.fromEntries(Object.entries(h.highlights).filter((e): e is [string, string] => typeof e[1] === 'string')),
                matchedTerms: h.matchedTerms,
                record: service.view(principal, docs.get(h.id) as never as BaseDoc & never, 'list'),
              })),
          },
        };
      },
    }),
  ];
}
