/**
 * The weights of the final match score, in one place.
 *
 * total = Σ weight × component, each component in [0, 1]:
 * - semantic:     cosine similarity of the trained encoder's vectors (need text vs profile text);
 * - keyword:      BM25F keyword relevance from the search engine, relative to the query's best
 *                 match and scaled by the share of query terms the profile contains (so a long
 *                 need text gives small keyword values; rescaling the best match to 1 was
 *                 measured and ranked worse);
 * - skills:       share of the need's lexicon concepts the candidate covers (directly, or via a
 *                 `related` concept at half credit);
 * - chain:        same node 1, a supply-linked node 0.6, same chain 0.3 (inferred nodes count 0.8×);
 * - location:     same city 1, same province 0.6, elsewhere in China 0.3, abroad 0.2, unknown 0.4;
 * - availability: available 1, part-time 0.8, open to offers 0.6, unavailable 0 (institutes 1).
 *
 * They are tuned by `npm run eval -- --tune` on the tuning half of the labelled set and checked
 * on the held-out half (see README "Evaluation"); change them only with a new eval run.
 */
export interface Weights {
  semantic: number;
  keyword: number;
  skills: number;
  chain: number;
  location: number;
  availability: number;
}

export const COMPONENTS = ['semantic', 'keyword', 'skills', 'chain', 'location', 'availability'] as const;
export type Component = (typeof COMPONENTS)[number];

export const DEFAULT_WEIGHTS: Weights = {
  semantic: 0.35,
  keyword: 0.2,
  skills: 0.25,
  chain: 0.1,
  location: 0.05,
  availability: 0.05,
};
