import { z } from 'zod';
import { Id, IsoDateTime, Slug, text } from '../../domain/primitives.js';
import type { CollectionSpec } from '../../store/port.js';

/**
 * The match pipeline (BRIEF `Match`): a need's shortlist of candidates and how far talks with
 * each have gone. suggested → contacted → in talks → agreed, or declined at any step before.
 */
export const PipelineStatus = z.enum(['suggested', 'contacted', 'in_talks', 'agreed', 'declined']);
export type PipelineStatus = z.infer<typeof PipelineStatus>;
export const PIPELINE_MOVES: Record<PipelineStatus, readonly PipelineStatus[]> = {
  suggested: ['contacted', 'declined'],
  contacted: ['in_talks', 'declined'],
  in_talks: ['agreed', 'declined'],
  agreed: [],
  declined: [],
};
/** The statuses a client may ask for: `suggested` is only where an entry starts. */
export const PipelineMoveTarget = z.enum(['contacted', 'in_talks', 'agreed', 'declined']);

export const CandidateType = z.enum(['talents', 'institutes']);
export type CandidateType = z.infer<typeof CandidateType>;

export const PipelineInput = z.strictObject({
  candidateType: CandidateType,
  candidateId: Id,
  note: text(0, 500).optional(),
});

export const PipelineStep = z.object({
  status: PipelineStatus,
  at: IsoDateTime,
  /** Account id of whoever made the move (亲清: every official action is traceable). */
  by: z.string(),
  note: z.string().optional(),
});
export type PipelineStep = z.infer<typeof PipelineStep>;

/** What the API returns for an entry. */
export const PipelineEntry = z.object({
  id: z.string(),
  needId: z.string(),
  chainId: Slug,
  nodeId: z.string(),
  candidateType: CandidateType,
  candidateId: z.string(),
  status: PipelineStatus,
  /** The candidate's match score for the need when it was added, if it ranked in the top 100; otherwise null. */
  score: z.number().nullable(),
  history: z.array(PipelineStep),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PipelineEntry = z.infer<typeof PipelineEntry>;

export const PIPELINE_SPEC: CollectionSpec = {
  name: 'pipeline',
  filters: { need: 'needId', chain: 'chainId', node: 'nodeId', status: 'status', candidate: 'candidateId' },
  // One entry per need × candidate, enforced by the store so that two concurrent adds cannot both succeed.
  unique: ['pairKey'],
};
