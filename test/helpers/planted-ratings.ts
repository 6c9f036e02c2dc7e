/**
 * Synthetic ratings with a planted answer: r(u,i) = mean + b_u + b_i + p_u·q_i + noise, observed on a random
 * subset of pairs. A correct factorization model reaches test RMSE near `noise`; a bias-only model cannot.
 */
import type { Ratings } from "../../src/data/ratings";
import { Rng } from "../../src/random/rng";

export interface PlantedOptions {
  users: number;
  items: number;
  rank: number;
  density: number;
  noise: number;
  factorStd: number;
  biasStd: number;
  seed: number;
}

export const defaultPlanted: PlantedOptions = { users: 200, items: 150, rank: 3, density: 0.3, noise: 0.1, factorStd: 0.7, biasStd: 0.5, seed: 11 };

export function plantedRatings(o: Partial<PlantedOptions> = {}): Ratings {
  const p = { ...defaultPlanted, ...o };
  const rng = new Rng(p.seed);
  const P = Array.from({ length: p.users * p.rank }, () => rng.normal() * p.factorStd);
  const Q = Array.from({ length: p.items * p.rank }, () => rng.normal() * p.factorStd);
  const bu = Array.from({ length: p.users }, () => rng.normal() * p.biasStd);
  const bi = Array.from({ length: p.items }, () => rng.normal() * p.biasStd);
  const users: number[] = [], items: number[] = [], values: number[] = [];
  for (let u = 0; u < p.users; u++) {
    for (let i = 0; i < p.items; i++) {
      if (rng.next() >= p.density) continue;
      let dot = 0;
      for (let k = 0; k < p.rank; k++) dot += P[u * p.rank + k] * Q[i * p.rank + k];
      users.push(u); items.push(i); values.push(3 + bu[u] + bi[i] + dot + rng.normal() * p.noise);
    }
  }
  return {
    indexId: "planted-ratings", name: "planted",
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: Float32Array.from(values),
    userIds: Array.from({ length: p.users }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: p.items }, (_, i) => `i${i}`),
    numUsers: p.users,
    numItems: p.items,
    size: values.length,
    scale: { min: -100, max: 100 },
  };
}
