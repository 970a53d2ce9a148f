import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp } from '../server/app.js';
import type { Principal } from '../server/auth/principal.js';
import { loadConfig } from '../server/config.js';
import { compose, openStore, REPO_ROOT } from '../server/compose.js';
import { textOf, toSearchDocs } from '../server/search/documents.js';
import { createEmbeddedSearch } from '../server/search/embedded/index.js';
import type { BaseDoc } from '../server/store/port.js';
import type { RecordService } from '../server/features/records/service.js';
import { CHAINS } from '../seed/data/chains.js';
import { generateLoad } from '../seed/load-generator.js';
import { SEED_PRINCIPAL, upsertAll } from '../seed/load.js';

/**
 * `npm run bench [-- --talents 100000 --institutes 10000 --queries 200]`: speed and memory of
 * the embedded default on a generated pool, each figure beside a naive baseline measured in the
 * same run. Figures are printed, never asserted.
 */
const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const TALENTS = arg('talents', 100_000);
const INSTITUTES = arg('institutes', 10_000);
const QUERIES = arg('queries', 200);
const ADMIN: Principal = { accountId: 'bench', role: 'admin', chains: [], via: 'api_token' };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const line = (what: string, ours: string, base: string, ratio: number) =>
  console.log(`${what.padEnd(34)} ${ours.padStart(22)}   ${base.padStart(22)}   ${ratio.toFixed(1)}×`);

async function timeIt<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}

