import { z } from 'zod';
import type { Role } from '../../auth/principal.js';
import { defineRoute, type RouteDef } from '../../http/route.js';
import { FilterParam, IdParams, listQuerySchema, pageOf, toListQuery } from '../../http/query.js';
import { Id, Slug } from '../../domain/primitives.js';
import { ChainParams } from '../platforms/routes.js';
import { ChainView, Figure, FigureInput, IndicatorCard, Ranking } from './schema.js';
import type { LeadingService } from './service.js';

const roles = (...r: Role[]) => ({ roles: r });
const GOV = roles('admin', 'hr_bureau', 'chain_chief');
const SEERS = roles('admin', 'hr_bureau', 'chain_chief', 'enterprise');
const tags = ['leading-enterprises'];
const ChainEnterpriseParams = z.strictObject({ code: Slug.max(40), enterpriseId: Id });

/** 培育链上领头羊: entered figures, an enterprise's indicator card, the ranked candidates, a 链主's view of its chain. */
export function leadingRoutes(s: LeadingService): RouteDef[] {
  const filters = { enterprise: FilterParam.optional(), kind: FilterParam.optional(), chain: FilterParam.optional() };
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/indicator-figures',
      operationId: 'enterIndicatorFigure',
      summary: 'Enter a figure (R&D intensity, patents, local supplier share) with its date and source',
      tags,
      access: roles('admin', 'chain_chief', 'enterprise'),
      body: FigureInput,
      responses: { 201: { description: 'The figure', schema: Figure } },
      handler: async ({ body, principal }) => ({ status: 201, body: await s.enterFigure(principal, body) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/indicator-figures',
      operationId: 'listIndicatorFigures',
      summary: 'Figures the caller may see: its own (enterprise), its chains’ (chain chief), all (admin, HR bureau)',
      tags,
      access: SEERS,
      query: listQuerySchema(filters),
      responses: { 200: { description: 'A page', schema: pageOf(Figure) } },
      handler: async ({ query, principal }) => {
        const page = await s.figures.list(principal, toListQuery(query, Object.keys(filters)));
        return { body: { items: page.items, nextCursor: page.nextCursor } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/indicator-figures/:id',
      operationId: 'deleteIndicatorFigure',
      summary: 'Delete a figure entered in error',
      tags,
      access: roles('admin', 'chain_chief', 'enterprise'),
      params: IdParams,
      responses: { 204: { description: 'Deleted' } },
      handler: async ({ params, principal }) => {
        await s.figures.remove(principal, params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/chains/:code/leading-candidates',
      operationId: 'rankLeadingCandidates',
      summary: "The chain's enterprises ranked as leading-enterprise candidates; each indicator with value, weight and source",
      tags,
      access: GOV,
      params: ChainParams,
      responses: { 200: { description: 'Ranked candidates', schema: Ranking } },
      handler: async ({ params, principal }) => ({ body: await s.ranking(principal, params.code) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/chains/:code/enterprises/:enterpriseId/indicators',
      operationId: 'enterpriseIndicators',
      summary: "One enterprise's indicators on a chain (the enterprise sees its own; government sees its chains')",
      tags,
      access: SEERS,
      params: ChainEnterpriseParams,
      responses: { 200: { description: 'The indicator card', schema: IndicatorCard } },
      handler: async ({ params, principal }) => ({ body: await s.card(principal, params.code, params.enterpriseId) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/chains/:code/enterprises/:enterpriseId/chain-view',
      operationId: 'leadingChainView',
      summary: 'For a leading enterprise: open needs of its upstream and downstream nodes and the local parties that fit them',
      tags,
      access: SEERS,
      params: ChainEnterpriseParams,
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(30, 'must be at most 30').default(10) }),
      responses: { 200: { description: 'Up/downstream needs with fitting local parties', schema: ChainView } },
      handler: async ({ params, query, principal }) => ({ body: await s.chainView(principal, params.code, params.enterpriseId, query.limit) }),
    }),
  ];
}
