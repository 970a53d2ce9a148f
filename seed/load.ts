import type { Logger } from 'pino';
import type { Principal } from '../server/auth/principal.js';
import type { Runtime } from '../server/compose.js';
import type { BulkResult, RecordService } from '../server/features/records/service.js';
import type { BaseDoc } from '../server/store/port.js';
import { CHAINS } from './data/chains.js';
import { generateDemo } from './demo.js';
import { DEMO_CHIEF_CHAIN, loadInstrumentsDemo } from './instruments.js';
import { loadPipelineDemo } from './pipeline.js';
import { seedDemoAccounts } from '../server/auth/demo.js';

/** The seed acts as the platform itself; every write still goes through the services' validation. */
export const SEED_PRINCIPAL: Principal = { accountId: 'system:seed', role: 'admin', chains: [], via: 'api_token' };

export async function upsertAll<D extends BaseDoc>(service: RecordService<D>, records: readonly unknown[], what: string): Promise<BulkResult[]> {
  const out: BulkResult[] = [];
  for (let i = 0; i < records.length; i += 1000) {
    const results = await service.bulkUpsert(SEED_PRINCIPAL, records.slice(i, i + 1000));
    const bad = results.find((r) => r.status === 'error');
    if (bad) throw new Error(`seed ${what} #${i + bad.index} (${bad.externalId ?? '?'}) was refused: ${JSON.stringify(bad.errors)}`);
    out.push(...results);
  }
  return out;
}

/**
 * Loads the Foshan chains and the fictional demo records into an EMPTY store (a store with any
 * chain is left alone), then the demo accounts. Returns the counts, or null when nothing was done.
 */
export async function loadDemoData(runtime: Runtime, logger: Logger, seed?: number): Promise<Record<string, number> | null> {
  const { records, store } = runtime.deps;
  if ((await store.collection('chains').count()) > 0) return null;
  const demo = generateDemo(seed);
  await upsertAll(
    records.chains,
    CHAINS.map((c) => ({ ...c, externalId: `chain-${c.code}` })),
    'chains',
  );
  const ents = await upsertAll(records.enterprises, demo.enterprises, 'enterprises');
  const entId = new Map(ents.map((r) => [r.externalId ?? '', r.id ?? '']));
  for (const [code, externalIds] of Object.entries(demo.leading)) {
    const ids = externalIds.map((x) => entId.get(x)).filter((x): x is string => !!x);
    if (ids.length > 0) await records.chains.update(SEED_PRINCIPAL, code, { leadingEnterpriseIds: ids });
  }
  const institutes = await upsertAll(records.institutes, demo.institutes, 'institutes');
  const talents = await upsertAll(records.talents, demo.talents, 'talents');
  const needs = demo.needs.map(({ enterpriseExternalId, ...n }) => {
    const enterpriseId = entId.get(enterpriseExternalId);
    if (!enterpriseId) throw new Error(`demo need ${n.externalId} names unknown enterprise ${enterpriseExternalId}`);
    return { ...n, enterpriseId };
  });
  const needIds = await upsertAll(records.needs, needs, 'needs');
  // One account per role, bound to real demo records, so every page has something to show.
  const leadingChain = DEMO_CHIEF_CHAIN;
  const leadingEnt = entId.get(demo.leading[leadingChain]?.[0] ?? '') ?? ents[0]?.id ?? '';
  await seedDemoAccounts(runtime.deps, {
    chains: [leadingChain],
    enterpriseId: leadingEnt,
    instituteId: institutes[0]?.id ?? '',
    talentId: talents[0]?.id ?? '',
  });
  const idsOf = (rs: readonly BulkResult[]) => rs.map((r) => r.id ?? '').filter((id) => id !== '');
  const instruments = await loadInstrumentsDemo(runtime, {
    chains: CHAINS.map((c) => c.code),
    enterprises: idsOf(ents),
    institutes: idsOf(institutes),
    talents: idsOf(talents),
    needs: idsOf(needIds),
  });
  const pipeline = await loadPipelineDemo(runtime, idsOf(needIds));
  const counts = {
    ...instruments,
    ...pipeline,
    chains: CHAINS.length,
    enterprises: demo.enterprises.length,
    institutes: demo.institutes.length,
    talents: demo.talents.length,
    needs: needs.length,
  };
  logger.debug(counts, 'demo records written');
  return counts;
}
