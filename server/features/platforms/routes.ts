import { z } from 'zod';
import type { Role } from '../../auth/principal.js';
import { NodeId, Slug } from '../../domain/primitives.js';
import { defineRoute, type RouteDef } from '../../http/route.js';
import { FilterParam, IdParams } from '../../http/query.js';
import { recordRoutes } from '../records/routes.js';
import { TransitionBody } from './chain-scope.js';
import { Coverage, Platform, PlatformInput, PlatformRecommendations, PlatformStatus, ProposalBody } from './schema.js';
import type { PlatformService } from './service.js';

const roles = (...r: Role[]) => ({ roles: r });
const TEAM = roles('admin', 'chain_chief');
const GOV = roles('admin', 'hr_bureau', 'chain_chief');
export const ChainParams = z.strictObject({ code: Slug.max(40) });

/** 链上造平台: platform records, their status moves, coverage per node and whom to invite. */
export function platformRoutes(s: PlatformService): RouteDef[] {
  return [
    ...recordRoutes({
      plural: 'platforms',
      noun: 'Platform',
      // Creation goes through the feature service so that the first history entry names who registered it.
      service: { ...s.records, create: s.create },
      input: PlatformInput,
      doc: Platform,
      filters: {
        chain: FilterParam.optional(),
        node: FilterParam.optional(),
        institute: FilterParam.optional(),
        enterprise: FilterParam.optional(),
        status: FilterParam.optional(),
        kind: FilterParam.optional(),
      },
      access: { read: 'public', create: TEAM, update: TEAM, remove: TEAM, bulk: TEAM },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/platforms/:id/transitions',
      operationId: 'movePlatform',
      summary: 'Move a platform through proposed → negotiating → established (or withdrawn); recorded with who and when',
      tags: ['platforms'],
      access: TEAM,
      params: IdParams,
      body: TransitionBody(PlatformStatus),
      responses: {
        200: { description: 'The platform after the move', schema: Platform },
        409: { description: 'Not an allowed next status (the problem lists them)' },
      },
      handler: async ({ params, body, principal }) => ({ body: await s.move(principal, params.id, body.to, body.note) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/chains/:code/platform-coverage',
      operationId: 'platformCoverage',
      summary: 'Per node of a chain: established and pipeline platforms, and technology/platform gaps no platform addresses',
      tags: ['platforms'],
      access: GOV,
      params: ChainParams,
      responses: { 200: { description: 'Coverage per node', schema: Coverage } },
      handler: async ({ params, principal }) => ({ body: await s.coverage(principal, params.code) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/chains/:code/platform-recommendations',
      operationId: 'platformRecommendations',
      summary: 'For each node without full platform coverage (or one node), the institutes whose capabilities best fit its gaps and needs',
      tags: ['platforms'],
      access: GOV,
      params: ChainParams,
      query: z.strictObject({ node: NodeId.optional(), limit: z.coerce.number().int().min(1).max(20, 'must be at most 20').default(5) }),
      responses: { 200: { description: 'Ranked, explained institutes per node', schema: PlatformRecommendations } },
      handler: async ({ params, query, principal }) => ({
        body: await s.recommend(principal, params.code, { nodeId: query.node, limit: query.limit }),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/platform-proposals',
      operationId: 'proposePlatform',
      summary: 'Turn a recommendation into a proposed platform at a node, keeping the score and explanation it was based on',
      tags: ['platforms'],
      access: TEAM,
      body: ProposalBody,
      responses: { 201: { description: 'The proposed platform', schema: Platform } },
      handler: async ({ body, principal }) => {
        const doc = await s.propose(principal, body);
        return { status: 201, body: doc, headers: { location: `/api/v1/platforms/${doc.id}` } };
      },
    }),
  ];
}
