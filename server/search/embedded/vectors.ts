/**
 * Vectors of one index kept in one contiguous Float32Array (row-major, `dim` floats a slot), so a
 * scan is a tight loop over memory instead of chasing 100k separate arrays. Slots are the
 * engine's document numbers: they only grow, a deleted slot is skipped through the caller's mask,
 * and `compact` renumbers them in step with the text index.
 */
export class VectorColumn {
  readonly dim: number;
  private data: Float32Array;

  constructor(dim: number, initialCapacity = 1024) {
    this.dim = dim;
    this.data = new Float32Array(Math.max(1, initialCapacity) * dim);
  }

  /** Slots the buffer holds without growing. */
  get capacity(): number {
    return this.data.length / this.dim;
  }

  set(slot: number, vector: ArrayLike<number>): void {
    if (vector.length !== this.dim) throw new RangeError(`vector has ${vector.length} dimensions, expected ${this.dim}`);
    this.ensure(slot + 1);
    const base = slot * this.dim;
    for (let j = 0; j < this.dim; j++) this.data[base + j] = vector[j] ?? 0;
  }

  /** Dot product of `q` with one slot (cosine, since both sides are L2-normalised); summed as `topK` sums. */
  dot(slot: number, q: Float32Array): number {
    const d = this.data;
    const dim = this.dim;
    const dim4 = dim - (dim % 4);
    const base = slot * dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j < dim4; j += 4) {
      const b = base + j;
      s0 += (d[b] as number) * (q[j] as number);
      s1 += (d[b + 1] as number) * (q[j + 1] as number);
      s2 += (d[b + 2] as number) * (q[j + 2] as number);
      s3 += (d[b + 3] as number) * (q[j + 3] as number);
    }
    for (; j < dim; j++) s0 += (d[base + j] as number) * (q[j] as number);
    return s0 + s1 + (s2 + s3);
  }

  /**
   * The k best slots below `limit` whose `mask` entry equals `want`, best first. A bounded
   * min-heap keeps the top k in O(n log k); the mask folds deletions and filters into one test.
   * With `all`, every scanned slot's score is also written there, so a hybrid query can read the
   * vector score of its keyword hits instead of computing it twice.
   */
  topK(q: Float32Array, k: number, limit: number, mask: Uint8Array, want: number, all?: Float64Array): Array<{ slot: number; score: number }> {
    if (k <= 0 || limit === 0) return [];
    const heap = new TopK(k);
    const d = this.data;
    const dim = this.dim;
    const dim4 = dim - (dim % 4);
    let floor = -Infinity;
    for (let r = 0, base = 0; r < limit; r++, base += dim) {
      if (mask[r] !== want) continue;
      // Four running sums break the add chain's latency; this loop is the whole cost of a scan.
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j < dim4; j += 4) {
        const b = base + j;
        s0 += (d[b] as number) * (q[j] as number);
        s1 += (d[b + 1] as number) * (q[j + 1] as number);
        s2 += (d[b + 2] as number) * (q[j + 2] as number);
        s3 += (d[b + 3] as number) * (q[j + 3] as number);
      }
      for (; j < dim; j++) s0 += (d[base + j] as number) * (q[j] as number);
      const s = s0 + s1 + (s2 + s3);
      if (all) all[r] = s;
      if (s > floor) {
        heap.push(r, s);
        floor = heap.floor;
      }
    }
    return heap.sorted().map(({ row, score }) => ({ slot: row, score }));
  }

  /** Moves slot `from` to `to` (to ≤ from), for compaction. */
  move(from: number, to: number): void {
    if (from !== to) this.data.copyWithin(to * this.dim, from * this.dim, (from + 1) * this.dim);
  }

  /** The first `slots` vectors, for a snapshot (a view, not a copy). */
  view(slots: number): Float32Array {
    return this.data.subarray(0, slots * this.dim);
  }

  /** Replaces the contents with `slots` vectors read from a snapshot. */
  load(values: Float32Array, slots: number): void {
    this.data = new Float32Array(Math.max(1024, slots) * this.dim);
    this.data.set(values.subarray(0, slots * this.dim));
  }

  clear(): void {
    this.data = new Float32Array(1024 * this.dim);
  }

  private ensure(slots: number): void {
    if (slots * this.dim <= this.data.length) return;
    let cap = this.capacity;
    while (cap < slots) cap *= 2;
    const next = new Float32Array(cap * this.dim);
    next.set(this.data);
    this.data = next;
  }
}

/** Fixed-size min-heap of (row, score): the root is the weakest of the current best k. */
export class TopK {
  private readonly rows: Int32Array;
  private readonly scores: Float64Array;
  private n = 0;

  constructor(private readonly k: number) {
    this.rows = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  push(row: number, score: number): void {
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if ((this.scores[p] as number) <= score) break;
        this.scores[i] = this.scores[p] as number;
        this.rows[i] = this.rows[p] as number;
        i = p;
      }
      this.scores[i] = score;
      this.rows[i] = row;
      return;
    }
    if (score <= (this.scores[0] as number)) return;
    let i = 0;
    const n = this.n;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (this.scores[r] as number) < (this.scores[l] as number) ? r : l;
      if ((this.scores[c] as number) >= score) break;
      this.scores[i] = this.scores[c] as number;
      this.rows[i] = this.rows[c] as number;
      i = c;
    }
    this.scores[i] = score;
    this.rows[i] = row;
  }

  /** The score a candidate must beat to enter: -Infinity until the heap is full. */
  get floor(): number {
    return this.n < this.k ? -Infinity : (this.scores[0] as number);
  }

  sorted(): Array<{ row: number; score: number }> {
    const out: Array<{ row: number; score: number }> = [];
    for (let i = 0; i < this.n; i++) out.push({ row: this.rows[i] as number, score: this.scores[i] as number });
    return out.sort((a, b) => b.score - a.score || a.row - b.row);
  }
}
