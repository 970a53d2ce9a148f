import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../server/auth/principal.js';
import { buildChain, buildEnterprise, buildInstitute, buildNeed, buildTalent } from './helpers/builders.js';
import { makeTestApp, type TestApp } from './helpers/harness.js';
import { ADMIN, CHIEF, OTHER_CHIEF, as } from './helpers/principals.js';

let t: TestApp;
let me: Principal | null;
let ids: { publisher: string; partner: string; institute: string; talent: string; need: string };

beforeEach(async () => {
  me = ADMIN;
  t = await makeTestApp({ as: () => me });
  const post = async (path: string, body: object) => (await request(t.app).post(path).send(body).expect(201)).body.id as string;
  await post('/api/v1/chains', buildChain());
  const publisher = await post('/api/v1/enterprises', buildEnterprise());
  const partner = await post('/api/v1/enterprises', buildEnterprise({ nodeIds: ['test-home.compressor'], description: '压缩机转子加工与NVH测试' }));
  const institute = await post('/api/v1/institutes', buildInstitute());
  const talent = await post('/api/v1/talents', buildTalent());
  const need = await post('/api/v1/needs', buildNeed(publisher));
  ids = { publisher, partner, institute, talent, need };
});
afterEach(async () => t.close());

const challengeBody = () => ({
  needId: ids.need,
  goal: '将变频空调低频运行噪声降低3分贝以上，并形成可量产方案',
  acceptanceCriteria: ['第三方检测报告', '小批量试产'],
  rewardWan: 200,
  deadline: '2099-12-31',
  completionDue: '2100-06-30',
});

async function publishedChallenge(): Promise<string> {
  me = CHIEF;
  const c = await request(t.app).post('/api/v1/challenges').send(challengeBody()).expect(201);
  await request(t.app).post(`/api/v1/challenges/${c.body.id}/transitions`).send({ to: 'published' }).expect(200);
  return c.body.id as string;
}

const solo = (type: 'talent' | 'institute' | 'enterprise', id: string) => ({
  mode: 'solo',
  members: [{ type, id, role: '牵头单位' }],
  proposal: '采用主动降噪与转子动平衡优化相结合的技术路线，六个月完成样机验证',
});

