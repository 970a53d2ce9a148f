import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { chinaDate, listAll, readableChain, type InstrumentDeps } from '../platforms/chain-scope.js';
import type { Platform } from '../platforms/schema.js';
import type { Challenge } from '../challenges/schema.js';
import { STAGE_ZH } from '../challenges/schema.js';
import type { Project } from '../projects/schema.js';
import { lateness } from '../projects/service.js';

const Action = z.object({
  type: z.enum(['project', 'challenge', 'platform']),
  id: z.string(),
  name: z.string(),
  status: z.string(),
  late: z.boolean(),
  due: z.string().optional(),
});
export const BattleMap = z.object({
  chainId: z.string(),
  asOf: z.string(),
  nodes: z.array(
    z.object({
      nodeId: z.string(),
      name: z.string(),
      stage: z.string(),
      late: z.boolean(),
      gaps: z.array(
        z.object({
          id: z.string(),
          kind: z.string(),
          title: z.string(),
          severity: z.number(),
          status: z.string(),
          closing: z.array(Action),
          unaddressed: z.boolean(),
        }),
      ),
      /** Actions at the node that name no particular gap. */
      other: z.array(Action),
    }),
  ),
  late: z.array(Action.extend({ reason: z.string() })),
  summary: z.object({ gaps: z.number(), openGaps: z.number(), unaddressed: z.number(), lateProjects: z.number(), lateChallenges: z.number() }),
});
export type BattleMap = z.infer<typeof BattleMap>;
type ActionT = z.infer<typeof Action>;

/** 强链补链作战图: per node, its gaps and who is closing each one (projects, challenges, platforms), with what is late. */
export function createBattleMap(deps: InstrumentDeps) {
  const { store, clock } = deps;
  return async function battleMap(p: Principal | null, chainCode: string): Promise<BattleMap> {
    const chain = await readableChain(deps, p, chainCode);
    const today = chinaDate(clock());
    const [projects, challenges, platforms] = await Promise.all([
      listAll(store.collection<Project>('projects'), { chain: chainCode }),
      listAll(store.collection<Challenge>('challenges'), { chain: chainCode }),
      listAll(store.collection<Platform>('platforms'), { chain: chainCode }),
    ]);
    const late: BattleMap['late'] = [];
    const items: Array<{ action: ActionT; nodeIds: string[]; gaps: Array<{ nodeId: string; gapId: string }> }> = [];
    for (const pr of projects) {
      const l = lateness(pr, today);
      const action: ActionT = { type: 'project', id: pr.id, name: pr.name, status: pr.status, late: l.late, due: pr.dueDate };
      items.push({ action, nodeIds: pr.nodeIds, gaps: pr.gaps });
      const overdue = l.milestones.filter((m) => m.late);
      if (l.late)
        late.push({
          ...action,
          reason: overdue.length
            ? `overdue milestones: ${overdue.map((m) => `${m.title} (due ${m.due})`).join('; ')}`
            : `past its due date ${pr.dueDate}`,
        });
    }
    for (const c of challenges.filter((c) => c.stage !== 'cancelled')) {
      const isLate = !!c.completionDue && c.completionDue < today && c.stage !== 'accepted';
      const action: ActionT = {
        type: 'challenge',
        id: c.id,
        name: c.title,
        status: `${c.stage} ${STAGE_ZH[c.stage]}`,
        late: isLate,
        ...(c.completionDue ? { due: c.completionDue } : {}),
      };
      items.push({ action, nodeIds: [c.nodeId], gaps: c.gapId ? [{ nodeId: c.nodeId, gapId: c.gapId }] : [] });
      if (isLate) late.push({ ...action, reason: `not accepted (验收) by ${c.completionDue}; stage ${STAGE_ZH[c.stage]}` });
    }
    for (const pl of platforms.filter((pl) => pl.status !== 'withdrawn'))
      items.push({ action: { type: 'platform', id: pl.id, name: pl.name, status: pl.status, late: false }, nodeIds: pl.nodeIds, gaps: pl.gaps });

    const nodes: BattleMap['nodes'] = [...chain.nodes]
      .sort((a, b) => a.order - b.order)
      .map((n) => {
        const here = items.filter((it) => it.nodeIds.includes(n.id));
        const gaps = n.gaps.map((g) => {
          const closing = here.filter((it) => it.gaps.some((r) => r.nodeId === n.id && r.gapId === g.id)).map((it) => it.action);
          return {
            id: g.id,
            kind: g.kind,
            title: g.title,
            severity: g.severity,
            status: g.status,
            closing,
            unaddressed: g.status !== 'closed' && closing.length === 0,
          };
        });
        const other = here.filter((it) => !it.gaps.some((r) => r.nodeId === n.id)).map((it) => it.action);
        return { nodeId: n.id, name: n.name, stage: n.stage, late: here.some((it) => it.action.late), gaps, other };
      });
    const allGaps = nodes.flatMap((n) => n.gaps);
    return {
      chainId: chainCode,
      asOf: today,
      nodes,
      late,
      summary: {
        gaps: allGaps.length,
        openGaps: allGaps.filter((g) => g.status !== 'closed').length,
        unaddressed: allGaps.filter((g) => g.unaddressed).length,
        lateProjects: late.filter((l) => l.type === 'project').length,
        lateChallenges: late.filter((l) => l.type === 'challenge').length,
      },
    };
  };
}
