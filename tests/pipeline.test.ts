import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../server/audit/audit.js';
import type { Principal } from '../server/auth/principal.js';
import type { BaseDoc } from '../server/store/port.js';
import { buildChain, buildEnterprise, buildInstitute, buildNeed, buildTalent } from './helpers/builders.js';
import { makeTestApp, type TestApp } from './helpers/harness.js';
import { ADMIN, CHIEF, OTHER_CHIEF, HR, as } from './helpers/principals.js';

let t: TestApp;
let me: Principal | null;
let ids: { owner: string; rival: string; talent: string; shy: string; institute: string; need: string };

beforeEach(async () => {
  me = ADMIN;
  t = await makeTestApp({ as: () => me });
  const post = async (path: string, body: object) => (await request(t.app).post(path).send(body).expect(201)).body.id as string;
  await post('/api/v1/chains', buildChain());
  const owner = await post('/api/v1/enterprises', buildEnterprise({ nodeIds: ['test-home.compressor'] }));
  const rival = await post('/api/v1/enterprises', buildEnterprise());
  const talent = await post('/api/v1/talents', buildTalent());
  // Consented to the HR bureau's search only: enterprises may not find, hence not shortlist, this person.
  const shy = await post(
    '/api/v1/talents',
    buildTalent({ consent: { version: '2026-01', acceptedAt: '2026-01-15T08:00:00+08:00', purposes: ['hr_bureau_search'] } }),
  );
  const institute = await post('/api/v1/institutes', buildInstitute({ capabilities: ['NVH测试', '转子动力学仿真'] }));
  const need = await post('/api/v1/needs', buildNeed(owner, { public: false }));
  ids = { owner, rival, talent, shy, institute, need };
});
afterEach(async () => t.close());

const add = (needId: string, body: object) => request(t.app).post(`/api/v1/needs/${needId}/pipeline`).send(body);
const move = (id: string, to: string, note?: string) =>
  request(t.app)
    .post(`/api/v1/pipeline/${id}/transitions`)
    .send({ to, ...(note ? { note } : {}) });

describe('adding candidates to a need’s pipeline', () => {
  it('when the enterprise shortlists a fitting talent, then the entry starts as suggested with its match score and who added it', async () => {
    me = as('enterprise', ids.owner);
    const res = await add(ids.need, { candidateType: 'talents', candidateId: ids.talent, note: '简历匹配' }).expect(201);
    expect(res.body).toMatchObject({
      needId: ids.need,
      chainId: 'test-home',
      nodeId: 'test-home.compressor',
      candidateType: 'talents',
      candidateId: ids.talent,
      status: 'suggested',
      history: [{ status: 'suggested', by: me.accountId, note: '简历匹配' }],
    });
    expect(res.body.score).toBeGreaterThan(0);
    expect(Object.keys(res.body).sort()).toEqual(
      ['candidateId', 'candidateType', 'chainId', 'createdAt', 'history', 'id', 'needId', 'nodeId', 'score', 'status', 'updatedAt'].sort(),
    );
    expect(res.headers['location']).toBe(`/api/v1/pipeline/${res.body.id}`);
    const list = await request(t.app).get(`/api/v1/needs/${ids.need}/pipeline`).expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([res.body.id]);
  });

  it('when the same candidate is added twice, then 409; when the candidate is unknown or not findable by the caller, then 404', async () => {
    me = as('enterprise', ids.owner);
    await add(ids.need, { candidateType: 'institutes', candidateId: ids.institute }).expect(201);
    const dup = await add(ids.need, { candidateType: 'institutes', candidateId: ids.institute });
    expect(dup.status).toBe(409);
    expect(dup.headers['content-type']).toMatch(/application\/problem\+json/);
    await add(ids.need, { candidateType: 'talents', candidateId: 'tal_missing' }).expect(404);
    await add(ids.need, { candidateType: 'talents', candidateId: ids.shy }).expect(404);
    await add('need_missing', { candidateType: 'talents', candidateId: ids.talent }).expect(404);
    const bad = await add(ids.need, { candidateType: 'enterprises', candidateId: ids.rival, extra: 1 });
    expect(bad.status).toBe(400);
  });
});

