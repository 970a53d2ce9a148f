/**
 * Measures the embedded engine at the planned scale on realistic records:
 *
 *   npx tsx server/search/embedded/bench.ts [talents=100000] [--institutes 10000] [--engine <module>] [--snapshot-dir <dir>]
 *
 * Records come from the seed's load generator (the demo's phrase banks at volume), vectors are
 * random unit vectors, queries are lexicon terms (zh, en, abbreviations), Latin typos and word
 * runs cut from the generated text. `--engine` loads another module exporting
 * `createEmbeddedSearch`, so before/after compare on the same data: for the MiniSearch engine,
 * copy `index.ts` and `vectors.ts` of commit 79c13dc beside this file (as legacy-minisearch.ts
 * importing ./legacy-vectors.js). Prints figures; asserts nothing (timings belong in reports).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadLexicon } from '../../../matching/lexicon/lexicon.js';
import { createTokenizer } from '../../../matching/text/tokenize.js';
import type { Tokenizer } from '../../../matching/text/tokenize.js';
import { generateLoad } from '../../../seed/load-generator.js';
import { createRng } from '../../../seed/prng.js';
import type { Rng } from '../../../seed/prng.js';
import type { SearchDoc, SearchFilters, SearchIndex, SearchRequest, SearchType } from '../port.js';
import { createEmbeddedSearch } from './index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LEXICON_DIR = path.resolve(HERE, '../../../matching/lexicon/data');
const DIM = 64;

interface Args {
  talents: number;
  institutes: number;
  engine: string | undefined;
  /** Keep the snapshot here instead of a temporary directory, e.g. to time a server start on it. */
  snapshotDir: string | undefined;
}

function parseArgs(argv: readonly string[]): Args {
  const out: Args = { talents: 100_000, institutes: 10_000, engine: undefined, snapshotDir: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--institutes') out.institutes = Number(argv[++i]);
    else if (a === '--engine') out.engine = argv[++i];
    else if (a === '--snapshot-dir') out.snapshotDir = argv[++i];
    else if (a !== undefined && /^\d+$/.test(a)) out.talents = Number(a);
  }
  return out;
}

type Factory = (options: { tokenizer: Tokenizer; snapshotDir?: string }) => SearchIndex;

async function loadFactory(engine: string | undefined): Promise<Factory> {
  if (engine === undefined) return createEmbeddedSearch;
  const mod = (await import(pathToFileURL(path.resolve(engine)).href)) as { createEmbeddedSearch: Factory };
  return mod.createEmbeddedSearch;
}

