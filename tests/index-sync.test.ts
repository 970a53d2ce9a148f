import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.js';
import { compose } from '../server/compose.js';
import { loadConfig } from '../server/config.js';
import { UnavailableError } from '../server/errors.js';
import type { BaseDoc, Store } from '../server/store/port.js';
import { buildChain, buildTalent } from './helpers/builders.js';
import { makeTestApp, sharedKit, type TestApp } from './helpers/harness.js';
import { ADMIN } from './helpers/principals.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ as: () => ADMIN });
  await request(t.app).post('/api/v1/chains').send(buildChain()).expect(201);
});
afterEach(async () => t.close());

const searchIds = async (q: string) =>
  (await request(t.app).get('/api/v1/search').query({ q, type: 'talents' }).expect(200)).body.hits.map((h: { id: string }) => h.id);

describe('the index follows the store', () => {
  it('when a record is created, changed and deleted, then search sees each change at once', async () => {
    const tal = await request(t.app)
      .post('/api/v1/talents')
      .send(buildTalent({ summary: '精通注塑模具 mould flow 分析' }))
      .expect(201);
    expect(await searchIds('注塑模具')).toEqual([tal.body.id]);
    await request(t.app).patch(`/api/v1/talents/${tal.body.id}`).send({ summary: '专注伺服驱动调试' }).expect(200);
    expect(await searchIds('注塑模具')).toEqual([]);
    expect(await searchIds('伺服驱动')).toEqual([tal.body.id]);
    await request(t.app).delete(`/api/v1/talents/${tal.body.id}`).expect(204);
    expect(await searchIds('伺服驱动')).toEqual([]);
  });

  it('when the search side is down, then writes still succeed, wait in the outbox, and arrive when it is back', async () => {
    const { search, store } = t.runtime.deps;
    const upsert = search.upsert.bind(search);
    search.upsert = async () => {
      throw new UnavailableError('search');
    };
    const tal = await request(t.app)
      .post('/api/v1/talents')
      .send(buildTalent({ summary: '陶瓷釉料配方开发' }))
      .expect(201);
    expect(await store.outbox.size()).toBeGreaterThan(0);
    expect(await searchIds('釉料')).toEqual([]);
    const [entry] = await store.outbox.pending(1);
    expect(entry?.attempts).toBeGreaterThan(0);
    search.upsert = upsert;
    await t.runtime.sync.drain();
    expect(await store.outbox.size()).toBe(0);
    expect(await searchIds('釉料')).toEqual([tal.body.id]);
  });

  it('when the index is wiped, then reindex rebuilds it from the store', async () => {
    for (let i = 0; i < 5; i++) await request(t.app).post('/api/v1/talents').send(buildTalent()).expect(201);
    await t.runtime.deps.search.clear('talents');
    expect((await t.runtime.deps.search.stats('talents')).count).toBe(0);
    const counts = await t.runtime.sync.reindex(['talents']);
    expect(counts['talents']).toBe(5);
    expect((await t.runtime.deps.search.stats('talents')).count).toBe(5);
  });

  it('when the index drifts (missing, stale and extra documents), then start-up repair fixes each', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await request(t.app).post('/api/v1/talents').send(buildTalent()).expect(201)).body.id);
    const { search, store } = t.runtime.deps;
    await search.remove('talents', [ids[0] ?? '']);
    // Writes that bypassed the outbox: one record is a version ahead of the index, one is gone from the store.
    const col = store.collection('talents');
    const doc = await col.get(ids[1] ?? '');
    if (!doc) throw new Error('missing');
    await col.update({ ...doc, version: doc.version + 1 }, doc.version);
    await col.delete(ids[3] ?? '');
    await store.outbox.ack((await store.outbox.pending(100)).map((e) => e.seq));
    const before = await search.stats('talents');
    expect(before.count).toBe(3);
    const repaired = await t.runtime.sync.repairDrift();
    expect(repaired['talents']).toEqual({ added: 2, removed: 1 });
    const after = await search.stats('talents');
    expect(after.count).toBe(3);
    expect(after.versions?.get(ids[1] ?? '')).toBe(doc.version + 1);
    expect(after.versions?.has(ids[3] ?? '')).toBe(false);
    expect(await t.runtime.sync.repairDrift()).toEqual({});
  });

  it('when every vector carries the model version, then the index reports it', async () => {
    await request(t.app).post('/api/v1/talents').send(buildTalent()).expect(201);
    const stats = await t.runtime.deps.search.stats('talents');
    expect(stats.modelVersions).toEqual([t.runtime.kit.encoder.version]);
  });
});

