import pino from 'pino';
import { loadConfig } from '../server/config.js';
import { compose } from '../server/compose.js';
import type { RecordService } from '../server/features/records/service.js';
import type { BaseDoc } from '../server/store/port.js';
import { CHAINS } from './data/chains.js';
import { generateLoad } from './load-generator.js';
import { loadDemoData, upsertAll } from './load.js';

/**
 * `npm run seed`: loads the demo data into the configured store (if it is empty).
 * `npm run seed -- --talents 100000 --institutes 10000 [--needs 10000]`: adds generated load
 * records for benchmarks (the chains are loaded first if missing).
 */
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
};

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  const runtime = await compose(config, logger);
  const talents = arg('talents');
  const institutes = arg('institutes');
  const needs = arg('needs');
  try {
    if (talents === undefined && institutes === undefined && needs === undefined) {
      await runtime.bootstrap();
      const counts = await loadDemoData(runtime, logger);
      console.log(counts ? `demo data loaded: ${JSON.stringify(counts)}` : 'the store already holds chains; demo data not loaded');
      return;
    }
    const { records } = runtime.deps;
    if ((await runtime.deps.store.collection('chains').count()) === 0) {
      await upsertAll(
        records.chains,
        CHAINS.map((c) => ({ ...c, externalId: `chain-${c.code}` })),
        'chains',
      );
    }
    const started = performance.now();
    const counts: Record<string, number> = {};
    const entIds = new Map<string, string>();
    for (const batch of generateLoad({ talents: talents ?? 0, institutes: institutes ?? 0, needs: needs ?? 0 })) {
      if (batch.kind === 'needs') {
        const items = batch.items.map(({ enterpriseExternalId, ...n }) => ({ ...n, enterpriseId: entIds.get(enterpriseExternalId) ?? '' }));
        await upsertAll(records.needs, items, 'needs');
      } else {
        const results = await upsertAll(records[batch.kind] as unknown as RecordService<BaseDoc>, batch.items, batch.kind);
        if (batch.kind === 'enterprises') for (const r of results) entIds.set(r.externalId ?? '', r.id ?? '');
      }
      counts[batch.kind] = (counts[batch.kind] ?? 0) + batch.items.length;
    }
    await runtime.sync.drain();
    console.log(`load data written: ${JSON.stringify(counts)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await runtime.close();
  }
}

main().catch((err: unknown) => {
  console.error('seed failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
