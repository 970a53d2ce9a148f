import type { LexiconEntry } from '../lexicon/types.js';
import type { Rng } from './rng.js';

/** A synonym withheld from training (and from the lexicon used for detection), to be found again. */
export interface HeldOut {
  id: string;
  text: string;
}

/**
 * Withholds one synonym from a `share` of the entries that have at least two. The returned
 * entries no longer contain it, so neither the pairs nor the concept detector know it: finding
 * its entry again measures how the encoder generalises to wording it never saw.
 */
export function holdOutSynonyms(entries: readonly LexiconEntry[], share: number, rng: Rng): { entries: LexiconEntry[]; held: HeldOut[] } {
  const held: HeldOut[] = [];
  const kept = entries.map((e) => {
    if (e.synonyms.length < 2 || rng.next() >= share) return e;
    const i = rng.int(e.synonyms.length);
    const text = e.synonyms[i] ?? '';
    held.push({ id: e.id, text });
    return { ...e, synonyms: e.synonyms.filter((_, j) => j !== i) };
  });
  return { entries: kept, held };
}

/** Recall@1, recall@5 and mean reciprocal rank of each query's entry among all entries. */
export function retrievalScores(
  queries: ReadonlyArray<{ target: number; vector: Float32Array }>,
  candidates: readonly Float32Array[],
): { recallAt1: number; recallAt5: number; mrr: number } {
  let r1 = 0;
  let r5 = 0;
  let rr = 0;
  for (const q of queries) {
    const scores = candidates.map((c) => {
      let dot = 0;
      for (let j = 0; j < c.length; j++) dot += (c[j] ?? 0) * (q.vector[j] ?? 0);
      return dot;
    });
    const own = scores[q.target] ?? -Infinity;
    const rank = 1 + scores.filter((s, i) => i !== q.target && s >= own).length;
    if (rank === 1) r1++;
    if (rank <= 5) r5++;
    rr += 1 / rank;
  }
  const n = Math.max(1, queries.length);
  return { recallAt1: r1 / n, recallAt5: r5 / n, mrr: rr / n };
}
