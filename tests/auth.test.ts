import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import pino from 'pino';
import { DEMO_ACCOUNTS, DemoCredentialsError, assertNoDemoCredentials, seedDemoAccounts } from '../server/auth/demo.js';
import type { AccountDoc } from '../server/auth/accounts.js';
import { hashPassword, needsRehash, verifyPassword } from '../server/auth/password.js';
import { loadConfig } from '../server/config.js';
import { compose } from '../server/compose.js';
import { ADMIN, bearer, makeAuthApp, seedWorld, signIn, type AuthTestApp } from './helpers/auth.js';
import { sharedKit } from './helpers/harness.js';

let t: AuthTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const expectProblem401 = (res: request.Response) => {
  expect(res.status).toBe(401);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 401, code: 'unauthenticated' });
};

describe('sign-in and sessions', () => {
  it('when the first admin signs in with the environment credentials, then /auth/me names the admin', async () => {
    t = await makeAuthApp();
    const token = await signIn(t.app, ADMIN.email, ADMIN.password);
    expect(token).toMatch(/^cts_/);
    const me = await request(t.app).get('/api/v1/auth/me').set(bearer(token));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'admin', via: 'session', account: { email: ADMIN.email } });
    expect(JSON.stringify(me.body)).not.toMatch(/passwordHash|scrypt\$/);
  });

  it('when the password is wrong or the e-mail unknown, then both get the same 401 problem', async () => {
    t = await makeAuthApp();
    const wrong = await request(t.app).post('/api/v1/auth/sign-in').send({ email: ADMIN.email, password: 'not-the-password' });
    const unknown = await request(t.app).post('/api/v1/auth/sign-in').send({ email: 'nobody@chaintalent.example', password: 'not-the-password' });
    expectProblem401(wrong);
    expectProblem401(unknown);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('when a session signs out, then its token is refused and another session of the account still works', async () => {
    t = await makeAuthApp();
    const a = await signIn(t.app, ADMIN.email, ADMIN.password);
    const b = await signIn(t.app, ADMIN.email, ADMIN.password);
    expect((await request(t.app).post('/api/v1/auth/sign-out').set(bearer(a))).status).toBe(204);
    expectProblem401(await request(t.app).get('/api/v1/auth/me').set(bearer(a)));
    expect((await request(t.app).get('/api/v1/auth/me').set(bearer(b))).status).toBe(200);
  });

  it('when the session outlives SESSION_TTL_MINUTES, then it is refused', async () => {
    t = await makeAuthApp({ env: { SESSION_TTL_MINUTES: '30' } });
    const token = await signIn(t.app, ADMIN.email, ADMIN.password);
    t.advance(29 * 60_000);
    expect((await request(t.app).get('/api/v1/auth/me').set(bearer(token))).status).toBe(200);
    t.advance(2 * 60_000);
    expectProblem401(await request(t.app).get('/api/v1/auth/me').set(bearer(token)));
  });

  it('when a token is tampered with or the header is malformed, then even a public route answers 401', async () => {
    t = await makeAuthApp();
    const token = await signIn(t.app, ADMIN.email, ADMIN.password);
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    for (const header of [`Bearer ${token.slice(0, -1)}${last}`, `Bearer ${token}x`, `Basic ${token}`, 'Bearer', `Bearer cts_${'a'.repeat(43)}`]) {
      expectProblem401(await request(t.app).get('/api/v1/chains').set({ authorization: header }));
    }
  });

  it('when a password is stored, then only a salted scrypt hash is kept and equal passwords hash differently', async () => {
    t = await makeAuthApp();
    await seedWorld(t);
    const accounts = t.runtime.deps.store.collection<AccountDoc>('accounts');
    const a = await accounts.findByUnique('email', 'ent-b@chaintalent.example');
    const b = await accounts.findByUnique('email', 'ins-b@chaintalent.example');
    expect(a?.passwordHash).toMatch(/^scrypt\$\d+\$8\$\d\$/);
    expect(a?.passwordHash).not.toBe(b?.passwordHash);
    expect(JSON.stringify(a)).not.toContain('second-tenant-password');
  });

  it('when a hash was made with weaker parameters, then it still verifies and is flagged for upgrade', async () => {
    const weak = await hashPassword('correct horse battery', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('correct horse battery', weak)).toBe(true);
    expect(await verifyPassword('correct horse batterz', weak)).toBe(false);
    expect(needsRehash(weak, { N: 2048, r: 8, p: 1 })).toBe(true);
    expect(await verifyPassword('x', 'scrypt$1099511627776$8$1$AAAA$AAAA')).toBe(false);
  });

  it('when someone signs in, then the log holds neither the password, the token nor the e-mail', async () => {
    t = await makeAuthApp();
    const token = await signIn(t.app, ADMIN.email, ADMIN.password);
    await request(t.app).post('/api/v1/auth/sign-in').send({ email: ADMIN.email, password: 'wrong-password-123' });
    await request(t.app).get('/api/v1/auth/me').set(bearer(token));
    const all = t.logs.join('\n');
    expect(all).toContain('auth.sign_in');
    for (const secret of [ADMIN.password, 'wrong-password-123', token, ADMIN.email]) expect(all).not.toContain(secret);
  });
});

