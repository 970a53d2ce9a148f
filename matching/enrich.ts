/**
 * Derives what the matching engine needs from a record's text: canonical concept ids (for
 * facets and skill overlap) and, when the author named no chain node, the nodes the text
 * points at. Computed once at write time and stored, not at query time.
 */
export interface ConceptSource {
  detect(text: string): ReadonlyArray<{ id: string }>;
  normalizeSkills(skills: readonly string[]): { ids: string[]; unknown: string[] };
  nodesOf(ids: readonly string[]): Map<string, number>;
}

export interface Enrichment {
  skillIds: string[];
  inferredNodeIds: string[];
}

export type Enricher = (text: string, skills: readonly string[]) => Enrichment;

/** At most this many nodes are inferred, and only those with real support. */
const MAX_INFERRED = 3;
const MIN_SUPPORT = 2;

export function createEnricher(lexicon: ConceptSource): Enricher {
  return (text, skills) => {
    const ids = new Set(lexicon.normalizeSkills(skills).ids);
    for (const m of lexicon.detect(text)) ids.add(m.id);
    const skillIds = [...ids].sort();
    const ranked = [...lexicon.nodesOf(skillIds)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const best = ranked[0]?.[1] ?? 0;
    // A node is inferred when enough concepts point at it, relative to the strongest one.
    const inferredNodeIds = ranked
      .filter(([, n]) => n >= MIN_SUPPORT && n >= best * 0.5)
      .slice(0, MAX_INFERRED)
      .map(([id]) => id);
    return { skillIds, inferredNodeIds };
  };
}
