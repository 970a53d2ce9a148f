import { createRng, type Rng } from './prng.js';
import { createCatalog } from './text/catalog.js';
import { composeEnterprise, composeInstitute, composeNeed, composeTalent, type ComposedEnterprise, type InstituteKind } from './text/compose.js';
import type { EnterpriseSeed, InstituteSeed, NeedSeed, TalentSeed } from './text/types.js';

/**
 * Synthetic load for benchmarks: schema-valid records at volume, from the same phrase banks as
 * the demo. Records are built one at a time from a per-record PRNG stream, so memory stays flat
 * (except for the enterprise stubs needs refer to) and record i is the same whatever the batch size.
 */
export interface LoadOptions {
  talents: number;
  institutes: number;
  needs?: number;
  /** Enterprises that post the needs; defaults to one per four needs. */
  enterprises?: number;
  seed?: number;
  batchSize?: number;
}

export type LoadBatch =
  | { kind: 'talents'; items: TalentSeed[] }
  | { kind: 'institutes'; items: InstituteSeed[] }
  | { kind: 'enterprises'; items: EnterpriseSeed[] }
  | { kind: 'needs'; items: NeedSeed[] };

const pad6 = (n: number): string => String(n).padStart(6, '0');
// Load records use their own mail domain and no phones: the fictional 1990000xxxx block holds
// only 10,000 numbers and belongs to the demo.
const MAIL_DOMAIN = 'load.example.com';
// Keeps load credit codes out of the demo's serial range.
const USCC_SERIAL_OFFSET = 500_000;
// Distinct salts per record type, so talent i and institute i do not share a random stream.
const SALT = { talent: 1 << 24, institute: 2 << 24, enterprise: 3 << 24, need: 4 << 24 } as const;

const INSTITUTE_KINDS: readonly (readonly [InstituteKind, number])[] = [
  ['new_rd_institution', 3],
  ['university', 2],
  ['lab', 3],
  ['research_institute', 2],
  ['engineering_center', 2],
  ['testing_center', 2],
];

export function* generateLoad(options: LoadOptions): Generator<LoadBatch, void, undefined> {
  const seed = options.seed ?? 20210402;
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  const cat = createCatalog();
  const root = createRng(seed);
  const nodeIds = cat.nodeIds;
  const stream = (salt: number, i: number): Rng => root.fork(salt + i);

  function* batches<T>(count: number, make: (i: number) => T): Generator<T[], void, undefined> {
    let items: T[] = [];
    for (let i = 1; i <= count; i++) {
      items.push(make(i));
      if (items.length === batchSize) {
        yield items;
        items = [];
      }
    }
    if (items.length > 0) yield items;
  }

  for (const items of batches(options.talents, (i) => {
    const r = stream(SALT.talent, i);
    return composeTalent(r, cat, {
      externalId: `load-tal-${pad6(i)}`,
      serial: i,
      primary: r.pick(nodeIds),
      withNodeIds: r.chance(0.7),
      withPhone: false,
      mailDomain: MAIL_DOMAIN,
    });
  }))
    yield { kind: 'talents', items };

  for (const items of batches(options.institutes, (i) => {
    const r = stream(SALT.institute, i);
    const primary = r.pick(nodeIds);
    const neighbours = cat.ref(primary).neighbours;
    return composeInstitute(r, cat, {
      externalId: `load-ins-${pad6(i)}`,
      serial: i,
      kind: r.weighted(INSTITUTE_KINDS),
      nodeIds: [primary, ...r.sample(neighbours, r.int(0, 2))],
      withPhone: false,
      mailDomain: MAIL_DOMAIN,
    });
  }))
    yield { kind: 'institutes', items };

  const needCount = options.needs ?? 0;
  if (needCount <= 0) return;
  const enterpriseCount = Math.max(1, options.enterprises ?? Math.ceil(needCount / 4));
  // Needs refer to their poster by external id; only these stubs are kept in memory.
  const posters: (Pick<ComposedEnterprise, 'shortZh' | 'district'> & { externalId: string; nodeId: string })[] = [];
  for (const items of batches(enterpriseCount, (i) => {
    const r = stream(SALT.enterprise, i);
    const primary = r.pick(nodeIds);
    const chainCode = cat.ref(primary).chain.code;
    const c = composeEnterprise(r, cat, {
      externalId: `load-ent-${pad6(i)}`,
      serial: USCC_SERIAL_OFFSET + i,
      chainCode,
      nodeIds: [primary],
      leading: false,
      withPhone: false,
      mailDomain: MAIL_DOMAIN,
    });
    posters.push({ externalId: c.seed.externalId, shortZh: c.shortZh, district: c.district, nodeId: primary });
    return c.seed;
  }))
    yield { kind: 'enterprises', items };

  for (const items of batches(needCount, (i) => {
    const r = stream(SALT.need, i);
    const e = r.int(0, enterpriseCount - 1);
    const poster = posters[e];
    if (poster === undefined) throw new Error(`no enterprise ${e}`);
    return composeNeed(r, cat, {
      externalId: `load-need-${pad6(i)}`,
      enterpriseExternalId: poster.externalId,
      shortZh: poster.shortZh,
      district: poster.district,
      nodeId: poster.nodeId,
      kind: r.weighted([
        ['talent', 45],
        ['challenge', 20],
        ['collaboration', 35],
      ] as const),
    });
  }))
    yield { kind: 'needs', items };
}
