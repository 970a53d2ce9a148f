import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../server/auth/principal.js';
import { buildChain, buildEnterprise, buildInstitute, buildNeed } from './helpers/builders.js';
import { makeTestApp, type TestApp } from './helpers/harness.js';
import { ADMIN, CHIEF, OTHER_CHIEF, as } from './helpers/principals.js';

let t: TestApp;
let me: Principal | null;
let ids: { leader: string; supplier: string; institute: string };

beforeEach(async () => {
  me = ADMIN;
  t = await makeTestApp({ as: () => me });
  const post = async (path: string, body: object) => (await request(t.app).post(path).send(body).expect(201)).body.id as string;
  await post('/api/v1/chains', buildChain());
  const leader = await post('/api/v1/enterprises', buildEnterprise({ leading: true, nodeIds: ['test-home.aircon', 'test-home.motor'] }));
  const supplier = await post('/api/v1/enterprises', buildEnterprise({ nodeIds: ['test-home.compressor'], description: '压缩机制造' }));
  const institute = await post(
    '/api/v1/institutes',
    buildInstitute({ capabilities: ['NVH测试', '转子动力学仿真'], description: '压缩机噪声与振动研究' }),
  );
  await post('/api/v1/needs', buildNeed(supplier));
  ids = { leader, supplier, institute };
});
afterEach(async () => t.close());

const platform = (over: Record<string, unknown> = {}) => ({
  name: '测试研究院佛山压缩机NVH联合实验室',
  kind: 'lab',
  instituteId: ids.institute,
  nodeIds: ['test-home.compressor'],
  gaps: [{ nodeId: 'test-home.compressor', gapId: 'noise' }],
  enterpriseIds: [ids.leader],
  ...over,
});

describe('build-platforms track', () => {
  it('when a recommended institute is proposed and moved to established, then the node counts as covered and every move is recorded', async () => {
    me = CHIEF;
    const before = await request(t.app).get('/api/v1/chains/test-home/platform-coverage').expect(200);
    expect(before.body.summary).toMatchObject({ nodes: 3, uncovered: 3, covered: 0 });
    const rec = await request(t.app).get('/api/v1/chains/test-home/platform-recommendations?node=test-home.compressor').expect(200);
    const cand = rec.body.nodes[0].candidates[0];
    expect(cand.instituteId).toBe(ids.institute);
    expect(cand.explanation.zh.length).toBeGreaterThan(0);
    const proposed = await request(t.app)
      .post('/api/v1/platform-proposals')
      .send({ instituteId: ids.institute, nodeId: 'test-home.compressor', kind: 'lab' })
      .expect(201);
    expect(proposed.body).toMatchObject({ status: 'proposed', gaps: [{ nodeId: 'test-home.compressor', gapId: 'noise' }] });
    expect(proposed.body.recommendation.score).toBeGreaterThan(0);
    const dup = await request(t.app).post('/api/v1/platform-proposals').send({ instituteId: ids.institute, nodeId: 'test-home.compressor' });
    expect(dup.status).toBe(409);
    const skip = await request(t.app).post(`/api/v1/platforms/${proposed.body.id}/transitions`).send({ to: 'established' });
    expect(skip.status).toBe(409);
    expect(skip.body.errors[0].message).toContain('negotiating, withdrawn');
    await request(t.app).post(`/api/v1/platforms/${proposed.body.id}/transitions`).send({ to: 'negotiating' }).expect(200);
    const done = await request(t.app)
      .post(`/api/v1/platforms/${proposed.body.id}/transitions`)
      .send({ to: 'established', note: '签约落地' })
      .expect(200);
    expect(done.body.history.map((h: { to: string }) => h.to)).toEqual(['proposed', 'negotiating', 'established']);
    expect(done.body.history[2]).toMatchObject({ from: 'negotiating', actorId: 'acc_chief' });
    const patched = await request(t.app).patch(`/api/v1/platforms/${proposed.body.id}`).send({ description: '已挂牌' }).expect(200);
    expect(patched.body.status).toBe('established');
    const after = await request(t.app).get('/api/v1/chains/test-home/platform-coverage').expect(200);
    const compressor = after.body.nodes.find((n: { nodeId: string }) => n.nodeId === 'test-home.compressor');
    expect(compressor.status).toBe('covered');
    expect(compressor.gaps[0].platformIds).toEqual([proposed.body.id]);
  });

  it('when a platform names a node of another chain or an unknown gap, then 422 names the field; when an outsider asks, then 404', async () => {
    me = CHIEF;
    const bad = await request(t.app)
      .post('/api/v1/platforms')
      .send(platform({ gaps: [{ nodeId: 'test-home.compressor', gapId: 'nope' }] }));
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('body.gaps.0.gapId');
    const created = await request(t.app).post('/api/v1/platforms').send(platform()).expect(201);
    me = OTHER_CHIEF;
    await request(t.app).get(`/api/v1/platforms/${created.body.id}`).expect(404);
    await request(t.app).get('/api/v1/chains/test-home/platform-coverage').expect(404);
    expect((await request(t.app).post('/api/v1/platforms').send(platform())).status).toBe(403);
    me = as('institute', ids.institute);
    await request(t.app).get(`/api/v1/platforms/${created.body.id}`).expect(200);
  });
});

