/** What the search side knows of a record: flat, text plus filterable fields plus its vector. */
export const SEARCH_TYPES = ['talents', 'institutes', 'needs', 'enterprises'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Filterable attributes, the same for every type (absent values are empty). */
export const FILTER_FIELDS = ['chainIds', 'nodeIds', 'city', 'kind', 'status', 'availability', 'ownerId', 'skillIds', 'public', 'purposes'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export interface SearchDoc {
  id: string;
  type: SearchType;
  /** Name of a talent, institute or enterprise; title of a need. */
  title: string;
  /** Secondary searchable text: organisation, title, skills as written, capabilities… */
  subtitle: string;
  /** Long searchable text: summary, description, achievements, equipment… */
  body: string;
  chainIds: string[];
  nodeIds: string[];
  city: string;
  kind: string;
  status: string;
  availability: string;
  ownerId: string;
  /** Consent purposes of a talent (matching, hr_bureau_search, contact_sharing): who may find it. */
  purposes: string[];
  /** Canonical lexicon ids of the skills and terms the record mentions. */
  skillIds: string[];
  public: boolean;
  /** L2-normalised embedding from the encoder named by `modelVersion`. */
  vector: number[];
  modelVersion: string;
  /** The store document's version, to detect drift. */
  sourceVersion: number;
  updatedAt: string;
}

export type SearchFilters = Partial<Record<FilterField, string | boolean | string[]>>;

export interface SearchRequest {
  type: SearchType;
  /** Keyword query; empty means "match all" (filters and facets only). */
  q: string;
  filters?: SearchFilters;
  /** Facet counts wanted for these fields. */
  facets?: FilterField[];
  limit: number;
  offset?: number;
  /** Query embedding: when given, hits are ranked by a hybrid of keyword and vector scores. */
  vector?: Float32Array | number[];
  /** 0 = keyword only, 1 = vector only. Default 0.5 when a vector is given. */
  semanticRatio?: number;
  /**
   * `full` (default) adds the nearest vectors of the whole filtered pool to the candidates;
   * `fallback` does so only when keywords find fewer hits than asked for (keyword hits are still
   * re-scored by their vectors): cheaper for plain search, where words lead and meaning fills in.
   */
  vectorRecall?: 'full' | 'fallback';
  /** Hits found by their vector alone (no keyword in common) count only at or above this cosine. */
  semanticFloor?: number;
}

export interface SearchHit {
  id: string;
  /** Higher is better, in [0, 1] when the engine can normalise it. */
  score: number;
  /** Keyword relevance alone (0 when the hit came from vectors only). */
  keywordScore: number;
  /** Cosine similarity to the query vector (undefined when no vector was given). */
  vectorScore?: number | undefined;
  /** Field → text with matches wrapped in <mark>…</mark>, HTML-escaped elsewhere. */
  highlights: Partial<Record<'title' | 'subtitle' | 'body', string>>;
  /** The terms of the query that this hit matched. */
  matchedTerms: string[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** Estimated when the engine cannot count exactly. */
  total: number;
  facets: Partial<Record<FilterField, Record<string, number>>>;
}

export interface IndexStats {
  count: number;
  /** sourceVersion by id, for drift detection. */
  versions?: Map<string, number>;
  modelVersions: string[];
  /**
   * The store watermark the index was last recorded in step with (see `recordWatermark`), if
   * the engine keeps one and no write reached the index since.
   */
  watermark?: string | undefined;
}

/** The search side: Meilisearch in production, an in-process engine by default. */
export interface SearchIndex {
  readonly kind: 'embedded' | 'meilisearch';
  /** Creates indexes and settings; idempotent. */
  init(dimensions: number): Promise<void>;
  upsert(type: SearchType, docs: readonly SearchDoc[]): Promise<void>;
  remove(type: SearchType, ids: readonly string[]): Promise<void>;
  search(req: SearchRequest): Promise<SearchResult>;
  /** Nearest neighbours by cosine similarity, after filters. */
  nearest(type: SearchType, vector: Float32Array | number[], k: number, filters?: SearchFilters): Promise<Array<{ id: string; score: number }>>;
  stats(type: SearchType): Promise<IndexStats>;
  clear(type: SearchType): Promise<void>;
  /**
   * Records that the index holds every store change up to the store's `watermark`; any later
   * upsert, remove or clear forgets it. Engines that persist between runs keep it with their data,
   * so a start that finds the store at the same watermark can skip comparing every version.
   * Optional: an engine without it is always checked in full.
   */
  recordWatermark?(watermark: string): Promise<void>;
  /** Throws UnavailableError when the engine cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
