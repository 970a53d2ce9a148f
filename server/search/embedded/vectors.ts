/**
 * Vectors of one index kept in one contiguous Float32Array (row-major, `dim` floats a row), so a
 * scan is a tight loop over memory instead of chasing 100k separate arrays. Rows are dense:
 * deleting swaps the last row into the hole, and callers are told about the move so any
 * row-keyed structure (the filter postings) can follow.
 */
export class VectorStore {
  readonly dim: number;
  private data: Float32Array;
  private capacity: number;
  private rows = 0;
  private readonly ids: string[] = [];
  private readonly rowById = new Map<string, number>();

  constructor(dim: number, initialCapacity = 1024) {
    this.dim = dim;
    this.capacity = Math.max(1, initialCapacity);
    this.data = new Float32Array(this.capacity * dim);
  }

  get size(): number {
    return this.rows;
  }

  rowOf(id: string): number | undefined {
    return this.rowById.get(id);
  }

  idAt(row: number): string {
    const id = this.ids[row];
    if (id === undefined) throw new RangeError(`row ${row} is out of range`);
    return id;
  }

  /** Inserts or overwrites; returns the row and whether it is new. */
  set(id: string, vector: ArrayLike<number>): { row: number; added: boolean } {
    if (vector.length !== this.dim) throw new RangeError(`vector has ${vector.length} dimensions, expected ${this.dim}`);
    let row = this.rowById.get(id);
    const added = row === undefined;
    if (row === undefined) {
      if (this.rows === this.capacity) this.grow();
      row = this.rows++;
      this.ids[row] = id;
      this.rowById.set(id, row);
    }
    const base = row * this.dim;
    for (let j = 0; j < this.dim; j++) this.data[base + j] = vector[j] ?? 0;
    return { row, added };
  }

  /** Swap-removes; returns the row freed and, when another row moved into it, that row's old index. */
  delete(id: string): { row: number; movedFrom: number | undefined } | undefined {
    const row = this.rowById.get(id);
    if (row === undefined) return undefined;
    const last = this.rows - 1;
    this.rowById.delete(id);
    let movedFrom: number | undefined;
    if (row !== last) {
      const lastId = this.idAt(last);
      this.data.copyWithin(row * this.dim, last * this.dim, (last + 1) * this.dim);
      this.ids[row] = lastId;
      this.rowById.set(lastId, row);
      movedFrom = last;
    }
    this.ids.length = last;
    this.rows = last;
    return { row, movedFrom };
  }

  clear(): void {
    this.rows = 0;
    this.ids.length = 0;
    this.rowById.clear();
  }

  /** Dot product of `q` with one row (cosine, since both sides are L2-normalised). */
  dot(row: number, q: Float32Array): number {
    const d = this.data;
    const dim = this.dim;
    let s = 0;
    for (let j = 0, base = row * dim; j < dim; j++) s += (d[base + j] as number) * (q[j] as number);
    return s;
  }

  /**
   * The k best rows by dot product, best first. `rows` restricts the scan (filtered search);
   * without it every row is scored. A bounded min-heap keeps the top k in O(n log k).
   */
  topK(q: Float32Array, k: number, rows?: Iterable<number>): Array<{ row: number; score: number }> {
    if (k <= 0 || this.rows === 0) return [];
    const heap = new TopK(k);
    const d = this.data;
    const dim = this.dim;
    if (rows === undefined) {
      const n = this.rows;
      for (let r = 0, base = 0; r < n; r++, base += dim) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += (d[base + j] as number) * (q[j] as number);
        heap.push(r, s);
      }
    } else {
      for (const r of rows) heap.push(r, this.dot(r, q));
    }
    return heap.sorted();
  }

  private grow(): void {
    this.capacity *= 2;
    const next = new Float32Array(this.capacity * this.dim);
    next.set(this.data.subarray(0, this.rows * this.dim));
    this.data = next;
  }
}

/** Fixed-size min-heap of (row, score): the root is the weakest of the current best k. */
class TopK {
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

  sorted(): Array<{ row: number; score: number }> {
    const out: Array<{ row: number; score: number }> = [];
    for (let i = 0; i < this.n; i++) out.push({ row: this.rows[i] as number, score: this.scores[i] as number });
    return out.sort((a, b) => b.score - a.score || a.row - b.row);
  }
}
