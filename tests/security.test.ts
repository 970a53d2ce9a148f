import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { z } from 'zod';
import { buildRoutes } from '../server/app.js';
import { ADMIN, bearer, makeAuthApp, seedWorld, type AuthTestApp } from './helpers/auth.js';
import { buildNeed } from './helpers/builders.js';

let t: AuthTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('object-level access: another tenant’s ids', () => {
  it("when enterprise A names enterprise B's private need in path, query or body, then it is unknown (404) and unchanged", async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const a = bearer(w.tokens.enterprise);
    const before = await t.runtime.deps.store.collection('needs').get(w.needBPrivate);
    expect((await request(t.app).get(`/api/v1/needs/${w.needBPrivate}`).set(a)).status).toBe(404);
    expect((await request(t.app).patch(`/api/v1/needs/${w.needBPrivate}`).set(a).send({ title: '被篡改的需求标题' })).status).toBe(404);
    expect((await request(t.app).delete(`/api/v1/needs/${w.needBPrivate}`).set(a)).status).toBe(404);
    expect((await request(t.app).get(`/api/v1/needs/${w.needBPrivate}/matches`).set(a)).status).toBe(404);
    const listed = await request(t.app).get('/api/v1/needs').query({ enterprise: w.entB }).set(a);
    expect(listed.status).toBe(200);
    expect((listed.body.items as Array<{ id: string }>).map((n) => n.id)).not.toContain(w.needBPrivate);
    expect(
      (
        await request(t.app)
          .post('/api/v1/needs')
          .set(a)
          .send(buildNeed(w.entB, { nodeId: 'test-robot.motor' }))
      ).status,
    ).toBe(404);
    expect(await t.runtime.deps.store.collection('needs').get(w.needBPrivate)).toEqual(before);
  });

  it("when a talent, an institute or another chain's chief names someone else's record, then it is refused and unchanged", async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    expect((await request(t.app).patch(`/api/v1/talents/${w.t2}`).set(bearer(w.tokens.talent)).send({ title: '改别人的' })).status).toBe(404);
    expect((await request(t.app).delete(`/api/v1/talents/${w.t2}`).set(bearer(w.tokens.talent))).status).toBe(404);
    const ins = await request(t.app).patch(`/api/v1/institutes/${w.insB}`).set(bearer(w.tokens.institute)).send({ description: '改别人的' });
    expect([403, 404]).toContain(ins.status);
    expect((await request(t.app).get(`/api/v1/needs/${w.needAPrivate}`).set(bearer(w.other.chain_chief))).status).toBe(404);
    expect((await request(t.app).get(`/api/v1/needs/${w.needAPrivate}/matches`).set(bearer(w.other.chain_chief))).status).toBe(404);
    expect((await t.runtime.deps.store.collection('talents').get(w.t2)) as { title: string } | null).toMatchObject({ title: '高级工程师' });
  });
});

describe('mass assignment', () => {
  it('when clients send owner, role, verified, version or createdAt, then nothing of them is stored', async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const talents = t.runtime.deps.store.collection('talents');
    const before = await talents.get(w.t1);
    const fields = [
      { owner: { type: 'talent', id: w.t2 } },
      { role: 'admin' },
      { verified: true },
      { version: 99 },
      { createdAt: '2000-01-01T00:00:00Z' },
      { id: 'tal_other' },
    ];
    for (const f of fields) {
      const res = await request(t.app).patch(`/api/v1/talents/${w.t1}`).set(bearer(w.tokens.talent)).send(f);
      expect(res.status, JSON.stringify(f)).toBeGreaterThanOrEqual(400);
      const ent = await request(t.app).patch(`/api/v1/enterprises/${w.entA}`).set(bearer(w.tokens.enterprise)).send(f);
      expect(ent.status, JSON.stringify(f)).toBeGreaterThanOrEqual(400);
    }
    expect(await talents.get(w.t1)).toEqual(before);
    expect((await request(t.app).post('/api/v1/auth/tokens').set(bearer(w.tokens.talent)).send({ name: 'x', role: 'admin' })).status).toBe(400);
    const me = await request(t.app).get('/api/v1/auth/me').set(bearer(w.tokens.talent));
    expect(me.body.role).toBe('talent');
  });
});

