import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { z } from 'zod';
import { buildRoutes } from '../server/app.js';
import type { Role } from '../server/auth/principal.js';
import type { AuditEntry } from '../server/audit/audit.js';
import { PI, ROLES, bearer, makeAuthApp, seedWorld, signIn, type AuthTestApp, type World } from './helpers/auth.js';
import { buildTalent } from './helpers/builders.js';

let t: AuthTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const ALL_PI = Object.values(PI).flatMap((p) => [p.phone, p.email, p.idNumber]);
const auditEntries = async (app: AuthTestApp['app'], token: string, query: Record<string, string>) =>
  (await request(app).get('/api/v1/audit').query(query).set(bearer(token))).body.items as AuditEntry[];

describe('consent and self-registration', () => {
  const register = (app: AuthTestApp['app'], body: Record<string, unknown>) => request(app).post('/api/v1/auth/register-talent').send(body);
  const profile = () => {
    const { consent: _c, ...rest } = buildTalent({ name: '陈晨', phone: '13600001111', email: 'chen.chen@example.com' });
    return rest;
  };

  it('when a talent registers without a consent record, then nothing is created', async () => {
    t = await makeAuthApp();
    const res = await register(t.app, { email: 'chen@chaintalent.example', password: 'talent-password-1', profile: profile() });
    expect(res.status).toBe(400);
    expect(await t.runtime.deps.auth.findByEmail('chen@chaintalent.example')).toBeNull();
    expect(await t.runtime.deps.store.collection('talents').count()).toBe(0);
  });

  it('when a talent registers with consent, then account and profile exist, the consent is stamped by the server, and it is audited', async () => {
    t = await makeAuthApp();
    const res = await register(t.app, {
      email: 'chen@chaintalent.example',
      password: 'talent-password-1',
      consent: { version: '2026-01', purposes: ['matching'] },
      profile: profile(),
    });
    expect(res.status).toBe(201);
    const subjectId = res.body.account.subjectId as string;
    const me = await request(t.app)
      .get('/api/v1/auth/me')
      .set(bearer(res.body.token as string));
    expect(me.body).toMatchObject({ role: 'talent', subjectId });
    const doc = (await t.runtime.deps.store.collection('talents').get(subjectId)) as { consent: { acceptedAt: string; purposes: string[] } } | null;
    expect(doc?.consent.purposes).toEqual(['matching']);
    expect(Math.abs(Date.parse(doc?.consent.acceptedAt ?? '') - Date.now())).toBeLessThan(60_000);
    const root = await signIn(t.app, 'root@chaintalent.example', 'root-password-for-tests');
    expect(await auditEntries(t.app, root, { action: 'talent.consent', record: subjectId })).toHaveLength(1);
  });

  it('when a registration claims a role or a backdated consent, then it is refused and no admin appears', async () => {
    t = await makeAuthApp();
    const base = { email: 'chen@chaintalent.example', password: 'talent-password-1', profile: profile() };
    for (const extra of [
      { role: 'admin', consent: { version: '1', purposes: ['matching'] } },
      { consent: { version: '1', purposes: ['matching'], acceptedAt: '2000-01-01T00:00:00Z' } },
    ])
      expect((await register(t.app, { ...base, ...extra })).status).toBe(400);
    expect(await t.runtime.deps.auth.findByEmail('chen@chaintalent.example')).toBeNull();
  });

  it('when a talent profile is posted without consent, then it is refused', async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const { consent: _c, ...noConsent } = buildTalent();
    expect((await request(t.app).post('/api/v1/talents').set(bearer(w.tokens.hr_bureau)).send(noConsent)).status).toBe(400);
  });
});

