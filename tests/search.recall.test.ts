import { describe, expect, it } from 'vitest';
import { createEmbeddedSearch } from '../server/search/embedded/index.js';
import { createTokenizer } from '../matching/text/tokenize.js';
import { buildSearchDoc, CONTRACT_DIM } from './contract/search.contract.js';

const axis = (i: number) => Array.from({ length: CONTRACT_DIM }, (_, k) => (k === i ? 1 : 0));

describe('vector recall in plain search', () => {
  const docs = [
    buildSearchDoc({ id: 'k1', title: '伺服调试专家', vector: axis(1) }),
    buildSearchDoc({ id: 'k2', title: '伺服驱动工程师', vector: axis(2) }),
    buildSearchDoc({ id: 'v1', title: 'Motion control engineer', vector: axis(0) }),
  ];
  const query = { type: 'talents' as const, q: '伺服', vector: axis(0), semanticRatio: 0.35 };

  it('when keywords find enough hits, then fallback recall adds no meaning-only hit but still scores hits by their vectors', async () => {
    const index = createEmbeddedSearch({ tokenizer: createTokenizer() });
    await index.init(CONTRACT_DIM);
    await index.upsert('talents', docs);
    const r = await index.search({ ...query, limit: 2, vectorRecall: 'fallback' });
    expect(r.hits.map((h) => h.id).sort()).toEqual(['k1', 'k2']);
    expect(r.hits.every((h) => h.vectorScore === 0)).toBe(true);
    const full = await index.search({ ...query, limit: 3, vectorRecall: 'full' });
    expect(full.hits.map((h) => h.id)).toContain('v1');
  });

  it('when keywords find fewer hits than asked for, then fallback recall adds the nearest vectors', async () => {
    const index = createEmbeddedSearch({ tokenizer: createTokenizer() });
    await index.init(CONTRACT_DIM);
    await index.upsert('talents', docs);
    const r = await index.search({ ...query, limit: 10, vectorRecall: 'fallback' });
    expect(r.hits.map((h) => h.id)).toContain('v1');
    expect(r.hits.find((h) => h.id === 'v1')?.vectorScore).toBeCloseTo(1);
  });
});
