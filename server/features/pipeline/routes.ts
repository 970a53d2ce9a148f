import { z } from 'zod';
import type { Role } from '../../auth/principal.js';
import { defineRoute, type RouteDef } from '../../http/route.js';
import { IdParams } from '../../http/query.js';
import { TransitionBody } from '../platforms/chain-scope.js';
import { PipelineEntry, PipelineInput, PipelineMoveTarget } from './schema.js';
import type { PipelineService } from './service.js';

/** Institutes and talents are candidates, not the ones who run a need's shortlist. */
const MANAGERS = { roles: ['admin', 'hr_bureau', 'chain_chief', 'enterprise'] satisfies Role[] };
const tags = ['pipeline'];

/** The match pipeline of a need: shortlisting candidates and recording how talks with each go. */
export function pipelineRoutes(s: PipelineService): RouteDef[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/needs/:id/pipeline',
      operationId: 'addToPipeline',
      summary: "Put a talent or institute on a need's pipeline as suggested, with its current match score",
      tags,
      access: MANAGERS,
      params: IdParams,
      body: PipelineInput,
      responses: {
        201: { description: 'The new pipeline entry', schema: PipelineEntry },
        404: { description: 'Unknown need or candidate, or a need the caller does not manage' },
        409: { description: 'The candidate is already in this need’s pipeline' },
      },
      handler: async ({ params, body, principal }) => {
        const entry = await s.add(principal, params.id, body);
        return { status: 201, body: entry, headers: { location: `/api/v1/pipeline/${entry.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/needs/:id/pipeline',
      operationId: 'listPipeline',
      summary: "A need's pipeline entries, oldest first",
      tags,
      access: MANAGERS,
      params: IdParams,
      responses: { 200: { description: 'The entries', schema: z.object({ items: z.array(PipelineEntry) }) } },
      handler: async ({ params, principal }) => ({ body: { items: await s.list(principal, params.id) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/pipeline/:id/transitions',
      operationId: 'movePipelineEntry',
      summary: 'Move an entry on (suggested → contacted → in_talks → agreed, or declined); agreed marks the need matched',
      tags,
      access: MANAGERS,
      params: IdParams,
      body: TransitionBody(PipelineMoveTarget),
      responses: {
        200: { description: 'The entry after the move', schema: PipelineEntry },
        409: { description: 'Not an allowed next status; the problem lists the allowed ones' },
      },
      handler: async ({ params, body, principal }) => ({ body: await s.move(principal, params.id, body.to, body.note) }),
    }),
  ];
}
