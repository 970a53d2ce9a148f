import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPONENTS, DEFAULT_WEIGHTS } from '../matching/rank/weights.js';
import { buildChain, buildEnterprise, buildInstitute, buildNeed, buildTalent } from './helpers/builders.js';
import { makeTestApp, type TestApp } from './helpers/harness.js';
import { ADMIN } from './helpers/principals.js';

let t: TestApp;
const ids: Record<string, string> = {};

beforeEach(async () => {
  t = await makeTestApp({ as: () => ADMIN });
  await request(t.app).post('/api/v1/chains').send(buildChain()).expect(201);
  const post = async (path: string, body: object) => (await request(t.app).post(`/api/v1/${path}`).send(body).expect(201)).body.id as string;
  ids['ent'] = await post('enterprises', buildEnterprise());
  ids['nvh'] = await post(
    'talents',
    buildTalent({
      name: '周振宇',
      summary: '长期从事旋转机械转子动力学、模态分析与NVH振动噪声控制，主持压缩机减振降噪项目',
      skills: ['转子动力学', 'NVH', '模态分析'],
      nodeIds: ['test-home.compressor'],
    }),
  );
  ids['glaze'] = await post(
    'talents',
    buildTalent({ name: '陈釉', summary: '建筑陶瓷釉料配方与烧成工艺，解决釉面针孔、色差问题', skills: ['釉料配方', '烧成曲线'] }),
  );
  ids['bms'] = await post(
    'talents',
    buildTalent({ name: '李电', summary: '动力电池包BMS算法与热管理设计，SOC估算', skills: ['BMS', '热管理'], city: '深圳' }),
  );
  ids['servoEn'] = await post(
    'talents',
    buildTalent({
      name: 'Daniel Meyer',
      city: 'Stuttgart',
      summary: 'Servo drive tuning and motion control for industrial robots; EtherCAT, FOC current loops.',
      skills: ['servo tuning', 'motion control'],
    }),
  );
  ids['uiEn'] = await post(
    'talents',
    buildTalent({
      name: 'Emma Lin',
      city: 'Shanghai',
      summary: 'Brand identity and visual design for consumer apps; UI style guides and illustration.',
      skills: ['visual design', 'UI'],
    }),
  );
  ids['acoustic'] = await post(
    'institutes',
    buildInstitute({ name: '佛山声学测试研究院', description: '半消声室、振动台，提供NVH噪声振动测试与诊断', capabilities: ['NVH测试', '模态分析'] }),
  );
  ids['food'] = await post(
    'institutes',
    buildInstitute({ name: '佛山食品检测中心', description: '食品微生物与农残检测', capabilities: ['微生物检测'] }),
  );
  ids['need'] = await post('needs', buildNeed(ids['ent'] ?? ''));
});
afterEach(async () => t.close());

const top = (res: request.Response) => res.body.results.map((r: { id: string }) => r.id);

