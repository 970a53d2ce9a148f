import { z } from 'zod';
import { ExternalId, Id, IsoDate, Slug, Tags, text } from '../../domain/primitives.js';
import { SystemFields } from '../../domain/schemas.js';
import type { CollectionSpec } from '../../store/port.js';
import { Transition } from '../platforms/chain-scope.js';

/**
 * 揭榜挂帅 stages as Foshan and Guangdong run them: 征集需求 (the need is collected and
 * drafted) → 发榜 (published; applications open) → 揭榜 (teams take up the challenge;
 * applications still accepted until the deadline) → 论证对接 (expert review and matching; one
 * application is selected) → 签约 (contract signed) → 验收 (acceptance). 撤榜 ends it early.
 */
export const ChallengeStage = z.enum(['collecting', 'published', 'taken', 'reviewing', 'signed', 'accepted', 'cancelled']);
export type ChallengeStage = z.infer<typeof ChallengeStage>;
export const STAGE_ZH: Record<ChallengeStage, string> = {
  collecting: '征集需求',
  published: '发榜',
  taken: '揭榜',
  reviewing: '论证对接',
  signed: '签约',
  accepted: '验收',
  cancelled: '撤榜',
};
export const STAGE_MOVES: Record<ChallengeStage, readonly ChallengeStage[]> = {
  collecting: ['published', 'cancelled'],
  published: ['taken', 'cancelled'],
  taken: ['reviewing', 'cancelled'],
  reviewing: ['signed', 'cancelled'],
  signed: ['accepted'],
  accepted: [],
  cancelled: [],
};
/** Stages in which parties may apply (发榜, 揭榜). */
export const APPLYING: readonly ChallengeStage[] = ['published', 'taken'];

export const ChallengeInput = z
  .strictObject({
    externalId: ExternalId.optional(),
    /** The posted need of kind challenge that this competition publishes. */
    needId: Id,
    /** Defaults to the need's title. */
    title: text(4, 80).optional(),
    goal: text(10, 2000),
    acceptanceCriteria: z.array(text(2, 300)).min(1).max(20),
    rewardWan: z.number().min(0).max(1_000_000),
    /** Last day applications are accepted. */
    deadline: IsoDate,
    /** When the work should pass acceptance (验收); past it and not accepted, the challenge is late. */
    completionDue: IsoDate.optional(),
    skills: Tags(30, 40).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.completionDue && c.completionDue < c.deadline)
      ctx.addIssue({ code: 'custom', path: ['completionDue'], message: 'must not be before deadline' });
  });

export const Challenge = z.object({
  ...SystemFields,
  ...ChallengeInput.shape,
  title: z.string(),
  chainId: Slug,
  nodeId: z.string(),
  gapId: z.string().optional(),
  /** The publishing enterprise (the need's). */
  enterpriseId: z.string(),
  stage: ChallengeStage,
  history: z.array(Transition),
  selectedApplicationId: z.string().optional(),
  /** Lexicon concepts of the challenge: what an applicant, or a consortium together, must cover. */
  conceptIds: z.array(z.string()),
});
export type Challenge = z.infer<typeof Challenge>;
export const ChallengeView = Challenge.extend({ stageZh: z.string(), late: z.boolean(), allowedNext: z.array(ChallengeStage) });

export const PartyType = z.enum(['talent', 'institute', 'enterprise']);
export type PartyType = z.infer<typeof PartyType>;
export const Party = z.strictObject({
  type: PartyType,
  id: Id,
  /** Its role in the team, e.g. 牵头单位, 技术负责人, 中试验证. */
  role: text(2, 40),
  contribution: text(0, 300).default(''),
});
export type Party = z.infer<typeof Party>;

/** What an applicant sends; the first member is the lead and must be the caller. */
export const ApplicationBody = z
  .strictObject({
    mode: z.enum(['solo', 'consortium']),
    members: z.array(Party).min(1).max(10),
    proposal: text(20, 4000),
    budgetWan: z.number().min(0).max(1_000_000).optional(),
    plannedMonths: z.number().int().min(1).max(120).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.mode === 'solo' && a.members.length !== 1)
      ctx.addIssue({ code: 'custom', path: ['members'], message: 'a solo application has exactly one member' });
    if (a.mode === 'consortium' && a.members.length < 2)
      ctx.addIssue({ code: 'custom', path: ['members'], message: 'a consortium has at least two members' });
    const seen = new Set<string>();
    a.members.forEach((m, i) => {
      const key = `${m.type}:${m.id}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['members', i, 'id'], message: 'is named twice' });
      seen.add(key);
    });
  });
export const ApplicationInput = ApplicationBody.safeExtend({ challengeId: Id });

export const ApplicationStatus = z.enum(['submitted', 'shortlisted', 'rejected', 'selected', 'not_selected', 'withdrawn']);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;
export const Application = z.object({
  ...SystemFields,
  ...ApplicationBody.shape,
  challengeId: z.string(),
  chainId: z.string(),
  /** The challenge's publishing enterprise, which reviews the application. */
  publisherId: z.string(),
  lead: z.object({ type: PartyType, id: z.string() }),
  memberIds: z.array(z.string()),
  status: ApplicationStatus,
  review: z.object({ score: z.number().optional(), note: z.string().optional(), at: z.string(), actorId: z.string() }).optional(),
  history: z.array(Transition),
});
export type Application = z.infer<typeof Application>;

export const ReviewBody = z.strictObject({
  decision: z.enum(['shortlisted', 'rejected']),
  score: z.number().min(0).max(100).optional(),
  note: text(0, 1000).optional(),
});
export const SelectionBody = z.strictObject({ applicationId: Id, note: text(0, 500).optional() });

export const CHALLENGE_SPEC: CollectionSpec = {
  name: 'challenges',
  filters: { chain: 'chainId', node: 'nodeId', stage: 'stage', enterprise: 'enterpriseId', need: 'needId', gap: 'gapId', owner: 'owner.id' },
  unique: ['externalId'],
  label: 'title',
};
export const APPLICATION_SPEC: CollectionSpec = {
  name: 'applications',
  filters: { challenge: 'challengeId', chain: 'chainId', publisher: 'publisherId', member: 'memberIds', status: 'status', owner: 'owner.id' },
  unique: [],
};

const Member = z.object({
  type: PartyType,
  id: z.string(),
  name: z.string(),
  role: z.string(),
  score: z.number(),
  covers: z.array(z.object({ id: z.string(), zh: z.string(), en: z.string() })),
});
export const ConsortiumRecommendations = z.object({
  challengeId: z.string(),
  concepts: z.array(z.object({ id: z.string(), zh: z.string(), en: z.string() })),
  bestSingle: Member.nullable(),
  consortia: z.array(
    z.object({
      members: z.array(Member),
      coverage: z.number(),
      covered: z.array(z.string()),
      missing: z.array(z.string()),
      beatsBestSingle: z.boolean(),
      explanation: z.object({ zh: z.string(), en: z.string() }),
    }),
  ),
});
export type ConsortiumRecommendations = z.infer<typeof ConsortiumRecommendations>;
