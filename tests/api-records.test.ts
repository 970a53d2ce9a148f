import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../server/auth/principal.js';
import { buildRoutes } from '../server/app.js';
import { buildChain, buildEnterprise, buildInstitute, buildNeed, buildTalent, uscc } from './helpers/builders.js';
import { makeTestApp, type TestApp } from './helpers/harness.js';
import { ADMIN } from './helpers/principals.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ as: () => ADMIN });
  await request(t.app).post('/api/v1/chains').send(buildChain()).expect(201);
});
afterEach(async () => t.close());

const count = async (type: string) => t.runtime.deps.store.collection(type).count();

function expectProblem(res: request.Response, status: number, field?: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(status);
  if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  const raw = JSON.stringify(res.body);
  expect(raw).not.toMatch(/\bat .*\.(ts|js):\d+/);
  expect(raw).not.toMatch(/\/work\/|node_modules/);
}

describe('records CRUD', () => {
  it('when each resource is created, read, updated and deleted, then every step answers as REST expects', async () => {
    const ent = await request(t.app).post('/api/v1/enterprises').send(buildEnterprise()).expect(201);
    expect(ent.headers['location']).toBe(`/api/v1/enterprises/${ent.body.id}`);
    expect(ent.body.chainIds).toEqual(['test-home']);
    expect(ent.body.owner).toEqual({ type: 'enterprise', id: ent.body.id });
    for (const [path, body] of [
      ['talents', buildTalent()],
      ['institutes', buildInstitute()],
      ['needs', buildNeed(ent.body.id)],
    ] as const) {
      const created = await request(t.app).post(`/api/v1/${path}`).send(body).expect(201);
      const { id, createdAt, version } = created.body;
      expect(version).toBe(1);
      await request(t.app).get(`/api/v1/${path}/${id}`).expect(200);
      const patched = await request(t.app).patch(`/api/v1/${path}/${id}`).send({ city: '广州' }).expect(200);
      expect(patched.body.city).toBe('广州');
      expect(patched.body.version).toBe(2);
      expect(patched.body.createdAt).toBe(createdAt);
      await request(t.app).delete(`/api/v1/${path}/${id}`).expect(204);
      expectProblem(await request(t.app).get(`/api/v1/${path}/${id}`), 404);
    }
  });

  it('when a need is posted at a node, then its chain is derived and the need carries its enterprise as owner', async () => {
    const ent = await request(t.app).post('/api/v1/enterprises').send(buildEnterprise()).expect(201);
    const need = await request(t.app)
      .post('/api/v1/needs')
      .send(buildNeed(ent.body.id, { gapId: 'noise' }))
      .expect(201);
    expect(need.body.chainId).toBe('test-home');
    expect(need.body.owner).toEqual({ type: 'enterprise', id: ent.body.id });
    expect(need.body.status).toBe('open');
  });

  it('when a need names an unknown node, gap or enterprise, then 422 names the field and nothing is written', async () => {
    const ent = await request(t.app).post('/api/v1/enterprises').send(buildEnterprise()).expect(201);
    expectProblem(
      await request(t.app)
        .post('/api/v1/needs')
        .send(buildNeed(ent.body.id, { nodeId: 'test-home.nope' })),
      422,
      'body.nodeId',
    );
    expectProblem(
      await request(t.app)
        .post('/api/v1/needs')
        .send(buildNeed(ent.body.id, { gapId: 'nope' })),
      422,
      'body.gapId',
    );
    expectProblem(await request(t.app).post('/api/v1/needs').send(buildNeed('ent_unknown')), 422, 'body.enterpriseId');
    expect(await count('needs')).toBe(0);
  });

  it('when an enterprise still has needs, then deleting it is a 409 and it stays', async () => {
    const ent = await request(t.app).post('/api/v1/enterprises').send(buildEnterprise()).expect(201);
    await request(t.app).post('/api/v1/needs').send(buildNeed(ent.body.id)).expect(201);
    expectProblem(await request(t.app).delete(`/api/v1/enterprises/${ent.body.id}`), 409);
    await request(t.app).get(`/api/v1/enterprises/${ent.body.id}`).expect(200);
  });

  it('when the credit code is changed after creation, then 422 and the record keeps its code', async () => {
    const ent = await request(t.app).post('/api/v1/enterprises').send(buildEnterprise()).expect(201);
    expectProblem(
      await request(t.app)
        .patch(`/api/v1/enterprises/${ent.body.id}`)
        .send({ creditCode: uscc(777) }),
      422,
      'body.creditCode',
    );
  });

  it('when a PATCH sends null for an optional field, then the field is removed', async () => {
    const tal = await request(t.app).post('/api/v1/talents').send(buildTalent()).expect(201);
    const res = await request(t.app).patch(`/api/v1/talents/${tal.body.id}`).send({ phone: null }).expect(200);
    expect(res.body.phone).toBeUndefined();
  });
});

