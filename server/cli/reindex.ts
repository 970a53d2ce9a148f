import pino from 'pino';
import { loadConfig } from '../config.js';
import { compose } from '../compose.js';
import { rederiveAll } from '../features/records/rederive.js';
import { createEnricher } from '../../matching/enrich.js';

/**
 * `npm run reindex`: after a lexicon, model or engine change, recomputes every record's lexicon
 * concepts and inferred nodes, then rebuilds every search index from the store.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  const runtime = await compose(config, logger);
  try {
    const started = performance.now();
    const rederived = await rederiveAll(runtime.deps.store, createEnricher(runtime.kit.lexicon));
    console.log(`re-derived lexicon concepts where they changed: ${JSON.stringify(rederived)}`);
    const pending = await runtime.deps.store.outbox.pending(100_000);
    const counts = await runtime.sync.reindex();
    // The rebuild read the store as it is now, so changes queued before it are already in.
    await runtime.deps.store.outbox.ack(pending.map((e) => e.seq));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `reindexed ${JSON.stringify(counts)} into ${runtime.deps.search.kind} search in ${seconds.toFixed(1)} s (model ${runtime.kit.encoder.version})`,
    );
  } finally {
    await runtime.close();
  }
}

main().catch((err: unknown) => {
  console.error('reindex failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
