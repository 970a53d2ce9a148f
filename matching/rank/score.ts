import { COMPONENTS, type Component, type Weights } from './weights.js';

/** What the ranker knows of the need (or free text) being matched. */
export interface MatchQuery {
  /** Lexicon concept ids in the need's text and skills. */
  conceptIds: readonly string[];
  nodeId?: string | undefined;
  city?: string | undefined;
}

/** What the ranker knows of one candidate; scores come from retrieval. */
export interface Candidate {
  id: string;
  keywordScore: number;
  vectorScore: number;
  conceptIds: readonly string[];
  /** Nodes the candidate named itself. */
  nodeIds: readonly string[];
  /** Nodes inferred from its text (used when it named none). */
  inferredNodeIds: readonly string[];
  city?: string | undefined;
  availability?: string | undefined;
}

/** The chain register as the ranker needs it. */
export interface ChainGraph {
  chainOf(nodeId: string): string | undefined;
  /** True when a supply link joins the two nodes, in either direction. */
  linked(a: string, b: string): boolean;
}

/** Related concepts per id (the lexicon's `related`), for half-credit skill matches. */
export interface ConceptRelations {
  related(id: string): readonly string[];
}

export type NodeRelation = 'same-node' | 'supply-link' | 'same-chain' | 'none' | 'unknown';

export interface Scored {
  id: string;
  total: number;
  components: Record<Component, number>;
  matchedConcepts: Array<{ id: string; via: 'direct' | 'related'; through?: string }>;
  node: { relation: NodeRelation; nodeId?: string; inferred: boolean };
  location: 'same-city' | 'same-province' | 'china' | 'abroad' | 'unknown';
}

const GUANGDONG = new Set('佛山 广州 深圳 东莞 珠海 中山 江门 肇庆 惠州 汕头 湛江 茂名 阳江 清远 韶关 河源 梅州 汕尾 潮州 揭阳 云浮'.split(' '));
/** Cities outside mainland China are written in Latin script or named as countries in the data. */
const ABROAD =
  /^(?:[A-Za-z .'-]+|德国|日本|美国|英国|法国|韩国|新加坡|意大利|荷兰|瑞士|瑞典|澳大利亚|加拿大|以色列|中国香港|香港|中国澳门|澳门|中国台湾|台湾)/;

const cityKey = (c: string | undefined) => (c ?? '').replace(/市$/, '').trim();

export function locationScore(need: string | undefined, cand: string | undefined): [number, Scored['location']] {
  const a = cityKey(need);
  const b = cityKey(cand);
  if (!a || !b) return [0.4, 'unknown'];
  if (a === b) return [1, 'same-city'];
  if (ABROAD.test(b)) return [0.2, 'abroad'];
  if (GUANGDONG.has(a) && GUANGDONG.has(b)) return [0.6, 'same-province'];
  return [0.3, 'china'];
}

const AVAILABILITY: Record<string, number> = { available: 1, part_time: 0.8, open_to_offers: 0.6, unavailable: 0 };

function nodeRelation(q: MatchQuery, c: Candidate, graph: ChainGraph): [number, Scored['node']] {
  if (!q.nodeId) return [0, { relation: 'unknown', inferred: false }];
  const inferred = c.nodeIds.length === 0;
  const nodes = inferred ? c.inferredNodeIds : c.nodeIds;
  const factor = inferred ? 0.8 : 1;
  if (nodes.length === 0) return [0, { relation: 'unknown', inferred }];
  if (nodes.includes(q.nodeId)) return [factor, { relation: 'same-node', nodeId: q.nodeId, inferred }];
  const link = nodes.find((n) => graph.linked(n, q.nodeId ?? ''));
  if (link) return [0.6 * factor, { relation: 'supply-link', nodeId: link, inferred }];
  const chain = graph.chainOf(q.nodeId);
  const same = nodes.find((n) => graph.chainOf(n) === chain);
  if (same) return [0.3 * factor, { relation: 'same-chain', nodeId: same, inferred }];
  return [0, { relation: 'none', inferred }];
}

function skillOverlap(q: MatchQuery, c: Candidate, relations: ConceptRelations): [number, Scored['matchedConcepts']] {
  if (q.conceptIds.length === 0) return [0, []];
  const have = new Set(c.conceptIds);
  const matched: Scored['matchedConcepts'] = [];
  let credit = 0;
  for (const id of q.conceptIds) {
    if (have.has(id)) {
      credit += 1;
      matched.push({ id, via: 'direct' });
      continue;
    }
    // A symptom (低频嗡嗡响) is covered by a profile that names what fixes it (NVH), and vice versa.
    const bridge = relations.related(id).find((r) => have.has(r)) ?? c.conceptIds.find((cid) => relations.related(cid).includes(id));
    if (bridge) {
      credit += 0.5;
      matched.push({ id: bridge, via: 'related', through: id });
    }
  }
  return [Math.min(1, credit / Math.min(q.conceptIds.length, 6)), matched];
}

/** Scores and orders candidates; pure, deterministic (ties broken by id). */
export function rankCandidates(
  q: MatchQuery,
  candidates: readonly Candidate[],
  ctx: { weights: Weights; graph: ChainGraph; relations: ConceptRelations; isInstitute?: boolean },
): Scored[] {
  const scored = candidates.map((c): Scored => {
    const [skills, matchedConcepts] = skillOverlap(q, c, ctx.relations);
    const [chain, node] = nodeRelation(q, c, ctx.graph);
    const [location, where] = locationScore(q.city, c.city);
    const components: Record<Component, number> = {
      semantic: Math.max(0, Math.min(1, c.vectorScore)),
      keyword: Math.max(0, Math.min(1, c.keywordScore)),
      skills,
      chain,
      location,
      availability: ctx.isInstitute || !c.availability ? 1 : (AVAILABILITY[c.availability] ?? 0.5),
    };
    let total = 0;
    for (const k of COMPONENTS) total += ctx.weights[k] * components[k];
    return { id: c.id, total, components, matchedConcepts, node, location: where };
  });
  return scored.sort((a, b) => b.total - a.total || a.id.localeCompare(b.id));
}
