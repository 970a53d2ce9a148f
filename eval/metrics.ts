/** Ranking metrics over graded judgements (unjudged = 0). */
export type Judgements = Readonly<Record<string, number>>;

const gain = (g: number) => 2 ** g - 1;

export function dcg(grades: readonly number[], k: number): number {
  let s = 0;
  for (let i = 0; i < Math.min(k, grades.length); i++) s += gain(grades[i] ?? 0) / Math.log2(i + 2);
  return s;
}

/** nDCG@k with exponential gains (3 → 7, 2 → 3, 1 → 1). */
export function ndcgAt(ranked: readonly string[], j: Judgements, k: number): number {
  const ideal = dcg(
    Object.values(j)
      .filter((g) => g > 0)
      .sort((a, b) => b - a),
    k,
  );
  if (ideal === 0) return 0;
  return (
    dcg(
      ranked.map((id) => j[id] ?? 0),
      k,
    ) / ideal
  );
}

/** Share of the judged-relevant candidates (grade ≥ 1) found in the top k. */
export function recallAt(ranked: readonly string[], j: Judgements, k: number): number {
  const relevant = Object.entries(j).filter(([, g]) => g > 0);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter(([id]) => top.has(id)).length / relevant.length;
}

/** Reciprocal rank of the first strong result (grade ≥ 2). */
export function reciprocalRank(ranked: readonly string[], j: Judgements, minGrade = 2): number {
  const i = ranked.findIndex((id) => (j[id] ?? 0) >= minGrade);
  return i < 0 ? 0 : 1 / (i + 1);
}

export const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
