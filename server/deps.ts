import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Principal } from './auth/principal.js';
import type { AuditLog } from './audit/audit.js';
import type { AuthService } from './auth/service.js';
import type { Store } from './store/port.js';
import type { SearchIndex } from './search/port.js';
import type { ChainCatalog } from './features/records/catalog.js';
import type { RecordServices } from './features/records/index.js';
import type { Request } from 'express';
import type { MatchingService } from './features/matching/service.js';
import type { TextEmbedder } from './search/documents.js';
import type { Lexicon } from '../matching/lexicon/lexicon.js';
import type { Instruments } from './features/battlemap/instruments.js';
import type { PipelineService } from './features/pipeline/service.js';
import type { DashboardService } from './features/dashboard/service.js';

/** Everything `createApp` needs, built by the composition root (server/compose.ts) or by tests. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  store: Store;
  search: SearchIndex;
  catalog: ChainCatalog;
  records: RecordServices;
  audit: AuditLog;
  /** Accounts, sessions, API tokens and the sign-in/reveal/search throttles. */
  auth: AuthService;
  matching: MatchingService;
  embedder: TextEmbedder;
  lexicon: Lexicon;
  /** Platforms, leading enterprises, 揭榜挂帅 challenges, key projects and the battle map (issue 6). */
  instruments: Instruments;
  /** Match pipeline per need (suggested → contacted → in talks → agreed / declined). */
  pipeline: PipelineService;
  /** The chain chief's dashboard figures. */
  dashboard: DashboardService;
  /** Resolves the caller from the request's credentials; throws `unauthenticated` for bad ones. */
  authenticate: (req: Request) => Promise<Principal | null>;
}
