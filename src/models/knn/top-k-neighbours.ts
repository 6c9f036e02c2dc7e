/**
 * Partial selection of the k most similar neighbours among a target's candidates, with Surprise's tie rule
 * (`heapq.nlargest`, i.e. a stable descending sort cut at k: among equal similarities the earlier candidate
 * wins). A bounded min-heap: O(n log k) for n candidates, no allocation per query.
 */

/** Keeps the `capacity` largest (similarity, value) pairs offered since the last `clear()`. */
export class TopKNeighbours {
  /** Similarities of the kept neighbours, heap-ordered (not sorted); valid in [0, size). */
  readonly sims: Float64Array;
  /** Values (ratings or centred ratings) of the kept neighbours, aligned with `sims`. */
  readonly values: Float64Array;
  private readonly order: Float64Array;
  private offered = 0;
  private count = 0;

  /** A selector for at most `capacity` (k >= 1) neighbours. */
  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError(`TopKNeighbours: capacity must be an integer >= 1, got ${capacity}`);
    this.sims = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.order = new Float64Array(capacity);
  }

  /** Number of neighbours kept, min(capacity, offered). */
  get size(): number {
    return this.count;
  }

  /** Forgets all neighbours. */
  clear(): void {
    this.offered = 0;
    this.count = 0;
  }

  /** Offers a candidate; candidates must be offered in the order that breaks ties (earlier wins). */
  offer(sim: number, value: number): void {
    const seq = this.offered++;
    if (this.count < this.capacity) {
      let at = this.count++;
      // Sift up: the root is the worst kept neighbour (lowest similarity, latest among equals).
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!this.worse(sim, seq, this.sims[parent], this.order[parent])) break;
        this.move(parent, at);
        at = parent;
      }
      this.put(at, sim, value, seq);
      return;
    }
    // A later candidate replaces the root only if strictly more similar.
    if (!(sim > this.sims[0])) return;
    this.siftDown(sim, value, seq);
  }

  /** Σ sim over kept neighbours. */
  sumSims(): number {
    let s = 0;
    for (let j = 0; j < this.count; j++) s += this.sims[j];
    return s;
  }

  /** Σ sim · value over kept neighbours. */
  sumWeighted(): number {
    let s = 0;
    for (let j = 0; j < this.count; j++) s += this.sims[j] * this.values[j];
    return s;
  }

  /** True if (s1, o1) ranks below (s2, o2): lower similarity, or equal similarity and offered later. */
  private worse(s1: number, o1: number, s2: number, o2: number): boolean {
    return s1 < s2 || (s1 === s2 && o1 > o2);
  }

  private siftDown(sim: number, value: number, seq: number): void {
    const n = this.count;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && this.worse(this.sims[right], this.order[right], this.sims[left], this.order[left])) child = right;
      if (!this.worse(this.sims[child], this.order[child], sim, seq)) break;
      this.move(child, at);
      at = child;
    }
    this.put(at, sim, value, seq);
  }

  private move(from: number, to: number): void {
    this.sims[to] = this.sims[from];
    this.values[to] = this.values[from];
    this.order[to] = this.order[from];
  }

  private put(at: number, sim: number, value: number, seq: number): void {
    this.sims[at] = sim;
    this.values[at] = value;
    this.order[at] = seq;
  }
}
