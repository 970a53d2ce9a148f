import { z } from 'zod';
import type { ConceptLexicon } from '../encoder/features.js';
import { PAIR_WEIGHTS } from './pairs.js';
import type { TrainingPair } from './pairs.js';

// Only the fields the encoder learns from; the demo generator is owned elsewhere and may grow.
const Skilled = z.looseObject({
  skills: z.array(z.union([z.string(), z.looseObject({ name: z.string() })])).optional(),
  capabilities: z.array(z.string()).optional(),
  disciplines: z.array(z.string()).optional(),
  nodeId: z.string().optional(),
  nodeIds: z.array(z.string()).optional(),
});
const TextFields = ['description', 'text', 'summary', 'bio', 'intro', 'title', 'name'] as const;
const Demo = z.looseObject({
  talents: z.array(Skilled).default([]),
  institutes: z.array(Skilled).default([]),
  needs: z.array(Skilled).default([]),
});

type Item = z.infer<typeof Skilled>;

const skillsOf = (item: Item): string[] => [
  ...(item.skills ?? []).map((s) => (typeof s === 'string' ? s : s.name)),
  ...(item.capabilities ?? []),
  ...(item.disciplines ?? []),
];

const longestText = (item: Item): string | undefined => {
  const candidates = TextFields.map((f) => item[f]).filter((v): v is string => typeof v === 'string' && v.length >= 8);
  return candidates.sort((a, b) => b.length - a.length)[0];
};

/**
 * Pairs from the demo corpus (seed/demo.ts `generateDemo()`): a need's, talent's or institute's
 * prose ↔ its skill list. Loaded by URL so training still runs when the generator is absent
 * or changes shape; what was used is returned as notes for meta.json.
 */
export async function demoPairs(moduleUrl: string, lexicon: ConceptLexicon): Promise<{ pairs: TrainingPair[]; notes: string[] }> {
  const mod: unknown = await import(moduleUrl);
  const generate = typeof mod === 'object' && mod !== null ? (mod as Record<string, unknown>)['generateDemo'] : undefined;
  if (typeof generate !== 'function') return { pairs: [], notes: ['seed/demo.ts has no generateDemo(): trained on the lexicon alone'] };
  const raw: unknown = await (generate as () => unknown)();
  const parsed = Demo.safeParse(raw);
  if (!parsed.success)
    return {
      pairs: [],
      notes: [`generateDemo() output not understood (${parsed.error.issues[0]?.message ?? 'invalid'}): trained on the lexicon alone`],
    };

  const pairs: TrainingPair[] = [];
  const used: Record<string, number> = {};
  for (const [kind, items] of Object.entries({ talents: parsed.data.talents, institutes: parsed.data.institutes, needs: parsed.data.needs })) {
    for (const item of items) {
      const text = longestText(item);
      const skills = skillsOf(item);
      if (!text || skills.length === 0) continue;
      const keys = [...new Set(lexicon.detect(skills.join(' ')).map((d) => d.id))];
      const node = item.nodeId ?? item.nodeIds?.[0] ?? 'none.none';
      pairs.push({
        a: text,
        b: skills.join(', '),
        weight: PAIR_WEIGHTS.corpus,
        keys: keys.length > 0 ? keys : [text],
        group: node.split('.')[0] ?? 'none',
        kind: `demo-${kind}`,
      });
      used[kind] = (used[kind] ?? 0) + 1;
    }
  }
  return { pairs, notes: [`demo corpus: ${JSON.stringify(used)} prose ↔ skills pairs from seed/demo.ts`] };
}