describe('leading-enterprise track', () => {
  it('when figures are entered, then the ranking shows each indicator with value, weight and source, and the enterprise sees only its own', async () => {
    me = as('enterprise', ids.leader);
    const f = await request(t.app)
      .post('/api/v1/indicator-figures')
      .send({ enterpriseId: ids.leader, kind: 'rd_intensity', value: 4.2, asOf: '2025-12-31', source: '企业年报（测试数据）' })
      .expect(201);
    expect(f.body.chainIds).toEqual(['test-home']);
    const notMine = await request(t.app)
      .post('/api/v1/indicator-figures')
      .send({ enterpriseId: ids.supplier, kind: 'patents', value: 3, asOf: '2025-12-31', source: 'x 测试' });
    expect(notMine.status).toBe(422);
    expect(notMine.body.errors[0].field).toBe('body.enterpriseId');
    const pct = await request(t.app)
      .post('/api/v1/indicator-figures')
      .send({ enterpriseId: ids.leader, kind: 'local_supplier_share', value: 140, asOf: '2025-12-31', source: '测试' });
    expect(pct.status).toBe(400);
    expect(pct.body.errors[0].field).toBe('body.value');
    const card = await request(t.app).get(`/api/v1/chains/test-home/enterprises/${ids.leader}/indicators`).expect(200);
    const rd = card.body.indicators.find((i: { indicator: string }) => i.indicator === 'rdIntensity');
    expect(rd).toMatchObject({ value: 4.2, source: { kind: 'entered', asOf: '2025-12-31' } });
    expect(card.body.indicators.find((i: { indicator: string }) => i.indicator === 'control').value).toBeCloseTo(2 / 3, 2);
    await request(t.app).get(`/api/v1/chains/test-home/enterprises/${ids.supplier}/indicators`).expect(404);
    await request(t.app).get('/api/v1/chains/test-home/leading-candidates').expect(403);
    me = CHIEF;
    const rank = await request(t.app).get('/api/v1/chains/test-home/leading-candidates').expect(200);
    expect(rank.body.candidates[0]).toMatchObject({ enterpriseId: ids.leader, rank: 1 });
    expect(Object.values(rank.body.weights as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    me = OTHER_CHIEF;
    await request(t.app).get('/api/v1/chains/test-home/leading-candidates').expect(404);
  });

  it("when a leading enterprise opens its chain view, then it sees its upstream suppliers' open needs; a non-leading one is refused", async () => {
    me = as('enterprise', ids.leader);
    const v = await request(t.app).get(`/api/v1/chains/test-home/enterprises/${ids.leader}/chain-view`).expect(200);
    expect(v.body.upstream).toEqual(['test-home.compressor']);
    expect(v.body.needs[0]).toMatchObject({ direction: 'upstream', enterpriseId: ids.supplier });
    me = as('enterprise', ids.supplier);
    expect((await request(t.app).get(`/api/v1/chains/test-home/enterprises/${ids.supplier}/chain-view`)).status).toBe(403);
  });
});

describe('key projects and the battle map', () => {
  const project = (over: Record<string, unknown> = {}) => ({
    name: '压缩机低噪声产线技改',
    nodeIds: ['test-home.compressor'],
    gaps: [{ nodeId: 'test-home.compressor', gapId: 'noise' }],
    ownerName: '测试压缩机公司',
    startDate: '2020-01-01',
    dueDate: '2099-12-31',
    status: 'in_progress',
    milestones: [
      { id: 'm1', title: '样机下线', due: '2020-06-30', doneOn: '2020-06-20' },
      { id: 'm2', title: '小批量试产', due: '2021-03-31' },
    ],
    ...over,
  });

  it('when a milestone is overdue, then the project and its node are flagged late on the battle map, with the gap it closes', async () => {
    me = CHIEF;
    const p = await request(t.app).post('/api/v1/projects').send(project()).expect(201);
    expect(p.body.late).toBe(true);
    expect(p.body.milestones.map((m: { late: boolean }) => m.late)).toEqual([false, true]);
    await request(t.app).post('/api/v1/platforms').send(platform()).expect(201);
    const map = await request(t.app).get('/api/v1/chains/test-home/battle-map').expect(200);
    const node = map.body.nodes.find((n: { nodeId: string }) => n.nodeId === 'test-home.compressor');
    expect(node.late).toBe(true);
    expect(node.gaps[0].closing.map((a: { type: string }) => a.type).sort()).toEqual(['platform', 'project']);
    expect(map.body.late[0]).toMatchObject({ type: 'project', id: p.body.id });
    expect(map.body.late[0].reason).toContain('小批量试产');
    expect(map.body.summary.unaddressed).toBe(1);
  });

  it('when a project is completed with open milestones or dates are reversed, then the field is named; outsiders get 404', async () => {
    me = CHIEF;
    const r = await request(t.app)
      .post('/api/v1/projects')
      .send(project({ status: 'completed', dueDate: '2019-01-01' }));
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['body.status', 'body.dueDate']));
    const p = await request(t.app).post('/api/v1/projects').send(project()).expect(201);
    me = OTHER_CHIEF;
    await request(t.app).get(`/api/v1/projects/${p.body.id}`).expect(404);
    await request(t.app).get('/api/v1/chains/test-home/battle-map').expect(404);
    me = as('talent', 'tal_x');
    expect((await request(t.app).get(`/api/v1/projects/${p.body.id}`)).status).toBe(403);
  });
});
