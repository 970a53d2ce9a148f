import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { findRoot } from './paths.js';
import type { AppDeps } from './deps.js';
import type { Store } from './store/port.js';
import type { SearchIndex } from './search/port.js';
import { allSpecs } from './store/collections.js';
import { createSqliteStore } from './store/sqlite/store.js';
import { createEmbeddedSearch } from './search/embedded/index.js';
import { createIndexSync, type IndexSync } from './search/sync.js';
import { createChainCatalog } from './features/records/catalog.js';
import { createRecordServices } from './features/records/index.js';
import { createRecordAudit } from './features/records/audit-trail.js';
import { AUDIT_SPEC, createAuditLog } from './audit/audit.js';
import { AUTH_SPECS } from './auth/accounts.js';
import { createAuth } from './auth/service.js';
import { bootstrapAuth } from './auth/demo.js';
import type { ScryptParams } from './auth/password.js';
import { loadLexicon, type Lexicon } from '../matching/lexicon/lexicon.js';
import { createTokenizer, type Tokenizer } from '../matching/text/tokenize.js';
import { loadTf } from '../matching/tf/backend.js';
import { createEncoder, type Encoder } from '../matching/encoder/encoder.js';
import type { Chain } from './domain/schemas.js';
import { createEnricher } from '../matching/enrich.js';
import { createMatchingService } from './features/matching/service.js';
import { createInstruments, INSTRUMENT_SPECS } from './features/battlemap/instruments.js';
import { PIPELINE_SPEC } from './features/pipeline/schema.js';
import { createPipelineService } from './features/pipeline/service.js';
import { createDashboard } from './features/dashboard/service.js';

export const REPO_ROOT = findRoot();
export const LEXICON_DIR = path.join(REPO_ROOT, 'matching', 'lexicon', 'data');

/** The matching engine's parts, loaded once per process and shared by the app and the CLIs. */
export interface MatchingKit {
  lexicon: Lexicon;
  tokenizer: Tokenizer;
  encoder: Encoder;
}

export async function loadMatchingKit(config: Pick<Config, 'MODEL_DIR' | 'TF_BACKEND'>, log: (msg: string) => void): Promise<MatchingKit> {
  const lexicon = loadLexicon(LEXICON_DIR);
  const tokenizer = createTokenizer({ extraWords: lexicon.words() });
  const tf = await loadTf(config.TF_BACKEND, log);
  const encoder = await createEncoder({ tf, modelDir: path.resolve(REPO_ROOT, config.MODEL_DIR), lexicon, tokenizer });
  log(`encoder ${encoder.version} (dim ${encoder.dim}) on ${encoder.backend}; lexicon ${lexicon.entries.length} concepts`);
  return { lexicon, tokenizer, encoder };
}

/** The store the config names, with every collection the platform declares; also used by the CLIs and the bench. */
export async function openStore(config: Config, logger: Logger, memory: boolean): Promise<Store> {
  const specs = allSpecs([AUDIT_SPEC, ...AUTH_SPECS, ...INSTRUMENT_SPECS, PIPELINE_SPEC]);
  if (config.MONGODB_URI) {
    const { createMongoStore } = await import('./store/mongo/store.js');
    return createMongoStore({ uri: config.MONGODB_URI, specs });
  }
  if (memory) return createSqliteStore({ file: ':memory:', specs });
  const dir = path.resolve(config.DATA_DIR);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'chaintalent.db');
  logger.debug({ file }, 'opening SQLite store');
  return createSqliteStore({ file, specs });
}

async function openSearch(config: Config, kit: MatchingKit, logger: Logger, memory: boolean): Promise<SearchIndex> {
  if (config.MEILI_URL) {
    const { createMeiliSearch } = await import('./search/meili/index.js');
    return createMeiliSearch({ url: config.MEILI_URL, ...(config.MEILI_API_KEY ? { apiKey: config.MEILI_API_KEY } : {}) });
  }
  return createEmbeddedSearch({
    tokenizer: kit.tokenizer,
    // Persisted between runs so that start-up loads the index instead of re-embedding the store;
    // drift repair then catches up with whatever changed while the process was down.
    snapshotDir: memory ? undefined : path.join(path.resolve(config.DATA_DIR), 'search'),
    // Postings made with another dictionary would not match today's query tokens.
    tokenizerVersion: createHash('sha256').update(kit.lexicon.words().join('\n')).digest('hex').slice(0, 16),
    onWarning: (message) => logger.warn(message),
  });
}

export interface Runtime {
  deps: AppDeps;
  kit: MatchingKit;
  sync: IndexSync;
  /** First admin and admin API token from the environment; refuses demo credentials in production. */
  bootstrap(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The composition root: picks each implementation from the typed config and wires them.
 * `memory` gives tests a throw-away SQLite store; `kit` lets tests share a loaded encoder;
 * `scrypt` lets tests hash passwords cheaply (production uses the default cost).
 */
export async function compose(
  config: Config,
  logger: Logger,
  options: { memory?: boolean; kit?: MatchingKit; clock?: () => Date; scrypt?: ScryptParams } = {},
): Promise<Runtime> {
  const kit = options.kit ?? (await loadMatchingKit(config, (m) => logger.info(m)));
  const store = await openStore(config, logger, options.memory ?? false);
  const search = await openSearch(config, kit, logger, options.memory ?? false);
  await search.init(kit.encoder.dim);
  const sync = createIndexSync({ store, search, embedder: kit.encoder, tagger: kit.lexicon, logger });
  const catalog = createChainCatalog(store.collection<Chain>('chains'));
  const enrich = createEnricher(kit.lexicon);
  const audit = createAuditLog(store, options.clock);
  const records = createRecordServices(store, catalog, {
    enrich,
    ...(options.clock ? { clock: options.clock } : {}),
    onCommitted: () => sync.settle(),
    audit: createRecordAudit(audit),
  });
  const auth = createAuth({
    store,
    config,
    logger,
    audit,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.scrypt ? { scrypt: options.scrypt } : {}),
  });
  const matching = createMatchingService({ store, search, catalog, records, embedder: kit.encoder, enrich, lexicon: kit.lexicon });
  const deps: AppDeps = {
    config,
    logger,
    store,
    search,
    catalog,
    records,
    audit,
    embedder: kit.encoder,
    lexicon: kit.lexicon,
    matching,
    instruments: createInstruments({
      store,
      catalog,
      records,
      matching,
      audit,
      enrich,
      lexicon: kit.lexicon,
      clock: options.clock ?? (() => new Date()),
    }),
    pipeline: createPipelineService({ store, records, matching, audit, clock: options.clock ?? (() => new Date()) }),
    dashboard: createDashboard({ store, catalog, matching, clock: options.clock ?? (() => new Date()) }),
    auth,
    authenticate: (req) => auth.authenticate(req),
  };
  return {
    deps,
    kit,
    sync,
    bootstrap: () => bootstrapAuth(auth, config),
    async close() {
      await sync.stop();
      // A clean stop records where the index stands, so the next start skips the full drift check.
      await sync
        .checkpoint()
        .catch((err: unknown) =>
          logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'search checkpoint skipped; the next start checks every version'),
        );
      await search.close();
      await store.close();
    },
  };
}
