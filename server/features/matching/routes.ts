import { z } from 'zod';
import { defineRoute, type RouteDef } from '../../http/route.js';
import { IdParams } from '../../http/query.js';
import { NodeId, Slug, text } from '../../domain/primitives.js';
import type { Role } from '../../auth/principal.js';
import type { MatchingService } from './service.js';

const Kind = z.enum(['talent', 'institute']).default('talent');
const target = (k: 'talent' | 'institute') => (k === 'talent' ? 'talents' : 'institutes') as 'talents' | 'institutes';
const MatchLimit = z.coerce.number().int().min(1).max(100, 'must be at most 100').default(20);

const Component = z.object({
  semantic: z.number(),
  keyword: z.number(),
  skills: z.number(),
  chain: z.number(),
  location: z.number(),
  availability: z.number(),
});
export const MatchResponseSchema = z.object({
  query: z.object({ conceptIds: z.array(z.string()), nodeId: z.string().optional(), nodeInferred: z.boolean(), modelVersion: z.string() }),
  results: z.array(
    z.object({
      id: z.string(),
      type: z.enum(['talents', 'institutes', 'needs']),
      score: z.number(),
      components: Component,
      explanation: z.object({ zh: z.string(), en: z.string() }),
      matched: z.object({
        concepts: z.array(z.object({ id: z.string(), zh: z.string(), en: z.string(), via: z.enum(['direct', 'related']) })),
        node: z.object({ relation: z.string(), nodeId: z.string().optional(), inferred: z.boolean() }),
        location: z.string(),
      }),
      highlights: z.record(z.string(), z.string()),
      record: z.record(z.string(), z.unknown()),
      pipeline: z.enum(['suggested', 'contacted', 'in_talks', 'agreed', 'declined']).nullable().optional(),
    }),
  ),
});

const MatchBody = z.strictObject({
  title: text(2, 80),
  description: text(4, 4000),
  skills: z.array(text(1, 40)).max(30).optional(),
  nodeId: NodeId.optional(),
  city: text(1, 32).optional(),
  kind: Kind,
  limit: z.number().int().min(1).max(100).default(20),
});

const roles = (...r: Role[]) => ({ roles: r });
const FINDERS = roles('admin', 'hr_bureau', 'chain_chief', 'enterprise', 'institute');

export function matchingRoutes(m: MatchingService): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/needs/:id/matches',
      operationId: 'matchesForNeed',
      summary: 'Ranked, explained candidates (talents or institutes) for a posted need',
      tags: ['matching'],
      access: roles('admin', 'hr_bureau', 'chain_chief', 'enterprise'),
      params: IdParams,
      query: z.strictObject({ kind: Kind, limit: MatchLimit }),
      responses: { 200: { description: 'Ranked candidates', schema: MatchResponseSchema } },
      handler: async ({ params, query, principal }) => ({ body: await m.forNeed(principal, params.id, target(query.kind), query.limit) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/match',
      operationId: 'matchText',
      summary: 'Rank candidates for a need not yet posted (the engine infers skills, node and chain)',
      tags: ['matching'],
      access: FINDERS,
      body: MatchBody,
      responses: { 200: { description: 'Ranked candidates', schema: MatchResponseSchema } },
      handler: async ({ body, principal }) => ({ body: await m.forText(principal, body, target(body.kind), body.limit) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/talents/:id/needs',
      operationId: 'needsForTalent',
      summary: 'Open needs that fit a talent',
      tags: ['matching'],
      access: roles('admin', 'hr_bureau', 'chain_chief', 'talent'),
      params: IdParams,
      query: z.strictObject({ limit: MatchLimit }),
      responses: { 200: { description: 'Ranked needs', schema: MatchResponseSchema } },
      handler: async ({ params, query, principal }) => ({ body: await m.needsFor(principal, 'talents', params.id, query.limit) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/institutes/:id/needs',
      operationId: 'needsForInstitute',
      summary: 'Open needs that fit an institute',
      tags: ['matching'],
      access: roles('admin', 'hr_bureau', 'chain_chief', 'institute'),
      params: IdParams,
      query: z.strictObject({ limit: MatchLimit }),
      responses: { 200: { description: 'Ranked needs', schema: MatchResponseSchema } },
      handler: async ({ params, query, principal }) => ({ body: await m.needsFor(principal, 'institutes', params.id, query.limit) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/chains/:code/nodes/:nodeId/candidates',
      operationId: 'candidatesForGap',
      summary: "Candidates for a chain node's open gaps (or one gap)",
      tags: ['matching'],
      access: roles('admin', 'hr_bureau', 'chain_chief'),
      params: z.strictObject({ code: Slug, nodeId: NodeId }),
      query: z.strictObject({ gap: Slug.optional(), kind: Kind, limit: MatchLimit }),
      responses: { 200: { description: 'Ranked candidates', schema: MatchResponseSchema } },
      handler: async ({ params, query, principal }) => ({
        body: await m.forGap(
          principal,
          params.nodeId.startsWith(`${params.code}.`) ? params.nodeId : `${params.code}.__none__`,
          query.gap,
          target(query.kind),
          query.limit,
        ),
      }),
    }),
  ];
}