describe('contact reveal', () => {
  const reveal = (w: World, app: AuthTestApp['app'], token: string, id: string) =>
    request(app).post(`/api/v1/talents/${id}/contact`).set(bearer(token)).send({ purpose: 'recruitment', needId: w.needAPublic });

  it('when entitled roles reveal, then they get what their role and the consent allow, and each reveal is audited without PI', async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const hr = await reveal(w, t.app, w.tokens.hr_bureau, w.t1);
    expect(hr.status).toBe(200);
    expect(hr.body).toMatchObject(PI.t1);
    const ent = await reveal(w, t.app, w.tokens.enterprise, w.t1);
    expect(ent.status).toBe(200);
    expect(ent.body).toMatchObject({ phone: PI.t1.phone, email: PI.t1.email });
    expect(ent.body).not.toHaveProperty('idNumber');
    // t2 lets enterprises find it (matching) but did not consent to contact sharing.
    expect((await reveal(w, t.app, w.tokens.enterprise, w.t2)).status).toBe(403);
    // t3 is not visible to enterprises at all: its id is not confirmed.
    expect((await reveal(w, t.app, w.tokens.enterprise, w.t3)).status).toBe(404);
    expect((await reveal(w, t.app, w.tokens.chain_chief, w.t1)).status).toBe(403);
    expect((await reveal(w, t.app, w.tokens.institute, w.t1)).status).toBe(403);
    expect((await reveal(w, t.app, w.other.talent, w.t1)).status).toBe(404);
    const entries = await auditEntries(t.app, w.tokens.admin, { action: 'talent.contact.reveal' });
    expect(entries.map((e) => [e.role, e.recordId, e.outcome]).sort()).toEqual(
      [
        ['enterprise', w.t1, 'ok'],
        ['enterprise', w.t2, 'denied'],
        ['hr_bureau', w.t1, 'ok'],
      ].sort(),
    );
    expect(entries.every((e) => e.purpose === `recruitment:${w.needAPublic}` && e.requestId)).toBe(true);
    const raw = JSON.stringify(await t.runtime.deps.store.collection('audit').list({ limit: 1000 }));
    for (const v of [...ALL_PI, '李华']) expect(raw).not.toContain(v);
  });

  it('when a reveal carries free text as its purpose, then it is refused', async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const res = await request(t.app)
      .post(`/api/v1/talents/${w.t1}/contact`)
      .set(bearer(w.tokens.hr_bureau))
      .send({ purpose: '给张三打电话 13800000000' });
    expect(res.status).toBe(400);
  });
});

/** Keys a role may receive of a talent record in any list, search result or match. */
const TALENT_BASE = [
  'id',
  'name',
  'phone',
  'email',
  'title',
  'organisation',
  'city',
  'summary',
  'skills',
  'fields',
  'achievements',
  'yearsExperience',
  'availability',
  'nodeIds',
  'chainIds',
  'skillIds',
  'inferredNodeIds',
  'owner',
  'createdAt',
  'updatedAt',
  'version',
  'externalId',
];
const TALENT_ALLOWLIST: Record<Role, readonly string[]> = {
  admin: [...TALENT_BASE, 'idNumber', 'consent'],
  hr_bureau: [...TALENT_BASE, 'idNumber', 'consent'],
  chain_chief: TALENT_BASE,
  enterprise: TALENT_BASE,
  institute: TALENT_BASE,
  talent: [...TALENT_BASE, 'idNumber', 'consent'],
};
const MASKED = { phone: /^\d{3}\*{4}\d{4}$/, email: /^.\*{3}@/, idNumber: /^\d{3}\*+[\dX]{4}$/ };

function talentRecords(value: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) talentRecords(v, out);
  else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o['id'] === 'string' && o['id'].startsWith('tal_') && 'name' in o) out.push(o);
    for (const v of Object.values(o)) talentRecords(v, out);
  }
  return out;
}

