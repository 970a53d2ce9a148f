import { isDeepStrictEqual } from 'node:util';
import type { Enricher } from '../../../matching/enrich.js';
import type { BaseDoc, Store } from '../../store/port.js';
import { derived } from './resources.js';

const TYPES = ['talents', 'institutes', 'needs', 'enterprises'] as const;

/**
 * Recomputes the lexicon-derived fields (concepts, inferred nodes) of every record, after the
 * lexicon changed. Only records whose fields differ are written (a new version, so the search
 * index follows through the outbox); a second run changes nothing.
 */
export async function rederiveAll(store: Store, enrich: Enricher, clock: () => Date = () => new Date()): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const type of TYPES) {
    const col = store.collection<BaseDoc & { skillIds?: string[]; inferredNodeIds?: string[] }>(type);
    let changed = 0;
    for await (const batch of col.scan(500)) {
      for (const doc of batch) {
        const next = derived(enrich, type, doc as unknown as Record<string, unknown>);
        if (isDeepStrictEqual(next.skillIds, doc.skillIds ?? []) && isDeepStrictEqual(next.inferredNodeIds, doc.inferredNodeIds ?? [])) continue;
        await col.update({ ...doc, ...next, version: doc.version + 1, updatedAt: clock().toISOString() }, doc.version);
        changed++;
      }
    }
    out[type] = changed;
  }
  return out;
}