describe('lists', () => {
  it('when listing with filters, then only matching records come back', async () => {
    await request(t.app)
      .post('/api/v1/talents')
      .send(buildTalent({ city: '佛山', nodeIds: ['test-home.motor'] }))
      .expect(201);
    await request(t.app)
      .post('/api/v1/talents')
      .send(buildTalent({ city: '广州' }))
      .expect(201);
    const gz = await request(t.app).get('/api/v1/talents').query({ city: '广州' }).expect(200);
    expect(gz.body.items.map((x: { city: string }) => x.city)).toEqual(['广州']);
    const node = await request(t.app).get('/api/v1/talents').query({ node: 'test-home.motor' }).expect(200);
    expect(node.body.items).toHaveLength(1);
    const both = await request(t.app).get('/api/v1/talents?city=佛山&city=广州').expect(200);
    expect(both.body.items).toHaveLength(2);
  });

  it('when sorting by name, then Chinese names come in pinyin order, and cursors walk every page once', async () => {
    for (const name of ['深圳专家', '北京专家', '佛山专家', '广州专家', 'Alice Wang']) {
      await request(t.app).post('/api/v1/talents').send(buildTalent({ name })).expect(201);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await request(t.app)
        .get('/api/v1/talents')
        .query({ sort: 'name', order: 'asc', limit: 2, ...(cursor ? { cursor } : {}) })
        .expect(200);
      seen.push(...res.body.items.map((x: { name: string }) => x.name));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['Alice Wang', '北京专家', '佛山专家', '广州专家', '深圳专家']);
  });

  it('when limit is over 100, a filter key is unknown, or the cursor is forged, then 400 names the parameter', async () => {
    expectProblem(await request(t.app).get('/api/v1/talents?limit=101'), 400, 'query.limit');
    expectProblem(await request(t.app).get('/api/v1/talents?colour=red'), 400, 'query.colour');
    expectProblem(await request(t.app).get('/api/v1/talents?name[$ne]=x'), 400, 'query.name[$ne]');
    expectProblem(await request(t.app).get('/api/v1/talents?cursor=bm90LWEtY3Vyc29y'), 400, 'cursor');
  });
});

