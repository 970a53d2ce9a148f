import type { z } from 'zod';
import type { EnterpriseInput, InstituteInput, NeedInput, TalentInput } from '../../server/domain/schemas.js';

/** Seed records are schema inputs with a stable external id, so reloading the seed is idempotent. */
export type TalentSeed = z.input<typeof TalentInput> & { externalId: string };
export type InstituteSeed = z.input<typeof InstituteInput> & { externalId: string };
export type EnterpriseSeed = z.input<typeof EnterpriseInput> & { externalId: string };
/** A need names its enterprise by external id; the loader resolves it to the stored id. */
export type NeedSeed = Omit<z.input<typeof NeedInput>, 'enterpriseId'> & {
  externalId: string;
  enterpriseExternalId: string;
};

export type Lang = 'zh' | 'en' | 'mixed';
