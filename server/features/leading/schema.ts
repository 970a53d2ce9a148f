import { z } from 'zod';
import { ExternalId, Id, IsoDate, Slug, text } from '../../domain/primitives.js';
import { SystemFields } from '../../domain/schemas.js';
import type { CollectionSpec } from '../../store/port.js';
import { FIGURE_KINDS, INDICATORS } from './weights.js';

/** A figure entered by the enterprise or the chain team, always with its date and its source. */
export const FigureInput = z
  .strictObject({
    externalId: ExternalId.optional(),
    enterpriseId: Id,
    kind: z.enum(FIGURE_KINDS),
    value: z.number().min(0),
    /** The date the figure describes (e.g. a year-end). */
    asOf: IsoDate,
    /** Where it comes from: an annual report, a statistics return, a survey by the chain team. */
    source: text(2, 200),
    note: text(0, 300).optional(),
  })
  .superRefine((f, ctx) => {
    if ((f.kind === 'rd_intensity' || f.kind === 'local_supplier_share') && f.value > 100)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'is a percentage and must be at most 100' });
    if (f.kind === 'patents' && !Number.isInteger(f.value))
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'is a count and must be an integer' });
  });
export const Figure = z.object({ ...SystemFields, ...FigureInput.shape, chainIds: z.array(Slug) });
export type Figure = z.infer<typeof Figure>;

export const FIGURE_SPEC: CollectionSpec = {
  name: 'indicator_figures',
  filters: { enterprise: 'enterpriseId', kind: 'kind', chain: 'chainIds', owner: 'owner.id' },
  unique: ['externalId'],
};

export const IndicatorValue = z.object({
  indicator: z.enum(INDICATORS),
  value: z.number().nullable(),
  unit: z.string(),
  score: z.number(),
  weight: z.number(),
  weighted: z.number(),
  source: z.object({
    kind: z.enum(['computed', 'entered', 'missing']),
    detail: z.string(),
    asOf: z.string().optional(),
    figureId: z.string().optional(),
  }),
});
export const IndicatorCard = z.object({
  enterpriseId: z.string(),
  name: z.string(),
  chainId: z.string(),
  leading: z.boolean(),
  total: z.number(),
  indicators: z.array(IndicatorValue),
});
export type IndicatorCard = z.infer<typeof IndicatorCard>;
export const Ranking = z.object({
  chainId: z.string(),
  weights: z.record(z.string(), z.number()),
  candidates: z.array(IndicatorCard.extend({ rank: z.number() })),
});

const Fit = z.object({
  type: z.enum(['talent', 'institute', 'enterprise']),
  id: z.string(),
  name: z.string(),
  score: z.number(),
  explanation: z.object({ zh: z.string(), en: z.string() }),
});
export const ChainView = z.object({
  enterpriseId: z.string(),
  chainId: z.string(),
  nodes: z.array(z.string()),
  upstream: z.array(z.string()),
  downstream: z.array(z.string()),
  needs: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      kind: z.string(),
      nodeId: z.string(),
      direction: z.enum(['upstream', 'downstream']),
      enterpriseId: z.string(),
      deadline: z.string().optional(),
      fits: z.array(Fit),
    }),
  ),
});
export type ChainView = z.infer<typeof ChainView>;
