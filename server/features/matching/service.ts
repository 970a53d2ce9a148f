import type { Principal } from '../../auth/principal.js';
import type { Chain, Institute, Talent } from '../../domain/schemas.js';
import { AppError, NotFoundError } from '../../errors.js';
import type { SearchFilters, SearchIndex, SearchType } from '../../search/port.js';
import { textOf, type TextEmbedder } from '../../search/documents.js';
import type { BaseDoc, Store } from '../../store/port.js';
import type { ChainCatalog } from '../records/catalog.js';
import type { RecordServices } from '../records/index.js';
import { canManageNeed, talentPurposeFor } from '../records/policies.js';
import type { Enricher } from '../../../matching/enrich.js';
import { rankCandidates, type Candidate, type ChainGraph, type ConceptRelations, type Scored } from '../../../matching/rank/score.js';
import { explain, type Explanation, type Names } from '../../../matching/rank/explain.js';
import { DEFAULT_WEIGHTS, type Weights } from '../../../matching/rank/weights.js';

export type MatchTarget = 'talents' | 'institutes' | 'needs';
/** keyword / embedding are the evaluation's baselines; the product always uses hybrid. */
export type RetrievalMode = 'hybrid' | 'keyword' | 'embedding';

export interface MatchText {
  title: string;
  description: string;
  skills?: string[] | undefined;
  nodeId?: string | undefined;
  city?: string | undefined;
}

export interface MatchResult {
  id: string;
  type: MatchTarget;
  score: number;
  components: Scored['components'];
  explanation: Explanation;
  matched: { concepts: Array<{ id: string; zh: string; en: string; via: 'direct' | 'related' }>; node: Scored['node']; location: Scored['location'] };
  highlights: Record<string, string>;
  record: Record<string, unknown>;
  /** Where this candidate stands in the need's pipeline, if it was shortlisted. */
  pipeline?: PipelineStatus | null;
}

type PipelineStatus = 'suggested' | 'contacted' | 'in_talks' | 'agreed' | 'declined';

export interface MatchResponse {
  query: { conceptIds: string[]; nodeId?: string | undefined; nodeInferred: boolean; modelVersion: string };
  results: MatchResult[];
}

export interface MatchingService {
  forNeed(principal: Principal | null, needId: string, target: 'talents' | 'institutes', limit: number): Promise<MatchResponse>;
  forText(
    principal: Principal | null,
    text: MatchText,
    target: 'talents' | 'institutes',
    limit: number,
    mode?: RetrievalMode,
  ): Promise<MatchResponse>;
  needsFor(principal: Principal | null, kind: 'talents' | 'institutes', id: string, limit: number): Promise<MatchResponse>;
  forGap(
    principal: Principal | null,
    nodeId: string,
    gapId: string | undefined,
    target: 'talents' | 'institutes',
    limit: number,
  ): Promise<MatchResponse>;
}

/** How many candidates retrieval hands the ranker; enough for recall, small enough for p95. */
const CANDIDATE_POOL = 150;

export function graphOf(chains: readonly Chain[]): ChainGraph & { nodeName(id: string): { zh: string; en: string } | undefined } {
  const chainOf = new Map<string, string>();
  const names = new Map<string, { zh: string; en: string }>();
  const links = new Set<string>();
  for (const c of chains) {
    for (const n of c.nodes) {
      chainOf.set(n.id, c.code);
      names.set(n.id, { zh: `${c.name} · ${n.name}`, en: `${c.nameEn} · ${n.nameEn}` });
    }
    for (const l of c.links) {
      links.add(`${l.from}|${l.to}`);
      links.add(`${l.to}|${l.from}`);
    }
  }
  return {
    chainOf: (id) => chainOf.get(id),
    linked: (a, b) => links.has(`${a}|${b}`),
    nodeName: (id) => names.get(id),
  };
}