function randomUnit(rng: Rng): number[] {
  const v = Array.from({ length: DIM }, () => rng.next() * 2 - 1);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

const join = (parts: Array<string | undefined | readonly string[]>, sep = ' '): string =>
  parts
    .flat()
    .filter((p): p is string => typeof p === 'string' && p.trim().length > 0)
    .join(sep);

/** Talent and institute search docs from the seed's load generator, shaped as `server/search/documents.ts` shapes them. */
function generateDocs(talents: number, institutes: number): { talents: SearchDoc[]; institutes: SearchDoc[] } {
  // Vectors and the fields the seed leaves to the server (consent, visibility) get their own stream.
  const rng = createRng(20251127);
  const base = Date.UTC(2025, 0, 1);
  const common = (i: number, nodeIds: string[]) => ({
    chainIds: [...new Set(nodeIds.map((n) => n.split('.')[0] ?? n))],
    nodeIds,
    status: 'active',
    ownerId: `owner-${i % 5000}`,
    skillIds: [],
    public: rng.chance(0.8),
    vector: randomUnit(rng),
    modelVersion: 'enc-v1',
    sourceVersion: 1 + rng.int(0, 3),
    updatedAt: new Date(base + i * 60_000).toISOString(),
  });
  const out: { talents: SearchDoc[]; institutes: SearchDoc[] } = { talents: [], institutes: [] };
  for (const batch of generateLoad({ talents, institutes, seed: 20251127 })) {
    if (batch.kind === 'talents') {
      for (const t of batch.items) {
        const i = out.talents.length;
        out.talents.push({
          id: `tal-${i}`,
          type: 'talents',
          title: t.name,
          subtitle: join([t.title, t.organisation, (t.skills ?? []).join('、')]),
          body: join([t.summary, (t.fields ?? []).join('、'), (t.achievements ?? []).join('；')]),
          city: t.city ?? '',
          kind: '',
          availability: t.availability ?? 'open_to_offers',
          purposes: t.consent.purposes,
          ...common(i, t.nodeIds ?? []),
        });
      }
    } else if (batch.kind === 'institutes') {
      for (const inst of batch.items) {
        const i = out.institutes.length;
        out.institutes.push({
          id: `ins-${i}`,
          type: 'institutes',
          title: inst.name,
          subtitle: join([inst.nameEn, (inst.disciplines ?? []).join('、'), (inst.capabilities ?? []).join('、')]),
          body: join([inst.description, (inst.equipment ?? []).join('、'), (inst.platforms ?? []).join('、')]),
          city: inst.city,
          kind: inst.kind,
          availability: '',
          purposes: [],
          ...common(i, inst.nodeIds ?? []),
        });
      }
    }
  }
  return out;
}

/** 1–4 word queries: lexicon surface forms, word runs from the generated text, a few Latin typos. */
function buildQueries(rng: Rng, tokenizer: Tokenizer, docs: readonly SearchDoc[], n: number): string[] {
  const lexicon = loadLexicon(LEXICON_DIR);
  const zh: string[] = [];
  const en: string[] = [];
  const abbr: string[] = [];
  for (const e of lexicon.entries) {
    zh.push(e.zh);
    if (e.en) en.push(e.en);
    abbr.push(...e.abbr);
  }
  const typo = (w: string): string => {
    if (w.length < 5) return w;
    const at = rng.int(1, w.length - 2);
    return w.slice(0, at) + w.slice(at + 1);
  };
  const out: string[] = [];
  while (out.length < n) {
    const kind = rng.int(0, 5);
    const words = rng.int(1, 4);
    if (kind === 0) out.push(rng.sample(zh, words).join(' '));
    else if (kind === 1) out.push(rng.pick(en));
    else if (kind === 2) out.push([rng.pick(abbr), ...rng.sample(zh, words - 1)].join(' '));
    else if (kind === 3) out.push(typo(rng.pick(en.filter((w) => !w.includes(' ') && w.length >= 6))));
    else {
      const d = rng.pick(docs);
      const ws = tokenizer.words(rng.chance(0.5) ? d.body : d.subtitle);
      if (ws.length === 0) continue;
      const at = rng.int(0, Math.max(0, ws.length - words));
      out.push(ws.slice(at, at + words).join(' '));
    }
  }
  return out;
}

function percentiles(ms: readonly number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number): string => (s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0).toFixed(2);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms (n=${s.length})`;
}

async function time<T>(items: readonly T[], fn: (item: T, i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const t = performance.now();
    await fn(items[i] as T, i);
    out.push(performance.now() - t);
  }
  return out;
}

const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;
function memory(label: string): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  const m = process.memoryUsage();
  console.log(`${label}: heap ${mb(m.heapUsed)}, external+arrayBuffers ${mb(m.external + m.arrayBuffers)}, rss ${mb(m.rss)}`);
}

async function upsertAll(index: SearchIndex, type: SearchType, docs: readonly SearchDoc[]): Promise<number> {
  const t0 = performance.now();
  // The sync drains the outbox in batches of 256; bigger batches here would flatter the engine.
  for (let i = 0; i < docs.length; i += 256) await index.upsert(type, docs.slice(i, i + 256));
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const factory = await loadFactory(args.engine);
  const lexicon = loadLexicon(LEXICON_DIR);
  const tokenizer = createTokenizer({ extraWords: lexicon.words() });

  let t = performance.now();
  const data = generateDocs(args.talents, args.institutes);
  console.log(
    `engine ${args.engine ?? 'current'}; generated ${data.talents.length} talents + ${data.institutes.length} institutes in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const rng = createRng(7);
  const queries = buildQueries(rng.fork(1), tokenizer, data.talents, 400);
  const filterSets: Array<SearchFilters | undefined> = [
    undefined,
    { city: '佛山' },
    { public: true, purposes: 'hr_bureau_search' },
    { chainIds: data.talents[0]?.chainIds ?? [] },
  ];
  const requests: SearchRequest[] = queries.map((q, i) => ({
    type: 'talents',
    q,
    limit: 20,
    ...(i % 4 === 0 ? {} : { filters: filterSets[i % filterSets.length] }),
    ...(i % 8 === 1 ? { facets: ['city', 'chainIds'] } : {}),
  }));
  const qvs = Array.from({ length: requests.length }, () => randomUnit(rng));

  const snapshotDir = args.snapshotDir ?? (await mkdtemp(path.join(tmpdir(), 'chaintalent-bench-')));
  memory('before index');
  const index = factory({ tokenizer, snapshotDir });
  await index.init(DIM);
  const upT = await upsertAll(index, 'talents', data.talents);
  const upI = await upsertAll(index, 'institutes', data.institutes);
  console.log(
    `upsert ${data.talents.length} talents: ${(upT / 1000).toFixed(2)} s; ${data.institutes.length} institutes: ${(upI / 1000).toFixed(2)} s`,
  );
  memory('after index');

  // Warm the JIT so the first percentiles measure the engine, not the compiler.
  for (const r of requests.slice(0, 40)) await index.search(r);

  const kw = await time(requests, (r) => index.search(r));
  console.log(`keyword search limit 20: ${percentiles(kw)}`);
  const totals = await Promise.all(requests.slice(0, 50).map(async (r) => (await index.search(r)).total));
  console.log(`  hits per query (first 50): median ${[...totals].sort((a, b) => a - b)[25]}, max ${Math.max(...totals)}`);
  const hy = await time(requests, (r, i) => index.search({ ...r, vector: qvs[i] ?? [], semanticRatio: 0.5 }));
  console.log(`hybrid search limit 20 r=0.5: ${percentiles(hy)}`);
  const match = await time(requests, (r, i) => index.search({ ...r, limit: 150, facets: [], vector: qvs[i] ?? [], semanticRatio: 0.5 }));
  console.log(`match retrieval (hybrid, 150 candidates): ${percentiles(match)}`);
  const listing = await time(requests.slice(0, 100), (r) => index.search({ ...r, q: '' }));
  console.log(`listing (q empty, filters): ${percentiles(listing)}`);
  const near = await time(qvs.slice(0, 100), (v) => index.nearest('talents', v, 150));
  console.log(`nearest k=150 no filter: ${percentiles(near)}`);
  const nearF = await time(qvs.slice(0, 100), (v) => index.nearest('talents', v, 150, { city: '佛山', public: true }));
  console.log(`nearest k=150 city+public: ${percentiles(nearF)}`);
  const st = await time([0, 1, 2, 3, 4], () => index.stats('talents'));
  console.log(`stats(talents): ${percentiles(st)}`);

  const snap = (index as { snapshot?: () => Promise<void> }).snapshot;
  if (snap) {
    t = performance.now();
    await snap.call(index);
    console.log(`snapshot write (all types): ${(performance.now() - t).toFixed(0)} ms`);
    const reopened = factory({ tokenizer, snapshotDir });
    t = performance.now();
    await reopened.init(DIM);
    console.log(
      `snapshot load (init): ${(performance.now() - t).toFixed(0)} ms, talents ${(await reopened.stats('talents')).count}, institutes ${(await reopened.stats('institutes')).count}`,
    );
    const a = await index.search(requests[1] ?? { type: 'talents', q: '', limit: 1 });
    const b = await reopened.search(requests[1] ?? { type: 'talents', q: '', limit: 1 });
    console.log(`  same hits after reload: ${JSON.stringify(a.hits.map((h) => h.id)) === JSON.stringify(b.hits.map((h) => h.id))}`);
    memory('with a second, reloaded engine');
    await reopened.close();
  }

  t = performance.now();
  await index.remove(
    'talents',
    data.talents.slice(0, 10_000).map((d) => d.id),
  );
  console.log(`remove 10k talents: ${(performance.now() - t).toFixed(0)} ms`);
  const kw2 = await time(requests.slice(0, 200), (r) => index.search(r));
  console.log(`keyword search after removal: ${percentiles(kw2)}`);
  if (!args.snapshotDir) await rm(snapshotDir, { recursive: true, force: true });
}

await main();