describe('masking allowlist on every list, search and match response', () => {
  it('when every role calls every GET route, then personal fields are masked and only allowlisted talent fields appear', async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const ids: Record<string, string[]> = {
      talents: [w.t1, w.t2, w.t3],
      needs: [w.needAPublic, w.needAPrivate, w.needBPublic],
      institutes: [w.insA],
      enterprises: [w.entA],
    };
    const routes = buildRoutes(t.runtime.deps).filter(
      (r) => r.method === 'get' && r.path.startsWith('/api/v1/') && !r.path.startsWith('/api/v1/me/') && !r.path.startsWith('/api/v1/accounts'),
    );
    const urls: string[] = [];
    for (const r of routes) {
      const base = r.path.split('/')[3] ?? '';
      const paths = r.path.includes(':id') ? (ids[base] ?? []).map((id) => r.path.replace(':id', id)) : [r.path];
      const concrete = paths.map((p) => p.replace(':code', w.chain).replace(':nodeId', `${w.chain}.compressor`));
      // Required query parameters come from the schema; enum parameters are tried with every value.
      const js = (r.query ? z.toJSONSchema(r.query, { io: 'input', unrepresentable: 'any' }) : {}) as {
        properties?: Record<string, { enum?: string[]; default?: unknown }>;
        required?: string[];
      };
      let queries: Array<Record<string, string>> = [{}];
      for (const [name, prop] of Object.entries(js.properties ?? {})) {
        if (prop.enum && prop.enum.length <= 6 && name !== 'order' && name !== 'sort')
          queries = queries.flatMap((q) => (prop.enum ?? []).map((v) => ({ ...q, [name]: v })));
        else if ((js.required ?? []).includes(name))
          queries = queries.flatMap((q) => ['压缩机 NVH', '李华', 'expert'].map((v) => ({ ...q, [name]: v })));
      }
      for (const p of concrete) for (const q of queries) urls.push(`${p}?${new URLSearchParams(q).toString()}`);
    }
    expect(urls.some((u) => u.startsWith('/api/v1/search'))).toBe(true);
    expect(urls.some((u) => u.includes('/matches'))).toBe(true);

    const tokens: Array<[Role, string, string | undefined]> = ROLES.map((r) => [r, w.tokens[r], r === 'talent' ? w.t1 : undefined]);
    let talentRecordsSeen = 0;
    for (const [role, token, self] of tokens) {
      for (const url of urls) {
        const res = await request(t.app).get(url).set(bearer(token));
        expect(res.status, `${role} ${url}`).toBeLessThan(500);
        const text = JSON.stringify(res.body);
        for (const [key, pi] of Object.entries(PI)) {
          const own = self !== undefined && self === w[key as 't1' | 't2' | 't3'];
          if (!own) for (const v of [pi.phone, pi.email, pi.idNumber]) expect(text, `${role} ${url} leaks ${key}`).not.toContain(v);
        }
        for (const rec of talentRecords(res.body)) {
          talentRecordsSeen++;
          const extra = Object.keys(rec).filter((k) => !TALENT_ALLOWLIST[role].includes(k));
          expect(extra, `${role} ${url} receives ${extra.join(',')}`).toEqual([]);
          if (rec['id'] === self) continue;
          for (const [field, pattern] of Object.entries(MASKED))
            if (typeof rec[field] === 'string') expect(rec[field], `${role} ${url} ${field}`).toMatch(pattern);
        }
      }
    }
    // The walk did reach talent records (lists, search hits, matches), so the checks ran.
    expect(talentRecordsSeen).toBeGreaterThan(20);
  }, 120_000);
});

