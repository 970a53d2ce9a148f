import type { Express } from 'express';
import pino from 'pino';
import { createApp } from '../../server/app.js';
import type { Principal } from '../../server/auth/principal.js';
import { loadConfig } from '../../server/config.js';
import { compose, loadMatchingKit, type MatchingKit, type Runtime } from '../../server/compose.js';

let kitPromise: Promise<MatchingKit> | undefined;
/** The encoder and lexicon are read-only, so one copy per test file is shared by its tests. */
export function sharedKit(): Promise<MatchingKit> {
  kitPromise ??= loadMatchingKit({ MODEL_DIR: './matching/model', TF_BACKEND: 'auto' }, () => undefined);
  return kitPromise;
}

export interface TestApp {
  app: Express;
  runtime: Runtime;
  close(): Promise<void>;
}

/** A fresh app on an in-memory store and an empty embedded index: each test starts clean. */
export async function makeTestApp(options: { env?: Record<string, string>; as?: () => Principal | null } = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'off', LOG_LEVEL: 'silent', ...options.env });
  const runtime = await compose(config, pino({ level: 'silent' }), { memory: true, kit: await sharedKit() });
  if (options.as) {
    const as = options.as;
    runtime.deps.authenticate = async () => as();
  }
  return { app: createApp(runtime.deps), runtime, close: () => runtime.close() };
}
