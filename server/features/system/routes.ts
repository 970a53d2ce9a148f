import { z } from 'zod';
import { defineRoute, type RouteDef } from '../../http/route.js';
import type { Store } from '../../store/port.js';
import type { SearchIndex } from '../../search/port.js';
import { AppError } from '../../errors.js';

const Health = z.object({ status: z.literal('ok') });
const Ready = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.string()) });

/** Liveness, readiness (each dependency answers within its timeout) and the OpenAPI document. */
export function systemRoutes(deps: { store: Store; search: SearchIndex; openapi: () => unknown; timeoutMs?: number }): RouteDef[] {
  const timeoutMs = deps.timeoutMs ?? 2_000;
  const check = async (name: string, ping: () => Promise<void>): Promise<[string, string]> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new AppError('unavailable', `${name} did not answer in ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      return [name, 'ok'];
    } catch (err) {
      return [name, err instanceof Error ? err.message : 'unavailable'];
    } finally {
      clearTimeout(timer);
    }
  };
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'health',
      summary: 'The process is alive',
      tags: ['system'],
      access: 'public',
      responses: { 200: { description: 'Alive', schema: Health } },
      handler: async () => ({ body: { status: 'ok' } }),
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'ready',
      summary: 'Store and search are reachable (503 otherwise)',
      tags: ['system'],
      access: 'public',
      responses: { 200: { description: 'Ready', schema: Ready }, 503: { description: 'A dependency is down', schema: Ready } },
      handler: async () => {
        const checks = Object.fromEntries(
          await Promise.all([
            check(`store:${deps.store.kind}`, () => deps.store.ping()),
            check(`search:${deps.search.kind}`, () => deps.search.ping()),
          ]),
        );
        const ok = Object.values(checks).every((v) => v === 'ok');
        return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'unavailable', checks } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/openapi.json',
      operationId: 'openapi',
      summary: 'This API as an OpenAPI 3.1 document',
      tags: ['system'],
      access: 'public',
      responses: { 200: { description: 'OpenAPI 3.1' } },
      handler: async () => ({ body: deps.openapi() }),
    }),
  ];
}
