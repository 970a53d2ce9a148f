/**
 * Browser tests of the web UI: starts the real server (embedded store and search, demo data,
 * a throw-away DATA_DIR, a free port), drives Debian's Chromium through playwright-core, saves
 * a screenshot of every page under test-results/, and always stops the server.
 *
 *   npm run test:e2e            # all scenarios
 *   E2E_ONLY=search npm run test:e2e
 *   CHROMIUM=/path/to/chrome npm run test:e2e
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { scenarios, type Scenario } from './scenarios.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const RESULTS = path.join(ROOT, 'test-results');
const DOCS = path.join(ROOT, 'docs', 'screenshots');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function chromiumPath(): string {
  const candidates = [process.env['CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((x): x is string => !!x);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium not found: apt-get install -y chromium fonts-wqy-zenhei (or set CHROMIUM)');
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    p.once('error', reject);
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

async function waitReady(base: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode} before it was ready`);
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server was not ready within ${timeoutMs / 1000}s`);
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export interface E2E {
  base: string;
  browser: Browser;
  /** A fresh browser context (own storage), desktop or phone sized. */
  context(options?: { phone?: boolean }): Promise<BrowserContext>;
  /** Saves a full-page screenshot under test-results/ (and docs/screenshots/ when `doc` is given and E2E_UPDATE_DOCS=1). */
  shot(page: Page, name: string, doc?: string): Promise<void>;
}

async function main(): Promise<number> {
  mkdirSync(RESULTS, { recursive: true });
  const only = process.env['E2E_ONLY'];
  const chosen: Scenario[] = only ? scenarios.filter((s) => s.name.includes(only)) : scenarios;
  if (process.env['E2E_SKIP_BUILD'] !== '1')
    await run(process.execPath, [
      path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ]);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chaintalent-e2e-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_DATA: 'on',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      MONGODB_URI: '',
      MEILI_URL: '',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let browser: Browser | undefined;
  let passed = 0;
  let failed = 0;
  try {
    await waitReady(base, server, 180_000);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    const b = browser;
    const e2e: E2E = {
      base,
      browser: b,
      context: ({ phone } = {}) =>
        b.newContext({
          baseURL: base,
          locale: 'zh-CN',
          viewport: phone ? { width: 390, height: 844 } : { width: 1366, height: 900 },
          ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
          acceptDownloads: true,
        }),
      async shot(page, name, doc) {
        await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true });
        // The README's screenshots are committed: refresh them only when asked to.
        if (doc && process.env['E2E_UPDATE_DOCS'] === '1') {
          mkdirSync(DOCS, { recursive: true });
          await page.screenshot({ path: path.join(DOCS, `${doc}.png`), fullPage: false });
        }
      },
    };
    for (const s of chosen) {
      const started = Date.now();
      try {
        await s.run(e2e);
        passed++;
        console.log(`✓ ${s.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      } catch (err) {
        failed++;
        console.log(`✗ ${s.name}\n    ${err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 4).join('\n    ') : String(err)}`);
      }
    }
  } catch (err) {
    failed++;
    console.log(`✗ setup: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
