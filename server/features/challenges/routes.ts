import { z } from 'zod';
import type { Role } from '../../auth/principal.js';
import { defineRoute, type RouteDef } from '../../http/route.js';
import { FilterParam, IdParams, listQuerySchema, pageOf, toListQuery } from '../../http/query.js';
import { recordRoutes } from '../records/routes.js';
import { TransitionBody } from '../platforms/chain-scope.js';
import {
  Application,
  ApplicationBody,
  ChallengeInput,
  ChallengeStage,
  ChallengeView,
  ConsortiumRecommendations,
  ReviewBody,
  SelectionBody,
  type Challenge,
} from './schema.js';
import type { ChallengeService } from './service.js';
import type { createConsortiumRecommender } from './consortium.js';

const roles = (...r: Role[]) => ({ roles: r });
const RUNNERS = roles('admin', 'chain_chief', 'enterprise');
const APPLICANTS = roles('admin', 'talent', 'institute', 'enterprise');
const SIGNED_IN = roles('admin', 'hr_bureau', 'chain_chief', 'enterprise', 'institute', 'talent');
const tags = ['challenges'];

/** 揭榜挂帅: the open call, its stages, applications (alone or as a consortium), review and selection. */
export function challengeRoutes(s: ChallengeService, recommend: ReturnType<typeof createConsortiumRecommender>): RouteDef[] {
  const appFilters = { challenge: FilterParam.optional(), status: FilterParam.optional(), publisher: FilterParam.optional() };
  return [
    ...recordRoutes<Challenge>({
      plural: 'challenges',
      noun: 'Challenge',
      // Creation checks the need and its manager, and opens the stage history with who published it.
      service: { ...s.challenges, create: s.create },
      input: ChallengeInput,
      doc: ChallengeView,
      filters: {
        chain: FilterParam.optional(),
        node: FilterParam.optional(),
        stage: FilterParam.optional(),
        enterprise: FilterParam.optional(),
        need: FilterParam.optional(),
        gap: FilterParam.optional(),
      },
      access: { read: 'public', create: RUNNERS, update: RUNNERS, remove: RUNNERS, bulk: roles('admin') },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/challenges/:id/transitions',
      operationId: 'moveChallenge',
      summary: 'Move a challenge to its next stage (征集需求 → 发榜 → 揭榜 → 论证对接 → 签约 → 验收, or 撤榜); recorded with who and when',
      tags,
      access: RUNNERS,
      params: IdParams,
      body: TransitionBody(ChallengeStage),
      responses: {
        200: { description: 'The challenge after the move', schema: ChallengeView },
        409: { description: 'Not an allowed next stage; the problem lists the allowed ones' },
        422: { description: 'The stage is allowed but its precondition is not met (no applications, no selection, deadline past)' },
      },
      handler: async ({ params, body, principal }) => ({ body: s.view(await s.move(principal, params.id, body.to, body.note)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/challenges/:id/applications',
      operationId: 'applyToChallenge',
      summary: 'Apply alone or as a consortium (the first member is the lead and must be the caller)',
      tags,
      access: APPLICANTS,
      params: IdParams,
      body: ApplicationBody,
      responses: {
        201: { description: 'The application', schema: Application },
        409: { description: 'Not accepting applications, deadline past, or already applied' },
      },
      handler: async ({ params, body, principal }) => {
        const a = await s.apply(principal, params.id, body);
        return { status: 201, body: a, headers: { location: `/api/v1/applications/${a.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/challenges/:id/applications',
      operationId: 'listChallengeApplications',
      summary: "A challenge's applications: all of them for its enterprise and chain team, one's own for applicants",
      tags,
      access: SIGNED_IN,
      params: IdParams,
      responses: { 200: { description: 'Applications', schema: z.object({ items: z.array(Application) }) } },
      handler: async ({ params, principal }) => ({ body: { items: await s.applicationsOf(principal, params.id) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/challenges/:id/selection',
      operationId: 'selectApplication',
      summary: 'Select one application in 论证对接; the others become not_selected',
      tags,
      access: RUNNERS,
      params: IdParams,
      body: SelectionBody,
      responses: { 200: { description: 'The challenge with its selection', schema: ChallengeView } },
      handler: async ({ params, body, principal }) => ({ body: s.view(await s.select(principal, params.id, body.applicationId, body.note)) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/challenges/:id/consortium-recommendations',
      operationId: 'recommendConsortia',
      summary: "Complementary teams (institute + enterprise + expert) whose skills together cover the challenge's better than any single applicant",
      tags,
      access: roles('admin', 'hr_bureau', 'chain_chief', 'enterprise', 'institute'),
      params: IdParams,
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(10, 'must be at most 10').default(3) }),
      responses: { 200: { description: 'Teams with their coverage explained', schema: ConsortiumRecommendations } },
      handler: async ({ params, query, principal }) => ({ body: await recommend(principal, params.id, query.limit) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/applications',
      operationId: 'listApplications',
      summary: 'Applications the caller may see: its own (as any member), those to its challenges, or those on its chains',
      tags,
      access: SIGNED_IN,
      query: listQuerySchema(appFilters),
      responses: { 200: { description: 'A page', schema: pageOf(Application) } },
      handler: async ({ query, principal }) => {
        const page = await s.applications.list(principal, toListQuery(query, Object.keys(appFilters)));
        return { body: { items: page.items, nextCursor: page.nextCursor } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/applications/:id',
      operationId: 'getApplication',
      summary: 'Read one application',
      tags,
      access: SIGNED_IN,
      params: IdParams,
      responses: { 200: { description: 'The application', schema: Application } },
      handler: async ({ params, principal }) => ({ body: await s.applications.get(principal, params.id) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/applications/:id/review',
      operationId: 'reviewApplication',
      summary: 'Shortlist or reject an application, with a score and a note',
      tags,
      access: RUNNERS,
      params: IdParams,
      body: ReviewBody,
      responses: { 200: { description: 'The reviewed application', schema: Application } },
      handler: async ({ params, body, principal }) => ({ body: await s.review(principal, params.id, body) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/applications/:id/withdrawal',
      operationId: 'withdrawApplication',
      summary: 'The lead applicant withdraws while the challenge is in 发榜 or 揭榜',
      tags,
      access: APPLICANTS,
      params: IdParams,
      responses: { 200: { description: 'The withdrawn application', schema: Application } },
      handler: async ({ params, principal }) => ({ body: await s.withdraw(principal, params.id) }),
    }),
  ];
}