describe('bulk upsert', () => {
  it('when the same batch runs twice, then the second run changes nothing', async () => {
    const batch = [buildTalent({ externalId: 'hr-001' }), buildTalent({ externalId: 'hr-002' })];
    const first = await request(t.app).post('/api/v1/talents/bulk').send(batch).expect(200);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['created', 'created']);
    const before = await request(t.app).get(`/api/v1/talents/${first.body.results[0].id}`);
    const second = await request(t.app).post('/api/v1/talents/bulk').send(batch).expect(200);
    expect(second.body.results.map((r: { status: string }) => r.status)).toEqual(['unchanged', 'unchanged']);
    const after = await request(t.app).get(`/api/v1/talents/${first.body.results[0].id}`);
    expect(after.body.updatedAt).toBe(before.body.updatedAt);
    expect(after.body.version).toBe(1);
    expect(await count('talents')).toBe(2);
  });

  it('when a batch mixes good, changed, invalid and duplicate records, then each gets its own answer', async () => {
    await request(t.app)
      .post('/api/v1/talents/bulk')
      .send([buildTalent({ externalId: 'a', city: '佛山' })])
      .expect(200);
    const res = await request(t.app)
      .post('/api/v1/talents/bulk')
      .send([
        buildTalent({ externalId: 'a', city: '东莞' }),
        buildTalent({ externalId: 'b' }),
        { externalId: 'c', name: '' },
        buildTalent({ externalId: 'b' }),
        buildTalent(),
      ])
      .expect(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['updated', 'created', 'error', 'error', 'error']);
    expect(res.body.results[2].errors[0].field).toMatch(/^body\.2\./);
    expect(res.body.results[3].errors[0].field).toBe('body.3.externalId');
    expect(res.body.results[4].errors[0].field).toBe('body.4.externalId');
    expect(res.body.summary).toEqual({ created: 1, updated: 1, unchanged: 0, error: 3 });
  });

  it('when two records in a batch share a credit code, then the second is refused naming creditCode', async () => {
    const code = uscc(4242);
    const res = await request(t.app)
      .post('/api/v1/enterprises/bulk')
      .send([buildEnterprise({ externalId: 'e1', creditCode: code }), buildEnterprise({ externalId: 'e2', creditCode: code })])
      .expect(200);
    expect(res.body.results[1].status).toBe('error');
    expect(res.body.results[1].errors[0].field).toBe('body.1.creditCode');
  });

  it('when a batch holds more than 1,000 records or is not an array, then 400 and nothing is written', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => buildInstitute({ externalId: `x${i}` }));
    expectProblem(await request(t.app).post('/api/v1/institutes/bulk').send(many), 400, 'body');
    expectProblem(await request(t.app).post('/api/v1/institutes/bulk').send({ externalId: 'x' }), 400, 'body');
    expect(await count('institutes')).toBe(0);
  });
});

