/**
 * Implicit data with a planted preference: two user groups, each interacting with a random half of its own
 * group's items and, rarely, with the other group's. A model that learns anything ranks a user's unobserved
 * in-group items above the out-group ones.
 */
import type { Ratings } from "../../../src/data/ratings";
import { Rng } from "../../../src/random/rng";

export interface TwoGroups {
  train: Ratings;
  /** Group (0 or 1) of each user and of each item. */
  userGroup: Int32Array;
  itemGroup: Int32Array;
}

export function twoGroups(users = 40, items = 40, inGroup = 0.5, crossGroup = 0.03, seed = 5): TwoGroups {
  const rng = new Rng(seed);
  const userGroup = Int32Array.from({ length: users }, (_, u) => (u < users / 2 ? 0 : 1));
  const itemGroup = Int32Array.from({ length: items }, (_, i) => (i < items / 2 ? 0 : 1));
  const us: number[] = [];
  const is: number[] = [];
  for (let u = 0; u < users; u++) {
    for (let i = 0; i < items; i++) {
      if (rng.next() < (userGroup[u] === itemGroup[i] ? inGroup : crossGroup)) { us.push(u); is.push(i); }
    }
  }
  return { train: interactions(us, is, users, items), userGroup, itemGroup };
}

/** Ratings of plain interactions (value 1) over `numUsers` x `numItems`. */
export function interactions(users: number[], items: number[], numUsers: number, numItems: number): Ratings {
  return {
    indexId: "two-groups", name: "two-groups",
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: new Float32Array(users.length).fill(1),
    userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`),
    numUsers,
    numItems,
    size: users.length,
    scale: { min: 0, max: 1 },
  };
}

/**
 * Over all users: the fraction of (unobserved in-group item, unobserved out-group item) pairs that `score` orders
 * correctly (an AUC; 0.5 is chance).
 */
export function plantedAuc(data: TwoGroups, score: (users: Int32Array, items: Int32Array) => Float32Array): number {
  const { train, userGroup, itemGroup } = data;
  const seen = new Set<number>();
  for (let k = 0; k < train.size; k++) seen.add(train.users[k] * train.numItems + train.items[k]);
  let good = 0;
  let total = 0;
  for (let u = 0; u < train.numUsers; u++) {
    const items = Int32Array.from({ length: train.numItems }, (_, i) => i);
    const s = score(new Int32Array(train.numItems).fill(u), items);
    for (let a = 0; a < train.numItems; a++) {
      if (itemGroup[a] !== userGroup[u] || seen.has(u * train.numItems + a)) continue;
      for (let b = 0; b < train.numItems; b++) {
        if (itemGroup[b] === userGroup[u] || seen.has(u * train.numItems + b)) continue;
        total++;
        if (s[a] > s[b]) good++;
      }
    }
  }
  return good / total;
}