export function createMatchingService(deps: {
  store: Store;
  search: SearchIndex;
  catalog: ChainCatalog;
  records: RecordServices;
  embedder: TextEmbedder;
  enrich: Enricher;
  lexicon: { byId(id: string): { zh: string; en: string; related: readonly string[] } | undefined };
  weights?: Weights;
}): MatchingService {
  const { store, search, catalog, records, embedder, enrich, lexicon } = deps;
  const weights = deps.weights ?? DEFAULT_WEIGHTS;
  const relations: ConceptRelations = { related: (id) => lexicon.byId(id)?.related ?? [] };

  /** Who may be found: talents only with the consent purpose the caller's role needs. */
  function scopeFilters(principal: Principal | null, target: MatchTarget): SearchFilters {
    if (target === 'talents') {
      if (principal?.role === 'admin') return {};
      const purpose = talentPurposeFor(principal);
      if (!purpose) throw new AppError('forbidden', 'Your role may not search talents');
      return { purposes: purpose };
    }
    if (target === 'needs') {
      return principal?.role === 'admin' || principal?.role === 'hr_bureau' ? { status: 'open' } : { status: 'open', public: true };
    }
    return {};
  }

  function view(principal: Principal | null, target: MatchTarget, doc: BaseDoc): Record<string, unknown> {
    return records[target].view(principal, doc as never, 'list');
  }

  async function run(
    principal: Principal | null,
    q: { text: string; keywordText: string; skills: readonly string[]; nodeId?: string | undefined; city?: string | undefined },
    target: MatchTarget,
    limit: number,
    extraFilters: SearchFilters = {},
    mode: RetrievalMode = 'hybrid',
    excludeId?: string,
  ): Promise<MatchResponse> {
    const chains = await catalog.chains();
    const graph = graphOf(chains);
    const { skillIds, inferredNodeIds } = enrich(q.text, q.skills);
    const nodeId = q.nodeId ?? inferredNodeIds[0];
    const [vector] = await embedder.embed([q.text]);
    const filters = { ...scopeFilters(principal, target), ...extraFilters };
    const found = await search.search({
      type: target as SearchType,
      q: q.keywordText.slice(0, 1000),
      filters,
      limit: CANDIDATE_POOL,
      ...(mode === 'keyword' ? {} : { vector: vector ?? [], semanticRatio: mode === 'embedding' ? 1 : 0.5 }),
    });
    const hits = found.hits.filter((h) => h.id !== excludeId);
    const docs = new Map((await store.collection(target).getMany(hits.map((h) => h.id))).map((d) => [d.id, d]));
    const candidates: Candidate[] = [];
    for (const h of hits) {
      const d = docs.get(h.id) as
        | (BaseDoc & { skillIds?: string[]; nodeId?: string; nodeIds?: string[]; inferredNodeIds?: string[]; city?: string; availability?: string })
        | undefined;
      if (!d) continue;
      candidates.push({
        id: h.id,
        keywordScore: h.keywordScore,
        vectorScore: h.vectorScore ?? 0,
        conceptIds: d.skillIds ?? [],
        nodeIds: target === 'needs' ? [d.nodeId ?? ''] : (d.nodeIds ?? []),
        inferredNodeIds: d.inferredNodeIds ?? [],
        city: d.city,
        availability: d.availability,
      });
    }
    // Components are computed the same way in every mode; the baselines (keyword-only,
    // embedding-only) then rank by their single retrieval score, so the evaluation compares like with like.
    const scored = rankCandidates({ conceptIds: skillIds, nodeId, city: q.city }, candidates, {
      weights,
      graph,
      relations,
      isInstitute: target !== 'talents',
    });
    let ranked: Scored[] = scored;
    if (mode !== 'hybrid') {
      const single = new Map(candidates.map((c) => [c.id, mode === 'keyword' ? c.keywordScore : c.vectorScore]));
      ranked = scored.map((s) => ({ ...s, total: single.get(s.id) ?? 0 })).sort((a, b) => b.total - a.total || a.id.localeCompare(b.id));
    }
    const names: Names = { concept: (id) => lexicon.byId(id), node: (id) => graph.nodeName(id) };
    const byId = new Map(hits.map((h) => [h.id, h]));
    return {
      query: { conceptIds: skillIds, nodeId, nodeInferred: !q.nodeId && !!nodeId, modelVersion: embedder.version },
      results: ranked.slice(0, limit).map((s) => {
        const hit = byId.get(s.id);
        return {
          id: s.id,
          type: target,
          score: Math.round(s.total * 1000) / 1000,
          components: Object.fromEntries(Object.entries(s.components).map(([k, v]) => [k, Math.round(v * 1000) / 1000])) as Scored['components'],
          explanation: explain(s, names, hit?.matchedTerms ?? []),
          matched: {
            concepts: s.matchedConcepts.map((m) => ({
              id: m.id,
              zh: lexicon.byId(m.id)?.zh ?? m.id,
              en: lexicon.byId(m.id)?.en ?? m.id,
              via: m.via,
            })),
            node: s.node,
            location: s.location,
          },
          highlights: Object.fromEntries(Object.entries(hit?.highlights ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string')),
          record: view(principal, target, docs.get(s.id) as BaseDoc),
        };
      }),
    };
  }

  async function node(nodeId: string) {
    const found = await catalog.node(nodeId);
    if (!found) throw new NotFoundError('chain node', nodeId);
    return found;
  }

  return {
    async forNeed(principal, needId, target, limit) {
      const need = await records.needs.get(principal, needId);
      // Matches reveal who is being considered: only the need's enterprise and its chain team see them.
      if (!canManageNeed(principal, need) && principal?.role !== 'hr_bureau') throw new NotFoundError('need', needId);
      const t = textOf('needs', need);
      // Outcomes feed the ranking: the pipeline's entries for this need are read with the
      // matches, and a candidate who declined this need goes below everyone still in play.
      const entries = await store
        .collection<BaseDoc & { candidateId: string; status: PipelineStatus }>('pipeline')
        .list({ filters: { need: needId }, limit: 1000 });
      const status = new Map(entries.items.map((e) => [e.candidateId, e.status]));
      const res = await run(
        principal,
        {
          text: t.embed,
          keywordText: `${need.title} ${need.skills.join(' ')} ${need.description}`,
          skills: need.skills,
          nodeId: need.nodeId,
          city: need.city,
        },
        target,
        limit,
      );
      const results = res.results.map((r) => ({ ...r, pipeline: status.get(r.id) ?? null }));
      const declined = (r: MatchResult) => (r.pipeline === 'declined' ? 1 : 0);
      return {
        ...res,
        results: results
          .map((r, i) => ({ r, i }))
          .sort((a, b) => declined(a.r) - declined(b.r) || a.i - b.i)
          .map((x) => x.r),
      };
    },
    async forText(principal, m, target, limit, mode) {
      if (m.nodeId) await node(m.nodeId);
      const skills = m.skills ?? [];
      const text = `${m.title} ${m.description} ${skills.join('、')}`;
      return run(principal, { text, keywordText: text, skills, nodeId: m.nodeId, city: m.city }, target, limit, {}, mode);
    },
    async needsFor(principal, kind, id, limit) {
      const doc = kind === 'talents' ? await records.talents.get(principal, id) : await records.institutes.get(principal, id);
      const t = textOf(kind, doc);
      const skills = kind === 'talents' ? (doc as Talent).skills : (doc as Institute).capabilities;
      const nodeId = doc.nodeIds[0] ?? doc.inferredNodeIds[0];
      return run(principal, { text: t.embed, keywordText: `${t.subtitle} ${t.body}`.slice(0, 600), skills, nodeId, city: doc.city }, 'needs', limit);
    },
    async forGap(principal, nodeId, gapId, target, limit) {
      const { node: n } = await node(nodeId);
      const gap = gapId ? n.gaps.find((g) => g.id === gapId) : undefined;
      if (gapId && !gap) throw new NotFoundError('gap', gapId);
      const gaps = gap ? [gap] : n.gaps.filter((g) => g.status !== 'closed');
      const text = `${n.name} ${n.nameEn} ${gaps.map((g) => `${g.title} ${g.description}`).join(' ')} ${n.keywords.join(' ')}`;
      // The register holds Foshan's chains, so a gap is closed best by someone near Foshan.
      return run(principal, { text, keywordText: text, skills: n.keywords, nodeId, city: '佛山' }, target, limit);
    },
  };
}
