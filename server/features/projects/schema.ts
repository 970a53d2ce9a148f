import { z } from 'zod';
import { ExternalId, Id, IsoDate, NodeId, Slug, text } from '../../domain/primitives.js';
import { SystemFields } from '../../domain/schemas.js';
import type { CollectionSpec } from '../../store/port.js';
import { GapRef } from '../platforms/chain-scope.js';

/** 重点项目清单: a key project of a chain, the gaps it closes, its owner and its milestones. */
export const ProjectStatus = z.enum(['planned', 'in_progress', 'completed', 'suspended']);
export type ProjectStatus = z.infer<typeof ProjectStatus>;

export const Milestone = z.strictObject({
  id: Slug.max(40),
  title: text(2, 80),
  due: IsoDate,
  doneOn: IsoDate.optional(),
  note: text(0, 300).optional(),
});

export const ProjectInput = z
  .strictObject({
    externalId: ExternalId.optional(),
    name: text(2, 80),
    description: text(0, 2000).default(''),
    nodeIds: z.array(NodeId).min(1).max(20),
    gaps: z.array(GapRef).max(30).default([]),
    /** The unit that answers for it (牵头单位): an enterprise, a district, an institute. */
    ownerName: text(2, 80),
    /** Set when the owner is an enterprise on the platform; that enterprise then sees the project. */
    ownerEnterpriseId: Id.optional(),
    investmentWan: z.number().min(0).max(100_000_000).optional(),
    startDate: IsoDate,
    dueDate: IsoDate,
    status: ProjectStatus.default('planned'),
    milestones: z.array(Milestone).max(50).default([]),
  })
  .superRefine((p, ctx) => {
    if (p.dueDate < p.startDate) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'must not be before startDate' });
    const seen = new Set<string>();
    p.milestones.forEach((m, i) => {
      if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: ['milestones', i, 'id'], message: 'is a duplicate milestone id' });
      seen.add(m.id);
    });
    if (p.status === 'completed') {
      const open = p.milestones.findIndex((m) => !m.doneOn);
      if (open >= 0)
        ctx.addIssue({ code: 'custom', path: ['status'], message: `cannot be completed while milestone ${p.milestones[open]?.id} has no doneOn` });
    }
  });

const StoredProject = z.object({ ...SystemFields, ...ProjectInput.shape, chainId: Slug });
export type Project = z.infer<typeof StoredProject>;
/** As read: the stored project plus late flags computed against today's date (Asia/Shanghai). */
export const ProjectView = StoredProject.extend({
  late: z.boolean(),
  milestones: z.array(Milestone.extend({ late: z.boolean() })),
});

export const PROJECT_SPEC: CollectionSpec = {
  name: 'projects',
  filters: { chain: 'chainId', node: 'nodeIds', status: 'status', ownerEnterprise: 'ownerEnterpriseId', owner: 'owner.id' },
  unique: ['externalId'],
  label: 'name',
};
