/**
 * The benchmark's yardstick: the plainest per-rating SGD loop for biased MF over Float32Arrays (Funk 2006; Koren,
 * Bell and Volinsky 2009), no early stopping, no progress, no checks. Its speed in the same process as a measured
 * model gives a ratio that does not depend on the machine (issue: "the same measure for a reference typed-array
 * SGD loop run in the same process").
 */
import type { Ratings } from "../data/ratings";
import type { Rng } from "../random/rng";

/** One timed epoch of the reference loop. */
export interface ReferenceEpoch {
  seconds: number;
  ratingsPerSecond: number;
  /** RMSE on `validation` after the epoch (rating units). */
  validationRmse: number;
}

/**
 * Trains biased MF (dimension `dim`, lr 0.01, λ 0.05, initial spread 0.01) for `epochs` passes over `train` in a
 * seeded shuffled order and returns each epoch's timing and validation RMSE. The shuffle is not timed.
 */
export function runReferenceSgd(train: Ratings, validation: Ratings, dim: number, epochs: number, rng: Rng): ReferenceEpoch[] {
  const P = Float32Array.from({ length: train.numUsers * dim }, () => rng.normal() * 0.01);
  const Q = Float32Array.from({ length: train.numItems * dim }, () => rng.normal() * 0.01);
  const bu = new Float32Array(train.numUsers);
  const bi = new Float32Array(train.numItems);
  let mean = 0;
  for (let k = 0; k < train.size; k++) mean += train.values[k];
  mean /= train.size;
  const users = new Int32Array(train.size);
  const items = new Int32Array(train.size);
  const values = new Float32Array(train.size);
  const out: ReferenceEpoch[] = [];
  for (let e = 0; e < epochs; e++) {
    const order = rng.permutation(train.size);
    for (let k = 0; k < train.size; k++) {
      users[k] = train.users[order[k]];
      items[k] = train.items[order[k]];
      values[k] = train.values[order[k]];
    }
    const start = performance.now();
    referenceEpoch(P, Q, bu, bi, dim, mean, users, items, values, 0.01, 0.05);
    const seconds = (performance.now() - start) / 1000;
    out.push({ seconds, ratingsPerSecond: train.size / seconds, validationRmse: rmseOf(P, Q, bu, bi, dim, mean, validation) });
  }
  return out;
}

function referenceEpoch(
  P: Float32Array, Q: Float32Array, bu: Float32Array, bi: Float32Array, dim: number, mean: number,
  users: Int32Array, items: Int32Array, values: Float32Array, lr: number, reg: number,
): void {
  for (let k = 0; k < users.length; k++) {
    const uo = users[k] * dim;
    const io = items[k] * dim;
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += P[uo + j] * Q[io + j];
    const e = values[k] - (mean + bu[users[k]] + bi[items[k]] + dot);
    bu[users[k]] += lr * (e - reg * bu[users[k]]);
    bi[items[k]] += lr * (e - reg * bi[items[k]]);
    for (let j = 0; j < dim; j++) {
      const p = P[uo + j];
      const q = Q[io + j];
      P[uo + j] = p + lr * (e * q - reg * p);
      Q[io + j] = q + lr * (e * p - reg * q);
    }
  }
}

function rmseOf(P: Float32Array, Q: Float32Array, bu: Float32Array, bi: Float32Array, dim: number, mean: number, r: Ratings): number {
  let sse = 0;
  for (let k = 0; k < r.size; k++) {
    const u = r.users[k];
    const i = r.items[k];
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += P[u * dim + j] * Q[i * dim + j];
    const predicted = Math.min(r.scale.max, Math.max(r.scale.min, mean + bu[u] + bi[i] + dot));
    sse += (r.values[k] - predicted) ** 2;
  }
  return Math.sqrt(sse / Math.max(1, r.size));
}
