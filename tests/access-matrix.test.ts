import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildRoutes } from '../server/app.js';
import type { Role } from '../server/auth/principal.js';
import { ROLES, bearer, makeAuthApp, seedWorld, type AuthTestApp } from './helpers/auth.js';

/**
 * The route × role matrix, generated from the one route list: every route, every role and the
 * anonymous visitor. A route added later is covered without touching this file.
 */
const routes = await (async () => {
  const probe = await makeAuthApp({ bootstrap: false });
  try {
    return buildRoutes(probe.runtime.deps).map((r) => ({ method: r.method, path: r.path, access: r.access }));
  } finally {
    await probe.close();
  }
})();

const ROUTE_GATE = /may not use this route/;
const concrete = (path: string) =>
  path
    .replace(':code', 'test-home')
    .replace(':nodeId', 'test-home.compressor')
    .replace(/:[A-Za-z_]+/g, 'missing_1');

let t: AuthTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('route × role matrix', () => {
  it('when the routes are listed, then the table covers accounts, privacy, audit, records, search and matching', () => {
    const paths = new Set(routes.map((r) => r.path));
    for (const p of [
      '/api/v1/auth/sign-in',
      '/api/v1/talents/:id/contact',
      '/api/v1/me',
      '/api/v1/audit',
      '/api/v1/talents',
      '/api/v1/search',
      '/api/v1/needs/:id/matches',
    ])
      expect(paths).toContain(p);
  });

  it.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    'when every role calls %s, then only the roles of its access entry get past the gate',
    async (_name, route) => {
      t = await makeAuthApp();
      const w = await seedWorld(t);
      const callers: Array<Role | 'anonymous'> = ['anonymous', ...ROLES];
      for (const who of callers) {
        let req = request(t.app)[route.method](concrete(route.path));
        if (who !== 'anonymous') req = req.set(bearer(w.tokens[who]));
        if (['post', 'patch', 'put'].includes(route.method)) req = req.send({});
        const res = await req;
        const allowed = route.access === 'public' || (who !== 'anonymous' && route.access.roles.includes(who));
        const label = `${who} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`;
        if (allowed) {
          expect(res.status, label).not.toBe(401);
          expect(res.status === 403 && ROUTE_GATE.test(String(res.body.detail)), label).toBe(false);
          expect(res.status, label).toBeLessThan(500);
        } else {
          expect(res.status, label).toBe(who === 'anonymous' ? 401 : 403);
          expect(res.headers['content-type'], label).toMatch(/application\/problem\+json/);
        }
      }
    },
  );
});
