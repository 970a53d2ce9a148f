import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EVAL_TAGS,
  EvalCandidates,
  EvalNeeds,
  checkEvalSet,
  checkPooled,
  gradeOf,
  loadEvalSet,
  type EvalLang,
  type EvalSet,
  type EvalTag,
} from '../eval/schema.js';

const outline = JSON.parse(readFileSync(new URL('../seed/data/chain-outline.json', import.meta.url), 'utf8')) as {
  chains: { code: string; nodes: [string, string, string][] }[];
};
const NODE_IDS = new Set(outline.chains.flatMap((c) => c.nodes.map(([n]) => `${c.code}.${n}`)));
const CHAINS = outline.chains.map((c) => c.code);

const share = <T>(items: readonly T[], pred: (t: T) => boolean): number => items.filter(pred).length / items.length;

describe('eval data set', () => {
  let set: EvalSet;
  beforeAll(async () => {
    set = await loadEvalSet();
  });

  it('parses and is internally consistent', () => {
    expect(checkEvalSet(set.candidates, set.needs)).toEqual([]);
  });

  it('has enough candidates of both kinds and enough needs', () => {
    expect(set.candidates.length).toBeGreaterThanOrEqual(320);
    const talents = set.candidates.filter((c) => c.type === 'talent').length;
    const institutes = set.candidates.filter((c) => c.type === 'institute').length;
    expect(talents).toBeGreaterThanOrEqual(240);
    expect(institutes).toBeGreaterThanOrEqual(65);
    expect(set.needs.length).toBeGreaterThanOrEqual(40);
    expect(set.needs.some((n) => n.target === 'institute')).toBe(true);
  });

  it('knows who wrote each need, and says why a need is no longer blind', () => {
    expect(set.authorOf.size).toBe(set.needs.length);
    const authors = new Set(set.authorOf.values());
    expect([...authors].sort()).toEqual(['A', 'B']);
    for (const n of set.needs) expect(n.id, n.id).toMatch(set.authorOf.get(n.id) === 'B' ? /^q1\d\d$/ : /^q\d\d$/);
    const exposed = set.needs.filter((n) => n.exposed);
    // The report's `not exposed` row must stay large enough to mean something.
    expect(exposed.length).toBeLessThan(set.needs.length / 3);
    for (const n of exposed) expect(n.exposed, n.id).toMatch(/brief|model|lexicon|tuned/);
  });

  it('adds the judge’s pooled grades only where the authors listed nothing', () => {
    const added = set.pooled.pooled.find((p) => p.grade > 0);
    if (!added) throw new Error('the pooled file grades nothing above 0');
    const need = set.needs.find((n) => n.id === added.need);
    if (!need) throw new Error(`unknown need ${added.need}`);
    expect(set.judgementsOf(need, 'pooled')[added.candidate]).toBe(added.grade);
    expect(set.judgementsOf(need, 'authors')[added.candidate]).toBeUndefined();
    for (const [id, g] of Object.entries(need.judgements)) expect(set.judgementsOf(need, 'pooled')[id], id).toBe(g);
  });

  it('refuses pooled grades that would override an author, grade a distractor or the wrong type, repeat, or name unknown ids', () => {
    const trap = set.needs.find((n) => (n.distractors ?? []).length > 0);
    const plain = set.needs.find((n) => n.target === 'talent' && !(n.distractors ?? []).length);
    if (!trap || !plain) throw new Error('the set lacks a trap or a talent need');
    const judged = Object.keys(plain.judgements)[0] ?? '';
    const institute = set.candidates.find((c) => c.type === 'institute')?.id ?? '';
    const free = set.candidates.find((c) => c.type === 'talent' && !(c.id in plain.judgements))?.id ?? '';
    const g = (need: string, candidate: string) => ({ need, candidate, grade: 1 as const, why: 'test' });
    const bad = {
      ...set.pooled,
      pooled: [
        g(plain.id, judged),
        g(trap.id, trap.distractors?.[0] ?? ''),
        g(plain.id, institute),
        g(plain.id, free),
        g(plain.id, free),
        g('q999', free),
        g(plain.id, 'c9999'),
      ],
      agreement: [{ need: plain.id, candidate: judged, author: 3 as const, judge: 3 as const }, ...set.pooled.agreement],
    };
    const problems = checkPooled(set.candidates, set.needs, bad).join('\n');
    expect(problems).toContain(`${plain.id}/${judged}, which the author judged`);
    expect(problems).toContain('a distractor');
    expect(problems).toContain(`${plain.id}/${institute}: not a talent`);
    expect(problems).toContain(`${plain.id}/${free} is duplicated`);
    expect(problems).toContain('unknown need q999');
    expect(problems).toContain('unknown candidate c9999');
    expect(problems).toContain('re-grades some need twice');
  });

  it('uses unique ids', () => {
    expect(new Set(set.candidates.map((c) => c.id)).size).toBe(set.candidates.length);
    expect(new Set(set.needs.map((n) => n.id)).size).toBe(set.needs.length);
  });

  it('judges only existing candidates of the need’s target type, with a grade 3 for every need', () => {
    for (const n of set.needs) {
      const ids = Object.keys(n.judgements);
      expect(ids.length, n.id).toBeGreaterThanOrEqual(1);
      expect(Object.values(n.judgements), n.id).toContain(3);
      for (const id of [...ids, ...(n.distractors ?? [])]) {
        const c = set.candidateById.get(id);
        expect(c, `${n.id} → ${id}`).toBeDefined();
        expect(c?.type, `${n.id} → ${id}`).toBe(n.target);
      }
    }
  });

  it('meets the tag minimums', () => {
    const count = (t: EvalTag): number => set.needs.filter((n) => n.tags.includes(t)).length;
    expect(count('cross-language')).toBeGreaterThanOrEqual(8);
    expect(count('symptom')).toBeGreaterThanOrEqual(12);
    expect(count('trap')).toBeGreaterThanOrEqual(8);
    for (const t of EVAL_TAGS) expect(count(t), t).toBeGreaterThanOrEqual(1);
  });

  it('gives every trap need distractors that stay ungraded', () => {
    for (const n of set.needs.filter((x) => x.tags.includes('trap'))) {
      expect(n.distractors?.length ?? 0, n.id).toBeGreaterThanOrEqual(1);
      for (const d of n.distractors ?? []) expect(gradeOf(n, d), `${n.id} → ${d}`).toBe(0);
    }
  });

  it('has a best answer in the other language for every cross-language need', () => {
    const other: Record<EvalLang, EvalLang | undefined> = { zh: 'en', en: 'zh', mixed: undefined };
    for (const n of set.needs.filter((x) => x.tags.includes('cross-language'))) {
      const want = other[n.lang];
      if (!want) continue;
      const best = Object.entries(n.judgements)
        .filter(([, g]) => g === 3)
        .map(([id]) => set.candidateById.get(id)?.lang);
      expect(best, n.id).toContain(want);
    }
  });

  it('has roughly 60% Chinese, 20% English and 20% mixed candidates', () => {
    const langShare = (l: EvalLang): number => share(set.candidates, (c) => c.lang === l);
    expect(langShare('zh')).toBeGreaterThan(0.5);
    expect(langShare('zh')).toBeLessThan(0.7);
    expect(langShare('en')).toBeGreaterThan(0.14);
    expect(langShare('en')).toBeLessThan(0.27);
    expect(langShare('mixed')).toBeGreaterThan(0.14);
    expect(langShare('mixed')).toBeLessThan(0.27);
    for (const l of ['zh', 'en', 'mixed'] as const)
      expect(
        set.needs.some((n) => n.lang === l),
        l,
      ).toBe(true);
  });

  it('uses the fixed chain node ids and covers all 8 chains', () => {
    for (const c of set.candidates) for (const id of c.record.nodeIds) expect(NODE_IDS.has(id), `${c.id} ${id}`).toBe(true);
    for (const n of set.needs) if (n.need.nodeId) expect(NODE_IDS.has(n.need.nodeId), n.id).toBe(true);
    const chainsOf = (ids: string[]): Set<string> => new Set(ids.map((id) => id.split('.')[0] ?? id));
    const needChains = chainsOf(set.needs.flatMap((n) => (n.need.nodeId ? [n.need.nodeId] : [])));
    const candidateChains = chainsOf(set.candidates.flatMap((c) => c.record.nodeIds));
    for (const chain of CHAINS) {
      expect(needChains.has(chain), `needs: ${chain}`).toBe(true);
      expect(candidateChains.has(chain), `candidates: ${chain}`).toBe(true);
    }
  });

  it('keeps personal contact data out of talent records and uses the fixed consent', () => {
    for (const c of set.candidates) {
      if (c.type !== 'talent') continue;
      expect(c.record.phone, c.id).toBeUndefined();
      expect(c.record.email, c.id).toBeUndefined();
      expect(c.record.idNumber, c.id).toBeUndefined();
      expect(c.record.consent.purposes, c.id).toEqual(['matching']);
    }
  });

  it('does not repeat profile text', () => {
    const text = set.candidates.map((c) => (c.type === 'talent' ? c.record.summary : c.record.description));
    expect(new Set(text).size).toBe(text.length);
  });
});

