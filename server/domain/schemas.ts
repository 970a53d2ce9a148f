import { z } from 'zod';
import {
  City,
  Email,
  ExternalId,
  Id,
  IdNumber,
  IndustryCode,
  IsoDate,
  IsoDateTime,
  MobilePhone,
  NodeId,
  Slug,
  Tags,
  Uscc,
  text,
} from './primitives.js';

/**
 * The domain's zod schemas: the single source of the TypeScript types, of request validation
 * and of the OpenAPI document. `*Input` is what a client may send; the stored document adds
 * the system fields, which a client can never set (mass assignment is impossible by construction).
 */

export const OwnerType = z.enum(['enterprise', 'institute', 'talent', 'government']);
export const Owner = z.strictObject({ type: OwnerType, id: z.string() });
export type Owner = z.infer<typeof Owner>;

/** Derived by the matching engine at write time: lexicon concepts and, if none were named, inferred nodes. */
export const DerivedFields = {
  skillIds: z.array(z.string()).default([]),
  inferredNodeIds: z.array(z.string()).default([]),
};

export const SystemFields = {
  id: Id,
  owner: Owner,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int().min(1),
};

// ---------- chains ----------
export const Stage = z.enum(['upstream', 'midstream', 'downstream']);
export const GapKind = z.enum(['technology', 'talent', 'supplier', 'platform']);
export const GapStatus = z.enum(['open', 'in_progress', 'closed']);

export const GapInput = z.strictObject({
  id: Slug.max(64),
  kind: GapKind,
  title: text(2, 80),
  description: text(0, 1000).default(''),
  severity: z.number().int().min(1).max(5),
  status: GapStatus.default('open'),
});
export type Gap = z.infer<typeof GapInput>;

export const ChainNodeInput = z.strictObject({
  id: NodeId,
  name: text(1, 40),
  nameEn: text(1, 80),
  stage: Stage,
  order: z.number().int().min(0).max(1000),
  industryCodes: z.array(IndustryCode).max(10).default([]),
  description: text(0, 500).default(''),
  keywords: Tags(40).default([]),
  gaps: z.array(GapInput).max(30).default([]),
});
export type ChainNode = z.infer<typeof ChainNodeInput>;

export const SupplyLink = z.strictObject({ from: NodeId, to: NodeId, note: text(0, 120).optional() });

export const ChainInput = z
  .strictObject({
    externalId: ExternalId.optional(),
    code: Slug.max(40),
    name: text(2, 40),
    nameEn: text(2, 80),
    description: text(0, 2000).default(''),
    chief: text(0, 60).default(''),
    industryCodes: z.array(IndustryCode).max(20).default([]),
    leadingEnterpriseIds: z.array(Id).max(50).default([]),
    nodes: z.array(ChainNodeInput).min(1).max(40),
    links: z.array(SupplyLink).max(200).default([]),
  })
  .superRefine((chain, ctx) => {
    const ids = new Set<string>();
    chain.nodes.forEach((n, i) => {
      if (!n.id.startsWith(`${chain.code}.`)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `must start with "${chain.code}."` });
      if (ids.has(n.id)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: 'is a duplicate node id' });
      ids.add(n.id);
    });
    chain.links.forEach((l, i) => {
      if (!ids.has(l.from)) ctx.addIssue({ code: 'custom', path: ['links', i, 'from'], message: 'is not a node of this chain' });
      if (!ids.has(l.to)) ctx.addIssue({ code: 'custom', path: ['links', i, 'to'], message: 'is not a node of this chain' });
    });
  });
export const Chain = z.object({ ...SystemFields, ...ChainInput.shape });
export type ChainInput = z.infer<typeof ChainInput>;
export type Chain = z.infer<typeof Chain>;

// ---------- enterprises ----------
export const Liaison = z.strictObject({
  name: text(1, 40),
  phone: MobilePhone.optional(),
  email: Email.optional(),
});

export const EnterpriseInput = z.strictObject({
  externalId: ExternalId.optional(),
  name: text(2, 80),
  nameEn: text(0, 120).optional(),
  creditCode: Uscc,
  city: City,
  district: text(0, 32).optional(),
  description: text(0, 2000).default(''),
  nodeIds: z.array(NodeId).max(40).default([]),
  leading: z.boolean().default(false),
  employees: z.number().int().min(0).max(10_000_000).optional(),
  website: z.url().max(200).optional(),
  liaison: Liaison.optional(),
});
export const Enterprise = z.object({ ...SystemFields, ...EnterpriseInput.shape, chainIds: z.array(Slug), ...DerivedFields });
export type EnterpriseInput = z.infer<typeof EnterpriseInput>;
export type Enterprise = z.infer<typeof Enterprise>;

