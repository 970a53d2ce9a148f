import pino from 'pino';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { compose } from './compose.js';
import { loadDemoData } from '../seed/load.js';

/** The entry point: reads the config, composes, seeds an empty store, listens, stops cleanly. */
async function main(): Promise<void> {
  const started = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const logger = pino({ level: config.LOG_LEVEL, redact: { paths: ['req.headers.authorization', '*.password', '*.token'], remove: true } });
  const runtime = await compose(config, logger);
  const { deps, sync } = runtime;

  await runtime.bootstrap();
  if (config.DEMO_DATA) {
    const loaded = await loadDemoData(runtime, logger);
    if (loaded) logger.info(loaded, 'demo data loaded into the empty store');
  }
  const repaired = await sync.repairDrift();
  if (Object.keys(repaired).length > 0) logger.info({ repaired }, 'search index drift repaired');
  await sync.drain().catch((err: unknown) => logger.warn({ err: String(err) }, 'search index not reachable yet; the outbox will retry'));
  sync.start();

  const app = createApp(deps);
  const server = app.listen(config.PORT, config.HOST, () => {
    const where = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
    logger.info(
      { store: deps.store.kind, search: deps.search.kind, startMs: Math.round(performance.now() - started) },
      `ChainTalent listening on ${where} (store: ${deps.store.kind}, search: ${deps.search.kind})`,
    );
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(() => {
      runtime
        .close()
        .then(() => process.exit(0))
        .catch((err: unknown) => {
          logger.error({ err }, 'error while closing');
          process.exit(1);
        });
    });
    server.closeAllConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('ChainTalent failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