async function waitForReady(url: string, deadlineMs: number): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < deadlineMs) {
    try {
      const r = await fetch(url);
      if (r.status === 200) return performance.now() - t0;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not ready within ${deadlineMs} ms`);
}

/** Starts the real entry point on the bench's data directory and times listen and readiness. */
const BENCH_ADMIN = { email: 'bench-admin@example.com', password: 'bench-only-password-2026' };

async function signInAdmin(base: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  if (r.status !== 200) throw new Error(`sign-in answered ${r.status}`);
  return ((await r.json()) as { token: string }).token;
}

/** Peak resident set of a process (Linux), in MB. */
function peakRssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function startServer(
  dataDir: string,
  port: number,
  probe?: (base: string) => Promise<void>,
): Promise<{ listenMs: number; readyMs: number; serverMs: number; peakMb: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server', 'main.ts')], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      DEMO_DATA: 'off',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let listenMs = 0;
  // The server's own figure, from its first line of code to listening: the rest is Node and tsx booting.
  let serverMs = 0;
  child.stdout.on('data', (b: Buffer) => {
    const text = b.toString();
    if (!listenMs && text.includes('listening on')) {
      listenMs = performance.now() - t0;
      serverMs = Number(/"startMs":(\d+)/.exec(text)?.[1] ?? 0);
    }
  });
  try {
    await waitForReady(`http://127.0.0.1:${port}/readyz`, 600_000);
    const readyMs = performance.now() - t0;
    await probe?.(`http://127.0.0.1:${port}`);
    return { listenMs, readyMs, serverMs, peakMb: peakRssMb(child.pid) };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chaintalent-bench-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    LOG_LEVEL: 'silent',
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
  });
  console.log(`ChainTalent bench — ${new Date().toISOString()}`);
  console.log(`${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log(`pool: ${TALENTS} talents + ${INSTITUTES} institutes; ${QUERIES} queries per latency figure; store SQLite file, embedded search\n`);

  const [runtime, composeMs] = await timeIt(() => compose(config, pino({ level: 'silent' })));
  const { deps, sync, kit } = runtime;
  // The admin exists before the timed starts, as on any restart (creating it costs one scrypt hash).
  await runtime.bootstrap();
  // As the server does at start: after the drift check, the index's checkpoint at close can be recorded.
  await sync.repairDrift();
  console.log(`encoder ${kit.encoder.version} on ${kit.encoder.backend}; compose ${ms(composeMs)}`);
  await upsertAll(
    deps.records.chains,
    CHAINS.map((c) => ({ ...c, externalId: `chain-${c.code}` })),
    'chains',
  );

  // ---- ingest: bulk through the services, embedding and indexing included ----
  let docs = 0;
  const [, ingestMs] = await timeIt(async () => {
    for (const batch of generateLoad({ talents: TALENTS, institutes: INSTITUTES, seed: 7, batchSize: 1000 })) {
      if (batch.kind !== 'talents' && batch.kind !== 'institutes') continue;
      const service = (batch.kind === 'talents' ? deps.records.talents : deps.records.institutes) as unknown as RecordService<BaseDoc>;
      await upsertAll(service, batch.items, batch.kind);
      docs += batch.items.length;
    }
    await sync.drain();
  });
  // Naive baseline: one record per request, each its own transaction, embedding and index call.
  const NAIVE_N = 500;
  const naiveItems = [...generateLoad({ talents: NAIVE_N, institutes: 0, seed: 99, batchSize: NAIVE_N })].flatMap((b) =>
    b.kind === 'talents' ? b.items : [],
  );
  const [, naiveIngestMs] = await timeIt(async () => {
    for (const item of naiveItems) {
      const { externalId: _x, ...rest } = item as Record<string, unknown>;
      await deps.records.talents.create(SEED_PRINCIPAL, rest);
    }
  });
  const ingestRate = docs / (ingestMs / 1000);
  const naiveIngestRate = NAIVE_N / (naiveIngestMs / 1000);

  // ---- rebuild the index from the store ----
  const [, rebuildMs] = await timeIt(() => sync.reindex());
  const all: BaseDoc[] = [];
  for await (const b of deps.store.collection('talents').scan(2000)) all.push(...b);
  const sample = all.slice(0, 2000);
  const scratch = createEmbeddedSearch({ tokenizer: kit.tokenizer });
  await scratch.init(kit.encoder.dim);
  const [, naiveEmbedMs] = await timeIt(async () => {
    for (const d of sample) {
      const v = kit.encoder.embed([textOf('talents', d).embed]);
      await scratch.upsert('talents', toSearchDocs('talents', [d], v, kit.encoder.version, kit.lexicon));
    }
  });
  await scratch.close();
  const totalDocs = docs + NAIVE_N;
  const rebuildRate = totalDocs / (rebuildMs / 1000);
  const naiveRebuildRate = sample.length / (naiveEmbedMs / 1000);

  // ---- latency through HTTP on a listening app ----
  deps.authenticate = async () => ADMIN;
  // The bench measures the engine, not the abuse throttle (which would answer 429 to one client
  // sending hundreds of searches a minute, as it should).
  deps.auth.throttle = () => undefined;
  const app = createApp(deps);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const needs = [...generateLoad({ talents: 0, institutes: 0, needs: QUERIES, seed: 11, batchSize: QUERIES })].flatMap((b) =>
    b.kind === 'needs' ? b.items : [],
  );
  const matchLat: number[] = [];
  for (const n of needs) {
    const t0 = performance.now();
    const r = await fetch(`${base}/api/v1/match`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: n.title, description: n.description, skills: n.skills, city: n.city, kind: 'talent', limit: 20 }),
    });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`match answered ${r.status}`);
    matchLat.push(performance.now() - t0);
  }
  const lex = kit.lexicon.entries;
  const queries = Array.from({ length: QUERIES }, (_, i) => {
    const e = lex[(i * 7919) % lex.length];
    const forms = [e?.zh, e?.en, ...(e?.abbr ?? [])].filter((x): x is string => !!x);
    return forms[i % forms.length] ?? '伺服';
  });
  const searchLat: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    const r = await fetch(`${base}/api/v1/search?type=talents&q=${encodeURIComponent(q)}`);
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`search answered ${r.status}`);
    searchLat.push(performance.now() - t0);
  }
  server.close();

  // Naive baselines: embed + scan every vector as number[] with reduce; substring scan of every text.
  const vectors: number[][] = [];
  for (let i = 0; i < all.length; i += 1024) {
    for (const v of kit.encoder.embed(all.slice(i, i + 1024).map((d) => textOf('talents', d).embed))) vectors.push(Array.from(v));
  }
  const naiveMatchLat: number[] = [];
  for (const n of needs.slice(0, Math.min(50, needs.length))) {
    const t0 = performance.now();
    const [q] = kit.encoder.embed([`${n.title} ${n.description}`]);
    const qa = Array.from(q ?? []);
    const scored = vectors.map((v, i) => ({ i, s: v.reduce((acc, x, k) => acc + x * (qa[k] ?? 0), 0) }));
    scored.sort((a, b) => b.s - a.s);
    scored.slice(0, 20);
    naiveMatchLat.push(performance.now() - t0);
  }
  const texts = all.map((d) => {
    const t = textOf('talents', d);
    return `${t.title} ${t.subtitle} ${t.body}`.toLowerCase();
  });
  const naiveSearchLat: number[] = [];
  for (const q of queries.slice(0, 50)) {
    const t0 = performance.now();
    const needle = q.toLowerCase();
    const hits: number[] = [];
    texts.forEach((t, i) => {
      if (t.includes(needle)) hits.push(i);
    });
    hits.slice(0, 20);
    naiveSearchLat.push(performance.now() - t0);
  }
  const peakMb = process.resourceUsage().maxRSS / 1024;
  await runtime.close();

  // ---- start time of the real server on this store ----
  // The served process alone, after a round of searches and matches (it holds the store, index and encoder).
  const probe = async (base: string) => {
    const token = await signInAdmin(base);
    for (const q of queries.slice(0, 50))
      await (
        await fetch(`${base}/api/v1/search?type=talents&q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${token}` } })
      ).arrayBuffer();
  };
  const probed = await startServer(dataDir, 31_000 + Math.floor(Math.random() * 1000), probe);
  // Start time on this VM swings with the host's memory state (fresh pages cost ~1.9 s/GB on
  // first touch, ~0.6 s/GB once backed; README "Machine"), so three clean starts, median reported.
  const starts = [probed];
  for (let i = 0; i < 2; i++) starts.push(await startServer(dataDir, 31_000 + Math.floor(Math.random() * 1000)));
  const start = [...starts].sort((a, b) => a.readyMs - b.readyMs)[1] ?? probed;
  // Another process writes one record while the server is stopped: the snapshot's watermark no
  // longer matches the store, so this start compares every id and version (as after a crash).
  const offline = await openStore(config, pino({ level: 'silent' }), false);
  const [changed] = (await offline.collection('talents').list({ limit: 1 })).items;
  if (!changed) throw new Error('the bench store has no talents');
  await offline.collection('talents').update({ ...changed, version: changed.version + 1 }, changed.version);
  await offline.close();
  const driftStart = await startServer(dataDir, 31_000 + Math.floor(Math.random() * 1000));
  rmSync(path.join(dataDir, 'search'), { recursive: true, force: true });
  const coldStart = await startServer(dataDir, 32_000 + Math.floor(Math.random() * 1000));

  console.log(`\n${'figure'.padEnd(34)} ${'ChainTalent'.padStart(22)}   ${'naive baseline'.padStart(22)}   ratio`);
  line('ingest incl. embedding (docs/s)', ingestRate.toFixed(0), naiveIngestRate.toFixed(0), ingestRate / naiveIngestRate);
  line(
    'index rebuild from store',
    `${(rebuildMs / 1000).toFixed(1)} s (${rebuildRate.toFixed(0)}/s)`,
    `${naiveRebuildRate.toFixed(0)}/s`,
    rebuildRate / naiveRebuildRate,
  );
  line('match top-20 p50 (HTTP)', ms(pct(matchLat, 50)), ms(pct(naiveMatchLat, 50)), pct(naiveMatchLat, 50) / pct(matchLat, 50));
  line('match top-20 p95 (HTTP)', ms(pct(matchLat, 95)), ms(pct(naiveMatchLat, 95)), pct(naiveMatchLat, 95) / pct(matchLat, 95));
  line('match top-20 p99 (HTTP)', ms(pct(matchLat, 99)), ms(pct(naiveMatchLat, 99)), pct(naiveMatchLat, 99) / pct(matchLat, 99));
  line('search p50 (HTTP)', ms(pct(searchLat, 50)), ms(pct(naiveSearchLat, 50)), pct(naiveSearchLat, 50) / pct(searchLat, 50));
  line('search p95 (HTTP)', ms(pct(searchLat, 95)), ms(pct(naiveSearchLat, 95)), pct(naiveSearchLat, 95) / pct(searchLat, 95));
  line('server start → listening', ms(start.listenMs), ms(coldStart.listenMs), coldStart.listenMs / Math.max(1, start.listenMs));
  line('server start → ready (median of 3)', ms(start.readyMs), ms(coldStart.readyMs), coldStart.readyMs / Math.max(1, start.readyMs));
  console.log(`${''.padEnd(34)} the three: ${starts.map((x) => ms(x.readyMs)).join(', ')}`);
  line('  of which main() → listening', ms(start.serverMs), ms(coldStart.serverMs), coldStart.serverMs / Math.max(1, start.serverMs));
  line('start → ready, store changed', ms(driftStart.readyMs), ms(coldStart.readyMs), coldStart.readyMs / Math.max(1, driftStart.readyMs));
  console.log(
    `peak resident memory: served process ${probed.peakMb.toFixed(0)} MB (after start and 50 searches); bench process ${peakMb.toFixed(0)} MB (also holds the baselines' copies)`,
  );
  console.log(
    'baselines: ingest = one create per record; rebuild = embed and index one document at a time; match = embed + scan of number[] vectors with reduce + full sort;',
  );
  console.log('           search = lower-cased substring scan of every text; start = no search snapshot (index rebuilt from the store).');
  console.log(
    'starts: after a clean stop (snapshot in step with the store); "store changed" = one record written while stopped, so every id and version is compared.',
  );
  console.log('targets (2 cores): match p95 ≤ 50 ms, search p95 ≤ 30 ms, ingest ≥ 1,000 docs/s, start ≤ 5 s, peak ≤ 1.5 GB');
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