describe('matching a posted need', () => {
  it('when a need describes a symptom, then the expert in what fixes it ranks first, explained in both languages', async () => {
    const res = await request(t.app).get(`/api/v1/needs/${ids['need']}/matches`).query({ kind: 'talent', limit: 5 }).expect(200);
    expect(top(res)[0]).toBe(ids['nvh']);
    const first = res.body.results[0];
    for (const k of COMPONENTS) expect(first.components[k]).toBeGreaterThanOrEqual(0);
    const total = COMPONENTS.reduce((s, k) => s + DEFAULT_WEIGHTS[k] * first.components[k], 0);
    expect(first.score).toBeCloseTo(total, 2);
    expect(first.matched.node.relation).toBe('same-node');
    expect(first.explanation.zh).toMatch(/同一产业链节点/);
    expect(first.explanation.en).toMatch(/same chain node/);
    expect(first.explanation.zh).toMatch(/NVH|转子|噪声|振动/);
    expect(first.record.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('when institutes are asked for, then institutes come back, the acoustics lab first', async () => {
    const res = await request(t.app).get(`/api/v1/needs/${ids['need']}/matches?kind=institute`).expect(200);
    expect(res.body.results.every((r: { type: string }) => r.type === 'institutes')).toBe(true);
    expect(top(res)[0]).toBe(ids['acoustic']);
  });

  it('when text that is not yet posted is matched in Chinese, then an English profile can come first', async () => {
    const res = await request(t.app)
      .post('/api/v1/match')
      .send({ title: '机器人伺服电机调试', description: '六轴机器人关节伺服驱动器参数整定，运动控制抖动，需要伺服调试专家', kind: 'talent' })
      .expect(200);
    expect(top(res)[0]).toBe(ids['servoEn']);
    expect(res.body.query.nodeInferred).toBeTypeOf('boolean');
    // Unposted-text matches mask contacts like every other list.
    expect(res.body.results[0].record.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(res.body.results[0].record.email).toMatch(/\*\*\*@/);
  });

  it('when an English need is matched, then the Chinese expert in the domain beats an unrelated English profile', async () => {
    const res = await request(t.app)
      .post('/api/v1/match')
      .send({
        title: 'Compressor hum at low speed',
        description: 'Our inverter air conditioner makes a low-frequency buzzing noise; we need an NVH and rotor dynamics expert.',
        kind: 'talent',
      })
      .expect(200);
    const order = top(res);
    expect(order.indexOf(ids['nvh'])).toBeLessThan(order.indexOf(ids['uiEn']) === -1 ? Infinity : order.indexOf(ids['uiEn']));
    expect(order[0]).toBe(ids['nvh']);
  });
});

describe('pipeline outcomes feed the ranking', () => {
  it('when the top candidate declined this need, then it drops below everyone still in play and says so', async () => {
    const before = await request(t.app).get(`/api/v1/needs/${ids['need']}/matches?kind=talent`).expect(200);
    expect(top(before)[0]).toBe(ids['nvh']);
    const entry = await request(t.app)
      .post(`/api/v1/needs/${ids['need']}/pipeline`)
      .send({ candidateType: 'talents', candidateId: ids['nvh'] })
      .expect(201);
    const shortlisted = await request(t.app).get(`/api/v1/needs/${ids['need']}/matches?kind=talent`).expect(200);
    expect(shortlisted.body.results[0].pipeline).toBe('suggested');
    await request(t.app).post(`/api/v1/pipeline/${entry.body.id}/transitions`).send({ to: 'declined' }).expect(200);
    const after = await request(t.app).get(`/api/v1/needs/${ids['need']}/matches?kind=talent`).expect(200);
    const order = top(after);
    expect(order[order.length - 1]).toBe(ids['nvh']);
    expect(after.body.results[order.length - 1].pipeline).toBe('declined');
  });
});

describe('reverse directions', () => {
  it('when a talent asks for fitting needs, then the open need of its domain comes back', async () => {
    const res = await request(t.app).get(`/api/v1/talents/${ids['nvh']}/needs`).expect(200);
    expect(top(res)).toContain(ids['need']);
    expect(res.body.results[0].type).toBe('needs');
  });

  it('when an institute asks for fitting needs, then the need comes back for the acoustics lab', async () => {
    const res = await request(t.app).get(`/api/v1/institutes/${ids['acoustic']}/needs`).expect(200);
    expect(top(res)[0]).toBe(ids['need']);
  });

  it('when a chain chief asks for candidates for a gap, then the gap’s expert ranks first', async () => {
    const res = await request(t.app).get('/api/v1/chains/test-home/nodes/test-home.compressor/candidates').query({ gap: 'noise' }).expect(200);
    expect(top(res)[0]).toBe(ids['nvh']);
  });
});

describe('bad input to matching and search', () => {
  it('when limit is over 100, a node or gap is unknown, or the body is incomplete, then the field is named', async () => {
    expect((await request(t.app).get(`/api/v1/needs/${ids['need']}/matches?limit=101`)).status).toBe(400);
    expect((await request(t.app).get('/api/v1/needs/need_nope/matches')).status).toBe(404);
    expect((await request(t.app).get('/api/v1/chains/test-home/nodes/test-home.nope/candidates')).status).toBe(404);
    expect((await request(t.app).get('/api/v1/chains/test-home/nodes/test-home.compressor/candidates?gap=nope')).status).toBe(404);
    expect(
      (await request(t.app).post('/api/v1/match').send({ title: '伺服调试', description: '需要伺服调试专家', nodeId: 'test-home.nope' })).status,
    ).toBe(404);
    const missing = await request(t.app).post('/api/v1/match').send({ title: '伺服' }).expect(400);
    expect(missing.body.errors[0].field).toBe('body.description');
  });

  it('when the query is empty or 1,000 characters long, then 400 names q', async () => {
    const empty = await request(t.app).get('/api/v1/search?q=').expect(400);
    expect(empty.body.errors[0].field).toBe('query.q');
    await request(t.app)
      .get('/api/v1/search')
      .query({ q: '佛'.repeat(1000) })
      .expect(400);
    await request(t.app)
      .get('/api/v1/search')
      .query({ q: '佛'.repeat(999) })
      .expect(200);
  });

  it('when a chain or node filter is unknown, then 404', async () => {
    await request(t.app).get('/api/v1/search?q=NVH&chain=nope').expect(404);
    await request(t.app).get('/api/v1/search?q=NVH&node=test-home.nope').expect(404);
  });

  it('when filter values carry quotes, backslashes or operators, then they match literally and leak nothing', async () => {
    for (const city of ['x" OR ownerId = "B', 'a\\" OR 1=1', "佛山' OR '1'='1", '*']) {
      const res = await request(t.app).get('/api/v1/search').query({ q: 'NVH', city }).expect(200);
      expect(res.body.hits).toEqual([]);
    }
  });
});

describe('search', () => {
  it('when searching in Chinese with a facet, then hits are highlighted, counted by facet and masked', async () => {
    const res = await request(t.app).get('/api/v1/search').query({ q: '振动噪声', type: 'talents', city: '佛山' }).expect(200);
    expect(res.body.hits[0].id).toBe(ids['nvh']);
    expect(JSON.stringify(res.body.hits[0].highlights)).toMatch(/<mark>/);
    expect(res.body.facets.city['佛山']).toBeGreaterThanOrEqual(1);
    expect(res.body.hits[0].record.email).toMatch(/\*\*\*@/);
  });

  it('when searching in English, then English profiles are found despite case and plural', async () => {
    const res = await request(t.app).get('/api/v1/search').query({ q: 'Servo Drives', type: 'talents' }).expect(200);
    expect(res.body.hits[0].id).toBe(ids['servoEn']);
  });
});