describe('API tokens', () => {
  it('when a token is created, then it is shown once, listed without its secret, works, and stops working when revoked', async () => {
    t = await makeAuthApp();
    const session = await signIn(t.app, ADMIN.email, ADMIN.password);
    const created = await request(t.app).post('/api/v1/auth/tokens').set(bearer(session)).send({ name: 'excel sync', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const { token, id } = created.body as { token: string; id: string };
    expect(token).toMatch(/^cta_/);
    const list = await request(t.app).get('/api/v1/auth/tokens').set(bearer(session));
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(JSON.stringify(await t.runtime.deps.store.collection('api_tokens').get(id))).not.toContain(token);
    const me = await request(t.app).get('/api/v1/auth/me').set(bearer(token));
    expect(me.body).toMatchObject({ role: 'admin', via: 'api_token' });
    // An API token cannot mint successors for itself.
    expect((await request(t.app).post('/api/v1/auth/tokens').set(bearer(token)).send({ name: 'again' })).status).toBe(403);
    expect((await request(t.app).delete(`/api/v1/auth/tokens/${id}`).set(bearer(session))).status).toBe(204);
    expectProblem401(await request(t.app).get('/api/v1/auth/me').set(bearer(token)));
  });

  it('when an API token has expired, then it is refused', async () => {
    t = await makeAuthApp();
    const session = await signIn(t.app, ADMIN.email, ADMIN.password);
    const { token } = (await request(t.app).post('/api/v1/auth/tokens').set(bearer(session)).send({ name: 'short', expiresInDays: 1 })).body as {
      token: string;
    };
    t.advance(2 * 86_400_000);
    expectProblem401(await request(t.app).get('/api/v1/auth/me').set(bearer(token)));
  });

  it("when another account revokes a token's id, then it is unknown (404) and the token keeps working", async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const { token, id } = (await request(t.app).post('/api/v1/auth/tokens').set(bearer(w.tokens.enterprise)).send({ name: 'erp' })).body as {
      token: string;
      id: string;
    };
    expect((await request(t.app).delete(`/api/v1/auth/tokens/${id}`).set(bearer(w.other.enterprise))).status).toBe(404);
    expect((await request(t.app).get('/api/v1/auth/me').set(bearer(token))).status).toBe(200);
  });

  it('when ADMIN_API_TOKEN is configured, then it acts as an admin and a near miss is refused', async () => {
    const secret = 'automation-token-0123456789abcdefghijklmnop';
    t = await makeAuthApp({ env: { ADMIN_API_TOKEN: secret } });
    const me = await request(t.app).get('/api/v1/auth/me').set(bearer(secret));
    expect(me.body).toMatchObject({ role: 'admin', via: 'api_token' });
    expectProblem401(
      await request(t.app)
        .get('/api/v1/auth/me')
        .set(bearer(`${secret.slice(0, -1)}q`)),
    );
  });
});

describe('accounts (admin)', () => {
  it('when an admin creates accounts, then role scopes are checked and the new account can sign in', async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const admin = w.tokens.admin;
    const bad = [
      { email: 'c1@chaintalent.example', password: 'long-enough-password', role: 'chain_chief' },
      { email: 'c2@chaintalent.example', password: 'long-enough-password', role: 'chain_chief', chains: ['no-such-chain'] },
      { email: 'e1@chaintalent.example', password: 'long-enough-password', role: 'enterprise' },
      { email: 'e2@chaintalent.example', password: 'long-enough-password', role: 'enterprise', subjectId: w.insA },
      { email: 'h1@chaintalent.example', password: 'long-enough-password', role: 'hr_bureau', subjectId: w.entA },
    ];
    for (const body of bad) expect((await request(t.app).post('/api/v1/accounts').set(bearer(admin)).send(body)).status).toBe(422);
    const ok = await request(t.app)
      .post('/api/v1/accounts')
      .set(bearer(admin))
      .send({ email: 'c3@chaintalent.example', password: 'long-enough-password', role: 'chain_chief', chains: [w.chain] });
    expect(ok.status).toBe(201);
    expect(ok.body).not.toHaveProperty('passwordHash');
    await signIn(t.app, 'c3@chaintalent.example', 'long-enough-password');
  });

  it('when an admin disables an account, then its sessions and API tokens stop working at once', async () => {
    t = await makeAuthApp();
    const w = await seedWorld(t);
    const { token } = (await request(t.app).post('/api/v1/auth/tokens').set(bearer(w.other.enterprise)).send({ name: 'erp' })).body as {
      token: string;
    };
    const account = await t.runtime.deps.auth.findByEmail('ent-b@chaintalent.example');
    const res = await request(t.app).patch(`/api/v1/accounts/${account?.id}`).set(bearer(w.tokens.admin)).send({ disabled: true });
    expect(res.status).toBe(200);
    expectProblem401(await request(t.app).get('/api/v1/auth/me').set(bearer(w.other.enterprise)));
    expectProblem401(await request(t.app).get('/api/v1/auth/me').set(bearer(token)));
    expectProblem401(
      await request(t.app).post('/api/v1/auth/sign-in').send({ email: 'ent-b@chaintalent.example', password: 'second-tenant-password' }),
    );
  });
});