// ---------- needs ----------
export const NeedKind = z.enum(['talent', 'challenge', 'collaboration']);
export const NeedStatus = z.enum(['open', 'matched', 'closed']);
export const Budget = z.strictObject({
  minWan: z.number().min(0).max(1_000_000).optional(),
  maxWan: z.number().min(0).max(1_000_000).optional(),
  note: text(0, 200).optional(),
});

export const NeedInput = z
  .strictObject({
    externalId: ExternalId.optional(),
    enterpriseId: Id,
    nodeId: NodeId,
    gapId: Slug.max(64).optional(),
    kind: NeedKind,
    title: text(4, 80),
    description: text(10, 4000),
    skills: Tags(30, 40).default([]),
    city: City,
    budget: Budget.optional(),
    deadline: IsoDate.optional(),
    status: NeedStatus.default('open'),
    public: z.boolean().default(true),
  })
  .superRefine((n, ctx) => {
    if (n.budget?.minWan !== undefined && n.budget.maxWan !== undefined && n.budget.minWan > n.budget.maxWan)
      ctx.addIssue({ code: 'custom', path: ['budget', 'minWan'], message: 'must not exceed budget.maxWan' });
  });
export const Need = z.object({ ...SystemFields, ...NeedInput.shape, chainId: Slug, ...DerivedFields });
export type NeedInput = z.infer<typeof NeedInput>;
export type Need = z.infer<typeof Need>;

// ---------- talents ----------
export const Availability = z.enum(['available', 'part_time', 'open_to_offers', 'unavailable']);
export const ConsentPurpose = z.enum(['matching', 'hr_bureau_search', 'contact_sharing']);
export const Consent = z.strictObject({
  version: text(1, 20),
  acceptedAt: IsoDateTime,
  purposes: z.array(ConsentPurpose).min(1).max(3),
});
export type Consent = z.infer<typeof Consent>;

export const TalentInput = z
  .strictObject({
    externalId: ExternalId.optional(),
    name: text(1, 40),
    phone: MobilePhone.optional(),
    email: Email.optional(),
    idNumber: IdNumber.optional(),
    title: text(0, 60).default(''),
    organisation: text(0, 80).default(''),
    city: City.optional(),
    summary: text(0, 2000).default(''),
    skills: Tags(40, 40).default([]),
    fields: Tags(20, 40).default([]),
    achievements: Tags(20, 300).default([]),
    yearsExperience: z.number().int().min(0).max(70).optional(),
    availability: Availability.default('open_to_offers'),
    nodeIds: z.array(NodeId).max(20).default([]),
    consent: Consent,
  })
  .refine((t) => t.summary.length > 0 || t.skills.length > 0 || t.fields.length > 0, {
    path: ['summary'],
    message: 'a talent needs some descriptive text: summary, skills or fields',
  });
export const Talent = z.object({ ...SystemFields, ...TalentInput.shape, chainIds: z.array(Slug), ...DerivedFields });
export type TalentInput = z.infer<typeof TalentInput>;
export type Talent = z.infer<typeof Talent>;

// ---------- institutes ----------
export const InstituteKind = z.enum(['university', 'research_institute', 'lab', 'new_rd_institution', 'engineering_center', 'testing_center']);
export const InstituteInput = z.strictObject({
  externalId: ExternalId.optional(),
  name: text(2, 80),
  nameEn: text(0, 160).optional(),
  kind: InstituteKind,
  city: City,
  description: text(0, 3000).default(''),
  capabilities: Tags(40, 120).default([]),
  equipment: Tags(40, 120).default([]),
  disciplines: Tags(20, 40).default([]),
  platforms: Tags(20, 80).default([]),
  nodeIds: z.array(NodeId).max(40).default([]),
  contact: Liaison.optional(),
});
export const Institute = z.object({ ...SystemFields, ...InstituteInput.shape, chainIds: z.array(Slug), ...DerivedFields });
export type InstituteInput = z.infer<typeof InstituteInput>;
export type Institute = z.infer<typeof Institute>;

/** Fields holding personal information, per resource: masked in lists, never logged. */
export const PERSONAL_FIELDS = {
  talents: ['phone', 'email', 'idNumber'],
  enterprises: ['liaison.phone', 'liaison.email'],
  institutes: ['contact.phone', 'contact.email'],
} as const;
