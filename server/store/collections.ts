import type { CollectionSpec } from './port.js';

/**
 * The platform's collections, described once for both store adapters. Filter keys are the
 * names the API accepts (`?chain=`, `?node=`), mapped to document paths.
 */
export const RECORD_SPECS = {
  chains: { name: 'chains', filters: { code: 'code' }, unique: ['externalId', 'code'], label: 'name' },
  enterprises: {
    name: 'enterprises',
    filters: { chain: 'chainIds', node: 'nodeIds', city: 'city', leading: 'leading', owner: 'owner.id' },
    unique: ['externalId', 'creditCode'],
    label: 'name',
    indexed: true,
  },
  needs: {
    name: 'needs',
    filters: {
      chain: 'chainId',
      node: 'nodeId',
      city: 'city',
      kind: 'kind',
      status: 'status',
      enterprise: 'enterpriseId',
      gap: 'gapId',
      public: 'public',
      owner: 'owner.id',
    },
    unique: ['externalId'],
    label: 'title',
    indexed: true,
  },
  talents: {
    name: 'talents',
    filters: { chain: 'chainIds', node: 'nodeIds', city: 'city', availability: 'availability', owner: 'owner.id', purpose: 'consent.purposes' },
    unique: ['externalId'],
    label: 'name',
    indexed: true,
  },
  institutes: {
    name: 'institutes',
    filters: { chain: 'chainIds', node: 'nodeIds', city: 'city', kind: 'kind', owner: 'owner.id' },
    unique: ['externalId'],
    label: 'name',
    indexed: true,
  },
} as const satisfies Record<string, CollectionSpec>;

export type RecordCollection = keyof typeof RECORD_SPECS;

/** Every spec the app's store is built with; later features append theirs here. */
export function allSpecs(extra: readonly CollectionSpec[] = []): CollectionSpec[] {
  return [...Object.values(RECORD_SPECS), ...extra];
}
