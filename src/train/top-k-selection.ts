/**
 * Exact partial selection of the K best-scored items of one user's score row: a bounded min-heap of size K over
 * one pass of the row (O(n log K) at worst, O(n) when few items displace the heap's minimum), skipping excluded
 * items, then the K sorted. Order: score descending, equal scores by item index ascending (deterministic; the
 * random tie-break of tie-break-ranks.ts is for evaluation of fixed candidate lists).
 */

/** Scratch space of one selector: a heap of K (item, score) entries. Reuse it across users. */
export class TopKSelector {
  private readonly heapItems: Int32Array;
  private readonly heapScores: Float64Array;

  /** A selector for the best `k` items (k >= 1). */
  constructor(readonly k: number) {
    if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`TopKSelector: k must be an integer >= 1, got ${k}`);
    this.heapItems = new Int32Array(k);
    this.heapScores = new Float64Array(k);
  }

  /**
   * Selects from `scores[from .. from + n)` (item i's score at `from + i`) the best K items not listed in
   * `excluded[exFrom .. exTo)` (ascending item indices, repeats allowed, e.g. a row of SparseRows), writing them best first to
   * `outItems` / `outScores` at `outAt`. Fewer than K candidates: the rest of the K slots get item -1 and score
   * -Infinity. Returns the number of items written. A NaN score is an error naming `owner` and the item.
   */
  select(
    scores: Float32Array, from: number, n: number, excluded: Int32Array, exFrom: number, exTo: number,
    outItems: Int32Array, outScores: Float32Array, outAt: number, owner = "TopKSelector.select",
  ): number {
    const k = this.k;
    const hi = this.heapItems;
    const hs = this.heapScores;
    let size = 0;
    let ex = exFrom;
    for (let i = 0; i < n; i++) {
      while (ex < exTo && excluded[ex] < i) ex++;
      if (ex < exTo && excluded[ex] === i) continue;
      const s = scores[from + i];
      if (s !== s) throw new RangeError(`${owner}: the score of item ${i} is NaN`);
      if (size < k) {
        // Sift up: the root is the worst entry (lowest score, then highest index).
        let c = size++;
        while (c > 0) {
          const p = (c - 1) >> 1;
          if (!(hs[p] > s || (hs[p] === s && hi[p] < i))) break;
          hi[c] = hi[p];
          hs[c] = hs[p];
          c = p;
        }
        hi[c] = i;
        hs[c] = s;
      } else if (s > hs[0]) {
        siftDownRoot(hi, hs, size, i, s);
      }
    }
    // Pop the worst repeatedly into the output from the back.
    for (let m = size; m < k; m++) {
      outItems[outAt + m] = -1;
      outScores[outAt + m] = -Infinity;
    }
    for (let m = size - 1; m >= 0; m--) {
      outItems[outAt + m] = hi[0];
      outScores[outAt + m] = hs[0];
      const lastItem = hi[m];
      const lastScore = hs[m];
      if (m > 0) siftDownRoot(hi, hs, m, lastItem, lastScore);
    }
    return size;
  }
}

/** Replaces the root of the min-heap of `size` entries by (item, score) and restores the heap order. */
function siftDownRoot(hi: Int32Array, hs: Float64Array, size: number, item: number, score: number): void {
  let c = 0;
  for (;;) {
    let child = 2 * c + 1;
    if (child >= size) break;
    const r = child + 1;
    // The worse of the two children.
    if (r < size && (hs[r] < hs[child] || (hs[r] === hs[child] && hi[r] > hi[child]))) child = r;
    if (!(hs[child] < score || (hs[child] === score && hi[child] > item))) break;
    hi[c] = hi[child];
    hs[c] = hs[child];
    c = child;
  }
  hi[c] = item;
  hs[c] = score;
}