describe('operator and prototype-pollution payloads', () => {
  it('when a sign-in body carries operators or __proto__, then it is refused with 400 and nobody is signed in', async () => {
    t = await makeAuthApp();
    const bodies = [
      { email: { $ne: '' }, password: { $ne: '' } },
      { email: ADMIN.email, password: { $gt: '' } },
      { email: { $regex: '.*' }, password: 'x' },
    ];
    for (const b of bodies) expect((await request(t.app).post('/api/v1/auth/sign-in').send(b)).status).toBe(400);
    for (const raw of [
      `{"email":"${ADMIN.email}","password":"x","__proto__":{"role":"admin"}}`,
      `{"constructor":{"prototype":{"role":"admin"}},"email":"${ADMIN.email}","password":"x"}`,
    ]) {
      const res = await request(t.app).post('/api/v1/auth/sign-in').set('content-type', 'application/json').send(raw);
      expect(res.status).toBe(400);
    }
    expect(({} as Record<string, unknown>)['role']).toBeUndefined();
  });

  it('when every filter of every GET route gets operator syntax, then it is refused or matches nothing', async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const admin = bearer(w.tokens.admin);
    const PAGING = new Set(['limit', 'cursor', 'sort', 'order', 'offset', 'q', 'type', 'kind', 'from', 'to']);
    let probed = 0;
    for (const r of buildRoutes(t.runtime.deps)) {
      if (r.method !== 'get' || !r.query || r.path.includes(':')) continue;
      const js = z.toJSONSchema(r.query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
      const base = r.path === '/api/v1/search' ? 'q=压缩机&' : '';
      for (const key of Object.keys(js.properties ?? {}).filter((k) => !PAGING.has(k))) {
        probed++;
        for (const q of [`${key}[$ne]=x`, `${key}[__proto__][x]=1`, `__proto__[${key}]=1`]) {
          const res = await request(t.app).get(`${r.path}?${base}${q}`).set(admin);
          expect(res.status, `${r.path}?${q}`).toBe(400);
        }
        const res = await request(t.app)
          .get(`${r.path}?${base}${key}=${encodeURIComponent('{"$ne":""}')}`)
          .set(admin);
        expect(res.status, `${r.path} ${key}`).toBeLessThan(500);
        if (res.status === 200) expect([...(res.body.items ?? []), ...(res.body.hits ?? [])], `${r.path} ${key}`).toEqual([]);
      }
    }
    expect(probed).toBeGreaterThan(20);
  });

  it('when a search filter value carries filter syntax, then it is matched as a literal value', async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const hr = bearer(w.tokens.hr_bureau);
    const plain = await request(t.app).get('/api/v1/search').query({ q: '压缩机', type: 'needs', city: '佛山' }).set(hr);
    expect(plain.body.hits.length).toBeGreaterThan(0);
    for (const city of ['佛山" OR city != "x', "佛山' OR 1=1 --", '佛山 OR public = false', '*']) {
      const res = await request(t.app).get('/api/v1/search').query({ q: '压缩机', type: 'needs', city }).set(hr);
      expect(res.status, city).toBeLessThan(500);
      if (res.status === 200) expect(res.body.hits, city).toEqual([]);
    }
  });
});

describe('throttling', () => {
  it('when one account gets wrong passwords, then after five failures even the right one gets 429 with Retry-After', async () => {
    t = await makeAuthApp();
    for (let i = 0; i < 5; i++)
      expect(
        (
          await request(t.app)
            .post('/api/v1/auth/sign-in')
            .send({ email: ADMIN.email, password: `guess-number-${i}` })
        ).status,
      ).toBe(401);
    const res = await request(t.app).post('/api/v1/auth/sign-in').send(ADMIN);
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    t.advance(16 * 60_000);
    expect((await request(t.app).post('/api/v1/auth/sign-in').send(ADMIN)).status).toBe(200);
  });

  it('when one address sprays many accounts, then it is throttled, and a forged X-Forwarded-For does not help without TRUST_PROXY', async () => {
    t = await makeAuthApp();
    for (let i = 0; i < 20; i++)
      await request(t.app)
        .post('/api/v1/auth/sign-in')
        .set('x-forwarded-for', `10.0.0.${i}`)
        .send({ email: `user${i}@chaintalent.example`, password: 'spray-password' });
    const res = await request(t.app).post('/api/v1/auth/sign-in').set('x-forwarded-for', '10.9.9.9').send(ADMIN);
    expect(res.status).toBe(429);
  });

  it('when TRUST_PROXY is set, then addresses come from X-Forwarded-For so one client does not lock out another', async () => {
    t = await makeAuthApp({ env: { TRUST_PROXY: '1' } });
    for (let i = 0; i < 20; i++)
      await request(t.app)
        .post('/api/v1/auth/sign-in')
        .set('x-forwarded-for', '203.0.113.7')
        .send({ email: `user${i}@chaintalent.example`, password: 'spray-password' });
    expect((await request(t.app).post('/api/v1/auth/sign-in').set('x-forwarded-for', '203.0.113.7').send(ADMIN)).status).toBe(429);
    expect((await request(t.app).post('/api/v1/auth/sign-in').set('x-forwarded-for', '198.51.100.4').send(ADMIN)).status).toBe(200);
  });

  it('when one account reveals contacts repeatedly, then the 21st within the hour gets 429 and the window reopens later', async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const go = () => request(t!.app).post(`/api/v1/talents/${w.t1}/contact`).set(bearer(w.tokens.hr_bureau)).send({ purpose: 'recruitment' });
    for (let i = 0; i < 20; i++) expect((await go()).status).toBe(200);
    const limited = await go();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    t.advance(61 * 60_000);
    expect((await go()).status).toBe(200);
  });
});

describe('hardening headers', () => {
  it('when any route answers, then helmet headers are set, X-Powered-By is not, and CORS answers only configured origins', async () => {
    t = await makeAuthApp({ env: { CORS_ORIGINS: 'https://chaintalent.foshan.example' } });
    const res = await request(t.app).get('/api/v1/chains').set('origin', 'https://evil.example');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-request-id']).toBeTruthy();
    const ok = await request(t.app).get('/api/v1/chains').set('origin', 'https://chaintalent.foshan.example');
    expect(ok.headers['access-control-allow-origin']).toBe('https://chaintalent.foshan.example');
  });
});
