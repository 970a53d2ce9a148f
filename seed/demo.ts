import { createRng, type Rng } from './prng.js';
import { createCatalog, type Catalog } from './text/catalog.js';
import { composeEnterprise, composeInstitute, composeNeed, composeTalent, type ComposedEnterprise, type InstituteKind } from './text/compose.js';
import type { EnterpriseSeed, InstituteSeed, NeedSeed, TalentSeed } from './text/types.js';

export type { EnterpriseSeed, InstituteSeed, NeedSeed, TalentSeed } from './text/types.js';

/**
 * The demo data set: fictional enterprises, institutes, talents and needs on the chains of
 * `data/chains.ts`. Pure and deterministic — the same seed always yields deep-equal data — so
 * screenshots, the eval set and tests can rely on it. Every name, code, phone and e-mail is
 * invented (phones in 1990000xxxx, e-mails at example.com).
 */
export interface DemoData {
  enterprises: EnterpriseSeed[];
  institutes: InstituteSeed[];
  talents: TalentSeed[];
  needs: NeedSeed[];
  /** Leading (链主) enterprises per chain code, by external id; ids are assigned at load time. */
  leading: Record<string, string[]>;
}

/** Enterprises per chain: roughly proportional to how many nodes the chain has. */
const ENTERPRISES_PER_CHAIN: Record<string, number> = {
  'smart-home': 14,
  robotics: 12,
  nev: 11,
  'new-materials': 10,
  'ceramics-home': 11,
  electronics: 9,
  biomedicine: 8,
  food: 9,
};

/** Firms that plausibly straddle two chains, e.g. an extruder making battery trays. */
const CROSS_CHAIN: Record<string, string> = {
  'nev.lightweight': 'new-materials.aluminium-extrusion',
  'new-materials.ceramic-substrate': 'electronics.power-semiconductor',
  'smart-home.control-chip': 'electronics.comm-module',
  'ceramics-home.kiln-equipment': 'robotics.integration',
  'food.processing-equipment': 'robotics.integration',
  'robotics.sensor-vision': 'ceramics-home.tiles',
};

const INSTITUTE_KINDS: readonly (readonly [InstituteKind, number])[] = [
  ['new_rd_institution', 14],
  ['university', 10],
  ['lab', 14],
  ['research_institute', 8],
  ['engineering_center', 10],
  ['testing_center', 8],
];

const TALENT_COUNT = 320;
const MIN_NEEDS = 160;
const PREFIX = 12;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function generateDemo(seed = 20210402): DemoData {
  const cat = createCatalog();
  const root = createRng(seed);
  const { enterprises, composed, leading } = makeEnterprises(root.fork(1), cat);
  const needs = makeNeeds(root.fork(2), cat, composed);
  const talents = makeTalents(root.fork(3), cat);
  const institutes = makeInstitutes(root.fork(4), cat);
  return { enterprises, institutes, talents, needs, leading };
}

function makeEnterprises(rng: Rng, cat: Catalog) {
  const enterprises: EnterpriseSeed[] = [];
  const composed: ComposedEnterprise[] = [];
  const leading: Record<string, string[]> = {};
  const names = new Set<string>();
  let serial = 0;
  for (const chain of cat.chains) {
    const count = ENTERPRISES_PER_CHAIN[chain.code] ?? 8;
    const order = rng.shuffle(cat.chainNodeIds.get(chain.code) ?? []);
    leading[chain.code] = [];
    for (let i = 0; i < count; i++) {
      serial++;
      const r = rng.fork(serial);
      const primary = order[i % order.length] as string;
      const ref = cat.ref(primary);
      const nodeIds = [primary];
      if (ref.neighbours.length > 0 && r.chance(0.4)) nodeIds.push(r.pick(ref.neighbours));
      const cross = CROSS_CHAIN[primary];
      if (cross !== undefined && r.chance(0.6)) nodeIds.push(cross);
      // The first firms of a chain are its leaders, and leaders span more of the chain.
      const isLeading = i < (count >= 10 ? 2 : 1);
      if (isLeading) nodeIds.push(...r.sample(ref.neighbours, 2));
      const externalId = `demo-ent-${pad(serial, 3)}`;
      let c = composeEnterprise(r, cat, { externalId, serial, chainCode: chain.code, nodeIds: [...new Set(nodeIds)], leading: isLeading });
      while (names.has(c.seed.name)) {
        c = composeEnterprise(r, cat, { externalId, serial, chainCode: chain.code, nodeIds: [...new Set(nodeIds)], leading: isLeading });
      }
      names.add(c.seed.name);
      enterprises.push(c.seed);
      composed.push(c);
      if (isLeading) leading[chain.code]?.push(externalId);
    }
  }
  return { enterprises, composed, leading };
}

