import type { Principal } from '../server/auth/principal.js';
import type { Runtime } from '../server/compose.js';
import type { Chain, Enterprise, Institute, Need, Talent } from '../server/domain/schemas.js';
import { chinaDate } from '../server/features/platforms/chain-scope.js';
import type { ChallengeStage } from '../server/features/challenges/schema.js';
import { createRng } from './prng.js';

/** Ids of the records `loadDemoData` created; the instruments are built on top of them. */
export interface DemoIds {
  chains: string[];
  enterprises: string[];
  institutes: string[];
  talents: string[];
  needs: string[];
}

/** Every figure below is fictional demo data, and says so in its source. */
const DEMO_SOURCE = '演示数据（虚构，非真实统计）';
const TEAM: Principal = { accountId: 'system:seed', role: 'admin', chains: [], via: 'api_token' };
const party = (role: 'talent' | 'institute' | 'enterprise', id: string): Principal => ({
  accountId: `system:seed:${role}`,
  role,
  chains: [],
  subjectId: id,
  via: 'api_token',
});

const addDays = (today: string, days: number): string => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Demo data for the chain chief's instruments, written through the same services as the API
 * (so stage moves carry history and audit entries): platforms in every status, entered
 * indicator figures, challenges in six stages with solo and consortium applications, and key
 * projects whose milestones are partly late. Dates are relative to today so that "late" stays true.
 */
/** Foshan's flagship national cluster; the demo chain chief's chain. */
export const DEMO_CHIEF_CHAIN = 'smart-home';

