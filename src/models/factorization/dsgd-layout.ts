/**
 * The memory layout of DSGD's shared parameters (Gemulla, Nijkamp, Haas and Sismanis, "Large-scale matrix
 * factorization with distributed stochastic gradient descent", KDD 2011): users and items renumbered so that every
 * group occupies a contiguous range of rows. Concurrent blocks touch disjoint users and items, but with a random
 * grouping their rows (and above all their 8-byte biases, eight to a cache line) are interleaved in memory, and
 * two cores writing the same cache lines slow each other down about threefold (false sharing). Renumbering by
 * group keeps each thread's rows on its own cache lines; it moves values, never changes the arithmetic.
 */
import type { BiasedFactors } from "./biased-factors";
import type { DsgdBlocking } from "./dsgd-blocks";

/** Old-to-new indices of users (shape [numUsers]) and items (shape [numItems]): group 0 first, stable within a group. */
export interface GroupLayout {
  readonly userIndex: Int32Array;
  readonly itemIndex: Int32Array;
}

/** The group-contiguous renumbering of `blocking`'s users and items (a stable counting sort by group). */
export function groupContiguousLayout(blocking: DsgdBlocking): GroupLayout {
  return { userIndex: byGroup(blocking.userGroup, blocking.groups), itemIndex: byGroup(blocking.itemGroup, blocking.groups) };
}

function byGroup(group: Uint8Array, p: number): Int32Array {
  const start = new Int32Array(p + 1);
  for (let e = 0; e < group.length; e++) start[group[e] + 1]++;
  for (let g = 0; g < p; g++) start[g + 1] += start[g];
  const index = new Int32Array(group.length);
  for (let e = 0; e < group.length; e++) index[e] = start[group[e]]++;
  return index;
}

/** Copies `f` (original numbering) into `work` (layout numbering): row index[e] of `work` = row e of `f`. */
export function copyIntoLayout(f: BiasedFactors, work: BiasedFactors, layout: GroupLayout): void {
  moveRows(f.userFactors, f.userBias, work.userFactors, work.userBias, layout.userIndex, f.dim, true);
  moveRows(f.itemFactors, f.itemBias, work.itemFactors, work.itemBias, layout.itemIndex, f.dim, true);
}

/** Copies `work` (layout numbering) back into `f` (original numbering). */
export function copyOutOfLayout(work: BiasedFactors, f: BiasedFactors, layout: GroupLayout): void {
  moveRows(f.userFactors, f.userBias, work.userFactors, work.userBias, layout.userIndex, f.dim, false);
  moveRows(f.itemFactors, f.itemBias, work.itemFactors, work.itemBias, layout.itemIndex, f.dim, false);
}

function moveRows(
  table: Float64Array, bias: Float64Array, workTable: Float64Array, workBias: Float64Array,
  index: Int32Array, dim: number, into: boolean,
): void {
  for (let e = 0; e < index.length; e++) {
    const o = e * dim;
    const w = index[e] * dim;
    if (into) {
      for (let d = 0; d < dim; d++) workTable[w + d] = table[o + d];
      workBias[index[e]] = bias[e];
    } else {
      for (let d = 0; d < dim; d++) table[o + d] = workTable[w + d];
      bias[e] = workBias[index[e]];
    }
  }
}

/** `r`'s user and item indices in the layout's numbering, shape [size] each (values are unchanged). */
export function renumberRatings(users: Int32Array, items: Int32Array, layout: GroupLayout, toUsers: Int32Array, toItems: Int32Array): void {
  for (let k = 0; k < users.length; k++) {
    toUsers[k] = layout.userIndex[users[k]];
    toItems[k] = layout.itemIndex[items[k]];
  }
}