describe('bootstrap', () => {
  it('when bootstrap runs on every start, then the first admin is created once', async () => {
    t = await makeAuthApp();
    await t.runtime.bootstrap();
    const admins = await t.runtime.deps.auth.listAccounts({ role: 'admin', limit: 10 });
    expect(admins.items).toHaveLength(1);
    await signIn(t.app, ADMIN.email, ADMIN.password);
  });

  it('when production starts with a usable demo credential, then it refuses; once changed, it starts', async () => {
    t = await makeAuthApp();
    await seedWorld(t);
    const deps = t.runtime.deps;
    await expect(assertNoDemoCredentials(deps.auth, deps.config)).rejects.toBeInstanceOf(DemoCredentialsError);
    // The environment's admin, not the demo admin: changing a password revokes that account's sessions.
    const root = await signIn(t.app, ADMIN.email, ADMIN.password);
    for (const d of DEMO_ACCOUNTS) {
      const a = await deps.auth.findByEmail(d.email);
      const res = await request(t.app)
        .patch(`/api/v1/accounts/${a?.id}`)
        .set(bearer(root))
        .send({ password: `${d.password}-changed` });
      expect(res.status).toBe(200);
    }
    await expect(assertNoDemoCredentials(deps.auth, deps.config)).resolves.toBeUndefined();
    await expect(assertNoDemoCredentials(deps.auth, { ...deps.config, ADMIN_PASSWORD: DEMO_ACCOUNTS[0]?.password })).rejects.toBeInstanceOf(
      DemoCredentialsError,
    );
  });

  it('when NODE_ENV is production, then the demo accounts are never created and bootstrap guards start-up', async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DEMO_DATA: 'off',
      LOG_LEVEL: 'silent',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: DEMO_ACCOUNTS[0]?.password ?? '',
    });
    const runtime = await compose(config, pino({ level: 'silent' }), { memory: true, kit: await sharedKit(), scrypt: { N: 1024, r: 8, p: 1 } });
    try {
      await expect(seedDemoAccounts(runtime.deps, { chains: [], enterpriseId: 'x', instituteId: 'x', talentId: 'x' })).rejects.toBeInstanceOf(
        DemoCredentialsError,
      );
      await expect(runtime.bootstrap()).rejects.toBeInstanceOf(DemoCredentialsError);
    } finally {
      await runtime.close();
    }
  });
});
