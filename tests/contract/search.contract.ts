import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEARCH_TYPES } from '../../server/search/port.js';
import type { SearchDoc, SearchIndex, SearchRequest } from '../../server/search/port.js';

/** Small enough to read by eye: each fixture sits on its own axis. */
export const CONTRACT_DIM = 8;

function axis(i: number, dim = CONTRACT_DIM): number[] {
  const v = new Array<number>(dim).fill(0);
  v[i] = 1;
  return v;
}

function unit(v: number[]): number[] {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** A talent search doc with overrides. */
export function buildSearchDoc(overrides: Partial<SearchDoc> & { id: string }): SearchDoc {
  return {
    type: 'talents',
    title: '',
    subtitle: '',
    body: '',
    chainIds: [],
    nodeIds: [],
    city: '佛山',
    kind: 'expert',
    status: 'active',
    availability: 'open',
    ownerId: 'owner-A',
    purposes: ['matching'],
    skillIds: [],
    public: true,
    vector: axis(7),
    modelVersion: 'enc-v1',
    sourceVersion: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const INJECTION = 'x" OR ownerId = "owner-B';

export const FIXTURES: SearchDoc[] = [
  buildSearchDoc({
    id: 't1',
    title: '张伟',
    subtitle: '美的集团 NVH工程师',
    body: '负责空调压缩机振动噪声分析，解决了室外机运行时嗡嗡响的问题。熟悉CAE仿真与模态测试。',
    chainIds: ['c-home'],
    nodeIds: ['n-compressor'],
    skillIds: ['nvh', 'cae'],
    vector: axis(0),
    sourceVersion: 3,
    updatedAt: '2026-03-01T00:00:00.000Z',
  }),
  buildSearchDoc({
    id: 't2',
    title: '李娜',
    subtitle: '广汽研究院 电池热管理专家',
    body: 'Battery thermal management for EV packs; BMS design and cell balancing. 主持动力电池热管理系统开发。',
    chainIds: ['c-auto'],
    nodeIds: ['n-battery'],
    city: '广州',
    kind: 'researcher',
    availability: 'busy',
    ownerId: 'owner-B',
    purposes: ['matching', 'hr_bureau_search'],
    skillIds: ['bms', 'thermal'],
    vector: axis(1),
    modelVersion: 'enc-v2',
    updatedAt: '2026-02-01T00:00:00.000Z',
  }),
  buildSearchDoc({
    id: 't3',
    title: '王强',
    subtitle: '陶瓷材料研究员',
    body: '从事氮化铝陶瓷基板烧结工艺研究，负责 Vibration testing of substrates。',
    chainIds: ['c-material', 'c-auto'],
    nodeIds: ['n-substrate'],
    status: 'paused',
    public: false,
    skillIds: ['ceramics'],
    vector: axis(2),
    updatedAt: '2026-01-15T00:00:00.000Z',
  }),
  buildSearchDoc({
    id: 't4',
    title: 'Chen Ming',
    subtitle: 'PLC control engineer',
    body: 'Vibrations analysis of servo motors, PLC programming. <script>alert(1)</script> & more',
    chainIds: ['c-equip'],
    nodeIds: ['n-control'],
    city: '深圳',
    kind: 'engineer',
    ownerId: 'owner-C',
    skillIds: ['plc'],
    vector: axis(3),
    updatedAt: '2026-01-10T00:00:00.000Z',
  }),
  buildSearchDoc({
    id: 't5',
    title: '赵敏',
    subtitle: '注塑模具工程师',
    body: '注塑机工艺优化，模具温控。',
    chainIds: ['c-home'],
    nodeIds: ['n-mould'],
    city: 'a\\b',
    ownerId: INJECTION,
    skillIds: ['moulding'],
    vector: axis(4),
    updatedAt: '2026-01-05T00:00:00.000Z',
  }),
];

/**
 * The behaviour every SearchIndex must show, run against each implementation (embedded,
 * Meilisearch). `makeIndex` returns a fresh adapter; each test clears every type first.
 */
export function runSearchContract(label: string, makeIndex: () => Promise<SearchIndex>): void {
  describe(`SearchIndex contract: ${label}`, () => {
    let index: SearchIndex;

    beforeEach(async () => {
      index = await makeIndex();
      await index.init(CONTRACT_DIM);
      for (const t of SEARCH_TYPES) await index.clear(t);
      await index.upsert('talents', FIXTURES);
    });

    afterEach(async () => {
      await index.close();
    });

    const search = (req: Partial<SearchRequest>) => index.search({ type: 'talents', q: '', limit: 20, ...req });
    const ids = async (req: Partial<SearchRequest>) => (await search(req)).hits.map((h) => h.id);

    describe('keyword search', () => {
      it('when a Chinese word sits inside a sentence, then it finds the doc and marks the word', async () => {
        const res = await search({ q: '嗡嗡响' });
        expect(res.hits[0]?.id).toBe('t1');
        expect(res.hits[0]?.highlights.body).toContain('<mark>嗡嗡响</mark>');
        expect(res.hits[0]?.matchedTerms.length).toBeGreaterThan(0);
        expect((await ids({ q: '热管理' }))[0]).toBe('t2');
        expect((await ids({ q: '陶瓷基板' }))[0]).toBe('t3');
      });

      it('when a Chinese query matches nothing, then no hits come back', async () => {
        const res = await search({ q: '光刻胶' });
        expect(res.hits).toEqual([]);
        expect(res.total).toBe(0);
      });

      it('when an English query differs in case or number, then it still matches', async () => {
        expect(await ids({ q: 'VIBRATION' })).toEqual(expect.arrayContaining(['t3', 't4']));
        expect((await ids({ q: 'plc' }))[0]).toBe('t4');
        expect((await ids({ q: 'Battery' }))[0]).toBe('t2');
      });

      it('when an English word has a one-letter typo, then it still matches', async () => {
        expect(await ids({ q: 'vibraton' })).toEqual(expect.arrayContaining(['t3', 't4']));
      });

      it('when a query mixes Chinese and English, then the doc matching both ranks first', async () => {
        const res = await search({ q: 'BMS 热管理' });
        expect(res.hits[0]?.id).toBe('t2');
        const h = res.hits[0];
        expect(h?.keywordScore).toBeGreaterThan(0);
        for (const hit of res.hits) {
          expect(hit.score).toBeGreaterThanOrEqual(0);
          expect(hit.score).toBeLessThanOrEqual(1);
        }
      });

      it('when a hit is shown, then matches are marked and HTML is escaped', async () => {
        const res = await search({ q: 'PLC' });
        const hit = res.hits.find((h) => h.id === 't4');
        expect(hit?.highlights.subtitle).toContain('<mark>PLC</mark>');
        const body = hit?.highlights.body ?? '';
        expect(body).toContain('<mark>PLC</mark>');
        expect(body).not.toContain('<script>');
        expect(body).toContain('&lt;script&gt;');
      });
    });

    describe('filters', () => {
      it('when filtering on each field, then only matching docs come back', async () => {
        const sorted = async (req: Partial<SearchRequest>) => (await ids(req)).sort();
        expect(await sorted({ filters: { city: '佛山' } })).toEqual(['t1', 't3']);
        expect(await sorted({ filters: { chainIds: 'c-auto' } })).toEqual(['t2', 't3']);
        expect(await sorted({ filters: { nodeIds: 'n-control' } })).toEqual(['t4']);
        expect(await sorted({ filters: { kind: 'researcher' } })).toEqual(['t2']);
        expect(await sorted({ filters: { status: 'paused' } })).toEqual(['t3']);
        expect(await sorted({ filters: { availability: 'busy' } })).toEqual(['t2']);
        expect(await sorted({ filters: { ownerId: 'owner-A' } })).toEqual(['t1', 't3']);
        expect(await sorted({ filters: { skillIds: 'plc' } })).toEqual(['t4']);
        expect(await sorted({ filters: { public: false } })).toEqual(['t3']);
        expect(await sorted({ filters: { purposes: 'hr_bureau_search' } })).toEqual(['t2']);
        expect(await sorted({ filters: { public: true } })).toEqual(['t1', 't2', 't4', 't5']);
      });

      it('when a field has several values, then any matches; several fields must all match', async () => {
        expect((await ids({ filters: { chainIds: ['c-home', 'c-material'] } })).sort()).toEqual(['t1', 't3', 't5']);
        expect((await ids({ filters: { city: ['广州', '深圳'] } })).sort()).toEqual(['t2', 't4']);
        expect((await ids({ filters: { chainIds: ['c-home', 'c-auto'], public: true, city: '佛山' } })).sort()).toEqual(['t1']);
      });

      it('when filters combine with a keyword query, then both apply', async () => {
        expect(await ids({ q: 'vibration', filters: { city: '深圳' } })).toEqual(['t4']);
        expect(await ids({ q: '嗡嗡响', filters: { city: '广州' } })).toEqual([]);
      });

      it('when a filter value holds quotes, backslashes or OR, then it matches literally and leaks nothing', async () => {
        expect(await ids({ filters: { ownerId: INJECTION } })).toEqual(['t5']);
        expect(await ids({ filters: { ownerId: 'x" OR public = true OR ownerId = "y' } })).toEqual([]);
        expect(await ids({ filters: { ownerId: 'owner-A") OR (ownerId = "owner-B' } })).toEqual([]);
        expect(await ids({ filters: { city: 'a\\b' } })).toEqual(['t5']);
        expect(await ids({ filters: { city: 'a\\' } })).toEqual([]);
        expect(await ids({ filters: { city: '\\' } })).toEqual([]);
      });

      it('when facets are asked for, then they count the filtered result set', async () => {
        const all = await search({ facets: ['city', 'public', 'chainIds'] });
        expect(all.total).toBe(5);
        expect(all.facets.city).toEqual({ 佛山: 2, 广州: 1, 深圳: 1, 'a\\b': 1 });
        expect(all.facets.public).toEqual({ true: 4, false: 1 });
        expect(all.facets.chainIds).toEqual({ 'c-home': 2, 'c-auto': 2, 'c-material': 1, 'c-equip': 1 });
        const filtered = await search({ filters: { city: '佛山' }, facets: ['public'] });
        expect(filtered.facets.public).toEqual({ true: 1, false: 1 });
      });

      it('when q is empty with filters, then matching docs are listed', async () => {
        const res = await search({ q: '', filters: { ownerId: 'owner-A' } });
        expect(res.total).toBe(2);
        expect(res.hits.map((h) => h.id).sort()).toEqual(['t1', 't3']);
      });
    });

    describe('writes', () => {
      it('when a doc is upserted again with the same id, then it is replaced', async () => {
        const t1 = FIXTURES[0];
        if (!t1) throw new Error('fixture missing');
        await index.upsert('talents', [{ ...t1, body: '负责伺服电机控制算法。', sourceVersion: 4 }]);
        expect(await ids({ q: '嗡嗡响' })).toEqual([]);
        expect(await ids({ q: '伺服' })).toEqual(['t1']);
        const stats = await index.stats('talents');
        expect(stats.count).toBe(5);
        expect(stats.versions?.get('t1')).toBe(4);
      });

      it('when a doc is removed, then it is gone from keyword, vector and listing results', async () => {
        await index.remove('talents', ['t1', 'missing']);
        expect(await ids({ q: '嗡嗡响' })).toEqual([]);
        expect((await index.nearest('talents', axis(0), 5)).map((n) => n.id)).not.toContain('t1');
        expect((await ids({})).sort()).toEqual(['t2', 't3', 't4', 't5']);
        expect((await index.stats('talents')).count).toBe(4);
        // The doc moved into the freed slot must still filter correctly.
        expect(await ids({ filters: { ownerId: INJECTION } })).toEqual(['t5']);
      });

      it('when a type is cleared, then it is empty and other types are untouched', async () => {
        await index.upsert('needs', [buildSearchDoc({ id: 'n1', type: 'needs', title: '陶瓷基板 散热 需求', vector: axis(5) })]);
        await index.clear('talents');
        expect((await index.stats('talents')).count).toBe(0);
        expect(await ids({ q: '陶瓷基板' })).toEqual([]);
        expect((await index.search({ type: 'needs', q: '陶瓷基板', limit: 5 })).hits.map((h) => h.id)).toEqual(['n1']);
      });

      it('when stats are read, then they count docs and report versions and models', async () => {
        const stats = await index.stats('talents');
        expect(stats.count).toBe(5);
        expect(stats.versions?.get('t1')).toBe(3);
        expect(stats.versions?.get('t2')).toBe(1);
        expect([...stats.modelVersions].sort()).toEqual(['enc-v1', 'enc-v2']);
      });
    });

    describe('vectors', () => {
      it('when asking for nearest neighbours, then the closest come first, in order', async () => {
        const q = unit([0.9, 0.4, 0.1, 0, 0, 0, 0, 0]);
        const res = await index.nearest('talents', q, 3);
        expect(res.map((r) => r.id)).toEqual(['t1', 't2', 't3']);
        expect(res[0]?.score).toBeCloseTo(q[0] ?? 0, 4);
        expect(res[0]?.score).toBeGreaterThan(res[1]?.score ?? 1);
      });

      it('when nearest has filters, then only matching docs are considered', async () => {
        const q = unit([0.9, 0.4, 0.1, 0, 0, 0, 0, 0]);
        expect((await index.nearest('talents', q, 3, { city: '广州' })).map((r) => r.id)).toEqual(['t2']);
        expect((await index.nearest('talents', q, 2, { chainIds: ['c-auto', 'c-equip'] })).map((r) => r.id)).toEqual(['t2', 't3']);
        expect(await index.nearest('talents', q, 3, { ownerId: 'nobody' })).toEqual([]);
      });

      it('when semanticRatio is 1, then a vector-only match ranks first', async () => {
        const res = await search({ q: '嗡嗡响', vector: axis(3), semanticRatio: 1 });
        expect(res.hits[0]?.id).toBe('t4');
        expect(res.hits[0]?.vectorScore).toBeCloseTo(1, 3);
      });

      it('when semanticRatio is 0, then the keyword match ranks first', async () => {
        const res = await search({ q: '嗡嗡响', vector: new Float32Array(axis(3)), semanticRatio: 0 });
        expect(res.hits[0]?.id).toBe('t1');
        expect(res.hits[0]?.keywordScore).toBeGreaterThan(0);
      });

      it('when the ratio is balanced, then a doc matching both beats one matching either', async () => {
        const res = await search({ q: '嗡嗡响', vector: unit([1, 0, 0, 1, 0, 0, 0, 0]), semanticRatio: 0.5 });
        expect(res.hits[0]?.id).toBe('t1');
        expect(res.hits.map((h) => h.id)).toContain('t4');
      });
    });

    describe('paging', () => {
      it('when paging with limit and offset, then pages are disjoint and cover the set', async () => {
        const p1 = await search({ limit: 2, offset: 0 });
        const p2 = await search({ limit: 2, offset: 2 });
        const p3 = await search({ limit: 2, offset: 4 });
        expect(p1.total).toBe(5);
        expect(p1.hits).toHaveLength(2);
        expect(p3.hits).toHaveLength(1);
        const all = [...p1.hits, ...p2.hits, ...p3.hits].map((h) => h.id);
        expect(new Set(all).size).toBe(5);
      });
    });
  });
}