describe('moving an entry through the pipeline', () => {
  it('when an entry goes contacted → in_talks → agreed, then each move is in its history and the audit log, and the need becomes matched', async () => {
    me = CHIEF;
    const entry = (await add(ids.need, { candidateType: 'talents', candidateId: ids.talent }).expect(201)).body;
    await move(entry.id, 'contacted', '电话沟通').expect(200);
    await move(entry.id, 'in_talks').expect(200);
    const done = await move(entry.id, 'agreed', '签订合作协议').expect(200);
    expect(done.body.status).toBe('agreed');
    expect(done.body.history.map((h: { status: string }) => h.status)).toEqual(['suggested', 'contacted', 'in_talks', 'agreed']);
    expect(done.body.history[1]).toMatchObject({ by: 'acc_chief', note: '电话沟通' });
    expect(done.body.history[2].note).toBeUndefined();
    const audit = await t.runtime.deps.store
      .collection<AuditEntry & BaseDoc>('audit')
      .list({ filters: { record: entry.id }, limit: 50, sort: 'createdAt', order: 'asc' });
    // Entries written within one millisecond share a timestamp, so the order is compared as a set.
    expect(audit.items.map((a) => a.action).sort()).toEqual([
      'pipeline.add',
      'pipeline.status.agreed',
      'pipeline.status.contacted',
      'pipeline.status.in_talks',
    ]);
    expect(audit.items.every((a) => a.actorId === 'acc_chief')).toBe(true);
    const need = await request(t.app).get(`/api/v1/needs/${ids.need}`).expect(200);
    expect(need.body.status).toBe('matched');
    const needAudit = await t.runtime.deps.store.collection<AuditEntry & BaseDoc>('audit').list({ filters: { record: ids.need }, limit: 50 });
    expect(needAudit.items.map((a) => a.action)).toContain('need.status.matched');
  });

  it('when a move skips a step or leaves a final status, then 409 names the allowed next statuses and nothing changes', async () => {
    me = as('enterprise', ids.owner);
    const entry = (await add(ids.need, { candidateType: 'institutes', candidateId: ids.institute }).expect(201)).body;
    const skip = await move(entry.id, 'agreed');
    expect(skip.status).toBe(409);
    expect(skip.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(skip.body.detail).toContain('allowed next: contacted, declined');
    expect(skip.body.errors[0]).toMatchObject({ field: 'body.to' });
    await move(entry.id, 'declined', '对方档期已满').expect(200);
    const after = await move(entry.id, 'contacted');
    expect(after.status).toBe(409);
    expect(after.body.detail).toContain('none (final state)');
    expect((await move(entry.id, 'suggested')).status).toBe(400);
    const list = await request(t.app).get(`/api/v1/needs/${ids.need}/pipeline`).expect(200);
    expect(list.body.items[0].history.map((h: { status: string }) => h.status)).toEqual(['suggested', 'declined']);
    const need = await request(t.app).get(`/api/v1/needs/${ids.need}`).expect(200);
    expect(need.body.status).toBe('open');
  });

  it('when the HR bureau closes an agreement for an enterprise, then the need becomes matched although the bureau cannot edit needs', async () => {
    me = HR;
    const entry = (await add(ids.need, { candidateType: 'talents', candidateId: ids.shy }).expect(201)).body;
    for (const to of ['contacted', 'in_talks', 'agreed']) await move(entry.id, to).expect(200);
    me = ADMIN;
    expect((await request(t.app).get(`/api/v1/needs/${ids.need}`).expect(200)).body.status).toBe('matched');
  });
});

describe('who may see and run a pipeline', () => {
  it('when another enterprise or the chief of another chain asks, then the need and its entries are unknown (404); candidates are refused by role (403)', async () => {
    me = as('enterprise', ids.owner);
    const entry = (await add(ids.need, { candidateType: 'talents', candidateId: ids.talent }).expect(201)).body;
    for (const who of [as('enterprise', ids.rival), OTHER_CHIEF]) {
      me = who;
      await request(t.app).get(`/api/v1/needs/${ids.need}/pipeline`).expect(404);
      await add(ids.need, { candidateType: 'institutes', candidateId: ids.institute }).expect(404);
      await move(entry.id, 'contacted').expect(404);
    }
    me = as('institute', ids.institute);
    expect((await request(t.app).get(`/api/v1/needs/${ids.need}/pipeline`)).status).toBe(403);
    for (const who of [CHIEF, HR]) {
      me = who;
      expect((await request(t.app).get(`/api/v1/needs/${ids.need}/pipeline`).expect(200)).body.items).toHaveLength(1);
    }
  });

  it('when a public need belongs to another enterprise, then its pipeline is still unknown to outsiders', async () => {
    me = ADMIN;
    const open = (
      await request(t.app)
        .post('/api/v1/needs')
        .send(buildNeed(ids.owner, { public: true }))
        .expect(201)
    ).body.id as string;
    me = as('enterprise', ids.rival);
    await request(t.app).get(`/api/v1/needs/${open}`).expect(200);
    await request(t.app).get(`/api/v1/needs/${open}/pipeline`).expect(404);
  });
});