export async function loadInstrumentsDemo(runtime: Runtime, ids: DemoIds, seed = 20210402): Promise<Record<string, number>> {
  const { store, instruments: ins } = runtime.deps;
  const rng = createRng(seed);
  const today = chinaDate(new Date());
  // The demo chief leads the flagship chain (seed/load.ts), so its instruments come first.
  const chains = (await store.collection<Chain>('chains').getMany(ids.chains)).sort(
    (a, b) => Number(b.code === DEMO_CHIEF_CHAIN) - Number(a.code === DEMO_CHIEF_CHAIN) || a.code.localeCompare(b.code),
  );
  const enterprises = await store.collection<Enterprise>('enterprises').getMany(ids.enterprises);
  const institutes = await store.collection<Institute>('institutes').getMany(ids.institutes);
  const talents = (await store.collection<Talent>('talents').getMany(ids.talents)).filter((t) => t.consent.purposes.includes('matching'));
  const needs = await store.collection<Need>('needs').getMany(ids.needs);
  const counts = { platforms: 0, figures: 0, challenges: 0, applications: 0, projects: 0 };

  for (const [ci, chain] of chains.slice(0, 4).entries()) {
    const ents = enterprises
      .filter((e) => e.chainIds.includes(chain.code))
      .sort((a, b) => (a.externalId ?? a.id).localeCompare(b.externalId ?? b.id));
    const insts = institutes.filter((i) => i.chainIds.includes(chain.code));
    const gapNodes = chain.nodes.filter((n) => n.gaps.some((g) => g.kind === 'technology' || g.kind === 'platform'));
    const leader = chain.leadingEnterpriseIds[0] ?? ents[0]?.id;

    // Platforms: one established (co-built with the leading enterprise), one in talks, one proposed from a recommendation.
    for (const [k, status] of (['established', 'negotiating'] as const).entries()) {
      const node = gapNodes[k];
      const inst = insts[k];
      if (!node || !inst) continue;
      const gap = node.gaps.find((g) => g.kind === 'technology' || g.kind === 'platform');
      const p = await ins.platforms.create(TEAM, {
        externalId: `demo-platform-${chain.code}-${k}`,
        name: `${inst.name}佛山${node.name}${status === 'established' ? '联合实验室' : '研发中心'}`.slice(0, 80),
        kind: status === 'established' ? 'lab' : 'rd_center',
        instituteId: inst.id,
        nodeIds: [node.id],
        gaps: gap ? [{ nodeId: node.id, gapId: gap.id }] : [],
        enterpriseIds: status === 'established' && leader ? [leader] : [],
        description: `演示数据：${status === 'established' ? '已挂牌运行' : '洽谈中'}的平台`,
      });
      await ins.platforms.move(TEAM, p.id, 'negotiating', '演示：进入洽谈');
      if (status === 'established') await ins.platforms.move(TEAM, p.id, 'established', '演示：签约挂牌');
      counts.platforms++;
    }
    const uncovered = gapNodes[2];
    if (uncovered) {
      const rec = await ins.platforms.recommend(TEAM, chain.code, { nodeId: uncovered.id, limit: 1 });
      const best = rec.nodes[0]?.candidates[0];
      if (best) {
        await ins.platforms.propose(TEAM, {
          instituteId: best.instituteId,
          nodeId: uncovered.id,
          kind: 'rd_center',
          note: '演示：由推荐生成的拟建平台',
        });
        counts.platforms++;
      }
    }

    // Indicator figures for the chain's first enterprises (fictional values, labelled as such).
    for (const e of ents.slice(0, 6)) {
      const r = rng.fork(e.id.length * 31 + ci);
      const figures = [
        { kind: 'rd_intensity', value: Math.round((1.5 + r.next() * 5.5) * 10) / 10 },
        { kind: 'patents', value: r.int(3, 420) },
        { kind: 'local_supplier_share', value: r.int(25, 85) },
      ];
      for (const f of figures) {
        await ins.leading.figures.create(TEAM, {
          enterpriseId: e.id,
          ...f,
          asOf: `${Number(today.slice(0, 4)) - 1}-12-31`,
          source: `${DEMO_SOURCE}：企业填报`,
        });
        counts.figures++;
      }
    }

    // Key projects: one with an overdue milestone (late on the battle map), one on track.
    for (const [k, node] of gapNodes.slice(0, 2).entries()) {
      const gap = node.gaps.find((g) => g.kind === 'technology' || g.kind === 'platform');
      const owner = ents.find((e) => e.nodeIds.includes(node.id)) ?? ents[0];
      await ins.projects.create(TEAM, {
        externalId: `demo-project-${chain.code}-${k}`,
        name: `${node.name}${k === 0 ? '关键技术攻关与产业化' : '补链强链技改'}项目`.slice(0, 80),
        description: `演示数据：面向“${gap?.title ?? node.name}”的重点项目`,
        nodeIds: [node.id],
        gaps: gap ? [{ nodeId: node.id, gapId: gap.id }] : [],
        ownerName: owner?.name ?? '区经济和科技促进局',
        ...(owner ? { ownerEnterpriseId: owner.id } : {}),
        investmentWan: r100(rng.int(20, 300)),
        startDate: addDays(today, -300),
        dueDate: addDays(today, k === 0 ? 200 : 400),
        status: 'in_progress',
        milestones: [
          { id: 'design', title: '方案设计评审', due: addDays(today, -240), doneOn: addDays(today, -245) },
          k === 0
            ? { id: 'pilot', title: '中试线建成', due: addDays(today, -30), note: '演示：设备到货延迟' }
            : { id: 'pilot', title: '中试线建成', due: addDays(today, 60) },
          { id: 'acceptance', title: '项目验收', due: addDays(today, k === 0 ? 200 : 400) },
        ],
      });
      counts.projects++;
    }
  }

  // Challenges: six needs of kind challenge, one per stage, with applications where the stage has them.
  const stages: ChallengeStage[] = ['collecting', 'published', 'taken', 'reviewing', 'signed', 'accepted'];
  // Deterministic (ids are random), with the demo chief's chain first so its board shows every stage.
  const pool = needs
    .filter((n) => n.kind === 'challenge')
    .sort(
      (a, b) =>
        Number(b.chainId === DEMO_CHIEF_CHAIN) - Number(a.chainId === DEMO_CHIEF_CHAIN) || (a.externalId ?? a.id).localeCompare(b.externalId ?? b.id),
    );
  for (const [k, stage] of stages.entries()) {
    const need = pool[k];
    if (!need) break;
    const c = await ins.challenges.create(TEAM, {
      externalId: `demo-challenge-${k}`,
      needId: need.id,
      goal: `解决“${need.title}”，形成可在佛山量产应用的技术方案（演示数据）`.slice(0, 2000),
      acceptanceCriteria: ['第三方检测报告达到榜单指标', '完成小批量试产并由发榜企业确认'],
      rewardWan: r100(rng.int(2, 10) * 100),
      deadline: addDays(today, 45 + k * 10),
      completionDue: addDays(today, 365),
    });
    counts.challenges++;
    const order = stages.indexOf(stage);
    const to = (s: ChallengeStage, note: string) => ins.challenges.move(TEAM, c.id, s, note);
    if (order >= 1) await to('published', '演示：发榜');
    const apps: string[] = [];
    if (order >= 1) {
      const inst = institutes.find((i) => i.chainIds.includes(need.chainId)) ?? institutes[k % Math.max(institutes.length, 1)];
      const talent = talents[k % Math.max(talents.length, 1)];
      const partner = enterprises.find((e) => e.chainIds.includes(need.chainId) && e.id !== need.enterpriseId);
      if (talent) {
        const a = await ins.challenges.apply(party('talent', talent.id), c.id, {
          mode: 'solo',
          members: [{ type: 'talent', id: talent.id, role: '技术负责人', contribution: '牵头技术攻关' }],
          proposal: `个人揭榜：基于多年${talent.skills.slice(0, 2).join('、') || '相关'}经验提出技术路线，六个月完成验证（演示数据）`,
        });
        apps.push(a.id);
      }
      if (order >= 2 && inst && partner && talents[(k + 1) % talents.length]) {
        const expert = talents[(k + 1) % talents.length] as Talent;
        const a = await ins.challenges.apply(party('institute', inst.id), c.id, {
          mode: 'consortium',
          members: [
            { type: 'institute', id: inst.id, role: '牵头单位', contribution: '核心技术研发' },
            { type: 'enterprise', id: partner.id, role: '中试验证', contribution: '提供产线与工程化验证' },
            { type: 'talent', id: expert.id, role: '首席专家', contribution: '技术路线把关' },
          ],
          proposal: '院所牵头、链上企业中试、专家把关的联合体方案：九个月完成样机与小批量验证（演示数据）',
          budgetWan: 300,
          plannedMonths: 9,
        });
        apps.push(a.id);
      }
      counts.applications += apps.length;
    }
    if (order >= 2) await to('taken', '演示：揭榜截止前收到申报');
    if (order >= 3 && apps.length > 0) {
      await to('reviewing', '演示：组织专家论证');
      await ins.challenges.review(TEAM, apps[0] as string, { decision: 'shortlisted', score: 78, note: '演示：技术路线可行' });
    }
    if (order >= 4 && apps.length > 0) {
      await ins.challenges.select(TEAM, c.id, apps[apps.length - 1] as string, '演示：联合体方案覆盖更全面');
      await to('signed', '演示：签订揭榜任务书');
    }
    if (order >= 5 && apps.length > 0) await to('accepted', '演示：验收通过');
  }
  return counts;
}

/** Budgets in round hundreds of thousands of yuan (万元), as such lists are written. */
const r100 = (n: number): number => Math.round(n / 10) * 10;
