import { z } from 'zod';

/**
 * One concept of the bilingual domain lexicon (matching/lexicon/data/*.json). The lexicon is a
 * product asset: it normalises free-text skills to canonical ids (facets, skill overlap), feeds
 * the tokenizer's dictionary, and supplies the pairs the encoder is trained on.
 */
export const LexiconKind = z.enum(['technology', 'skill', 'material', 'process', 'standard', 'problem', 'product', 'equipment', 'discipline']);

export const LexiconEntry = z.strictObject({
  /** Canonical id: lower-case ASCII slug, unique across all files (e.g. "nvh", "rotor-dynamics"). */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  kind: LexiconKind,
  /** Preferred Simplified Chinese name. */
  zh: z.string().min(1),
  /** Preferred English name. */
  en: z.string().min(1),
  /** Abbreviations as written (BMS, NVH, DBC). */
  abbr: z.array(z.string().min(1)).default([]),
  /** Other names and colloquial phrasings, Chinese or English (嗡嗡响, "buzzing noise"). */
  synonyms: z.array(z.string().min(1)).default([]),
  /** Chain node ids where the concept matters (see seed/data/chain-outline.json). */
  nodes: z.array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/)).min(1),
  /** One-line definition in Chinese. */
  def: z.string().min(4),
  /** One-line definition in English (optional). */
  defEn: z.string().optional(),
  /** Ids of concepts that solve, cause or belong with this one (a problem → the technologies that fix it). */
  related: z.array(z.string()).default([]),
});
export type LexiconEntry = z.infer<typeof LexiconEntry>;
export const LexiconFile = z.array(LexiconEntry);
