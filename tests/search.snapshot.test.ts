import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenizer } from '../matching/text/tokenize.js';
import { createEmbeddedSearch } from '../server/search/embedded/index.js';
import type { EmbeddedSearchOptions } from '../server/search/embedded/index.js';
import type { SearchRequest } from '../server/search/port.js';
import { buildSearchDoc, CONTRACT_DIM, FIXTURES } from './contract/search.contract.js';

const tokenizer = createTokenizer({ extraWords: ['热管理', '陶瓷基板', '氮化铝'] });

const REQUESTS: SearchRequest[] = [
  { type: 'talents', q: '嗡嗡响', limit: 10 },
  { type: 'talents', q: 'BMS 热管理', limit: 10, facets: ['city', 'chainIds'] },
  { type: 'talents', q: 'vibraton', limit: 10, filters: { public: true } },
  { type: 'talents', q: '', limit: 10, filters: { city: '佛山' }, facets: ['public'] },
  { type: 'talents', q: '陶瓷基板', limit: 10, vector: [0, 0, 1, 0, 0, 0, 0, 0], semanticRatio: 0.5 },
];

describe('embedded search snapshots', () => {
  let dir: string;
  let warnings: string[];
  const open = (extra: Partial<EmbeddedSearchOptions> = {}) =>
    createEmbeddedSearch({ tokenizer, snapshotDir: dir, onWarning: (m) => warnings.push(m), ...extra });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'search-snapshot-'));
    warnings = [];
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Fills an engine with the contract fixtures plus a replaced and a removed doc, so the snapshot sees tombstones. */
  const filled = async () => {
    const index = open();
    await index.init(CONTRACT_DIM);
    await index.upsert('talents', FIXTURES);
    await index.upsert('talents', [buildSearchDoc({ id: 'gone', title: '临时' })]);
    const t1 = FIXTURES[0];
    if (!t1) throw new Error('fixture missing');
    await index.upsert('talents', [{ ...t1, sourceVersion: 9 }]);
    await index.remove('talents', ['gone']);
    await index.upsert('needs', [buildSearchDoc({ id: 'n1', type: 'needs', title: '陶瓷基板 散热 需求', modelVersion: 'enc-v3' })]);
    return index;
  };

  it('when an engine closes and a new one starts on the same directory, then it answers the same', async () => {
    const first = await filled();
    // Writing compacts away the tombstones, which shifts BM25's statistics: compare from there.
    await first.snapshot();
    const before = await Promise.all(REQUESTS.map((r) => first.search(r)));
    const statsBefore = await first.stats('talents');
    await first.close();
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const second = open();
    await second.init(CONTRACT_DIM);
    expect(await Promise.all(REQUESTS.map((r) => second.search(r)))).toEqual(before);
    const statsAfter = await second.stats('talents');
    expect(statsAfter.count).toBe(statsBefore.count);
    expect(statsAfter.versions).toEqual(statsBefore.versions);
    expect(statsAfter.versions?.get('t1')).toBe(9);
    expect(statsAfter.modelVersions).toEqual(statsBefore.modelVersions);
    expect((await second.stats('needs')).modelVersions).toEqual(['enc-v3']);
    expect((await second.nearest('talents', [1, 0, 0, 0, 0, 0, 0, 0], 1))[0]?.id).toBe('t1');
    expect(warnings).toEqual([]);

    // The reloaded engine keeps taking writes: the loaded postings grow like built ones.
    await second.upsert('talents', [buildSearchDoc({ id: 't9', body: '嗡嗡响 的 室外机' })]);
    expect((await second.search({ type: 'talents', q: '嗡嗡响', limit: 5 })).hits.map((h) => h.id).sort()).toEqual(['t1', 't9']);
    await second.close();
  });

  it('when snapshot() is called on a live engine, then a restart sees that state', async () => {
    const index = await filled();
    await index.snapshot();
    await index.upsert('talents', [buildSearchDoc({ id: 'late', title: '迟到' })]);
    const reopened = open();
    await reopened.init(CONTRACT_DIM);
    expect((await reopened.stats('talents')).versions?.has('late')).toBe(false);
    expect((await reopened.stats('talents')).count).toBe(5);
  });

  it('when a watermark is recorded before close, then the restart reports it; a change after it forgets it', async () => {
    const first = await filled();
    expect((await first.stats('talents')).watermark).toBeUndefined();
    await first.recordWatermark('store-a:41');
    expect((await first.stats('needs')).watermark).toBe('store-a:41');
    await first.close();

    const second = open();
    await second.init(CONTRACT_DIM);
    for (const type of ['talents', 'institutes', 'needs', 'enterprises'] as const) expect((await second.stats(type)).watermark).toBe('store-a:41');
    await second.upsert('enterprises', []);
    await second.remove('talents', []);
    expect((await second.stats('talents')).watermark).toBe('store-a:41');
    await second.remove('talents', ['t2']);
    expect((await second.stats('talents')).watermark).toBeUndefined();
    await second.close();

    // Written after the change: no watermark any more.
    const third = open();
    await third.init(CONTRACT_DIM);
    expect((await third.stats('talents')).watermark).toBeUndefined();
    await third.recordWatermark('store-a:42');
    await third.upsert('needs', [buildSearchDoc({ id: 'n2', type: 'needs', title: '新需求' })]);
    expect((await third.stats('talents')).watermark).toBeUndefined();
    await third.recordWatermark('store-a:43');
    await third.clear('institutes');
    expect((await third.stats('talents')).watermark).toBeUndefined();
  });

  it('when the type files carry different watermarks (a stop torn between files), then none is reported', async () => {
    const first = await filled();
    await first.recordWatermark('store-a:7');
    await first.close();
    const kept = await readFile(path.join(dir, 'talents.ctsnap'));
    const second = open();
    await second.init(CONTRACT_DIM);
    await second.recordWatermark('store-a:8');
    await second.close();
    await writeFile(path.join(dir, 'talents.ctsnap'), kept);

    const third = open();
    await third.init(CONTRACT_DIM);
    expect((await third.stats('talents')).count).toBe(5);
    expect((await third.stats('needs')).watermark).toBeUndefined();
  });

  it('when a snapshot file is corrupted or truncated, then that type starts empty with a warning', async () => {
    await (await filled()).close();
    const file = path.join(dir, 'talents.ctsnap');
    const bytes = await readFile(file);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    await writeFile(path.join(dir, 'needs.ctsnap'), bytes.subarray(0, 40));

    const index = open();
    await index.init(CONTRACT_DIM);
    expect((await index.stats('talents')).count).toBe(0);
    expect((await index.stats('needs')).count).toBe(0);
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/checksum/);
    // Still usable: drift repair refills it.
    await index.upsert('talents', FIXTURES);
    expect((await index.search({ type: 'talents', q: '嗡嗡响', limit: 5 })).hits[0]?.id).toBe('t1');
  });

  it('when the snapshot has other dimensions or another tokenizer, then it is not loaded', async () => {
    await (await filled()).close();
    const wider = open();
    await wider.init(CONTRACT_DIM * 2);
    expect((await wider.stats('talents')).count).toBe(0);
    expect(warnings.join('\n')).toMatch(/16-dimensional|8-dimensional/);

    warnings = [];
    const retokenised = open({ tokenizerVersion: 'lexicon-2' });
    await retokenised.init(CONTRACT_DIM);
    expect((await retokenised.stats('talents')).count).toBe(0);
    expect(warnings.join('\n')).toMatch(/tokenised/);
  });

  it('when a file is not a snapshot at all, then the engine starts empty', async () => {
    await writeFile(path.join(dir, 'talents.ctsnap'), 'hello');
    const index = open();
    await index.init(CONTRACT_DIM);
    expect((await index.stats('talents')).count).toBe(0);
    expect(warnings).toHaveLength(1);
  });

  it('when no snapshot directory is set, then close writes nothing', async () => {
    const index = createEmbeddedSearch({ tokenizer });
    await index.init(CONTRACT_DIM);
    await index.upsert('talents', FIXTURES);
    await index.close();
    expect(await readdir(dir)).toEqual([]);
  });
});