describe('after a lexicon change', () => {
  it('when records are re-derived, then only those whose concepts changed get a new version, and a second run changes nothing', async () => {
    const { rederiveAll } = await import('../server/features/records/rederive.js');
    const { createEnricher } = await import('../matching/enrich.js');
    const a = await request(t.app)
      .post('/api/v1/talents')
      .send(buildTalent({ summary: '专注NVH振动噪声' }))
      .expect(201);
    const store = t.runtime.deps.store;
    const enrich = createEnricher(t.runtime.kit.lexicon);
    expect(await rederiveAll(store, enrich)).toEqual({ talents: 0, institutes: 0, needs: 0, enterprises: 0 });
    // A "new lexicon" that also knows a concept for every text.
    const changedLexicon = (text: string, skills: readonly string[]) => {
      const r = enrich(text, skills);
      return { ...r, skillIds: [...new Set([...r.skillIds, 'zz-new-concept'])].sort() };
    };
    expect((await rederiveAll(store, changedLexicon)).talents).toBe(1);
    const doc = (await store
      .collection<{ id: string; version: number; skillIds: string[]; owner: never; createdAt: string; updatedAt: string }>('talents')
      .get(a.body.id))!;
    expect(doc.skillIds).toContain('zz-new-concept');
    expect(doc.version).toBe(2);
    expect((await rederiveAll(store, changedLexicon)).talents).toBe(0);
  });
});

describe('a new encoder version', () => {
  it('when the index holds vectors of another model version, then start-up repair re-embeds them all', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await request(t.app).post('/api/v1/talents').send(buildTalent()).expect(201)).body.id);
    const { search, store } = t.runtime.deps;
    const docs = await store.collection('talents').getMany(ids);
    const { toSearchDocs } = await import('../server/search/documents.js');
    const stale = toSearchDocs(
      'talents',
      docs.slice(0, 1),
      [new Float32Array(t.runtime.kit.encoder.dim).fill(0.1)],
      'enc-old-model',
      t.runtime.kit.lexicon,
    );
    await search.upsert('talents', stale);
    expect((await search.stats('talents')).modelVersions.sort()).toEqual(['enc-old-model', t.runtime.kit.encoder.version].sort());
    const repaired = await t.runtime.sync.repairDrift();
    expect(repaired['talents']?.added).toBe(3);
    expect((await search.stats('talents')).modelVersions).toEqual([t.runtime.kit.encoder.version]);
  });
});

/** Counts the store's version scans, the part of drift repair a checkpoint lets start-up skip. */
function countVersionScans(store: Store): { scans: number } {
  const counter = { scans: 0 };
  const collection = store.collection.bind(store);
  store.collection = (<T extends BaseDoc>(name: string) => {
    const col = collection<T>(name);
    return {
      ...col,
      versions: (batchSize?: number) => {
        counter.scans++;
        return col.versions(batchSize);
      },
    };
  }) as Store['collection'];
  return counter;
}

