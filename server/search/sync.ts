import type { Logger } from 'pino';
import type { BaseDoc, Store, StoreWatermark } from '../store/port.js';
import { SEARCH_TYPES, type SearchIndex, type SearchType } from './port.js';
import { textOf, toSearchDocs, type ConceptTagger, type TextEmbedder } from './documents.js';

/**
 * Keeps the search index following the store. Every write to an indexed collection leaves an
 * outbox entry in the same transaction; `drain` embeds and indexes them and acknowledges only
 * what the index took, so a search outage loses nothing: entries wait and are retried.
 */
export interface IndexSync {
  /** Indexes everything pending; resolves with counts, rejects if the index is unreachable. */
  drain(): Promise<{ indexed: number; removed: number }>;
  /** Drains soon for read-after-write, waiting at most `waitMs`; never throws. */
  settle(waitMs?: number): Promise<void>;
  /** Retries in the background every `intervalMs` (backing off while the index is down). */
  start(intervalMs?: number): void;
  stop(): Promise<void>;
  /** Rebuilds the index of each type from the store. */
  reindex(types?: readonly SearchType[]): Promise<Record<string, number>>;
  /**
   * Compares index and store (counts, model version, then every id and version) and repairs the
   * differences. The id and version comparison is skipped when the index was recorded in step
   * with the store's current watermark: nothing reached the store since that record was made.
   */
  repairDrift(): Promise<Record<string, { added: number; removed: number }>>;
  /**
   * Drains the outbox, then records the store's watermark in the index (for engines that keep
   * one), so the next start can skip the full drift check; records nothing unless this process
   * itself took every outbox entry since its drift check (see `contiguous`). Called on a clean
   * shutdown. Resolves whether it recorded.
   */
  checkpoint(): Promise<boolean>;
  /** Embeds arbitrary text with the current model (queries). */
  embedder: TextEmbedder;
}

