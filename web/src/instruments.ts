/**
 * Shapes of the chain chief's instruments (issue 6) and of the match pipeline, as the web app
 * reads them. Record types are inferred from the server's zod schemas through type-only imports
 * (erased at build time), so a schema change breaks the typecheck here rather than the page.
 */
import type { z } from 'zod';
import type {
  Coverage as CoverageSchema,
  Platform as PlatformSchema,
  PlatformRecommendations as RecsSchema,
} from '../../server/features/platforms/schema.js';
import type { Ranking as RankingSchema, ChainView as ChainViewSchema, IndicatorCard as CardSchema } from '../../server/features/leading/schema.js';
import type {
  Application as ApplicationSchema,
  ChallengeView as ChallengeViewSchema,
  ConsortiumRecommendations as ConsortiaSchema,
  ChallengeStage as StageSchema,
  PartyType as PartyTypeSchema,
} from '../../server/features/challenges/schema.js';
import type { ProjectView as ProjectViewSchema } from '../../server/features/projects/schema.js';
import type { Transition as TransitionSchema } from '../../server/features/platforms/chain-scope.js';
import type { PipelineEntry } from '../../server/features/pipeline/schema.js';
import type { Dashboard as ChainDashboard } from '../../server/features/dashboard/service.js';

export type { BattleMap } from '../../server/features/battlemap/service.js';
export type Platform = PlatformSchema;
export type PlatformStatus = Platform['status'];
export type Coverage = CoverageSchema;
export type PlatformRecommendations = RecsSchema;
export type Ranking = z.infer<typeof RankingSchema>;
export type IndicatorCard = CardSchema;
export type LeadingChainView = ChainViewSchema;
export type Challenge = z.infer<typeof ChallengeViewSchema>;
export type ChallengeStage = z.infer<typeof StageSchema>;
export type Application = ApplicationSchema;
export type PartyType = z.infer<typeof PartyTypeSchema>;
export type Consortia = ConsortiaSchema;
export type Project = z.infer<typeof ProjectViewSchema>;
export type Transition = TransitionSchema;

/** The real 揭榜挂帅 process, in order; 撤榜 (cancelled) ends it early. */
export const STAGE_ORDER = ['collecting', 'published', 'taken', 'reviewing', 'signed', 'accepted'] as const satisfies readonly ChallengeStage[];
export const ALL_STAGES = [...STAGE_ORDER, 'cancelled'] as const satisfies readonly ChallengeStage[];
/** Stages in which talents, institutes and enterprises may apply (发榜, 揭榜). */
export const APPLYING_STAGES: readonly ChallengeStage[] = ['published', 'taken'];

/** The build-platforms pipeline, as the server's PLATFORM_MOVES (a 409 names the allowed moves if they drift). */
export const PLATFORM_MOVES: Record<PlatformStatus, readonly PlatformStatus[]> = {
  proposed: ['negotiating', 'withdrawn'],
  negotiating: ['established', 'withdrawn'],
  established: [],
  withdrawn: ['proposed'],
};
export const PLATFORM_KINDS = [
  'branch_campus',
  'institute_branch',
  'rd_center',
  'lab',
  'engineering_center',
  'new_rd_institution',
] as const satisfies readonly Platform['kind'][];

/** Match pipeline (suggested → contacted → in talks → agreed, or declined), per server/features/pipeline. */
export const PIPELINE_STATUSES = ['suggested', 'contacted', 'in_talks', 'agreed', 'declined'] as const satisfies readonly PipelineEntry['status'][];
export type PipelineStatus = PipelineEntry['status'];
export type PipelineTarget = Exclude<PipelineStatus, 'suggested'>;
/** The moves offered as buttons, as the server's PIPELINE_MOVES (its 409 lists the allowed ones if they drift). */
export const PIPELINE_MOVES: Record<PipelineStatus, readonly PipelineTarget[]> = {
  suggested: ['contacted', 'declined'],
  contacted: ['in_talks', 'declined'],
  in_talks: ['agreed', 'declined'],
  agreed: [],
  declined: [],
};
export type { PipelineEntry, ChainDashboard };

export interface Concept {
  id: string;
  kind: string;
  zh: string;
  en: string;
}
