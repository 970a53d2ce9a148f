import { z } from 'zod';
import { City, ExternalId, Id, NodeId, Slug, text } from '../../domain/primitives.js';
import { SystemFields } from '../../domain/schemas.js';
import type { CollectionSpec } from '../../store/port.js';
import { GapRef, Transition } from './chain-scope.js';

/** 链上造平台: the kinds of presence a university or institute sets up in the region. */
export const PlatformKind = z.enum(['branch_campus', 'institute_branch', 'rd_center', 'lab', 'engineering_center', 'new_rd_institution']);
export const PLATFORM_KIND_ZH: Record<z.infer<typeof PlatformKind>, string> = {
  branch_campus: '分校/校区',
  institute_branch: '研究院分院',
  rd_center: '研发中心',
  lab: '实验室',
  engineering_center: '工程（技术）中心',
  new_rd_institution: '新型研发机构',
};

export const PlatformStatus = z.enum(['proposed', 'negotiating', 'established', 'withdrawn']);
export type PlatformStatus = z.infer<typeof PlatformStatus>;
/** The build-platforms pipeline: invited → in talks → set up; talks may fail at any point before. */
export const PLATFORM_MOVES: Record<PlatformStatus, readonly PlatformStatus[]> = {
  proposed: ['negotiating', 'withdrawn'],
  negotiating: ['established', 'withdrawn'],
  established: [],
  withdrawn: ['proposed'],
};

export const PlatformInput = z.strictObject({
  externalId: ExternalId.optional(),
  name: text(2, 80),
  kind: PlatformKind,
  instituteId: Id,
  /** Nodes of one chain that the platform serves. */
  nodeIds: z.array(NodeId).min(1).max(20),
  /** Gaps the platform is meant to close; they decide a node's coverage. */
  gaps: z.array(GapRef).max(30).default([]),
  /** Enterprises that co-build or run it (a leading enterprise's joint lab counts for its indicators). */
  enterpriseIds: z.array(Id).max(20).default([]),
  city: City.default('佛山'),
  district: text(0, 32).optional(),
  description: text(0, 2000).default(''),
});

export const Recommendation = z.object({
  score: z.number(),
  conceptIds: z.array(z.string()),
  explanation: z.object({ zh: z.string(), en: z.string() }),
  at: z.string(),
});

export const Platform = z.object({
  ...SystemFields,
  ...PlatformInput.shape,
  chainId: Slug,
  status: PlatformStatus,
  history: z.array(Transition),
  recommendation: Recommendation.optional(),
});
export type Platform = z.infer<typeof Platform>;

export const PLATFORM_SPEC: CollectionSpec = {
  name: 'platforms',
  filters: {
    chain: 'chainId',
    node: 'nodeIds',
    institute: 'instituteId',
    status: 'status',
    kind: 'kind',
    enterprise: 'enterpriseIds',
    owner: 'owner.id',
  },
  unique: ['externalId'],
  label: 'name',
};

export const ProposalBody = z.strictObject({
  instituteId: Id,
  nodeId: NodeId,
  kind: PlatformKind.default('rd_center'),
  name: text(2, 80).optional(),
  note: text(0, 500).optional(),
});

export const CoverageStatus = z.enum(['uncovered', 'partly_covered', 'covered']);
const PlatformBrief = z.object({ id: z.string(), name: z.string(), status: PlatformStatus, instituteId: z.string() });
export const Coverage = z.object({
  chainId: z.string(),
  nodes: z.array(
    z.object({
      nodeId: z.string(),
      name: z.string(),
      stage: z.string(),
      status: CoverageStatus,
      established: z.array(PlatformBrief),
      pipeline: z.array(PlatformBrief),
      gaps: z.array(
        z.object({
          id: z.string(),
          kind: z.string(),
          title: z.string(),
          severity: z.number(),
          status: z.string(),
          needsPlatform: z.boolean(),
          platformIds: z.array(z.string()),
        }),
      ),
    }),
  ),
  summary: z.object({ nodes: z.number(), uncovered: z.number(), partlyCovered: z.number(), covered: z.number() }),
});
export type Coverage = z.infer<typeof Coverage>;

export const PlatformRecommendations = z.object({
  chainId: z.string(),
  nodes: z.array(
    z.object({
      nodeId: z.string(),
      name: z.string(),
      status: CoverageStatus,
      gapIds: z.array(z.string()),
      openNeeds: z.number(),
      candidates: z.array(
        z.object({
          instituteId: z.string(),
          name: z.string(),
          city: z.string(),
          kind: z.string(),
          score: z.number(),
          concepts: z.array(z.object({ id: z.string(), zh: z.string(), en: z.string() })),
          explanation: z.object({ zh: z.string(), en: z.string() }),
        }),
      ),
    }),
  ),
});
export type PlatformRecommendations = z.infer<typeof PlatformRecommendations>;