export function createIndexSync(deps: {
  store: Store;
  search: SearchIndex;
  embedder: TextEmbedder;
  tagger: ConceptTagger;
  logger: Logger;
  batchSize?: number;
}): IndexSync {
  const { store, search, embedder, tagger, logger } = deps;
  const batchSize = deps.batchSize ?? 256;
  let running: Promise<{ indexed: number; removed: number }> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped = false;
  /**
   * The outbox seq up to which this index holds every change, as long as this process took each
   * entry after it itself, in order. Another process draining the same outbox (a CLI on the same
   * data directory) takes entries this index never sees; the gap it leaves ends the run, and a
   * checkpoint then records nothing, so the next start checks every version.
   */
  let contiguous: number | undefined;
  const tokenOf = (mark: StoreWatermark): string => `${mark.store}:${mark.seq}`;

  async function indexDocs(type: SearchType, docs: readonly BaseDoc[]): Promise<void> {
    if (docs.length === 0) return;
    const vectors = await embedder.embed(docs.map((d) => textOf(type, d).embed));
    await search.upsert(type, toSearchDocs(type, docs, vectors, embedder.version, tagger));
  }

  async function drainOnce(): Promise<{ indexed: number; removed: number }> {
    let indexed = 0;
    let removed = 0;
    for (;;) {
      const entries = await store.outbox.pending(batchSize);
      if (entries.length === 0) break;
      const byType = new Map<SearchType, { upsert: Set<string>; remove: Set<string> }>();
      for (const e of entries) {
        if (!(SEARCH_TYPES as readonly string[]).includes(e.collection)) continue;
        const slot = byType.get(e.collection as SearchType) ?? { upsert: new Set<string>(), remove: new Set<string>() };
        byType.set(e.collection as SearchType, slot);
        // The newest entry for an id wins: an upsert after a delete re-adds it.
        if (e.op === 'delete') {
          slot.upsert.delete(e.docId);
          slot.remove.add(e.docId);
        } else {
          slot.remove.delete(e.docId);
          slot.upsert.add(e.docId);
        }
      }
      try {
        for (const [type, slot] of byType) {
          const docs = await store.collection(type).getMany([...slot.upsert]);
          const missing = [...slot.upsert].filter((id) => !docs.some((d) => d.id === id));
          await indexDocs(type, docs);
          const gone = [...slot.remove, ...missing];
          if (gone.length > 0) await search.remove(type, gone);
          indexed += docs.length;
          removed += gone.length;
        }
      } catch (err) {
        await store.outbox.fail(entries.map((e) => e.seq));
        throw err;
      }
      await store.outbox.ack(entries.map((e) => e.seq));
      for (const e of entries) contiguous = contiguous !== undefined && e.seq === contiguous + 1 ? e.seq : undefined;
    }
    return { indexed, removed };
  }

  const drain = (): Promise<{ indexed: number; removed: number }> => {
    // One drain at a time; callers arriving meanwhile chain behind it so their write is covered.
    const next = (running ?? Promise.resolve({ indexed: 0, removed: 0 })).catch(() => undefined).then(drainOnce);
    running = next;
    return next.finally(() => {
      if (running === next) running = undefined;
    });
  };

  async function reindexType(type: SearchType): Promise<number> {
    await search.clear(type);
    let n = 0;
    for await (const batch of store.collection(type).scan(batchSize)) {
      await indexDocs(type, batch);
      n += batch.length;
    }
    return n;
  }

  const schedule = (intervalMs: number) => {
    if (stopped) return;
    const delay = Math.min(intervalMs * 2 ** Math.min(failures, 6), 60_000);
    timer = setTimeout(() => {
      drain()
        .then(() => {
          if (failures > 0) logger.info('search index reachable again; outbox drained');
          failures = 0;
        })
        .catch((err: unknown) => {
          failures++;
          logger.warn({ err: err instanceof Error ? err.message : String(err), failures }, 'search index sync failed; will retry');
        })
        .finally(() => schedule(intervalMs));
    }, delay);
    timer.unref();
  };

  return {
    embedder,
    drain,
    async settle(waitMs = 3_000) {
      let t: NodeJS.Timeout | undefined;
      await Promise.race([drain().catch(() => undefined), new Promise((r) => (t = setTimeout(r, waitMs)))]);
      clearTimeout(t);
    },
    start(intervalMs = 1_000) {
      stopped = false;
      schedule(intervalMs);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
    async reindex(types = SEARCH_TYPES) {
      const out: Record<string, number> = {};
      for (const type of types) out[type] = await reindexType(type);
      return out;
    },
    async checkpoint() {
      if (!search.recordWatermark) return false;
      await drain();
      // Read after the drain: a write landing in between leaves the store past what this index
      // took, the two differ, and nothing is recorded.
      const mark = await store.outbox.watermark();
      if (contiguous !== mark.seq) {
        logger.info(
          { took: contiguous ?? null, store: mark.seq },
          'search checkpoint not recorded: this process did not take every outbox entry since its drift check (none ran, or another process drained some); the next start checks every version',
        );
        return false;
      }
      await search.recordWatermark(tokenOf(mark));
      return true;
    },
    async repairDrift() {
      const out: Record<string, { added: number; removed: number }> = {};
      const watermark = await store.outbox.watermark();
      const mark = tokenOf(watermark);
      for (const type of SEARCH_TYPES) {
        const stats = await search.stats(type);
        const col = store.collection(type);
        const storeCount = await col.count();
        const wrongModel = stats.modelVersions.some((v) => v !== embedder.version);
        if (!wrongModel && stats.watermark === mark && stats.count === storeCount) continue;
        if (wrongModel || !stats.versions) {
          if (wrongModel || stats.count !== storeCount) {
            logger.info({ type, index: stats.count, store: storeCount, models: stats.modelVersions }, 're-indexing: drift or new model');
            out[type] = { added: await reindexType(type), removed: stats.count };
          }
          continue;
        }
        // Versions only: reading every document would cost most of a start-up on a large store.
        const seen = new Set<string>();
        const stale: string[] = [];
        let added = 0;
        const reindexStale = async () => {
          const ids = stale.splice(0);
          const docs = await col.getMany(ids);
          await indexDocs(type, docs);
          added += docs.length;
          // Deleted between the versions scan and the read: drop it from the index like any extra.
          const found = new Set(docs.map((d) => d.id));
          for (const id of ids) if (!found.has(id)) seen.delete(id);
        };
        for await (const batch of col.versions(batchSize)) {
          for (const d of batch) {
            seen.add(d.id);
            if (stats.versions.get(d.id) !== d.version) stale.push(d.id);
          }
          if (stale.length >= batchSize) await reindexStale();
        }
        if (stale.length > 0) await reindexStale();
        const extra = [...stats.versions.keys()].filter((id) => !seen.has(id));
        if (extra.length > 0) await search.remove(type, extra);
        if (added > 0 || extra.length > 0) out[type] = { added, removed: extra.length };
      }
      // From here the index holds every change up to the mark, except entries still pending,
      // which the drains take in order.
      const [first] = await store.outbox.pending(1);
      contiguous = first ? Math.min(watermark.seq, first.seq - 1) : watermark.seq;
      return out;
    },
  };
}
