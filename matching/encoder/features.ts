import type { Tokenizer } from '../text/tokenize.js';
import { normalizeText } from '../text/tokenize.js';

/**
 * What the encoder needs from the domain lexicon: concept detection, and each concept's
 * `related` ids. Structural, so both the lexicon loader (`matching/lexicon/lexicon.ts`) and
 * the training code's own reader fit.
 */
export interface ConceptLexicon {
  detect(text: string): ReadonlyArray<{ id: string }>;
  readonly entries: ReadonlyArray<{ id: string; related: readonly string[] }>;
}

/** Which features a text yields and how much each kind counts before IDF. Stored in model.json. */
export interface FeatureConfig {
  /** Tokenizer tokens (jieba search mode, Latin words): `t:<token>`. */
  tokenWeight: number;
  /** Han character bigrams (`b:<2 chars>`): recall for Chinese words jieba segments differently. */
  bigramWeight: number;
  /** Lexicon concepts detected in the text (`c:<id>`): the cross-language and symptom→technology bridge. */
  conceptWeight: number;
  /** Concepts `related` to a detected one, same `c:<id>` row at a lower weight. */
  relatedWeight: number;
}

/** The configuration the committed model is trained with. */
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  tokenWeight: 1,
  bigramWeight: 0.5,
  conceptWeight: 2,
  relatedWeight: 0.5,
};

/** One feature of a text with its weight before IDF. */
export interface WeightedFeature {
  key: string;
  weight: number;
}

const HAN_RUN = /\p{Script=Han}+/gu;

/** Turns a text into weighted sparse features; shared by training and inference so they cannot drift. */
export type Featurizer = (text: string) => WeightedFeature[];

/**
 * Builds the featurizer. Repeated tokens count sub-linearly (1 + ln n) so a keyword-stuffed
 * profile does not drown the rest; a concept both detected and related keeps the larger weight.
 */
export function createFeaturizer(deps: { tokenizer: Tokenizer; lexicon: ConceptLexicon; config: FeatureConfig }): Featurizer {
  const { tokenizer, lexicon, config } = deps;
  const related = new Map<string, readonly string[]>();
  for (const e of lexicon.entries) related.set(e.id, e.related);

  return (text) => {
    const counts = new Map<string, number>();
    const bump = (key: string): void => {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    };
    for (const t of tokenizer.tokens(text)) bump(`t:${t}`);
    if (config.bigramWeight > 0) {
      for (const run of normalizeText(text).matchAll(HAN_RUN)) {
        const chars = Array.from(run[0]);
        if (chars.length === 1) bump(`b:${chars[0] ?? ''}`);
        for (let i = 0; i + 1 < chars.length; i++) bump(`b:${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
      }
    }
    const out: WeightedFeature[] = [];
    for (const [key, n] of counts) {
      const base = key.startsWith('t:') ? config.tokenWeight : config.bigramWeight;
      out.push({ key, weight: base * (1 + Math.log(n)) });
    }

    const concepts = new Map<string, number>();
    const detected = new Map<string, number>();
    for (const d of lexicon.detect(text)) detected.set(d.id, (detected.get(d.id) ?? 0) + 1);
    for (const [id, n] of detected) concepts.set(id, config.conceptWeight * (1 + Math.log(n)));
    if (config.relatedWeight > 0) {
      for (const id of detected.keys()) {
        for (const r of related.get(id) ?? []) {
          if (!concepts.has(r) || (concepts.get(r) ?? 0) < config.relatedWeight) concepts.set(r, config.relatedWeight);
        }
      }
    }
    for (const [id, weight] of concepts) out.push({ key: `c:${id}`, weight });
    return out;
  };
}