describe('揭榜挂帅 challenges', () => {
  it('when a challenge goes through every stage, then each move is recorded with who and when, in the challenge and the audit log', async () => {
    const id = await publishedChallenge();
    me = as('institute', ids.institute);
    const a1 = await request(t.app).post(`/api/v1/challenges/${id}/applications`).send(solo('institute', ids.institute)).expect(201);
    me = as('talent', ids.talent);
    const team = {
      mode: 'consortium',
      members: [
        { type: 'talent', id: ids.talent, role: '技术负责人' },
        { type: 'enterprise', id: ids.partner, role: '中试验证' },
      ],
      proposal: '专家牵头、链上企业中试：转子动力学建模加产线验证，九个月交付',
    };
    const a2 = await request(t.app).post(`/api/v1/challenges/${id}/applications`).send(team).expect(201);
    expect(a2.body.memberIds).toEqual([`talent:${ids.talent}`, `enterprise:${ids.partner}`]);

    me = as('enterprise', ids.publisher);
    for (const to of ['taken', 'reviewing']) await request(t.app).post(`/api/v1/challenges/${id}/transitions`).send({ to }).expect(200);
    await request(t.app).post(`/api/v1/applications/${a1.body.id}/review`).send({ decision: 'shortlisted', score: 82 }).expect(200);
    const sel = await request(t.app)
      .post(`/api/v1/challenges/${id}/selection`)
      .send({ applicationId: a2.body.id, note: '联合体方案更完整' })
      .expect(200);
    expect(sel.body.selectedApplicationId).toBe(a2.body.id);
    me = CHIEF;
    await request(t.app).post(`/api/v1/challenges/${id}/transitions`).send({ to: 'signed' }).expect(200);
    const done = await request(t.app).post(`/api/v1/challenges/${id}/transitions`).send({ to: 'accepted', note: '验收通过' }).expect(200);

    const stages = done.body.history.filter((h: { event: string }) => h.event === 'stage');
    expect(stages.map((h: { to: string }) => h.to)).toEqual(['collecting', 'published', 'taken', 'reviewing', 'signed', 'accepted']);
    expect(stages[2]).toMatchObject({ from: 'published', actorId: `acc_enterprise_${ids.publisher}`, role: 'enterprise' });
    expect(done.body.history.some((h: { event: string; to: string }) => h.event === 'selection' && h.to === a2.body.id)).toBe(true);
    expect(done.body.allowedNext).toEqual([]);

    me = ADMIN;
    const audit = await t.runtime.deps.store.collection('audit').list({ filters: { record: id }, limit: 100 });
    expect(audit.items.map((e) => (e as unknown as { action: string }).action)).toEqual(
      expect.arrayContaining(['challenge.stage.published', 'challenge.stage.signed', 'challenge.select', 'challenge.stage.accepted']),
    );
    const a1After = await request(t.app).get(`/api/v1/applications/${a1.body.id}`).expect(200);
    expect(a1After.body.status).toBe('not_selected');
    expect((await request(t.app).get(`/api/v1/needs/${ids.need}`).expect(200)).body.status).toBe('closed');
  });

  it('when a stage is skipped, then 409 names the allowed next stages; when a precondition is missing, then 422 names it', async () => {
    me = CHIEF;
    const c = await request(t.app).post('/api/v1/challenges').send(challengeBody()).expect(201);
    const skip = await request(t.app).post(`/api/v1/challenges/${c.body.id}/transitions`).send({ to: 'signed' });
    expect(skip.status).toBe(409);
    expect(skip.headers['content-type']).toMatch(/problem\+json/);
    expect(skip.body.errors[0]).toMatchObject({ field: 'body.to' });
    expect(skip.body.errors[0].message).toContain('published, cancelled');
    const bad = await request(t.app).post(`/api/v1/challenges/${c.body.id}/transitions`).send({ to: 'finished' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.to');
    for (const to of ['published', 'taken']) await request(t.app).post(`/api/v1/challenges/${c.body.id}/transitions`).send({ to }).expect(200);
    const empty = await request(t.app).post(`/api/v1/challenges/${c.body.id}/transitions`).send({ to: 'reviewing' });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].field).toBe('applications');
  });

  it('when the need is not of kind challenge, or the body is wrong, then the field is named', async () => {
    me = ADMIN;
    const talentNeed = await request(t.app)
      .post('/api/v1/needs')
      .send(buildNeed(ids.publisher, { kind: 'talent' }))
      .expect(201);
    me = CHIEF;
    const r = await request(t.app)
      .post('/api/v1/challenges')
      .send({ ...challengeBody(), needId: talentNeed.body.id });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].field).toBe('body.needId');
    const v = await request(t.app)
      .post('/api/v1/challenges')
      .send({ ...challengeBody(), acceptanceCriteria: [], surprise: 1 });
    expect(v.status).toBe(400);
    expect(v.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['body.acceptanceCriteria', 'body.surprise']));
  });

  it('when parties apply, then only the caller may lead, nobody applies twice, and the publisher cannot take its own challenge', async () => {
    const id = await publishedChallenge();
    me = as('talent', ids.talent);
    const notMe = await request(t.app).post(`/api/v1/challenges/${id}/applications`).send(solo('institute', ids.institute));
    expect(notMe.status).toBe(422);
    expect(notMe.body.errors[0].field).toBe('body.members.0');
    const soloTwo = await request(t.app)
      .post(`/api/v1/challenges/${id}/applications`)
      .send({
        ...solo('talent', ids.talent),
        members: [
          { type: 'talent', id: ids.talent, role: '负责人' },
          { type: 'institute', id: ids.institute, role: '支撑' },
        ],
      });
    expect(soloTwo.status).toBe(400);
    expect(soloTwo.body.errors[0].field).toBe('body.members');
    await request(t.app).post(`/api/v1/challenges/${id}/applications`).send(solo('talent', ids.talent)).expect(201);
    const again = await request(t.app).post(`/api/v1/challenges/${id}/applications`).send(solo('talent', ids.talent));
    expect(again.status).toBe(409);
    me = as('enterprise', ids.publisher);
    const own = await request(t.app).post(`/api/v1/challenges/${id}/applications`).send(solo('enterprise', ids.publisher));
    expect(own.status).toBe(422);
    expect(own.body.errors[0].field).toBe('body.members.0.id');
  });

  it('when applicants and outsiders look, then each sees only what is theirs and others get 404', async () => {
    me = CHIEF;
    const draft = await request(t.app).post('/api/v1/challenges').send(challengeBody()).expect(201);
    me = as('institute', ids.institute);
    await request(t.app).get(`/api/v1/challenges/${draft.body.id}`).expect(404);
    me = OTHER_CHIEF;
    await request(t.app).get(`/api/v1/challenges/${draft.body.id}`).expect(404);
    const moveOther = await request(t.app).post(`/api/v1/challenges/${draft.body.id}/transitions`).send({ to: 'published' });
    expect(moveOther.status).toBe(404);
    me = CHIEF;
    await request(t.app).post(`/api/v1/challenges/${draft.body.id}/transitions`).send({ to: 'published' }).expect(200);
    me = as('institute', ids.institute);
    const app = await request(t.app).post(`/api/v1/challenges/${draft.body.id}/applications`).send(solo('institute', ids.institute)).expect(201);
    expect((await request(t.app).get('/api/v1/applications').expect(200)).body.items.map((a: { id: string }) => a.id)).toEqual([app.body.id]);
    me = as('talent', ids.talent);
    await request(t.app).get(`/api/v1/applications/${app.body.id}`).expect(404);
    expect((await request(t.app).get('/api/v1/applications').expect(200)).body.items).toEqual([]);
    expect((await request(t.app).get(`/api/v1/challenges/${draft.body.id}/applications`).expect(200)).body.items).toEqual([]);
    const review = await request(t.app).post(`/api/v1/applications/${app.body.id}/review`).send({ decision: 'rejected' });
    expect(review.status).toBe(403);
    me = as('enterprise', ids.publisher);
    expect((await request(t.app).get(`/api/v1/challenges/${draft.body.id}/applications`).expect(200)).body.items).toHaveLength(1);
    me = null;
    expect((await request(t.app).get(`/api/v1/challenges/${draft.body.id}`)).status).toBe(200);
    expect((await request(t.app).get(`/api/v1/applications/${app.body.id}`)).status).toBe(401);
  });

  it('when a consortium is recommended, then its members together cover more of the challenge than the best single party, and say so', async () => {
    me = ADMIN;
    // Parties with distinct strengths: acoustics (institute), battery management (expert), and a partner that covers neither.
    await request(t.app).patch(`/api/v1/enterprises/${ids.partner}`).send({ description: '钣金冲压与喷涂加工' }).expect(200);
    await request(t.app)
      .post('/api/v1/institutes')
      .send(buildInstitute({ capabilities: ['NVH测试', '半消声室测试'], description: '声学与振动测试平台' }))
      .expect(201);
    await request(t.app)
      .post('/api/v1/talents')
      .send(buildTalent({ skills: ['BMS', '电池热管理'], summary: '动力电池包BMS算法与热管理设计' }))
      .expect(201);
    me = CHIEF;
    const c = await request(t.app)
      .post('/api/v1/challenges')
      .send({ ...challengeBody(), goal: '降低压缩机NVH振动噪声，同时完成储能电池包BMS与热管理方案' })
      .expect(201);
    await request(t.app).post(`/api/v1/challenges/${c.body.id}/transitions`).send({ to: 'published' }).expect(200);
    const r = await request(t.app).get(`/api/v1/challenges/${c.body.id}/consortium-recommendations`).expect(200);
    expect(r.body.concepts.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['nvh', 'bms']));
    const top = r.body.consortia[0];
    expect(top).toBeDefined();
    expect(top.members.length).toBeGreaterThanOrEqual(2);
    expect(top.beatsBestSingle).toBe(true);
    expect(top.covered.length).toBeGreaterThan(r.body.bestSingle.covers.length);
    expect(top.covered).toEqual(expect.arrayContaining(['nvh', 'bms']));
    expect(top.explanation.zh).toContain('联合体合计覆盖');
    expect(top.explanation.en).toContain('best single applicant');
  });
});
