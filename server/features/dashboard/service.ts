import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import type { Need } from '../../domain/schemas.js';
import type { Store } from '../../store/port.js';
import type { ChainCatalog } from '../records/catalog.js';
import type { MatchingService } from '../matching/service.js';
import { listAll, readableChain } from '../platforms/chain-scope.js';
import type { PipelineDoc } from '../pipeline/service.js';

/**
 * Below this match score even a gap's best talent or institute is no real answer to it.
 * Scores are Σ weight × component in [0, 1] (matching/rank/weights.ts). 0.65 is what a plainly
 * adequate candidate scores under the default weights: at the gap's own node (chain 1), in
 * Guangdong (location 0.6), available (1), with text 70% similar (semantic 0.7), two-thirds of
 * the gap's concepts (skills 0.67) and some shared terms (keyword 0.3):
 * 0.35·0.7 + 0.2·0.3 + 0.25·0.67 + 0.1·1 + 0.05·0.6 + 0.05·1 ≈ 0.65. Someone who merely sits
 * on the same chain in the same city, with loosely related skills, stays well below.
 */
export const GOOD_CANDIDATE_SCORE = 0.65;
/** 对接率 target: Hubei's comparable platform aims at matching 80% of posted needs (BRIEF). */
export const MATCH_RATE_TARGET = 0.8;

const DAY_MS = 86_400_000;

export const Dashboard = z.object({
  chain: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
  needsByNode: z.array(
    z.object({ nodeId: z.string(), name: z.string(), nameEn: z.string(), open: z.number(), matched: z.number(), closed: z.number() }),
  ),
  /**
   * matched: needs now `matched`, plus `closed` needs that reached an agreement in their pipeline
   * (closing after a match must not lower the rate); total: every need of the chain; rate: null
   * when the chain has no needs yet.
   */
  matchRate: z.object({ matched: z.number(), total: z.number(), rate: z.number().nullable(), target: z.number() }),
  /** Days from a need's posting to its first pipeline move to `contacted` (median over n needs); null without such moves. */
  firstResponse: z.object({ medianDays: z.number(), n: z.number() }).nullable(),
  /** Open gaps whose best candidate, among those the caller may find, scores below GOOD_CANDIDATE_SCORE (null: no candidate at all). */
  gapsWithoutGoodCandidate: z.array(
    z.object({ nodeId: z.string(), gapId: z.string(), title: z.string(), severity: z.number(), bestScore: z.number().nullable() }),
  ),
  goodCandidateScore: z.number(),
  generatedAt: z.string(),
});
export type Dashboard = z.infer<typeof Dashboard>;

export interface DashboardDeps {
  store: Store;
  catalog: ChainCatalog;
  matching: Pick<MatchingService, 'forGap'>;
  clock: () => Date;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export type DashboardService = (p: Principal | null, code: string) => Promise<Dashboard>;

/** The chain chief's figures for one chain, all computed from the store at request time. */
export function createDashboard(deps: DashboardDeps): DashboardService {
  const { store, matching, clock } = deps;
  return async function dashboard(p: Principal | null, code: string): Promise<Dashboard> {
    const chain = await readableChain(deps, p, code);
    const [needs, entries] = await Promise.all([
      listAll(store.collection<Need>('needs'), { chain: code }),
      listAll(store.collection<PipelineDoc>('pipeline'), { chain: code }),
    ]);

    const nodes = [...chain.nodes].sort((a, b) => a.order - b.order);
    const needsByNode = nodes.map((n) => {
      const here = needs.filter((x) => x.nodeId === n.id);
      const count = (s: Need['status']) => here.filter((x) => x.status === s).length;
      return { nodeId: n.id, name: n.name, nameEn: n.nameEn, open: count('open'), matched: count('matched'), closed: count('closed') };
    });

    const agreed = new Set(entries.filter((e) => e.status === 'agreed').map((e) => e.needId));
    const matched = needs.filter((n) => n.status === 'matched' || (n.status === 'closed' && agreed.has(n.id))).length;

    const firstContact = new Map<string, number>();
    for (const e of entries) {
      for (const h of e.history) {
        if (h.status !== 'contacted') continue;
        const at = Date.parse(h.at);
        const seen = firstContact.get(e.needId);
        if (seen === undefined || at < seen) firstContact.set(e.needId, at);
      }
    }
    const days = needs.flatMap((n) => {
      const at = firstContact.get(n.id);
      return at === undefined ? [] : [(at - Date.parse(n.createdAt)) / DAY_MS];
    });
    const med = median(days);

    const openGaps = nodes.flatMap((n) => n.gaps.filter((g) => g.status === 'open').map((g) => ({ node: n, gap: g })));
    const best = await Promise.all(
      openGaps.map(async ({ node, gap }) => {
        const [talents, institutes] = await Promise.all([
          matching.forGap(p, node.id, gap.id, 'talents', 1),
          matching.forGap(p, node.id, gap.id, 'institutes', 1),
        ]);
        const scores = [...talents.results, ...institutes.results].map((r) => r.score);
        return {
          nodeId: node.id,
          gapId: gap.id,
          title: gap.title,
          severity: gap.severity,
          bestScore: scores.length > 0 ? Math.max(...scores) : null,
        };
      }),
    );
    const weak = best
      .filter((g) => g.bestScore === null || g.bestScore < GOOD_CANDIDATE_SCORE)
      // The most severe gaps with the weakest supply first: where the chain team should act.
      .sort(
        (a, b) =>
          b.severity - a.severity || (a.bestScore ?? -1) - (b.bestScore ?? -1) || a.nodeId.localeCompare(b.nodeId) || a.gapId.localeCompare(b.gapId),
      );

    return {
      chain: { code: chain.code, name: chain.name, nameEn: chain.nameEn },
      needsByNode,
      matchRate: { matched, total: needs.length, rate: needs.length > 0 ? round(matched / needs.length, 3) : null, target: MATCH_RATE_TARGET },
      firstResponse: med === null ? null : { medianDays: round(med, 1), n: days.length },
      gapsWithoutGoodCandidate: weak,
      goodCandidateScore: GOOD_CANDIDATE_SCORE,
      generatedAt: clock().toISOString(),
    };
  };
}