describe('eval schemas', () => {
  it('reject a need without a grade 3, a trap without distractors and a bad grade', () => {
    const need = {
      id: 'q01',
      lang: 'zh',
      target: 'talent',
      tags: ['plain'],
      need: { title: '测试需求标题', description: '这是一个测试用的需求描述' },
      judgements: { c001: 2 },
    };
    expect(EvalNeeds.safeParse([need]).success).toBe(false);
    expect(EvalNeeds.safeParse([{ ...need, judgements: { c001: 3 } }]).success).toBe(true);
    expect(EvalNeeds.safeParse([{ ...need, judgements: { c001: 4 } }]).success).toBe(false);
    expect(EvalNeeds.safeParse([{ ...need, tags: ['trap'], judgements: { c001: 3 } }]).success).toBe(false);
  });

  it('reject a talent record carrying unknown fields', () => {
    const talent = {
      id: 'c001',
      type: 'talent',
      lang: 'zh',
      record: {
        name: '某某',
        summary: '做压缩机振动噪声',
        consent: { version: '2026-01', acceptedAt: '2026-01-15T08:00:00+08:00', purposes: ['matching'] },
      },
    };
    expect(EvalCandidates.safeParse([talent]).success).toBe(true);
    expect(EvalCandidates.safeParse([{ ...talent, record: { ...talent.record, wechat: 'x' } }]).success).toBe(false);
  });
});
