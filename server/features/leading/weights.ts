/**
 * 培育链上领头羊: the ONE place where the leading-enterprise indicators are weighted and scaled.
 *
 * Each indicator becomes a 0–1 score, the candidate's total is the weighted sum (weights add
 * up to 1), and every figure shown names its source. The scales are policy choices of the
 * chain team, not statistics: change them here (or pass other weights to
 * `createLeadingService`) and the ranking and its explanation follow.
 *
 * - control (控制力): share of the chain's nodes the enterprise operates at.
 * - rootedness (根植性): share of its suppliers and partners that are local — an entered figure (%).
 * - rdIntensity (研发强度): R&D spending as % of revenue — entered; `rdIntensityFull` % scores 1.
 * - patents (专利): valid invention patents — entered; scored on a log scale, `patentsFull` scores 1.
 * - platforms (平台): established platforms it co-builds or runs — computed; `platformsFull` scores 1.
 * - matchedNeeds (需求对接): share of the needs it posted on the chain that the platform matched — computed.
 */
export const INDICATORS = ['control', 'rootedness', 'rdIntensity', 'patents', 'platforms', 'matchedNeeds'] as const;
export type Indicator = (typeof INDICATORS)[number];

export interface LeadingWeights {
  weights: Record<Indicator, number>;
  rdIntensityFull: number;
  patentsFull: number;
  platformsFull: number;
}

export const DEFAULT_LEADING_WEIGHTS: LeadingWeights = {
  weights: { control: 0.25, rootedness: 0.2, rdIntensity: 0.2, patents: 0.15, platforms: 0.1, matchedNeeds: 0.1 },
  rdIntensityFull: 10,
  patentsFull: 500,
  platformsFull: 3,
};

/** Entered figures and the indicator each one feeds. */
export const FIGURE_KINDS = ['rd_intensity', 'patents', 'local_supplier_share'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];
export const FIGURE_FOR: Partial<Record<Indicator, FigureKind>> = {
  rootedness: 'local_supplier_share',
  rdIntensity: 'rd_intensity',
  patents: 'patents',
};
