import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.js';
import type { Principal } from '../server/auth/principal.js';
import { loadConfig } from '../server/config.js';
import { compose, type Runtime } from '../server/compose.js';
import { GOOD_CANDIDATE_SCORE } from '../server/features/dashboard/service.js';
import { buildChain, buildEnterprise, buildInstitute, buildNeed, buildTalent } from './helpers/builders.js';
import { sharedKit } from './helpers/harness.js';
import { ADMIN, CHIEF, OTHER_CHIEF, HR } from './helpers/principals.js';

const DAY = 86_400_000;

/** A test app whose clock the test moves, so that days to first contact are exact. */
let now: Date;
let me: Principal | null;
let runtime: Runtime;
let app: Express;

beforeEach(async () => {
  now = new Date('2026-03-01T00:00:00.000Z');
  me = ADMIN;
  const config = loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'off', LOG_LEVEL: 'silent' });
  runtime = await compose(config, pino({ level: 'silent' }), { memory: true, kit: await sharedKit(), clock: () => now });
  runtime.deps.authenticate = async () => me;
  app = createApp(runtime.deps);
  await request(app).post('/api/v1/chains').send(buildChain()).expect(201);
});
afterEach(async () => runtime.close());

const at = (days: number) => {
  now = new Date(Date.parse('2026-03-01T00:00:00.000Z') + days * DAY);
};
const post = async (path: string, body: object) => (await request(app).post(path).send(body).expect(201)).body.id as string;
const move = async (entryId: string, ...steps: string[]) => {
  for (const to of steps) await request(app).post(`/api/v1/pipeline/${entryId}/transitions`).send({ to }).expect(200);
};
const dashboard = () => request(app).get('/api/v1/chains/test-home/dashboard');

