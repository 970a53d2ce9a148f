import type { Role } from '../../auth/principal.js';
import type { RouteDef } from '../../http/route.js';
import { FilterParam } from '../../http/query.js';
import { recordRoutes } from '../records/routes.js';
import type { RecordService } from '../records/service.js';
import { ProjectInput, ProjectView, type Project } from './schema.js';

const roles = (...r: Role[]) => ({ roles: r });
const TEAM = roles('admin', 'chain_chief');

/** Key projects are government records: the chain team manages them, an owning enterprise reads its own. */
export function projectRoutes(s: RecordService<Project>): RouteDef[] {
  return recordRoutes({
    plural: 'projects',
    noun: 'Project',
    service: s,
    input: ProjectInput,
    doc: ProjectView,
    filters: { chain: FilterParam.optional(), node: FilterParam.optional(), status: FilterParam.optional(), ownerEnterprise: FilterParam.optional() },
    access: { read: roles('admin', 'hr_bureau', 'chain_chief', 'enterprise'), create: TEAM, update: TEAM, remove: TEAM, bulk: TEAM },
  });
}