describe('export and deletion', () => {
  it('when a talent exports its data, then it gets its whole profile and who revealed it, and the export is audited', async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    await request(t.app).post(`/api/v1/talents/${w.t1}/contact`).set(bearer(w.tokens.hr_bureau)).send({ purpose: 'talent_service' });
    const res = await request(t.app).get('/api/v1/me/export').set(bearer(w.tokens.talent));
    expect(res.status).toBe(200);
    expect(res.body.profile).toMatchObject({ id: w.t1, ...PI.t1, consent: { purposes: ['matching', 'hr_bureau_search', 'contact_sharing'] } });
    expect(res.body.account).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt\$|tokenHash/);
    expect((res.body.auditAboutProfile as AuditEntry[]).some((e) => e.action === 'talent.contact.reveal' && e.role === 'hr_bureau')).toBe(true);
    expect(await auditEntries(t.app, w.tokens.admin, { action: 'data.export', record: w.t1 })).toHaveLength(1);
  });

  it('when a talent deletes its profile, then store and search index lose it, the account is closed, and the deletion is audited', async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const { search, store } = t.runtime.deps;
    const inIndex = async () => (await search.search({ type: 'talents', q: '李华', limit: 20 })).hits.some((h) => h.id === w.t1);
    expect(await inIndex()).toBe(true);
    const res = await request(t.app).delete('/api/v1/me').set(bearer(w.tokens.talent));
    expect(res.status).toBe(204);
    expect(await store.collection('talents').get(w.t1)).toBeNull();
    expect(await inIndex()).toBe(false);
    const hits = await request(t.app).get('/api/v1/search').query({ q: '李华', type: 'talents' }).set(bearer(w.tokens.hr_bureau));
    expect(JSON.stringify(hits.body)).not.toContain(w.t1);
    expect((await request(t.app).get('/api/v1/auth/me').set(bearer(w.tokens.talent))).status).toBe(401);
    expect(
      (await request(t.app).post('/api/v1/auth/sign-in').send({ email: 'talent@demo.chaintalent.example', password: 'demo-talent-人才-2021' }))
        .status,
    ).toBe(401);
    expect(await t.runtime.deps.auth.findByEmail('talent@demo.chaintalent.example')).toBeNull();
    const entries = await auditEntries(t.app, w.tokens.admin, { action: 'talent.delete' });
    expect(entries).toMatchObject([{ recordId: w.t1, role: 'talent', purpose: 'pipl_erasure' }]);
  });
});

describe('audit log', () => {
  it('when an admin filters the trail by actor, action, record and time, then only matching entries come back, newest first, page by page', async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const start = new Date().toISOString();
    for (let i = 0; i < 3; i++)
      await request(t.app).post(`/api/v1/talents/${w.t1}/contact`).set(bearer(w.tokens.hr_bureau)).send({ purpose: 'verification' });
    const hr = await t.runtime.deps.auth.findByEmail('hr@demo.chaintalent.example');
    const page1 = await request(t.app)
      .get('/api/v1/audit')
      .query({ actor: hr?.id, action: 'talent.contact.reveal', record: w.t1, from: start, limit: 2 })
      .set(bearer(w.tokens.admin));
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await request(t.app)
      .get('/api/v1/audit')
      .query({ actor: hr?.id, action: 'talent.contact.reveal', limit: 2, cursor: page1.body.nextCursor as string })
      .set(bearer(w.tokens.admin));
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    const all = [...page1.body.items, ...page2.body.items] as AuditEntry[];
    expect([...all].sort((a, b) => b.at.localeCompare(a.at)).map((e) => e.id)).toEqual(all.map((e) => e.id));
    const before = await request(t.app)
      .get('/api/v1/audit')
      .query({ action: 'talent.contact.reveal', to: '2000-01-01T00:00:00Z' })
      .set(bearer(w.tokens.admin));
    expect(before.body.items).toEqual([]);
    for (const role of ['hr_bureau', 'chain_chief', 'enterprise', 'institute', 'talent'] as const)
      expect((await request(t.app).get('/api/v1/audit').set(bearer(w.tokens[role]))).status).toBe(403);
  });

  it('when any role tries to change or delete audit entries, then no route exists for it and the store refuses', async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const writes = buildRoutes(t.runtime.deps).filter((r) => r.method !== 'get' && r.path.includes('audit'));
    expect(writes).toEqual([]);
    const [entry] = await auditEntries(t.app, w.tokens.admin, { limit: '1' });
    for (const method of ['patch', 'put', 'delete'] as const) {
      const res = await request(t.app)[method](`/api/v1/audit/${entry?.id}`).set(bearer(w.tokens.admin)).send({});
      expect(res.status).toBe(404);
    }
    const col = t.runtime.deps.store.collection('audit');
    await expect(col.delete(entry?.id ?? '')).rejects.toMatchObject({ code: 'forbidden' });
  });
});
