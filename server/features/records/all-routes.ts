import { z } from 'zod';
import {
  Chain,
  ChainInput,
  Enterprise,
  EnterpriseInput,
  Institute,
  InstituteInput,
  Need,
  NeedInput,
  Talent,
  TalentInput,
} from '../../domain/schemas.js';
import { BoolParam, FilterParam } from '../../http/query.js';
import type { RouteDef } from '../../http/route.js';
import type { Role } from '../../auth/principal.js';
import type { RecordServices } from './index.js';
import { recordRoutes } from './routes.js';

const roles = (...r: Role[]) => ({ roles: r });
const SIGNED_IN = roles('admin', 'hr_bureau', 'chain_chief', 'enterprise', 'institute', 'talent');
const GOV = roles('admin', 'hr_bureau', 'chain_chief');

/** Route-level gates of the access table; object-level rules are in policies.ts. */
export function allRecordRoutes(s: RecordServices): RouteDef[] {
  return [
    ...recordRoutes({
      plural: 'chains',
      noun: 'Chain',
      service: s.chains,
      input: ChainInput,
      doc: Chain,
      filters: { code: FilterParam.optional() },
      access: { read: 'public', create: roles('admin'), update: roles('admin', 'chain_chief'), remove: roles('admin'), bulk: roles('admin') },
    }),
    ...recordRoutes({
      plural: 'enterprises',
      noun: 'Enterprise',
      service: s.enterprises,
      input: EnterpriseInput,
      doc: Enterprise,
      filters: { chain: FilterParam.optional(), node: FilterParam.optional(), city: FilterParam.optional(), leading: BoolParam.optional() },
      access: { read: SIGNED_IN, create: GOV, update: roles('admin', 'chain_chief', 'enterprise'), remove: roles('admin'), bulk: GOV },
    }),
    ...recordRoutes({
      plural: 'needs',
      noun: 'Need',
      service: s.needs,
      input: NeedInput,
      doc: Need,
      filters: {
        chain: FilterParam.optional(),
        node: FilterParam.optional(),
        city: FilterParam.optional(),
        kind: FilterParam.optional(),
        status: FilterParam.optional(),
        enterprise: FilterParam.optional(),
        gap: FilterParam.optional(),
      },
      access: {
        read: 'public',
        create: roles('admin', 'enterprise', 'chain_chief'),
        update: roles('admin', 'enterprise', 'chain_chief'),
        remove: roles('admin', 'enterprise', 'chain_chief'),
        bulk: roles('admin', 'enterprise', 'chain_chief'),
      },
    }),
    ...recordRoutes({
      plural: 'talents',
      noun: 'Talent',
      service: s.talents,
      input: TalentInput,
      doc: Talent,
      filters: { chain: FilterParam.optional(), node: FilterParam.optional(), city: FilterParam.optional(), availability: FilterParam.optional() },
      access: {
        read: SIGNED_IN,
        create: roles('admin', 'hr_bureau'),
        update: roles('admin', 'hr_bureau', 'talent'),
        remove: roles('admin', 'talent'),
        bulk: roles('admin', 'hr_bureau'),
      },
    }),
    ...recordRoutes({
      plural: 'institutes',
      noun: 'Institute',
      service: s.institutes,
      input: InstituteInput,
      doc: Institute,
      filters: { chain: FilterParam.optional(), node: FilterParam.optional(), city: FilterParam.optional(), kind: FilterParam.optional() },
      access: { read: 'public', create: GOV, update: roles('admin', 'institute'), remove: roles('admin'), bulk: GOV },
    }),
  ];
}

export { z };
