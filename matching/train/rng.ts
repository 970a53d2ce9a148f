/** A seeded PRNG (mulberry32): training must be reproducible bit for bit, which Math.random is not. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Fisher–Yates shuffle in place; returns the array. */
  shuffle<T>(items: T[]): T[];
  /** One element, or undefined for an empty list. */
  pick<T>(items: readonly T[]): T | undefined;
}

/** mulberry32: a 32-bit state, fast, and good enough for sampling; shared with the seed data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Creates a PRNG whose sequence depends only on `seed`. */
export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    normal() {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const a = items[i] as (typeof items)[number];
        items[i] = items[j] as (typeof items)[number];
        items[j] = a;
      }
      return items;
    },
    pick(items) {
      return items.length === 0 ? undefined : items[int(items.length)];
    },
  };
}
