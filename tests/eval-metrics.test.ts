import { describe, expect, it } from 'vitest';
import { ndcgAt, recallAt, reciprocalRank } from '../eval/metrics.js';

describe('ranking metrics', () => {
  const j = { a: 3, b: 2, c: 1 };
  it('when the ranking is ideal, then nDCG is 1; when reversed, then lower', () => {
    expect(ndcgAt(['a', 'b', 'c'], j, 10)).toBeCloseTo(1);
    const reversed = ndcgAt(['c', 'b', 'a'], j, 10);
    expect(reversed).toBeLessThan(1);
    // DCG of [1,3,7] over the ideal [7,3,1]
    const ideal = 7 + 3 / Math.log2(3) + 1 / 2;
    expect(reversed).toBeCloseTo((1 + 3 / Math.log2(3) + 7 / 2) / ideal);
  });
  it('when relevant results fall outside k, then recall and nDCG drop', () => {
    expect(recallAt(['x', 'a', 'y'], j, 2)).toBeCloseTo(1 / 3);
    expect(ndcgAt(['x', 'y', 'a'], j, 2)).toBe(0);
  });
  it('when the first strong hit is third, then MRR is 1/3; weak hits do not count', () => {
    expect(reciprocalRank(['c', 'x', 'b'], j)).toBeCloseTo(1 / 3);
    expect(reciprocalRank(['c', 'x'], j)).toBe(0);
  });
});
