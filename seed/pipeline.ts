import type { Principal } from '../server/auth/principal.js';
import { createAuditLog } from '../server/audit/audit.js';
import type { Runtime } from '../server/compose.js';
import type { Need, Talent } from '../server/domain/schemas.js';
import { createPipelineService } from '../server/features/pipeline/service.js';
import type { CandidateType, PipelineStatus } from '../server/features/pipeline/schema.js';
import { createRng, type Rng } from './prng.js';

const TEAM: Principal = { accountId: 'system:seed', role: 'admin', chains: [], via: 'api_token' };
const DAY_MS = 86_400_000;
/** Share of demo needs that get a pipeline, and how many shortlisted candidates each. */
const SHARE_WITH_PIPELINE = 0.4;
const MAX_ENTRIES = 3;

/** How far an entry got, as the path of moves after `suggested`. */
const PATHS: ReadonlyArray<readonly [readonly PipelineStatus[], number]> = [
  [[], 3],
  [['contacted'], 3],
  [['contacted', 'in_talks'], 2],
  [['declined'], 1],
  [['contacted', 'declined'], 2],
  [['contacted', 'in_talks', 'declined'], 1],
];
const AGREED: readonly PipelineStatus[] = ['contacted', 'in_talks', 'agreed'];

const NOTE: Record<PipelineStatus, string> = {
  suggested: '演示：由匹配结果加入候选',
  contacted: '演示：已电话联系，对方有意向',
  in_talks: '演示：约谈技术方案与合作方式',
  agreed: '演示：签订合作意向书',
  declined: '演示：对方档期已满，暂不合作',
};

/** Days it takes to reach each status from the previous step (from posting, for `suggested`). */
const GAP_DAYS: Record<PipelineStatus, readonly [number, number]> = {
  suggested: [0, 3],
  contacted: [1, 12],
  in_talks: [3, 15],
  agreed: [5, 20],
  declined: [1, 10],
};

const later = (rng: Rng, from: number, [min, max]: readonly [number, number]) => from + rng.int(min, max) * DAY_MS + rng.int(1, 20) * 3_600_000;

/**
 * Fictional pipeline activity for the demo: about 40% of the open demo needs get 1–3 candidates
 * taken from their own match results, moved along at different paces so that the chain
 * dashboard's first-response time and match rate have something to show. The activity lies in
 * the past, so each such need is backdated to when it was "posted"; every move still goes
 * through the pipeline service (history, audit, need → matched on agreement), on a clock that
 * walks through those past dates.
 */
export async function loadPipelineDemo(runtime: Runtime, needIds: readonly string[], seed = 20210402): Promise<Record<string, number>> {
  const { store, records, matching } = runtime.deps;
  const rng = createRng(seed);
  let cursor = Date.now();
  const clock = () => new Date(cursor);
  const pipeline = createPipelineService({ store, records, matching, audit: createAuditLog(store, clock), clock });
  const needs = store.collection<Need>('needs');
  const talents = store.collection<Talent>('talents');
  const all = (await needs.getMany(needIds))
    // Needs the challenge demo already matched or closed keep the outcome it gave them.
    .filter((n) => n.status === 'open')
    .sort((a, b) => (a.externalId ?? a.id).localeCompare(b.externalId ?? b.id));
  const counts = { pipelineNeeds: 0, pipelineEntries: 0, pipelineAgreed: 0 };

  for (const [i, need] of all.entries()) {
    const r = rng.fork(i);
    if (!r.chance(SHARE_WITH_PIPELINE)) continue;
    const types: CandidateType[] = need.kind === 'talent' ? ['talents'] : r.shuffle(['institutes', 'talents']);
    const candidates: Array<{ type: CandidateType; id: string }> = [];
    for (const type of types) {
      const found = await matching.forNeed(TEAM, need.id, type, 8);
      let ids = found.results.map((m) => m.id);
      if (type === 'talents') {
        // An enterprise shortlists only people who consented to matching.
        const ok = new Set((await talents.getMany(ids)).filter((t) => t.consent.purposes.includes('matching')).map((t) => t.id));
        ids = ids.filter((id) => ok.has(id));
      }
      candidates.push(...ids.slice(0, 2).map((id) => ({ type, id })));
    }
    const chosen = candidates.slice(0, r.int(1, MAX_ENTRIES));
    if (chosen.length === 0) continue;

    // Posted 60–150 days ago: the longest path below takes at most ~50 days, so every move lies in the past.
    const posted = Date.now() - r.int(60, 150) * DAY_MS - r.int(0, 23) * 3_600_000;
    const stored = await needs.get(need.id);
    if (!stored) continue;
    await needs.update({ ...stored, createdAt: new Date(posted).toISOString(), version: stored.version + 1 }, stored.version);

    const agreeing = r.chance(0.4) ? r.int(0, chosen.length - 1) : -1;
    for (const [k, c] of chosen.entries()) {
      cursor = later(r, posted, GAP_DAYS.suggested);
      const entry = await pipeline.add(TEAM, need.id, { candidateType: c.type, candidateId: c.id, note: NOTE.suggested });
      counts.pipelineEntries++;
      const path = k === agreeing ? AGREED : r.weighted(PATHS);
      for (const to of path) {
        cursor = later(r, cursor, GAP_DAYS[to]);
        await pipeline.move(TEAM, entry.id, to, NOTE[to]);
      }
      if (k === agreeing) counts.pipelineAgreed++;
    }
    counts.pipelineNeeds++;
  }
  return counts;
}
