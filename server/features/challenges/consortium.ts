import type { Principal } from '../../auth/principal.js';
import type { Enterprise, Institute, Talent } from '../../domain/schemas.js';
import { listAll, type InstrumentDeps } from '../platforms/chain-scope.js';
import type { ChallengeService } from './service.js';
import type { ConsortiumRecommendations, PartyType } from './schema.js';

/** How many candidates of each kind enter the combination search (3 kinds × 8 → under 1,000 teams). */
const POOL = 8;
const ROLE_ZH: Record<PartyType, string> = { institute: '技术攻关', enterprise: '工程化与中试验证', talent: '技术负责人' };

interface Cand {
  type: PartyType;
  id: string;
  name: string;
  score: number;
  covers: Set<string>;
}

/**
 * Recommends complementary teams for a challenge: an institute, an enterprise and an expert
 * whose lexicon concepts together cover more of the challenge's concepts than any one of them.
 * Coverage is concept overlap, direct or through the lexicon's `related` links (explainable item
 * by item); the matching score only breaks ties.
 */
export function createConsortiumRecommender(deps: InstrumentDeps, challenges: ChallengeService) {
  const { store, matching, lexicon } = deps;
  const name = (id: string) => lexicon.byId(id) ?? { zh: id, en: id };

  return async function recommend(p: Principal | null, challengeId: string, limit: number): Promise<ConsortiumRecommendations> {
    const c = await challenges.challenges.get(p, challengeId);
    const wanted = new Set(c.conceptIds);
    const related = (id: string): readonly string[] => lexicon.byId(id)?.related ?? [];
    // A party covers a wanted concept by naming it, or by naming what solves it (a problem's
    // related technologies) — the same bridge the match ranking uses for skill overlap.
    const coverOf = (skillIds: readonly string[]): Set<string> => {
      const have = new Set(skillIds);
      return new Set([...wanted].filter((w) => have.has(w) || related(w).some((r) => have.has(r)) || skillIds.some((s) => related(s).includes(w))));
    };
    const concepts = c.conceptIds.map((id) => ({ id, ...pick(name(id)) }));
    if (wanted.size === 0) return { challengeId, concepts, bestSingle: null, consortia: [] };
    const text = { title: c.title, description: `${c.goal} ${c.acceptanceCriteria.join(' ')}`, skills: c.skills, nodeId: c.nodeId };

    const pool: Cand[] = [];
    const fromMatch = async (target: 'talents' | 'institutes') => {
      const res = await matching.forText(p, text, target, 20);
      const col = store.collection<Talent | Institute>(target);
      const docs = new Map((await col.getMany(res.results.map((r) => r.id))).map((d) => [d.id, d]));
      return res.results
        .map((r) => {
          const d = docs.get(r.id);
          return {
            type: (target === 'talents' ? 'talent' : 'institute') as PartyType,
            id: r.id,
            name: d?.name ?? r.id,
            score: r.score,
            covers: coverOf(d?.skillIds ?? []),
          };
        })
        .filter((x) => x.covers.size > 0)
        .sort((a, b) => b.covers.size - a.covers.size || b.score - a.score)
        .slice(0, POOL);
    };
    // Talents are found only if the caller's role may search them (consent purposes): others simply get no experts.
    pool.push(...(await fromMatch('institutes')));
    if (p && ['admin', 'hr_bureau', 'chain_chief', 'enterprise', 'institute'].includes(p.role)) pool.push(...(await fromMatch('talents')));
    // Enterprises are not in the matching engine's targets: rank the chain's enterprises by concept overlap.
    const ents = (await listAll(store.collection<Enterprise>('enterprises'), { chain: c.chainId }))
      .filter((e) => e.id !== c.enterpriseId)
      .map((e) => {
        const covers = coverOf(e.skillIds);
        return { type: 'enterprise' as PartyType, id: e.id, name: e.name, score: Math.round((covers.size / wanted.size) * 1000) / 1000, covers };
      })
      .filter((e) => e.covers.size > 0)
      .sort((a, b) => b.covers.size - a.covers.size || a.name.localeCompare(b.name))
      .slice(0, POOL);
    pool.push(...ents);

    const byType = (t: PartyType): Array<Cand | null> => [null, ...pool.filter((x) => x.type === t)];
    const best = [...pool].sort((a, b) => b.covers.size - a.covers.size || b.score - a.score)[0] ?? null;
    const teams: Array<{ members: Cand[]; covered: Set<string>; quality: number }> = [];
    for (const i of byType('institute'))
      for (const e of byType('enterprise'))
        for (const t of byType('talent')) {
          const members = [i, e, t].filter((m): m is Cand => m !== null);
          if (members.length < 2) continue;
          const covered = new Set(members.flatMap((m) => [...m.covers]));
          // Every member must add something the others do not: no passengers in a recommended team.
          const allAdd = members.every((m) => [...m.covers].some((id) => !members.some((o) => o !== m && o.covers.has(id))));
          if (!allAdd) continue;
          teams.push({ members, covered, quality: members.reduce((s, m) => s + m.score, 0) / members.length });
        }
    teams.sort((a, b) => b.covered.size - a.covered.size || b.quality - a.quality || a.members.length - b.members.length);

    const asMember = (m: Cand) => ({
      type: m.type,
      id: m.id,
      name: m.name,
      role: ROLE_ZH[m.type],
      score: m.score,
      covers: [...m.covers].sort().map((id) => ({ id, ...pick(name(id)) })),
    });
    const bestSize = best?.covers.size ?? 0;
    return {
      challengeId,
      concepts,
      bestSingle: best ? asMember(best) : null,
      consortia: teams.slice(0, limit).map((t) => {
        const missing = c.conceptIds.filter((id) => !t.covered.has(id));
        const zhParts = t.members.map((m) => `${m.name}（${ROLE_ZH[m.type]}）覆盖${[...m.covers].map((id) => name(id).zh).join('、')}`);
        const enParts = t.members.map((m) => `${m.name} (${m.type}) covers ${[...m.covers].map((id) => name(id).en).join(', ')}`);
        const n = wanted.size;
        return {
          members: t.members.map(asMember),
          coverage: Math.round((t.covered.size / n) * 1000) / 1000,
          covered: [...t.covered].sort(),
          missing,
          beatsBestSingle: t.covered.size > bestSize,
          explanation: {
            zh: `联合体合计覆盖 ${t.covered.size}/${n} 项关键技术：${zhParts.join('；')}。单一最佳申报方${best ? `（${best.name}）` : ''}仅覆盖 ${bestSize}/${n} 项。${missing.length ? `尚未覆盖：${missing.map((id) => name(id).zh).join('、')}。` : '已全部覆盖。'}`,
            en: `Together the team covers ${t.covered.size}/${n} key concepts: ${enParts.join('; ')}. The best single applicant${best ? ` (${best.name})` : ''} covers ${bestSize}/${n}. ${missing.length ? `Not covered: ${missing.map((id) => name(id).en).join(', ')}.` : 'Everything is covered.'}`,
          },
        };
      }),
    };
  };
}

const pick = (e: { zh: string; en: string }) => ({ zh: e.zh, en: e.en });
