/**
 * The blocking of distributed SGD (DSGD: Gemulla, Nijkamp, Haas and Sismanis, "Large-scale matrix factorization
 * with distributed stochastic gradient descent", KDD 2011): users and items are each split into p groups by a
 * seeded random assignment, rating (u, i) falls in block (g(u), h(i)), and sub-epoch s of an epoch runs the p
 * blocks (g, (g + s) mod p), g = 0..p-1, concurrently. Those blocks share no user and no item, so their SGD steps
 * touch disjoint rows of every parameter table and the result does not depend on thread timing.
 */
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import type { RatingTriples } from "./sgd-epoch";

/** The block structure of one fit: the group of every user and item and where each block's ratings go. */
export interface DsgdBlocking {
  /** p: the number of user groups, of item groups, of blocks per sub-epoch and of threads. */
  readonly groups: number;
  /** Group g(u) of every user, values in [0, p), shape [numUsers]. */
  readonly userGroup: Uint8Array;
  /** Group h(i) of every item, values in [0, p), shape [numItems]. */
  readonly itemGroup: Uint8Array;
  /**
   * Block b = g(u) * p + h(i) occupies positions [offsets[b], offsets[b + 1]) of the partitioned triples; shape
   * [p * p + 1]. Block sizes depend only on the groups, so the offsets are fixed for the whole fit.
   */
  readonly offsets: Int32Array;
  /** Block of every training rating (row of `train`), shape [train.size]; p <= 16, so it fits a byte. */
  readonly rowBlock: Uint8Array;
}

/**
 * Splits entities with rating counts `counts` (shape [n]) into `p` groups: a seeded random permutation, cut into
 * p consecutive runs holding about 1/p of the ratings each (an entity goes to the run containing the midpoint of
 * its ratings), so that the blocks, and hence the threads' work, are balanced in expectation. Shape [n].
 */
export function randomGroups(counts: Int32Array, p: number, rng: Rng): Uint8Array {
  const n = counts.length;
  const order = rng.permutation(n);
  const groups = new Uint8Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) total += counts[k];
  let before = 0;
  for (let k = 0; k < n; k++) {
    const e = order[k];
    const at = total > 0 ? (before + 0.5 * counts[e]) / total : (k + 0.5) / n;
    groups[e] = Math.min(p - 1, Math.floor(at * p));
    before += counts[e];
  }
  return groups;
}

/**
 * The DSGD blocking of `train` into p x p blocks (p <= 16): user groups, then item groups, drawn from `rng` in
 * that order (`randomGroups` balanced by rating counts), the block of every rating and the block offsets.
 */
export function dsgdBlocking(train: Ratings, p: number, rng: Rng): DsgdBlocking {
  if (!(Number.isInteger(p) && p >= 1 && p <= 16)) throw new RangeError(`dsgdBlocking: p must be an integer in [1, 16], got ${p}`);
  const userCounts = new Int32Array(train.numUsers);
  const itemCounts = new Int32Array(train.numItems);
  for (let k = 0; k < train.size; k++) {
    userCounts[train.users[k]]++;
    itemCounts[train.items[k]]++;
  }
  const userGroup = randomGroups(userCounts, p, rng);
  const itemGroup = randomGroups(itemCounts, p, rng);
  return blockingFromGroups(train, p, userGroup, itemGroup);
}

/** The blocking of `train` for given user and item groups (values in [0, p)): block of every rating and offsets. */
export function blockingFromGroups(train: Ratings, p: number, userGroup: Uint8Array, itemGroup: Uint8Array): DsgdBlocking {
  const rowBlock = new Uint8Array(train.size);
  const offsets = new Int32Array(p * p + 1);
  for (let k = 0; k < train.size; k++) {
    const b = userGroup[train.users[k]] * p + itemGroup[train.items[k]];
    rowBlock[k] = b;
    offsets[b + 1]++;
  }
  for (let b = 0; b < p * p; b++) offsets[b + 1] += offsets[b];
  return { groups: p, userGroup, itemGroup, offsets, rowBlock };
}

/**
 * Copies the ratings of `train` at rows `order[0..n)` into `into`, partitioned stably by block: block b's ratings
 * land in [offsets[b], offsets[b + 1]) in the order in which `order` visits them. `order` must be a permutation
 * of 0..train.size-1; `rows` (shape [train.size]) receives the rows in that layout. Returns `into`. The DSGD epoch
 * does the same in two steps: `splitByBlock` on the main thread, then `gatherRows` on each thread for its blocks.
 */
export function partitionIntoBlocks(train: Ratings, order: Uint32Array, blocking: DsgdBlocking, into: RatingTriples, rows = new Uint32Array(train.size)): RatingTriples {
  if (blocking.rowBlock.length !== train.size || into.users.length < train.size) {
    throw new RangeError(`partitionIntoBlocks: sizes differ (ratings ${train.size}, blocking ${blocking.rowBlock.length}, buffers ${into.users.length})`);
  }
  splitByBlock(order, blocking, rows);
  gatherRows(rows, 0, train.size, train.users, train.items, train.values, into.users, into.items, into.values);
  return into;
}

/**
 * Writes the rows of `order` into `rows` grouped stably by block (a counting sort on `blocking.rowBlock`): block
 * b's rows go to rows[offsets[b] .. offsets[b + 1]) in the order in which `order` visits them. Reads the order
 * sequentially and one byte per row, so it is much cheaper than gathering the ratings themselves.
 */
export function splitByBlock(order: Uint32Array, blocking: DsgdBlocking, rows: Uint32Array): Uint32Array {
  const { groups: p, offsets, rowBlock } = blocking;
  if (order.length !== rowBlock.length || rows.length < order.length) {
    throw new RangeError(`splitByBlock: sizes differ (order ${order.length}, ratings ${rowBlock.length}, rows ${rows.length})`);
  }
  const cursor = offsets.slice(0, p * p);
  for (let k = 0; k < order.length; k++) {
    const row = order[k];
    rows[cursor[rowBlock[row]]++] = row;
  }
  return rows;
}

/**
 * Gathers the ratings at rows `rows[from .. to)` into positions [from, to) of the `to*` arrays (shapes [size]).
 * Threads gather disjoint ranges concurrently. It is shipped to worker threads as source text (sgd-worker.ts),
 * so it must stay self-contained (no inner functions, no names from outside).
 */
export function gatherRows(
  rows: Uint32Array, from: number, to: number, users: Int32Array, items: Int32Array, values: Float32Array,
  toUsers: Int32Array, toItems: Int32Array, toValues: Float32Array,
): void {
  for (let k = from; k < to; k++) {
    const row = rows[k];
    toUsers[k] = users[row];
    toItems[k] = items[row];
    toValues[k] = values[row];
  }
}

/** The block that group `g` (user group g, thread g) runs in sub-epoch `s` of p: (g, (g + s) mod p) = g * p + (g + s) mod p. */
export function stratumBlock(p: number, s: number, g: number): number {
  return g * p + ((g + s) % p);
}
