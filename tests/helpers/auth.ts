import { Writable } from 'node:stream';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import type { Principal, Role } from '../../server/auth/principal.js';
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../../server/auth/demo.js';
import { SYSTEM_PRINCIPAL } from '../../server/auth/service.js';
import { loadConfig } from '../../server/config.js';
import { compose, type Runtime } from '../../server/compose.js';
import { isValidIdNumber } from '../../server/domain/primitives.js';
import { buildChain, buildEnterprise, buildInstitute, buildNeed, buildTalent } from './builders.js';
import { sharedKit } from './harness.js';

export const ROLES: readonly Role[] = ['admin', 'hr_bureau', 'chain_chief', 'enterprise', 'institute', 'talent'];
export const ADMIN = { email: 'root@chaintalent.example', password: 'root-password-for-tests' };
/** Cheap scrypt so that a suite can sign in many times; production uses DEFAULT_SCRYPT. */
const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };

export interface AuthTestApp {
  app: Express;
  runtime: Runtime;
  /** Every line the app logged, as written (JSON). */
  logs: string[];
  /** Moves the app's clock forward. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** A fresh app on an in-memory store with the first admin bootstrapped from the environment. */
export async function makeAuthApp(options: { env?: Record<string, string>; bootstrap?: boolean } = {}): Promise<AuthTestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO_DATA: 'off',
    LOG_LEVEL: 'info',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ...options.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  const runtime = await compose(config, pino({ level: 'info' }, sink), { memory: true, kit: await sharedKit(), clock, scrypt: TEST_SCRYPT });
  if (options.bootstrap !== false) await runtime.bootstrap();
  return {
    app: createApp(runtime.deps),
    runtime,
    logs,
    advance: (ms) => {
      offset += ms;
    },
    close: () => runtime.close(),
  };
}

export function idNumber(first17: string): string {
  for (const c of '0123456789X') if (isValidIdNumber(first17 + c)) return first17 + c;
  throw new Error('unreachable: one check character always fits');
}

/** Personal information of the fixture talents, to look for in responses. */
export const PI = {
  t1: { phone: '13812341234', email: 'li.hua@example.com', idNumber: idNumber('44060619800101123') },
  t2: { phone: '13912345678', email: 'wang.fang@example.com', idNumber: idNumber('44060619850202234') },
  t3: { phone: '13712349876', email: 'zhao.lei@example.com', idNumber: idNumber('44060619900303345') },
};

export interface World {
  chain: string;
  otherChain: string;
  entA: string;
  entB: string;
  insA: string;
  insB: string;
  /** t1: all purposes incl. contact_sharing (the demo talent); t2: matching only; t3: hr_bureau_search only. */
  t1: string;
  t2: string;
  t3: string;
  needAPublic: string;
  needAPrivate: string;
  needBPublic: string;
  needBPrivate: string;
  tokens: Record<Role, string>;
  /** Tokens of second accounts: enterprise B, institute B, talent t2, chain chief of the other chain. */
  other: { enterprise: string; institute: string; talent: string; chain_chief: string };
}

const consent = (purposes: string[]) => ({ version: '2026-01', acceptedAt: '2026-01-15T08:00:00+08:00', purposes });

/**
 * Two tenants of each kind on two chains, three talents with different consents, public and
 * private needs, and one signed-in session per role (demo accounts) plus one per second tenant.
 */
export async function seedWorld(t: AuthTestApp): Promise<World> {
  const r = t.runtime.deps.records;
  const sys: Principal = SYSTEM_PRINCIPAL;
  await r.chains.create(sys, buildChain({ code: 'test-home' }));
  await r.chains.create(sys, buildChain({ code: 'test-robot', name: '测试机器人链', nameEn: 'Test robot chain' }));
  const entA = await r.enterprises.create(sys, buildEnterprise());
  const entB = await r.enterprises.create(sys, buildEnterprise({ nodeIds: ['test-robot.motor'] }));
  const insA = await r.institutes.create(sys, buildInstitute());
  const insB = await r.institutes.create(sys, buildInstitute());
  const t1 = await r.talents.create(
    sys,
    buildTalent({ name: '李华', ...PI.t1, consent: consent(['matching', 'hr_bureau_search', 'contact_sharing']) }),
  );
  const t2 = await r.talents.create(sys, buildTalent({ name: '王芳', ...PI.t2, consent: consent(['matching']) }));
  const t3 = await r.talents.create(sys, buildTalent({ name: '赵磊', ...PI.t3, consent: consent(['hr_bureau_search']) }));
  const needAPublic = await r.needs.create(sys, buildNeed(entA.id, { title: 'A公开需求压缩机' }));
  const needAPrivate = await r.needs.create(sys, buildNeed(entA.id, { title: 'A内部需求压缩机', public: false }));
  const needBPublic = await r.needs.create(sys, buildNeed(entB.id, { title: 'B公开需求电机', nodeId: 'test-robot.motor' }));
  const needBPrivate = await r.needs.create(sys, buildNeed(entB.id, { title: 'B内部需求电机', nodeId: 'test-robot.motor', public: false }));
  await seedDemoAccounts(t.runtime.deps, { chains: ['test-home'], enterpriseId: entA.id, instituteId: insA.id, talentId: t1.id });
  const auth = t.runtime.deps.auth;
  const second = [
    { key: 'enterprise', email: 'ent-b@chaintalent.example', role: 'enterprise', subjectId: entB.id, chains: [] },
    { key: 'institute', email: 'ins-b@chaintalent.example', role: 'institute', subjectId: insB.id, chains: [] },
    { key: 'talent', email: 'talent-2@chaintalent.example', role: 'talent', subjectId: t2.id, chains: [] },
    { key: 'chain_chief', email: 'chief-b@chaintalent.example', role: 'chain_chief', chains: ['test-robot'] },
  ] as const;
  for (const s of second)
    await auth.createAccount(sys, {
      email: s.email,
      password: 'second-tenant-password',
      role: s.role,
      chains: [...s.chains],
      ...('subjectId' in s ? { subjectId: s.subjectId } : {}),
    });
  const tokens = {} as Record<Role, string>;
  for (const d of DEMO_ACCOUNTS) tokens[d.role] = await signIn(t.app, d.email, d.password);
  const other = {} as World['other'];
  for (const s of second) other[s.key] = await signIn(t.app, s.email, 'second-tenant-password');
  return {
    chain: 'test-home',
    otherChain: 'test-robot',
    entA: entA.id,
    entB: entB.id,
    insA: insA.id,
    insB: insB.id,
    t1: t1.id,
    t2: t2.id,
    t3: t3.id,
    needAPublic: needAPublic.id,
    needAPrivate: needAPrivate.id,
    needBPublic: needBPublic.id,
    needBPrivate: needBPrivate.id,
    tokens,
    other,
  };
}

/** Signs in through the API and returns the session token (fails the test otherwise). */
export async function signIn(app: Express, email: string, password: string): Promise<string> {
  const res = await request(app).post('/api/v1/auth/sign-in').send({ email, password });
  if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { token: string }).token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