describe('bad input', () => {
  it('when the JSON is malformed, then 400', async () => {
    const res = await request(t.app).post('/api/v1/talents').set('content-type', 'application/json').send('{"name": "张三",');
    expectProblem(res, 400, 'body');
  });

  it('when the body is not JSON, then 415', async () => {
    const res = await request(t.app).post('/api/v1/talents').set('content-type', 'text/plain').send('name=张三');
    expectProblem(res, 415, 'content-type');
  });

  it('when the body is over 1 MB, then 413 and nothing is written', async () => {
    const res = await request(t.app)
      .post('/api/v1/talents')
      .send(buildTalent({ summary: '佛'.repeat(1_100_000) }));
    expectProblem(res, 413, 'body');
    expect(await count('talents')).toBe(0);
  });

  it('when fields are unknown at any depth, then 400 names them', async () => {
    expectProblem(
      await request(t.app)
        .post('/api/v1/talents')
        .send(buildTalent({ role: 'admin' })),
      400,
      'body.role',
    );
    const nested = buildTalent({ consent: { version: '1', acceptedAt: '2026-01-01T00:00:00Z', purposes: ['matching'], forever: true } });
    expectProblem(await request(t.app).post('/api/v1/talents').send(nested), 400, 'body.consent.forever');
    const ent = buildEnterprise({ liaison: { name: '甲', admin: true } });
    expectProblem(await request(t.app).post('/api/v1/enterprises').send(ent), 400, 'body.liaison.admin');
  });

  it('when keys start with $ or name a prototype, then 400 and nothing is written', async () => {
    expectProblem(
      await request(t.app)
        .post('/api/v1/talents')
        .send({ ...buildTalent(), city: { $ne: '' } }),
      400,
      'body.city.$ne',
    );
    const proto = await request(t.app)
      .post('/api/v1/talents')
      .set('content-type', 'application/json')
      .send(`{"name":"x","__proto__":{"role":"admin"}}`);
    expectProblem(proto, 400, 'body.__proto__');
    expectProblem(
      await request(t.app)
        .post('/api/v1/talents')
        .send({ ...buildTalent(), skills: [{ constructor: 1 }] }),
      400,
      'body.skills.0.constructor',
    );
    expect(await count('talents')).toBe(0);
  });

  it('when ids are unknown, then 404; when a natural key repeats, then 409 naming it', async () => {
    expectProblem(await request(t.app).get('/api/v1/talents/tal_nope'), 404);
    expectProblem(await request(t.app).patch('/api/v1/talents/tal_nope').send({ city: '佛山' }), 404);
    const e = buildEnterprise();
    await request(t.app).post('/api/v1/enterprises').send(e).expect(201);
    expectProblem(
      await request(t.app)
        .post('/api/v1/enterprises')
        .send({ ...buildEnterprise(), creditCode: e.creditCode }),
      409,
      'body.creditCode',
    );
    await request(t.app)
      .post('/api/v1/institutes')
      .send(buildInstitute({ externalId: 'dup' }))
      .expect(201);
    expectProblem(
      await request(t.app)
        .post('/api/v1/institutes')
        .send(buildInstitute({ externalId: 'dup' })),
      409,
      'body.externalId',
    );
    expect(await count('enterprises')).toBe(1);
  });

  it('when real-world identifiers are wrong, then the field is named', async () => {
    const good = uscc(99);
    const badCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    expectProblem(
      await request(t.app)
        .post('/api/v1/enterprises')
        .send(buildEnterprise({ creditCode: badCheck })),
      400,
      'body.creditCode',
    );
    expectProblem(
      await request(t.app)
        .post('/api/v1/talents')
        .send(buildTalent({ phone: '12345678901' })),
      400,
      'body.phone',
    );
    expectProblem(
      await request(t.app)
        .post('/api/v1/talents')
        .send(buildTalent({ email: 'not-an-email' })),
      400,
      'body.email',
    );
    expectProblem(
      await request(t.app)
        .post('/api/v1/talents')
        .send(buildTalent({ idNumber: '440606199001011234' })),
      400,
      'body.idNumber',
    );
    expectProblem(
      await request(t.app)
        .post('/api/v1/chains')
        .send(buildChain({ code: 'x2', industryCodes: ['C38511'] })),
      400,
      'body.industryCodes.0',
    );
    await request(t.app)
      .post('/api/v1/talents')
      .send(buildTalent({ phone: '+86 199 0000 1234' }))
      .expect(201);
  });

  it('when Chinese text is measured, then length counts characters, not bytes or UTF-16 units', async () => {
    const ent = await request(t.app).post('/api/v1/enterprises').send(buildEnterprise()).expect(201);
    await request(t.app)
      .post('/api/v1/needs')
      .send(buildNeed(ent.body.id, { title: '佛'.repeat(80) }))
      .expect(201);
    expectProblem(
      await request(t.app)
        .post('/api/v1/needs')
        .send(buildNeed(ent.body.id, { title: '佛'.repeat(81) })),
      400,
      'body.title',
    );
    await request(t.app)
      .post('/api/v1/needs')
      .send(buildNeed(ent.body.id, { title: '𠀀'.repeat(80) }))
      .expect(201);
  });

  it('when something unexpected breaks, then 500 carries no stack trace or path', async () => {
    t.runtime.deps.records.talents.get = async () => {
      throw new TypeError('boom at /work/main/server/x.ts:1:1');
    };
    const res = await request(t.app).get('/api/v1/talents/tal_x');
    expectProblem(res, 500);
    expect(JSON.stringify(res.body)).not.toContain('boom');
  });
});

