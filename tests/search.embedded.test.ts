import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../matching/text/tokenize.js';
import { createEmbeddedSearch } from '../server/search/embedded/index.js';
import { highlight } from '../server/search/embedded/highlight.js';
import { withinOneEdit } from '../server/search/embedded/text-index.js';
import { VectorColumn } from '../server/search/embedded/vectors.js';
import { ConflictError, UnprocessableError } from '../server/errors.js';
import { buildSearchDoc, CONTRACT_DIM, runSearchContract } from './contract/search.contract.js';

// One tokenizer for the file: building jieba's dictionary per test would dominate the run time.
const tokenizer = createTokenizer({ extraWords: ['热管理', '陶瓷基板', '氮化铝'] });

runSearchContract('embedded', async () => createEmbeddedSearch({ tokenizer }));

describe('embedded search specifics', () => {
  it('when the body is long, then the highlight is a window around the first match', () => {
    const body = `${'前言'.repeat(200)}解决了室外机运行时嗡嗡响的问题${'结尾'.repeat(200)}`;
    const out = highlight(body, ['嗡嗡响'], 160);
    expect(out).toContain('<mark>嗡嗡响</mark>');
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(162);
  });

  it('when full-width Latin text matches, then the original characters are marked', () => {
    expect(highlight('负责ＢＭＳ开发 <b>', ['bms'])).toBe('负责<mark>ＢＭＳ</mark>开发 &lt;b&gt;');
  });

  it('when a doc has a vector of the wrong size, then upsert rejects it', async () => {
    const index = createEmbeddedSearch({ tokenizer });
    await index.init(CONTRACT_DIM);
    await expect(index.upsert('talents', [buildSearchDoc({ id: 'x', vector: [1, 0] })])).rejects.toBeInstanceOf(UnprocessableError);
  });

  it('when init is called again with other dimensions on a filled index, then it refuses', async () => {
    const index = createEmbeddedSearch({ tokenizer });
    await index.init(CONTRACT_DIM);
    await index.init(CONTRACT_DIM);
    await index.upsert('talents', [buildSearchDoc({ id: 'x' })]);
    await expect(index.init(16)).rejects.toBeInstanceOf(ConflictError);
  });

  it('when partial matches exist, then docs matching every query term rank above them', async () => {
    const index = createEmbeddedSearch({ tokenizer });
    await index.init(CONTRACT_DIM);
    await index.upsert('needs', [
      buildSearchDoc({ id: 'both', type: 'needs', title: '电机 振动 测试', body: '' }),
      buildSearchDoc({ id: 'one', type: 'needs', title: '振动 振动 振动', body: '振动 振动' }),
    ]);
    const res = await index.search({ type: 'needs', q: '电机振动', limit: 5 });
    expect(res.hits.map((h) => h.id)).toEqual(['both', 'one']);
    expect(res.hits[0]?.keywordScore).toBe(1);
    expect(res.hits[1]?.keywordScore).toBeLessThan(0.5);
  });

  it('when vectors grow past their capacity and slots are compacted, then scores follow the slots', () => {
    const store = new VectorColumn(2, 1);
    for (let i = 0; i < 5; i++) store.set(i, [Math.cos(i), Math.sin(i)]);
    expect(store.capacity).toBeGreaterThanOrEqual(5);
    const live = new Uint8Array([1, 0, 1, 1, 1]);
    const q = new Float32Array([Math.cos(4), Math.sin(4)]);
    expect(store.topK(q, 1, 5, live, 1)[0]).toEqual({ slot: 4, score: expect.closeTo(1, 5) as number });
    store.move(4, 1);
    expect(store.dot(1, q)).toBeCloseTo(1, 5);
    expect(store.topK(q, 2, 5, new Uint8Array(5), 1)).toEqual([]);
  });

  it('when a Latin word is one edit away, then it counts as a typo; two edits do not', () => {
    expect(withinOneEdit('vibration', 'vibraton')).toBe(true);
    expect(withinOneEdit('vibration', 'vibrasion')).toBe(true);
    expect(withinOneEdit('vibration', 'vibrations')).toBe(true);
    expect(withinOneEdit('vibration', 'vibrtaion')).toBe(false);
    expect(withinOneEdit('battery', 'bettary')).toBe(false);
  });

  it('when the last Latin term is a prefix, then completions match', async () => {
    const index = createEmbeddedSearch({ tokenizer });
    await index.init(CONTRACT_DIM);
    await index.upsert('talents', [
      buildSearchDoc({ id: 'a', body: 'Thermal simulation of inverters' }),
      buildSearchDoc({ id: 'b', body: 'Injection moulding' }),
    ]);
    expect((await index.search({ type: 'talents', q: 'inver', limit: 5 })).hits.map((h) => h.id)).toEqual(['a']);
    // Only the last term completes: a prefix in the middle must match as written.
    expect((await index.search({ type: 'talents', q: 'inver moulding', limit: 5 })).hits.map((h) => h.id)).toEqual(['b']);
  });

  it('when many docs are replaced and removed, then compaction keeps results, filters and vectors consistent', async () => {
    const index = createEmbeddedSearch({ tokenizer });
    await index.init(CONTRACT_DIM);
    const docs = (round: number) =>
      Array.from({ length: 1500 }, (_, i) =>
        buildSearchDoc({
          id: `d${i}`,
          title: i % 2 === 0 ? '振动 测试' : '注塑 模具',
          city: i % 3 === 0 ? '佛山' : '广州',
          sourceVersion: round,
          vector: Array.from({ length: CONTRACT_DIM }, (_, j) => (j === i % CONTRACT_DIM ? 1 : 0)),
        }),
      );
    await index.upsert('talents', docs(1));
    await index.upsert('talents', docs(2));
    await index.remove(
      'talents',
      Array.from({ length: 1000 }, (_, i) => `d${i}`),
    );
    const stats = await index.stats('talents');
    expect(stats.count).toBe(500);
    expect(stats.versions?.get('d1200')).toBe(2);
    expect(stats.versions?.has('d10')).toBe(false);
    const res = await index.search({ type: 'talents', q: '振动', filters: { city: '佛山' }, facets: ['city'], limit: 1000 });
    const expected = Array.from({ length: 500 }, (_, i) => i + 1000).filter((i) => i % 2 === 0 && i % 3 === 0);
    expect(res.hits.map((h) => h.id).sort()).toEqual(expected.map((i) => `d${i}`).sort());
    expect(res.total).toBe(expected.length);
    expect(res.facets.city).toEqual({ 佛山: expected.length });
    const near = await index.nearest(
      'talents',
      Array.from({ length: CONTRACT_DIM }, (_, j) => (j === 3 ? 1 : 0)),
      3,
    );
    for (const n of near) expect(Number(n.id.slice(1)) % CONTRACT_DIM).toBe(3);
  });
});