function makeNeeds(rng: Rng, cat: Catalog, composed: ComposedEnterprise[]): NeedSeed[] {
  const needs: NeedSeed[] = [];
  const prefixes = new Set<string>();
  const add = (r: Rng, c: ComposedEnterprise, kind: NeedSeed['kind'] & string) => {
    const nodeIds = c.seed.nodeIds ?? [];
    const nodeId = r.pick(nodeIds);
    const externalId = `demo-need-${pad(needs.length + 1, 3)}`;
    const params = {
      externalId,
      enterpriseExternalId: c.seed.externalId,
      shortZh: c.shortZh,
      district: c.district,
      nodeId,
      kind,
    };
    let need = composeNeed(r, cat, params);
    // Real postings rarely open with the same words; redraw the wording when they would.
    for (let tries = 0; tries < 12 && prefixes.has(need.description.slice(0, PREFIX)); tries++) {
      need = composeNeed(r, cat, params);
    }
    prefixes.add(need.description.slice(0, PREFIX));
    needs.push(need);
  };
  composed.forEach((c, i) => {
    const r = rng.fork(i + 1);
    // Leading firms post first, and their first post is a challenge: that is how 揭榜挂帅 lists start.
    const count = c.seed.leading === true ? 3 : r.int(1, 2);
    for (let k = 0; k < count; k++) {
      const kind =
        c.seed.leading === true && k === 0
          ? 'challenge'
          : r.weighted([
              ['talent', 45],
              ['challenge', 20],
              ['collaboration', 35],
            ] as const);
      add(r, c, kind);
    }
  });
  const extra = rng.fork(9999);
  while (needs.length < MIN_NEEDS) {
    add(
      extra,
      extra.pick(composed),
      extra.weighted([
        ['talent', 1],
        ['collaboration', 1],
        ['challenge', 1],
      ] as const),
    );
  }
  return needs;
}

function makeTalents(rng: Rng, cat: Catalog): TalentSeed[] {
  const order = rng.shuffle(cat.nodeIds);
  const talents: TalentSeed[] = [];
  for (let i = 0; i < TALENT_COUNT; i++) {
    const r = rng.fork(i + 1);
    talents.push(
      composeTalent(r, cat, {
        externalId: `demo-tal-${pad(i + 1, 4)}`,
        serial: i + 1,
        primary: order[i % order.length] as string,
        withNodeIds: r.chance(0.7),
      }),
    );
  }
  return talents;
}

function makeInstitutes(rng: Rng, cat: Catalog): InstituteSeed[] {
  const kinds = INSTITUTE_KINDS.flatMap(([k, n]) => Array.from({ length: n }, () => k));
  const order = rng.shuffle(cat.nodeIds);
  const names = new Set<string>();
  return rng.shuffle(kinds).map((kind, i) => {
    const r = rng.fork(i + 1);
    const primary = order[i % order.length] as string;
    const ref = cat.ref(primary);
    const nodeIds = [primary, ...r.sample(ref.neighbours, r.int(0, 2))];
    // Testing centres and labs often serve neighbouring chains as well.
    if ((kind === 'testing_center' || kind === 'lab') && r.chance(0.3)) {
      const other = r.pick(cat.nodeIds);
      if (!nodeIds.includes(other)) nodeIds.push(other);
    }
    const params = { externalId: `demo-ins-${pad(i + 1, 3)}`, serial: i + 1, kind, nodeIds };
    let inst = composeInstitute(r, cat, params);
    while (names.has(inst.name)) inst = composeInstitute(r, cat, params);
    names.add(inst.name);
    return inst;
  });
}
