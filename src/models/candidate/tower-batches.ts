/**
 * Builds the user tower's inputs (TowerBatch) on typed arrays: for training, a block of users with some of their
 * history items as targets, each target removed from the bag and the recent items its row sees (no leakage); for
 * serving, one row per user with its whole history and example age 0 (Covington et al. 2016, section 3.3).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { CategoricalFeature } from "../../data/features";
import type { Rng } from "../../random/rng";
import type { TowerBatch } from "./user-tower";
import { recentBag, SECONDS_PER_YEAR, type UserHistories } from "./user-history";

/** Training rows of one batch: targets (and their row's user) on top of the tower inputs. */
export interface TrainingBatch {
  /** Tower inputs; `removed` holds the targets. */
  tower: TowerBatch;
  /** Target item per row, shape [N]. */
  targets: tf.Tensor1D;
  /** Number of rows N. */
  rows: number;
}

/** Frees the tensors of a tower batch. */
export function disposeTowerBatch(b: TowerBatch): void {
  const all = [b.bagItems, b.bagSegments, b.rowUser, b.removed, b.bagScale, b.recentItems, b.recentWeights, b.age, ...b.codes];
  for (const t of all) if (t) t.dispose();
}

function bagOf(h: UserHistories, users: ArrayLike<number>): { items: Int32Array; segments: Int32Array } {
  let nnz = 0;
  for (let b = 0; b < users.length; b++) nnz += h.offsets[users[b] + 1] - h.offsets[users[b]];
  const items = new Int32Array(nnz);
  const segments = new Int32Array(nnz);
  let w = 0;
  for (let b = 0; b < users.length; b++) {
    for (let a = h.offsets[users[b]]; a < h.offsets[users[b] + 1]; a++) {
      items[w] = h.items[a];
      segments[w++] = b;
    }
  }
  return { items, segments };
}

/** Tower inputs for rows (rowUser[r] local into `users`, removed[r] or -1 for none, age in years). */
function towerBatch(h: UserHistories, columns: readonly CategoricalFeature[], users: ArrayLike<number>, rowUser: Int32Array, removed: Int32Array | null, age: Float32Array): TowerBatch {
  const n = rowUser.length;
  const bag = bagOf(h, users);
  const scale = new Float32Array(n);
  const recent = new Int32Array(n * h.recent);
  const weights = new Float32Array(n * h.recent);
  for (let r = 0; r < n; r++) {
    const u = users[rowUser[r]];
    const size = h.offsets[u + 1] - h.offsets[u] - (removed ? 1 : 0);
    scale[r] = size > 0 ? 1 / size : 0;
    if (h.recent > 0) recentBag(h, u, removed ? removed[r] : -1, recent, weights, r * h.recent);
  }
  const codes = columns.map((c) => {
    const out = new Int32Array(n);
    for (let r = 0; r < n; r++) out[r] = c.codes[users[rowUser[r]]] + 1;
    return tf.tensor1d(out, "int32");
  });
  return {
    bagItems: tf.tensor1d(bag.items, "int32"),
    bagSegments: tf.tensor1d(bag.segments, "int32"),
    users: users.length,
    rowUser: tf.tensor1d(rowUser, "int32"),
    removed: removed ? tf.tensor1d(removed, "int32") : null,
    bagScale: tf.tensor2d(scale, [n, 1]),
    recentItems: tf.tensor1d(recent, "int32"),
    recentWeights: tf.tensor3d(weights, [n, h.recent, 1]),
    codes,
    age: tf.tensor2d(age, [n, 1]),
  };
}

/** Serving inputs: one row per user of `users`, whole history, age 0. */
export function servingBatch(h: UserHistories, columns: readonly CategoricalFeature[], users: Int32Array): TowerBatch {
  const rowUser = Int32Array.from({ length: users.length }, (_, r) => r);
  return towerBatch(h, columns, users, rowUser, null, new Float32Array(users.length));
}

/**
 * Training rows for the users `users`: each user with at least one item gets min(perUser, history size) of its
 * items as targets (drawn without replacement by `rng`; all of them when perUser is 0), each removed from its bag.
 * Returns null when no user of the block has an item.
 */
export function trainingBatch(h: UserHistories, columns: readonly CategoricalFeature[], users: ArrayLike<number>, perUser: number, rng: Rng): TrainingBatch | null {
  const rowUser: number[] = [];
  const targets: number[] = [];
  const ages: number[] = [];
  for (let b = 0; b < users.length; b++) {
    const u = users[b];
    const from = h.offsets[u];
    const size = h.offsets[u + 1] - from;
    const take = perUser > 0 ? Math.min(perUser, size) : size;
    const pick = Int32Array.from({ length: size }, (_, k) => from + k);
    for (let m = 0; m < take; m++) {
      if (take < size) {
        const j = m + rng.int(size - m);
        const t = pick[m];
        pick[m] = pick[j];
        pick[j] = t;
      }
      rowUser.push(b);
      targets.push(h.items[pick[m]]);
      ages.push(h.times ? (h.now - h.times[pick[m]]) / SECONDS_PER_YEAR : 0);
    }
  }
  if (targets.length === 0) return null;
  const removed = Int32Array.from(targets);
  const tower = towerBatch(h, columns, users, Int32Array.from(rowUser), removed, Float32Array.from(ages));
  return { tower, targets: tf.tensor1d(removed, "int32"), rows: targets.length };
}
