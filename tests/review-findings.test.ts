import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../server/auth/principal.js';
import { buildChain, buildEnterprise, buildTalent } from './helpers/builders.js';
import { makeTestApp, type TestApp } from './helpers/harness.js';
import { ADMIN, CHIEF, HR, as } from './helpers/principals.js';

/** Privileged fields that are part of the schema: mass assignment the strict schemas cannot catch. */
let t: TestApp;
let me: Principal | null;
beforeEach(async () => {
  me = ADMIN;
  t = await makeTestApp({ as: () => me });
  await request(t.app).post('/api/v1/chains').send(buildChain()).expect(201);
});
afterEach(async () => t.close());

const auditActions = async () =>
  (await request(t.app).get('/api/v1/audit').query({ limit: 100 }).expect(200)).body.items.map((e: { action: string }) => e.action);

describe('consent belongs to the person', () => {
  it('when an official changes a talent’s consent by PATCH, then 403 and the consent stays', async () => {
    const tal = await request(t.app)
      .post('/api/v1/talents')
      .send(buildTalent({ externalId: 'p1' }))
      .expect(201);
    me = HR;
    const widened = { ...tal.body.consent, purposes: ['matching', 'hr_bureau_search', 'contact_sharing'] };
    expect((await request(t.app).patch(`/api/v1/talents/${tal.body.id}`).send({ consent: widened })).status).toBe(403);
    me = ADMIN;
    expect((await request(t.app).patch(`/api/v1/talents/${tal.body.id}`).send({ consent: widened })).status).toBe(403);
    expect((await request(t.app).get(`/api/v1/talents/${tal.body.id}`).expect(200)).body.consent.purposes).not.toContain('contact_sharing');
  });

  it('when the person changes its own consent, then the server dates it and the change is audited; a back-dated date is ignored', async () => {
    const tal = await request(t.app).post('/api/v1/talents').send(buildTalent()).expect(201);
    me = as('talent', tal.body.id);
    const sameButBackdated = { ...tal.body.consent, acceptedAt: '2001-01-01T00:00:00Z' };
    const kept = await request(t.app)
      .patch(`/api/v1/talents/${tal.body.id}`)
      .send({ consent: sameButBackdated, summary: '新简介：压缩机降噪' })
      .expect(200);
    expect(kept.body.consent.acceptedAt).toBe(tal.body.consent.acceptedAt);
    const narrowed = await request(t.app)
      .patch(`/api/v1/talents/${tal.body.id}`)
      .send({ consent: { ...tal.body.consent, purposes: ['matching'], acceptedAt: '2001-01-01T00:00:00Z' } })
      .expect(200);
    expect(Date.now() - Date.parse(narrowed.body.consent.acceptedAt)).toBeLessThan(60_000);
    me = ADMIN;
    expect(await auditActions()).toContain('talent.consent.change');
  });

  it('when HR bulk-upserts onto a talent it may not see, then that record is refused and unchanged', async () => {
    const hidden = await request(t.app)
      .post('/api/v1/talents')
      .send(buildTalent({ externalId: 'hidden-1', consent: { version: '2026-01', acceptedAt: '2026-01-15T08:00:00+08:00', purposes: ['matching'] } }))
      .expect(201);
    me = HR;
    await request(t.app).get(`/api/v1/talents/${hidden.body.id}`).expect(404);
    const res = await request(t.app)
      .post('/api/v1/talents/bulk')
      .send([
        buildTalent({
          externalId: 'hidden-1',
          consent: { version: '2026-01', acceptedAt: '2026-01-15T08:00:00+08:00', purposes: ['hr_bureau_search'] },
        }),
      ])
      .expect(200);
    expect(res.body.results[0].status).toBe('error');
    me = ADMIN;
    const after = await request(t.app).get(`/api/v1/talents/${hidden.body.id}`).expect(200);
    expect(after.body.consent.purposes).toEqual(['matching']);
    expect(after.body.version).toBe(1);
  });
});

describe('a leading enterprise is designated by the chain team', () => {
  it('when an enterprise declares itself leading, then 403; when the chain chief designates it, then 200 and audited', async () => {
    const ent = await request(t.app).post('/api/v1/enterprises').send(buildEnterprise()).expect(201);
    me = as('enterprise', ent.body.id);
    expect((await request(t.app).patch(`/api/v1/enterprises/${ent.body.id}`).send({ leading: true })).status).toBe(403);
    await request(t.app).patch(`/api/v1/enterprises/${ent.body.id}`).send({ description: '空调整机与压缩机' }).expect(200);
    me = HR;
    expect(
      (
        await request(t.app)
          .post('/api/v1/enterprises')
          .send(buildEnterprise({ leading: true }))
      ).status,
    ).toBe(403);
    me = CHIEF;
    const res = await request(t.app).patch(`/api/v1/enterprises/${ent.body.id}`).send({ leading: true }).expect(200);
    expect(res.body.leading).toBe(true);
    me = { ...CHIEF, chains: ['other'] };
    expect((await request(t.app).patch(`/api/v1/enterprises/${ent.body.id}`).send({ leading: false })).status).toBe(403);
    me = ADMIN;
    expect(await auditActions()).toContain('enterprises.update');
  });
});

describe('official actions leave a trace', () => {
  it('when HR edits a talent’s profile, then the audit log names the action and the record, not its content', async () => {
    const tal = await request(t.app)
      .post('/api/v1/talents')
      .send(buildTalent({ phone: '19900001111' }))
      .expect(201);
    me = HR;
    await request(t.app).patch(`/api/v1/talents/${tal.body.id}`).send({ city: '广州' }).expect(200);
    me = ADMIN;
    const items = (await request(t.app).get('/api/v1/audit').query({ record: tal.body.id }).expect(200)).body.items;
    expect(items.map((e: { action: string; role: string }) => `${e.role}:${e.action}`)).toContain('hr_bureau:talents.update');
    expect(JSON.stringify(items)).not.toContain('19900001111');
  });
});

describe('search counts what it returns', () => {
  it('when a query matches no word and nothing close in meaning, then total and facets are empty too', async () => {
    for (let i = 0; i < 5; i++) await request(t.app).post('/api/v1/talents').send(buildTalent()).expect(201);
    const res = await request(t.app).get('/api/v1/search').query({ q: 'xyzzyplugh qwertyuiop', type: 'talents' }).expect(200);
    expect(res.body.hits).toEqual([]);
    expect(res.body.total).toBe(0);
    expect(Object.values(res.body.facets.city ?? {}).reduce((a: number, b) => a + (b as number), 0)).toBe(0);
  });

  it('when sorting by name without an order, then A→Z (pinyin) comes first', async () => {
    for (const name of ['张三', '李四', '王五']) await request(t.app).post('/api/v1/talents').send(buildTalent({ name })).expect(201);
    const res = await request(t.app).get('/api/v1/talents').query({ sort: 'name' }).expect(200);
    expect(res.body.items.map((x: { name: string }) => x.name)).toEqual(['李四', '王五', '张三']);
  });
});
