import type { LexiconEntry } from '../lexicon/types.js';
import type { Rng } from './rng.js';

/** Two texts that should embed close together. */
export interface TrainingPair {
  a: string;
  b: string;
  /** Share of the contrastive loss: 1 for translations, less for looser relations. */
  weight: number;
  /**
   * Concept (or document) ids the pair is about. Two pairs of one batch that share a key are
   * not used as each other's negatives: "NVH" must not be pushed away from "噪声振动".
   */
  keys: string[];
  /** Chain code, so some batches can be filled from one chain: its other nodes are the hard negatives. */
  group: string;
  kind: string;
}

/** Weights per pair kind; looser relations pull less. */
export const PAIR_WEIGHTS = {
  translation: 1,
  abbreviation: 1,
  synonym: 1,
  definition: 0.6,
  related: 0.5,
  composite: 0.7,
  symptom: 0.8,
  node: 0.15,
  corpus: 1,
} as const;

const chainOf = (e: LexiconEntry): string => (e.nodes[0] ?? 'none.none').split('.')[0] ?? 'none';

/**
 * Pairs from the lexicon: zh ↔ en, name ↔ abbreviation, name ↔ synonym, name ↔ definition
 * (also across languages), problem/concept ↔ related concept, multi-concept phrases across
 * languages (profiles and needs list several skills), a problem's colloquial wording ↔ the
 * technologies that fix it, and a weak pull between concepts of the same chain node.
 */
export function lexiconPairs(entries: readonly LexiconEntry[], rng: Rng): TrainingPair[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const out: TrainingPair[] = [];
  const add = (a: string, b: string, kind: keyof typeof PAIR_WEIGHTS, keys: string[], group: string): void => {
    if (a.trim() && b.trim() && a !== b) out.push({ a, b, weight: PAIR_WEIGHTS[kind], keys, group, kind });
  };
  const name = (e: LexiconEntry): string => (rng.next() < 0.5 ? e.zh : e.en);

  for (const e of entries) {
    const g = chainOf(e);
    const k = [e.id];
    add(e.zh, e.en, 'translation', k, g);
    for (const ab of e.abbr) {
      add(e.zh, ab, 'abbreviation', k, g);
      add(e.en, ab, 'abbreviation', k, g);
    }
    for (const s of e.synonyms) {
      add(e.zh, s, 'synonym', k, g);
      add(e.en, s, 'synonym', k, g);
    }
    add(e.zh, e.def, 'definition', k, g);
    add(e.en, e.def, 'definition', k, g);
    if (e.defEn) {
      add(e.en, e.defEn, 'definition', k, g);
      add(e.zh, e.defEn, 'definition', k, g);
    }

    const related = e.related.map((id) => byId.get(id)).filter((r): r is LexiconEntry => r !== undefined);
    for (const r of related) add(name(e), name(r), 'related', [e.id, r.id], g);
    if (related.length > 0) {
      // A need or profile names several concepts at once, often mixing languages.
      for (let n = 0; n < 2; n++) {
        const group = [e, ...rng.shuffle([...related]).slice(0, 1 + rng.int(2))];
        add(
          group.map((x) => x.zh).join(' '),
          rng.shuffle(group.map((x) => x.en)).join(', '),
          'composite',
          group.map((x) => x.id),
          g,
        );
      }
    }
    if (e.kind === 'problem' && related.length > 0) {
      // Enterprises describe symptoms ("嗡嗡响"); experts list technologies ("NVH, rotor dynamics").
      for (const s of [e.zh, ...e.synonyms]) {
        const techs = rng.shuffle([...related]).slice(0, 3);
        add(s, techs.map(name).join(' '), 'symptom', [e.id, ...techs.map((t) => t.id)], g);
      }
    }
  }

  const byNode = new Map<string, LexiconEntry[]>();
  for (const e of entries) {
    for (const n of e.nodes) {
      const list = byNode.get(n) ?? [];
      list.push(e);
      byNode.set(n, list);
    }
  }
  for (const [node, members] of byNode) {
    if (members.length < 2) continue;
    for (const e of members) {
      const other = members[rng.int(members.length)];
      if (!other || other.id === e.id) continue;
      add(name(e), name(other), 'node', [e.id, other.id], node.split('.')[0] ?? 'none');
    }
  }
  return out;
}

/** Counts pairs per kind, for meta.json and the training log. */
export function countKinds(pairs: readonly TrainingPair[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of pairs) counts[p.kind] = (counts[p.kind] ?? 0) + 1;
  return counts;
}
