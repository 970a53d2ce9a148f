import type { CollectionSpec } from '../../store/port.js';
import type { RouteDef } from '../../http/route.js';
import { defineRoute } from '../../http/route.js';
import type { InstrumentDeps } from '../platforms/chain-scope.js';
import { PLATFORM_SPEC } from '../platforms/schema.js';
import { createPlatformService, type PlatformService } from '../platforms/service.js';
import { platformRoutes, ChainParams } from '../platforms/routes.js';
import { FIGURE_SPEC } from '../leading/schema.js';
import { createLeadingService, type LeadingService } from '../leading/service.js';
import { leadingRoutes } from '../leading/routes.js';
import { APPLICATION_SPEC, CHALLENGE_SPEC } from '../challenges/schema.js';
import { createChallengeService, type ChallengeService } from '../challenges/service.js';
import { createConsortiumRecommender } from '../challenges/consortium.js';
import { challengeRoutes } from '../challenges/routes.js';
import { PROJECT_SPEC, type Project } from '../projects/schema.js';
import { createProjectService } from '../projects/service.js';
import { projectRoutes } from '../projects/routes.js';
import type { RecordService } from '../records/service.js';
import { BattleMap, createBattleMap } from './service.js';

export type { InstrumentDeps };

/** The collections of the chain chief's instruments, appended to the app's specs by the composition root. */
export const INSTRUMENT_SPECS: readonly CollectionSpec[] = [PLATFORM_SPEC, FIGURE_SPEC, CHALLENGE_SPEC, APPLICATION_SPEC, PROJECT_SPEC];

/** The chain chief's instruments (issue 6): build-platforms, leading enterprises, 揭榜挂帅, key projects, battle map. */
export interface Instruments {
  platforms: PlatformService;
  leading: LeadingService;
  challenges: ChallengeService;
  consortia: ReturnType<typeof createConsortiumRecommender>;
  projects: RecordService<Project>;
  battleMap: ReturnType<typeof createBattleMap>;
}

export function createInstruments(deps: InstrumentDeps): Instruments {
  const challenges = createChallengeService(deps);
  return {
    platforms: createPlatformService(deps),
    leading: createLeadingService(deps),
    challenges,
    consortia: createConsortiumRecommender(deps, challenges),
    projects: createProjectService(deps),
    battleMap: createBattleMap(deps),
  };
}

export function instrumentRoutes(i: Instruments): RouteDef[] {
  return [
    ...platformRoutes(i.platforms),
    ...leadingRoutes(i.leading),
    ...challengeRoutes(i.challenges, i.consortia),
    ...projectRoutes(i.projects),
    defineRoute({
      method: 'get',
      path: '/api/v1/chains/:code/battle-map',
      operationId: 'battleMap',
      summary: 'Per node: its gaps and the projects, challenges and platforms closing them; what is late',
      tags: ['battle-map'],
      access: { roles: ['admin', 'hr_bureau', 'chain_chief'] },
      params: ChainParams,
      responses: { 200: { description: 'The battle map (作战图)', schema: BattleMap } },
      handler: async ({ params, principal }) => ({ body: await i.battleMap(principal, params.code) }),
    }),
  ];
}