describe('chain dashboard', () => {
  it('when needs move through their pipelines, then needs per node, match rate and median days to first contact are exact', async () => {
    const ent = await post('/api/v1/enterprises', buildEnterprise({ nodeIds: ['test-home.compressor', 'test-home.motor', 'test-home.aircon'] }));
    const talent = await post('/api/v1/talents', buildTalent());
    const institute = await post('/api/v1/institutes', buildInstitute());
    // Day 0: two compressor needs. Day 1: two air-conditioner needs (one already closed) and a motor need.
    const n1 = await post('/api/v1/needs', buildNeed(ent));
    const n2 = await post('/api/v1/needs', buildNeed(ent));
    at(1);
    await post('/api/v1/needs', buildNeed(ent, { nodeId: 'test-home.aircon', status: 'closed' }));
    const n4 = await post('/api/v1/needs', buildNeed(ent, { nodeId: 'test-home.aircon' }));
    await post('/api/v1/needs', buildNeed(ent, { nodeId: 'test-home.motor' }));

    const e1 = await post(`/api/v1/needs/${n1}/pipeline`, { candidateType: 'talents', candidateId: talent });
    const e2 = await post(`/api/v1/needs/${n2}/pipeline`, { candidateType: 'talents', candidateId: talent });
    const e2b = await post(`/api/v1/needs/${n2}/pipeline`, { candidateType: 'institutes', candidateId: institute });
    const e4 = await post(`/api/v1/needs/${n4}/pipeline`, { candidateType: 'institutes', candidateId: institute });
    at(2.5);
    await move(e4, 'contacted', 'in_talks', 'agreed'); // n4: 1.5 days, then matched
    at(3);
    await move(e1, 'contacted'); // n1: 3 days
    at(5);
    await move(e2, 'contacted', 'in_talks', 'agreed'); // n2: 5 days, matched
    at(8);
    await move(e2b, 'contacted'); // a later contact on n2 does not count
    // Closed after its agreement: still a match, so it must not lower the rate.
    await request(app).patch(`/api/v1/needs/${n4}`).send({ status: 'closed' }).expect(200);

    me = CHIEF;
    const res = await dashboard().expect(200);
    expect(res.body.chain).toEqual({ code: 'test-home', name: '测试家电链', nameEn: 'Test appliance chain' });
    expect(res.body.needsByNode).toEqual([
      { nodeId: 'test-home.compressor', name: '压缩机', nameEn: 'Compressor', open: 1, matched: 1, closed: 0 },
      { nodeId: 'test-home.motor', name: '电机', nameEn: 'Motor', open: 1, matched: 0, closed: 0 },
      { nodeId: 'test-home.aircon', name: '空调整机', nameEn: 'Air conditioner', open: 0, matched: 0, closed: 2 },
    ]);
    expect(res.body.matchRate).toEqual({ matched: 2, total: 5, rate: 0.4, target: 0.8 });
    expect(res.body.firstResponse).toEqual({ medianDays: 3, n: 3 });
    expect(res.body.generatedAt).toBe(now.toISOString());
  });

  it('when open gaps are scored, then exactly the open gaps whose best candidate is below the threshold are listed, most severe first', async () => {
    const talent = await post(
      '/api/v1/talents',
      buildTalent({
        nodeIds: ['test-home.compressor'],
        availability: 'available',
        summary: '压缩机低频噪声控制与转子动力学专家，长期从事NVH振动噪声分析',
        skills: ['NVH', '转子动力学', '噪声控制'],
      }),
    );
    const institute = await post('/api/v1/institutes', buildInstitute());
    const best = async (nodeId: string, gapId: string) =>
      Math.max(
        ...[
          ...(await runtime.deps.matching.forGap(CHIEF, nodeId, gapId, 'talents', 1)).results,
          ...(await runtime.deps.matching.forGap(CHIEF, nodeId, gapId, 'institutes', 1)).results,
        ].map((r) => r.score),
      );
    // The fixture's NVH expert answers the compressor noise gap; nobody answers the acoustic-engineer shortage.
    expect(await best('test-home.compressor', 'noise')).toBeGreaterThanOrEqual(GOOD_CANDIDATE_SCORE);
    const weak = await best('test-home.aircon', 'talent');
    expect(weak).toBeLessThan(GOOD_CANDIDATE_SCORE);
    me = CHIEF;
    const res = await dashboard().expect(200);
    expect(res.body.gapsWithoutGoodCandidate).toEqual([
      { nodeId: 'test-home.aircon', gapId: 'talent', title: '声学工程师短缺', severity: 3, bestScore: weak },
    ]);
    expect(res.body.goodCandidateScore).toBe(GOOD_CANDIDATE_SCORE);

    // With no candidate at all, every open gap is listed with bestScore null, the most severe first.
    await runtime.deps.records.talents.remove(ADMIN, talent);
    await runtime.deps.records.institutes.remove(ADMIN, institute);
    const empty = await dashboard().expect(200);
    expect(empty.body.gapsWithoutGoodCandidate.map((g: { gapId: string; bestScore: number | null }) => [g.gapId, g.bestScore])).toEqual([
      ['noise', null],
      ['talent', null],
    ]);

    // A closed gap is no longer a gap to fill.
    me = ADMIN;
    const chain = buildChain();
    const nodes = chain.nodes.map((n) => (n.id === 'test-home.compressor' ? { ...n, gaps: n.gaps.map((g) => ({ ...g, status: 'closed' })) } : n));
    await request(app).patch('/api/v1/chains/test-home').send({ nodes }).expect(200);
    me = CHIEF;
    const after = await dashboard().expect(200);
    expect(after.body.gapsWithoutGoodCandidate.map((g: { gapId: string }) => g.gapId)).toEqual(['talent']);
  });

  it('when no need has been contacted yet, then firstResponse is null; with no needs at all, the rate is null', async () => {
    let res = await dashboard().expect(200);
    expect(res.body.firstResponse).toBeNull();
    expect(res.body.matchRate).toEqual({ matched: 0, total: 0, rate: null, target: 0.8 });
    const ent = await post('/api/v1/enterprises', buildEnterprise());
    const talent = await post('/api/v1/talents', buildTalent());
    const need = await post('/api/v1/needs', buildNeed(ent));
    await post(`/api/v1/needs/${need}/pipeline`, { candidateType: 'talents', candidateId: talent });
    res = await dashboard().expect(200);
    expect(res.body.firstResponse).toBeNull();
    expect(res.body.matchRate).toEqual({ matched: 0, total: 1, rate: 0, target: 0.8 });
  });

  it('when a chief of another chain asks, then 404; when an enterprise asks, then 403; the HR bureau and the chain chief see it', async () => {
    me = OTHER_CHIEF;
    await dashboard().expect(404);
    me = { accountId: 'acc_ent', role: 'enterprise', chains: [], subjectId: 'ent_x', via: 'session' };
    expect((await dashboard()).status).toBe(403);
    for (const who of [HR, CHIEF]) {
      me = who;
      await dashboard().expect(200);
    }
    me = ADMIN;
    await request(app).get('/api/v1/chains/nope/dashboard').expect(404);
  });
});
