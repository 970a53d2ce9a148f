import { AppError, UnprocessableError } from '../../errors.js';
import type { Enterprise } from '../../domain/schemas.js';
import { chainOfNode } from '../../domain/primitives.js';
import type { Principal } from '../../auth/principal.js';
import type { FilterValue } from '../../store/port.js';
import { createRecordService, type RecordService } from '../records/service.js';
import { chainOfNodes, checkGapRefs, chinaDate, isChainTeam, isGovernmentReader, type InstrumentDeps } from '../platforms/chain-scope.js';
import { ProjectInput, type Project } from './schema.js';

/** Late: a milestone past its date and not done; a project past its due date, or with a late milestone, and not completed. */
export function lateness(p: Project, today: string): { late: boolean; milestones: Array<Project['milestones'][number] & { late: boolean }> } {
  const milestones = p.milestones.map((m) => ({ ...m, late: !m.doneOn && m.due < today }));
  const active = p.status !== 'completed';
  return { late: active && (p.dueDate < today || milestones.some((m) => m.late)), milestones };
}

export function createProjectService(deps: InstrumentDeps): RecordService<Project> {
  const { store, catalog, clock } = deps;
  const enterprises = store.collection<Enterprise>('enterprises');
  const canRead = (p: Principal | null, d: Project) =>
    isGovernmentReader(p, d.chainId) || (p?.role === 'enterprise' && !!p.subjectId && p.subjectId === d.ownerEnterpriseId);
  return createRecordService<Project>(
    store.collection<Project>('projects'),
    {
      noun: 'project',
      idPrefix: 'prj',
      input: ProjectInput,
      inputKeys: Object.keys(ProjectInput.shape),
      derive: async (input) => {
        const nodeIds = input['nodeIds'] as string[];
        const chainId = await chainOfNodes(catalog, nodeIds, 'nodeIds');
        await checkGapRefs(catalog, input['gaps'] as [], nodeIds, 'gaps');
        const owner = input['ownerEnterpriseId'];
        if (typeof owner === 'string' && !(await enterprises.get(owner)))
          throw new UnprocessableError('body.ownerEnterpriseId', `enterprise ${owner} does not exist`);
        return { owner: { type: 'government', id: `chain:${chainId}` }, fields: { chainId } };
      },
    },
    {
      listScope: (p): Record<string, FilterValue> | null => {
        if (p?.role === 'admin' || p?.role === 'hr_bureau') return {};
        if (p?.role === 'chain_chief') return { chain: p.chains };
        if (p?.role === 'enterprise' && p.subjectId) return { ownerEnterprise: p.subjectId };
        return null;
      },
      canRead,
      assertCreate: (p, input) => {
        const first = ((input['nodeIds'] as string[] | undefined) ?? [])[0] ?? '';
        if (!isChainTeam(p, chainOfNode(first))) throw new AppError('forbidden', "Only the chain team manages its chain's key projects");
      },
      canWrite: (p, d) => isChainTeam(p, d.chainId),
      view: (_p, d) => ({ ...d, ...lateness(d, chinaDate(clock())) }),
    },
    { clock },
  );
}
