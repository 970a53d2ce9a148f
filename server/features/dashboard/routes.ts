import { defineRoute, type RouteDef } from '../../http/route.js';
import { ChainParams } from '../platforms/routes.js';
import { Dashboard, type DashboardService } from './service.js';

/** The chain chief's dashboard: needs per node, match rate, first response, and gaps nobody fits. */
export function dashboardRoutes(dashboard: DashboardService): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/chains/:code/dashboard',
      operationId: 'chainDashboard',
      summary:
        "A chain's needs per node, match rate (对接率) against the 80% target, median days to first contact, and open gaps without a good candidate",
      tags: ['dashboard'],
      access: { roles: ['admin', 'hr_bureau', 'chain_chief'] },
      params: ChainParams,
      responses: {
        200: { description: 'The dashboard, computed from the store', schema: Dashboard },
        404: { description: 'Unknown chain, or a chain chief of another chain' },
      },
      handler: async ({ params, principal }) => ({ body: await dashboard(principal, params.code) }),
    }),
  ];
}