describe('system', () => {
  it('when the store and search answer, then /readyz is 200; when search is down, then 503 names it', async () => {
    await request(t.app).get('/healthz').expect(200, { status: 'ok' });
    const ok = await request(t.app).get('/readyz').expect(200);
    expect(ok.body.checks).toEqual({ 'store:sqlite': 'ok', 'search:embedded': 'ok' });
    t.runtime.deps.search.ping = () => new Promise(() => undefined);
    const down = await request(t.app).get('/readyz').expect(503);
    expect(down.body.checks['search:embedded']).toMatch(/did not answer/);
  });

  it('when the OpenAPI document is read, then it is 3.1 and lists every route with its method', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json').expect(200)).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const r of buildRoutes(t.runtime.deps)) {
      const path = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method], `${r.method} ${path}`).toBeDefined();
    }
    expect(doc.paths['/api/v1/talents'].post.requestBody.content['application/json'].schema.properties.name).toBeDefined();
  });

  it('when a response is sent, then security headers are set and X-Powered-By is not', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
  });
});

describe('owners edit their own records', () => {
  it('when a talent, an institute and an enterprise change their own record, then it is saved; another tenant gets 404', async () => {
    const tal = (await request(t.app).post('/api/v1/talents').send(buildTalent()).expect(201)).body.id as string;
    const ins = (await request(t.app).post('/api/v1/institutes').send(buildInstitute()).expect(201)).body.id as string;
    const ent = (await request(t.app).post('/api/v1/enterprises').send(buildEnterprise()).expect(201)).body.id as string;
    const other = (await request(t.app).post('/api/v1/talents').send(buildTalent()).expect(201)).body.id as string;
    const acting = (role: Principal['role'], subjectId: string): Principal => ({
      accountId: `acc_${subjectId}`,
      role,
      chains: [],
      subjectId,
      via: 'session',
    });
    for (const [role, path, id, patch] of [
      ['talent', 'talents', tal, { summary: '更新后的简介：专注压缩机降噪' }],
      ['institute', 'institutes', ins, { description: '新增半消声室' }],
      ['enterprise', 'enterprises', ent, { description: '新增电机产线' }],
    ] as const) {
      const me = acting(role, id);
      t.runtime.deps.authenticate = async () => me;
      const res = await request(t.app).patch(`/api/v1/${path}/${id}`).send(patch).expect(200);
      expect(res.body.version).toBe(2);
    }
    t.runtime.deps.authenticate = async () => acting('talent', tal);
    expect((await request(t.app).patch(`/api/v1/talents/${other}`).send({ summary: '篡改' })).status).toBe(404);
  });

  it('when a chain chief moves a need to a chain it does not lead, then 403 and the need stays', async () => {
    await request(t.app)
      .post('/api/v1/chains')
      .send(buildChain({ code: 'other-chain' }))
      .expect(201);
    const ent = (await request(t.app).post('/api/v1/enterprises').send(buildEnterprise()).expect(201)).body.id as string;
    const need = (await request(t.app).post('/api/v1/needs').send(buildNeed(ent)).expect(201)).body.id as string;
    t.runtime.deps.authenticate = async () => ({ accountId: 'acc_chief', role: 'chain_chief', chains: ['test-home'], via: 'session' });
    await request(t.app).patch(`/api/v1/needs/${need}`).send({ status: 'matched' }).expect(200);
    expect((await request(t.app).patch(`/api/v1/needs/${need}`).send({ nodeId: 'other-chain.motor' })).status).toBe(403);
  });
});

describe('bulk upsert with natural ids', () => {
  it('when a chain code is already taken under another externalId, then the record is refused, not silently replaced', async () => {
    const res = await request(t.app)
      .post('/api/v1/chains/bulk')
      .send([buildChain({ externalId: 'someone-else', name: '另一条链' })])
      .expect(200);
    expect(res.body.results[0].status).toBe('error');
    expect((await request(t.app).get('/api/v1/chains/test-home').expect(200)).body.name).toBe('测试家电链');
  });
});
