import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../matching/text/tokenize.js';
import { createEmbeddedSearch } from '../server/search/embedded/index.js';
import { highlight } from '../server/search/embedded/highlight.js';
import { VectorStore } from '../server/search/embedded/vectors.js';
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

  it('when rows are swap-removed, then the store keeps ids, vectors and growth consistent', () => {
    const store = new VectorStore(2, 1);
    for (let i = 0; i < 5; i++) store.set(`v${i}`, [Math.cos(i), Math.sin(i)]);
    expect(store.size).toBe(5);
    expect(store.delete('v1')).toEqual({ row: 1, movedFrom: 4 });
    expect(store.rowOf('v4')).toBe(1);
    expect(store.idAt(1)).toBe('v4');
    const q = new Float32Array([Math.cos(4), Math.sin(4)]);
    expect(store.topK(q, 1)[0]).toEqual({ row: 1, score: expect.closeTo(1, 5) as number });
    expect(store.delete('v1')).toBeUndefined();
  });
});
