/**
 * Measures the embedded engine at the planned scale: `npx tsx server/search/embedded/bench.ts [n]`.
 * Prints figures; asserts nothing (timings belong in reports, not in tests).
 */
import { performance } from 'node:perf_hooks';
import { createTokenizer } from '../../../matching/text/tokenize.js';
import type { SearchDoc, SearchRequest } from '../port.js';
import { createEmbeddedSearch } from './index.js';

const N = Number(process.argv[2] ?? 100_000);
const DIM = 64;

/** Deterministic PRNG (mulberry32) so runs compare. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
const GIVEN = ['伟', '娜', '强', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '涛', '明', '超', '华'];
const ORGS = ['美的集团', '格兰仕', '海天味业', '广东工业大学', '佛山科学技术学院', '季华实验室', '仙湖实验室', '广汽研究院', '碧桂园博智林', '科达制造', '东方精工', '万和新电气'];
const ROLES = ['NVH工程师', 'PLC工程师', '电池热管理专家', '陶瓷材料研究员', '机器视觉算法工程师', '注塑工艺主管', 'CAE仿真工程师', 'BMS软件工程师', '伺服电机研发经理', '氢燃料电池研究员'];
const TOPICS = [
  '空调压缩机振动噪声分析，解决室外机运行时嗡嗡响的问题',
  '动力电池热管理系统设计与热失控防护',
  '氮化铝陶瓷基板烧结工艺与导热性能提升',
  '基于机器视觉的瓷砖表面缺陷检测',
  '注塑模具温控与成型周期优化',
  '伺服电机控制算法与转子动力学分析',
  '氢燃料电池电堆膜电极制备',
  '工业机器人减速器精度保持',
  'MES系统与PLC产线数据采集',
  '家电钣金件冲压回弹CAE仿真',
  'Battery management system (BMS) firmware and SOC estimation',
  'Vibration and NVH testing of household appliances',
  '釉料配方与窑炉节能改造',
  '铝型材挤压模具寿命提升',
];
const CITIES = ['佛山', '广州', '深圳', '东莞', '珠海', '中山'];
const CHAINS = Array.from({ length: 20 }, (_, i) => `chain-${i}`);
const SKILLS = Array.from({ length: 300 }, (_, i) => `skill-${i}`);

function randomUnit(): number[] {
  const v = Array.from({ length: DIM }, () => rand() * 2 - 1);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

function buildDoc(i: number): SearchDoc {
  const t1 = pick(TOPICS);
  const t2 = pick(TOPICS);
  return {
    id: `t${i}`,
    type: 'talents',
    title: `${pick(SURNAMES)}${pick(GIVEN)}${pick(GIVEN)}`,
    subtitle: `${pick(ORGS)} ${pick(ROLES)}`,
    body: `主要从事${t1}。近五年主持${t2}相关项目${1 + Math.floor(rand() * 9)}项，发表论文若干。`,
    chainIds: [pick(CHAINS), pick(CHAINS)],
    nodeIds: [`node-${Math.floor(rand() * 200)}`],
    city: pick(CITIES),
    kind: pick(['expert', 'engineer', 'researcher']),
    status: rand() < 0.9 ? 'active' : 'paused',
    availability: pick(['open', 'busy', 'part_time']),
    ownerId: `owner-${i}`,
    purposes: rand() < 0.7 ? ['matching', 'hr_bureau_search'] : ['matching'],
    skillIds: [pick(SKILLS), pick(SKILLS), pick(SKILLS)],
    public: rand() < 0.8,
    vector: randomUnit(),
    modelVersion: 'enc-v1',
    sourceVersion: 1,
    updatedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
  };
}

function summary(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => (s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0).toFixed(2);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (n=${s.length})`;
}

async function time(runs: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

async function main(): Promise<void> {
  const tokenizer = createTokenizer({ extraWords: ['热管理', '陶瓷基板', '机器视觉', '热失控', '膜电极', '嗡嗡响'] });
  const index = createEmbeddedSearch({ tokenizer });
  await index.init(DIM);

  const docs = Array.from({ length: N }, (_, i) => buildDoc(i));
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  for (let i = 0; i < N; i += 1000) await index.upsert('talents', docs.slice(i, i + 1000));
  const upsertMs = performance.now() - t0;
  const heap1 = process.memoryUsage().heapUsed;
  console.log(`upsert ${N} docs (dim ${DIM}): ${(upsertMs / 1000).toFixed(1)} s (${Math.round(N / (upsertMs / 1000))} docs/s), heap +${Math.round((heap1 - heap0) / 2 ** 20)} MB`);

  const queries: Array<Omit<SearchRequest, 'type' | 'limit'>> = [
    { q: '嗡嗡响' },
    { q: '热管理' },
    { q: '陶瓷基板 烧结' },
    { q: 'BMS 热管理' },
    { q: 'vibraton' },
    { q: 'PLC 数据采集', filters: { city: '佛山' } },
    { q: '机器视觉', filters: { chainIds: ['chain-1', 'chain-2'], public: true }, facets: ['city', 'kind'] },
    { q: '', filters: { city: '佛山', status: 'active' }, facets: ['chainIds'] },
  ];
  for (const q of queries) {
    const ms = await time(30, () => index.search({ type: 'talents', limit: 20, ...q }));
    const res = await index.search({ type: 'talents', limit: 20, ...q });
    console.log(`search ${JSON.stringify(q)} → total ${res.total}: ${summary(ms)}`);
  }
  const qvs = Array.from({ length: 50 }, () => randomUnit());
  const hybrid = await time(50, (i) => index.search({ type: 'talents', q: '热管理', limit: 20, vector: qvs[i] ?? [], semanticRatio: 0.5 }));
  console.log(`search hybrid '热管理' r=0.5: ${summary(hybrid)}`);

  const near = await time(50, (i) => index.nearest('talents', qvs[i] ?? [], 10));
  console.log(`nearest k=10, no filter: ${summary(near)}`);
  const nearF = await time(50, (i) => index.nearest('talents', qvs[i] ?? [], 10, { city: '佛山', public: true }));
  console.log(`nearest k=10, city+public filter: ${summary(nearF)}`);
  const nearS = await time(50, (i) => index.nearest('talents', qvs[i] ?? [], 10, { skillIds: 'skill-7' }));
  console.log(`nearest k=10, rare skill filter: ${summary(nearS)}`);

  // Naive baseline: one number[] per doc, reduce for the dot product, full sort.
  const naive = docs.map((d) => ({ id: d.id, v: d.vector }));
  const naiveMs = await time(50, (i) => {
    const q = qvs[i] ?? [];
    return naive
      .map((d) => ({ id: d.id, s: d.v.reduce((acc, x, j) => acc + x * (q[j] ?? 0), 0) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 10);
  });
  console.log(`naive baseline (number[] + reduce + sort) k=10: ${summary(naiveMs)}`);

  // Same answers: the fast scan must agree with the baseline.
  const q0 = qvs[0] ?? [];
  const fast = (await index.nearest('talents', q0, 10)).map((r) => r.id);
  const slow = naive.map((d) => ({ id: d.id, s: d.v.reduce((acc, x, j) => acc + x * (q0[j] ?? 0), 0) })).sort((a, b) => b.s - a.s).slice(0, 10).map((d) => d.id);
  console.log(`top-10 agrees with baseline: ${JSON.stringify(fast) === JSON.stringify(slow)}`);

  const del = await time(1, () => index.remove('talents', docs.slice(0, 10_000).map((d) => d.id)));
  console.log(`remove 10k docs: ${del[0]?.toFixed(0)} ms; stats count ${(await index.stats('talents')).count}`);
  await index.close();
}

await main();