describe('a checkpoint at shutdown', () => {
  it('when the index was checkpointed at the store watermark, then repair skips the version scan; a later write brings the scan back', async () => {
    for (let i = 0; i < 3; i++) await request(t.app).post('/api/v1/talents').send(buildTalent()).expect(201);
    const counter = countVersionScans(t.runtime.deps.store);
    expect(await t.runtime.sync.repairDrift()).toEqual({});
    expect(counter.scans).toBe(4);

    expect(await t.runtime.sync.checkpoint()).toBe(true);
    expect(await t.runtime.sync.repairDrift()).toEqual({});
    expect(counter.scans).toBe(4);

    await request(t.app).post('/api/v1/talents').send(buildTalent()).expect(201);
    expect(await t.runtime.sync.repairDrift()).toEqual({});
    expect(counter.scans).toBe(8);
  });

  it('when the store moved on after the checkpoint and the index lost that change (a crash), then repair finds and fixes it', async () => {
    const id = (await request(t.app).post('/api/v1/talents').send(buildTalent()).expect(201)).body.id as string;
    const { search, store } = t.runtime.deps;
    await t.runtime.sync.repairDrift();
    expect(await t.runtime.sync.checkpoint()).toBe(true);
    const col = store.collection('talents');
    const doc = await col.get(id);
    if (!doc) throw new Error('missing');
    // The outbox entry is taken but never reaches the index, as when a process dies before its snapshot.
    await col.update({ ...doc, version: doc.version + 1 }, doc.version);
    await store.outbox.ack((await store.outbox.pending(100)).map((e) => e.seq));
    expect((await search.stats('talents')).watermark).toBeDefined();
    expect((await t.runtime.sync.repairDrift())['talents']).toEqual({ added: 1, removed: 0 });
    expect((await search.stats('talents')).versions?.get(id)).toBe(doc.version + 1);
  });

  it('when no drift check ran, or another consumer took an outbox entry, then the checkpoint records nothing', async () => {
    const { search, store } = t.runtime.deps;
    await request(t.app).post('/api/v1/talents').send(buildTalent()).expect(201);
    expect(await t.runtime.sync.checkpoint()).toBe(false);
    expect((await search.stats('talents')).watermark).toBeUndefined();

    await t.runtime.sync.repairDrift();
    expect(await t.runtime.sync.checkpoint()).toBe(true);
    // Another process on the same store takes this entry before this index sees it.
    const col = store.collection('talents');
    const [doc] = (await col.list({ limit: 1 })).items;
    if (!doc) throw new Error('missing');
    await col.update({ ...doc, version: doc.version + 1 }, doc.version);
    await store.outbox.ack((await store.outbox.pending(100)).map((e) => e.seq));
    await request(t.app).post('/api/v1/talents').send(buildTalent()).expect(201);
    expect(await t.runtime.sync.checkpoint()).toBe(false);
    expect((await search.stats('talents')).watermark).toBeUndefined();
  });
});

describe('a restart on the same data directory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'chaintalent-restart-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A runtime on `dir` with its own SQLite connection and search engine, as a second process would have. */
  const open = async () => {
    const config = loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'off', LOG_LEVEL: 'silent', DATA_DIR: dir });
    const runtime = await compose(config, pino({ level: 'silent' }), { kit: await sharedKit() });
    runtime.deps.authenticate = async () => ADMIN;
    return runtime;
  };
  /** Opened as the server starts: the drift check first. */
  const start = async () => {
    const runtime = await open();
    await runtime.sync.repairDrift();
    return runtime;
  };

  it('when the runtime closed cleanly, then the next start loads the index, skips the version scan and still finds everything', async () => {
    const first = await start();
    const app = createApp(first.deps);
    await request(app).post('/api/v1/chains').send(buildChain()).expect(201);
    const id = (
      await request(app)
        .post('/api/v1/talents')
        .send(buildTalent({ summary: '釉面针孔 缺陷 分析' }))
        .expect(201)
    ).body.id;
    await first.close();

    const second = await open();
    const counter = countVersionScans(second.deps.store);
    expect(await second.sync.repairDrift()).toEqual({});
    expect(counter.scans).toBe(0);
    const hits = (await request(createApp(second.deps)).get('/api/v1/search').query({ q: '釉面针孔', type: 'talents' }).expect(200)).body.hits;
    expect(hits.map((h: { id: string }) => h.id)).toEqual([id]);
    await second.close();
  });

  it("when two processes share the directory and the one that stops last missed the other's write, then the next start checks in full and finds it", async () => {
    const server = await start();
    await request(createApp(server.deps)).post('/api/v1/chains').send(buildChain()).expect(201);
    const id = (
      await request(createApp(server.deps))
        .post('/api/v1/talents')
        .send(buildTalent({ summary: '釉料 配方' }))
        .expect(201)
    ).body.id;
    // A second process (say, a CLI import) on the same data directory changes that record and
    // indexes the change itself; the counts stay equal, so only the versions tell.
    const cli = await start();
    await request(createApp(cli.deps)).patch(`/api/v1/talents/${id}`).send({ summary: '窑炉 温度场 仿真' }).expect(200);
    await cli.close();
    // The server stops last: its snapshot, written over the CLI's, holds the old text.
    await server.close();

    const next = await start();
    const hits = (await request(createApp(next.deps)).get('/api/v1/search').query({ q: '温度场', type: 'talents' }).expect(200)).body.hits;
    expect(hits.map((h: { id: string }) => h.id)).toEqual([id]);
    await next.close();
  });
});
