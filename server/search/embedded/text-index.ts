/**
 * A compact BM25F inverted index over three fields (title, subtitle, body), built for the
 * engine's workload: a few hundred thousand short bilingual records and 1–6 term queries whose
 * common Chinese terms hit tens of thousands of docs. Postings are typed arrays of
 * (slot, packed field term frequencies) in slot order, scoring accumulates into reusable typed
 * arrays over slots, so a query costs the postings it touches and allocates nothing per hit.
 */

/** title, subtitle, body. */
export const FIELD_COUNT = 3;
/** The weights MiniSearch was configured with, kept so rankings stay familiar. */
const BOOSTS = [3, 1.5, 1] as const;
const K1 = 1.2;
const B = 0.75;
/** Field term frequencies packed in one int: title 8 bits, subtitle 8 bits, body 15 bits. */
const TF_MAX = [0xff, 0xff, 0x7fff] as const;
/** Re-derive cached length norms once the average field length drifts by more than this. */
const NORM_DRIFT = 0.02;

const LATIN = /^[a-z][a-z0-9+#]*$/;
export const isLatinTerm = (t: string): boolean => LATIN.test(t);

/** One query term with the indexed terms it stands for (itself, typo and prefix variants). */
export interface QueryTerm {
  term: string;
  /** Index terms with their weight: 1 for the exact term, less for variants. */
  expansions: Array<{ id: number; term: string; weight: number }>;
}

/** Per-query scratch space, reused across queries of one index. */
export class Accumulator {
  scores: Float32Array;
  /** Bit i set when query term i matched the slot. */
  bits: Uint32Array;
  touched: Int32Array;
  count = 0;

  constructor(capacity: number) {
    this.scores = new Float32Array(capacity);
    this.bits = new Uint32Array(capacity);
    this.touched = new Int32Array(capacity);
  }

  /** Sized for `slots`, with every score zeroed (only the slots touched last time are reset). */
  prepare(slots: number): void {
    if (this.scores.length < slots) {
      const cap = Math.max(slots, this.scores.length * 2);
      this.scores = new Float32Array(cap);
      this.bits = new Uint32Array(cap);
      this.touched = new Int32Array(cap);
      this.count = 0;
      return;
    }
    for (let i = 0; i < this.count; i++) {
      const s = this.touched[i] as number;
      this.scores[s] = 0;
      this.bits[s] = 0;
    }
    this.count = 0;
  }
}

/** What a snapshot holds of a text index (slots dense, 0..slots-1). */
export interface TextIndexImage {
  terms: string[];
  /** Entry offsets per term into `postings` (terms + 1 entries). */
  offsets: Int32Array;
  /** (slot, packed tf) pairs, term after term. */
  postings: Int32Array;
  /** Token counts, FIELD_COUNT per slot. */
  fieldLens: Uint32Array;
  slots: number;
}

export class TextIndex {
  private readonly termIds = new Map<string, number>();
  private terms: string[] = [];
  /** Per term: (slot, packed tf) pairs; `used[t]` ints are filled. */
  private lists: Int32Array[] = [];
  private used = new Int32Array(1024);
  /** Token counts per slot and field. */
  private fieldLens = new Uint32Array(1024 * FIELD_COUNT);
  /** Cached 1 / (1 - b + b * len / avg) per slot and field, derived from `normAvg`. */
  private invNorm = new Float32Array(1024 * FIELD_COUNT);
  private readonly normAvg = new Float64Array(FIELD_COUNT).fill(1);
  private readonly lenSums = new Float64Array(FIELD_COUNT);
  /** Slots ever added since the last compaction, live or not: N in the idf, like the postings. */
  private slots = 0;
  private latinSorted: string[] | undefined;

  get slotCount(): number {
    return this.slots;
  }

  get termCount(): number {
    return this.terms.length;
  }

  /** Indexes `slot` (the next free one) with the tokens of each field. */
  add(slot: number, fields: readonly (readonly string[])[]): void {
    if (slot !== this.slots) throw new RangeError(`slot ${slot} added out of order (next is ${this.slots})`);
    this.slots = slot + 1;
    this.ensureSlots(this.slots);
    const tf = new Map<string, number>();
    for (let f = 0; f < FIELD_COUNT; f++) {
      const tokens = fields[f] ?? [];
      this.fieldLens[slot * FIELD_COUNT + f] = tokens.length;
      this.lenSums[f] = (this.lenSums[f] as number) + tokens.length;
      const shift = f * 8;
      const max = TF_MAX[f] as number;
      for (const t of tokens) {
        const packed = tf.get(t) ?? 0;
        const cur = (packed >>> shift) & max;
        if (cur < max) tf.set(t, packed + (1 << shift));
      }
    }
    for (const [term, packed] of tf) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.termIds.set(term, id);
        this.terms.push(term);
        this.lists.push(new Int32Array(4));
        if (id >= this.used.length) this.used = grow(this.used, id + 1);
        this.latinSorted = undefined;
      }
      let list = this.lists[id] as Int32Array;
      const n = this.used[id] as number;
      if (n + 2 > list.length) {
        list = grow(list, n + 2);
        this.lists[id] = list;
      }
      list[n] = slot;
      list[n + 1] = packed;
      this.used[id] = n + 2;
    }
    this.setNorm(slot);
  }

  /** Maps the query's tokens to index terms, with Latin typo and last-term prefix variants. */
  expand(tokens: readonly string[]): QueryTerm[] {
    const out: QueryTerm[] = [];
    tokens.forEach((term, i) => {
      const expansions: QueryTerm['expansions'] = [];
      const seen = new Set<string>();
      const add = (t: string, weight: number): void => {
        const id = this.termIds.get(t);
        if (id === undefined || seen.has(t)) return;
        seen.add(t);
        expansions.push({ id, term: t, weight });
      };
      add(term, 1);
      const latin = isLatinTerm(term);
      // Typos only make sense for Latin words: a one-character edit of a two-character Han word
      // is a different word.
      if (latin && term.length >= 5) {
        for (const t of this.latinVocabulary()) {
          if (Math.abs(t.length - term.length) <= 1 && withinOneEdit(term, t)) add(t, (0.45 * term.length) / (term.length + 1));
        }
      }
      if (latin && i === tokens.length - 1 && term.length >= 3) {
        for (const t of this.prefixed(term)) add(t, (0.375 * term.length) / (term.length + 0.3 * (t.length - term.length)));
      }
      out.push({ term, expansions });
    });
    return out;
  }

  /**
   * Adds BM25F scores of every query term into `acc` for slots whose `mask` entry equals `want`
   * (live and passing the filters), and marks which query terms each slot matched.
   */
  accumulate(query: readonly QueryTerm[], mask: Uint8Array, want: number, acc: Accumulator): void {
    this.refreshNorms();
    acc.prepare(this.slots);
    const { scores, bits, touched } = acc;
    let count = acc.count;
    const n = Math.max(1, this.slots);
    const inv = this.invNorm;
    const b0 = BOOSTS[0];
    const b1 = BOOSTS[1];
    const b2 = BOOSTS[2];
    query.forEach((q, qi) => {
      const bit = qi < 32 ? 1 << qi : 0;
      for (const e of q.expansions) {
        const list = this.lists[e.id] as Int32Array;
        const len = this.used[e.id] as number;
        const df = len >> 1;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * e.weight * (K1 + 1);
        for (let p = 0; p < len; p += 2) {
          const s = list[p] as number;
          if (mask[s] !== want) continue;
          const packed = list[p + 1] as number;
          const o = s * FIELD_COUNT;
          const tf =
            b0 * (packed & 0xff) * (inv[o] as number) +
            b1 * ((packed >>> 8) & 0xff) * (inv[o + 1] as number) +
            b2 * (packed >>> 16) * (inv[o + 2] as number);
          const prev = bits[s] as number;
          if (prev === 0 && scores[s] === 0) touched[count++] = s;
          scores[s] = (scores[s] as number) + (idf * tf) / (K1 + tf);
          bits[s] = prev | bit;
        }
      }
    });
    acc.count = count;
  }

  /** Renumbers slots after deletions: `remap[old]` is the new slot, or -1 for a dead one. */
  compact(remap: Int32Array, live: number): void {
    const keep: number[] = [];
    for (let t = 0; t < this.terms.length; t++) {
      const list = this.lists[t] as Int32Array;
      const len = this.used[t] as number;
      let w = 0;
      for (let p = 0; p < len; p += 2) {
        const to = remap[list[p] as number] as number;
        if (to < 0) continue;
        list[w] = to;
        list[w + 1] = list[p + 1] as number;
        w += 2;
      }
      this.used[t] = w;
      if (w > 0) keep.push(t);
    }
    // Terms no live doc holds leave the dictionary, so the vocabulary scans stay honest.
    const terms: string[] = [];
    const lists: Int32Array[] = [];
    const used = new Int32Array(Math.max(1024, keep.length));
    this.termIds.clear();
    for (const t of keep) {
      const w = this.used[t] as number;
      const list = this.lists[t] as Int32Array;
      this.termIds.set(this.terms[t] as string, terms.length);
      used[terms.length] = w;
      lists.push(list.length > 2 * w + 8 ? list.slice(0, Math.max(4, w)) : list);
      terms.push(this.terms[t] as string);
    }
    this.terms = terms;
    this.lists = lists;
    this.used = used;
    const lens = new Uint32Array(Math.max(1024, live) * FIELD_COUNT);
    this.lenSums.fill(0);
    for (let old = 0; old < this.slots; old++) {
      const to = remap[old] as number;
      if (to < 0) continue;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const l = this.fieldLens[old * FIELD_COUNT + f] as number;
        lens[to * FIELD_COUNT + f] = l;
        this.lenSums[f] = (this.lenSums[f] as number) + l;
      }
    }
    this.fieldLens = lens;
    this.invNorm = new Float32Array(lens.length);
    this.slots = live;
    this.latinSorted = undefined;
    this.recomputeNorms();
  }

  /** A dense copy for a snapshot; call after `compact` so slots have no holes. */
  image(): TextIndexImage {
    const offsets = new Int32Array(this.terms.length + 1);
    let total = 0;
    for (let t = 0; t < this.terms.length; t++) {
      offsets[t] = total;
      total += (this.used[t] as number) >> 1;
    }
    offsets[this.terms.length] = total;
    const postings = new Int32Array(total * 2);
    for (let t = 0; t < this.terms.length; t++) {
      postings.set((this.lists[t] as Int32Array).subarray(0, this.used[t] as number), (offsets[t] as number) * 2);
    }
    return { terms: [...this.terms], offsets, postings, fieldLens: this.fieldLens.slice(0, this.slots * FIELD_COUNT), slots: this.slots };
  }

  /** Replaces the contents with a snapshot's image. */
  load(img: TextIndexImage): void {
    if (img.offsets.length !== img.terms.length + 1) throw new RangeError('snapshot term offsets do not match the dictionary');
    if (img.fieldLens.length !== img.slots * FIELD_COUNT) throw new RangeError('snapshot field lengths do not match the slot count');
    this.termIds.clear();
    this.terms = img.terms;
    this.lists = [];
    this.used = new Int32Array(Math.max(1024, img.terms.length));
    // One copy of all postings: views into it grow out on their first append, and the snapshot's
    // file buffer (mostly doc text, already decoded) is not kept alive by them.
    const postings = img.postings.slice();
    for (let t = 0; t < img.terms.length; t++) {
      const from = (img.offsets[t] as number) * 2;
      const to = (img.offsets[t + 1] as number) * 2;
      if (to < from || to > postings.length) throw new RangeError('snapshot postings are out of range');
      this.termIds.set(img.terms[t] as string, t);
      this.lists.push(postings.subarray(from, to));
      this.used[t] = to - from;
    }
    this.slots = img.slots;
    this.fieldLens = new Uint32Array(Math.max(1024, img.slots) * FIELD_COUNT);
    this.fieldLens.set(img.fieldLens);
    this.invNorm = new Float32Array(this.fieldLens.length);
    this.lenSums.fill(0);
    for (let i = 0; i < img.fieldLens.length; i++) {
      const f = i % FIELD_COUNT;
      this.lenSums[f] = (this.lenSums[f] as number) + (img.fieldLens[i] as number);
    }
    this.latinSorted = undefined;
    this.recomputeNorms();
  }

  clear(): void {
    this.termIds.clear();
    this.terms = [];
    this.lists = [];
    this.used = new Int32Array(1024);
    this.fieldLens = new Uint32Array(1024 * FIELD_COUNT);
    this.invNorm = new Float32Array(1024 * FIELD_COUNT);
    this.lenSums.fill(0);
    this.normAvg.fill(1);
    this.slots = 0;
    this.latinSorted = undefined;
  }

  private latinVocabulary(): string[] {
    if (!this.latinSorted) this.latinSorted = this.terms.filter(isLatinTerm).sort();
    return this.latinSorted;
  }

  /** Latin terms starting with `prefix` (other than itself), shortest first, at most 32. */
  private prefixed(prefix: string): string[] {
    const vocab = this.latinVocabulary();
    let lo = 0;
    let hi = vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vocab[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let i = lo; i < vocab.length && found.length < 512; i++) {
      const t = vocab[i] as string;
      if (!t.startsWith(prefix)) break;
      if (t !== prefix) found.push(t);
    }
    // A short prefix can open hundreds of words; the closest completions carry the intent.
    return found.sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, 32);
  }

  private avg(f: number): number {
    return this.slots === 0 ? 1 : Math.max(1e-9, (this.lenSums[f] as number) / this.slots);
  }

  private setNorm(slot: number): void {
    for (let f = 0; f < FIELD_COUNT; f++) {
      const len = this.fieldLens[slot * FIELD_COUNT + f] as number;
      this.invNorm[slot * FIELD_COUNT + f] = 1 / (1 - B + (B * len) / (this.normAvg[f] as number));
    }
  }

  /** Norms depend on the average lengths; re-deriving them all is O(slots), so only on drift. */
  private refreshNorms(): void {
    for (let f = 0; f < FIELD_COUNT; f++) {
      const a = this.normAvg[f] as number;
      if (Math.abs(this.avg(f) - a) > NORM_DRIFT * a) {
        this.recomputeNorms();
        return;
      }
    }
  }

  private recomputeNorms(): void {
    for (let f = 0; f < FIELD_COUNT; f++) this.normAvg[f] = this.avg(f);
    for (let s = 0; s < this.slots; s++) this.setNorm(s);
  }

  private ensureSlots(slots: number): void {
    if (slots * FIELD_COUNT <= this.fieldLens.length) return;
    this.fieldLens = grow(this.fieldLens, slots * FIELD_COUNT);
    this.invNorm = grow(this.invNorm, slots * FIELD_COUNT);
  }
}

function grow<T extends Int32Array | Uint32Array | Float32Array>(a: T, min: number): T {
  let cap = Math.max(4, a.length);
  while (cap < min) cap *= 2;
  const next = new (a.constructor as new (n: number) => T)(cap);
  next.set(a);
  return next;
}

/** True when `a` and `b` differ by at most one insertion, deletion or substitution. */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la || i === lb) return true;
  if (la === lb) return a.slice(i + 1) === b.slice(i + 1);
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
