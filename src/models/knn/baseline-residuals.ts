/**
 * The ALS baseline b_ui = μ + b_u + b_i that KNNBaseline and the pearson-baseline similarity centre on
 * (Koren, "Factor in the neighbors", TKDD 2010, section 2.1; Surprise's `compute_baselines`), fitted with
 * `BiasBaselineModel` but never clipped to the rating scale, as in Surprise.
 */
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import { BiasBaselineModel, type BiasBaselineConfig } from "../bias-baseline";

/** Fits the baseline on `train` with an unbounded scale, so that its `predict` returns the raw μ + b_u + b_i. */
export async function fitUnclippedBaseline(train: Ratings, config: BiasBaselineConfig, rng: Rng): Promise<BiasBaselineModel> {
  const model = new BiasBaselineModel(config);
  await model.fit({ ...train, scale: { min: -Infinity, max: Infinity } }, { rng });
  return model;
}

/** Residuals r_ui - b_ui of every rating of `train` under `baseline` (rating units). Shape [train.size]. */
export function baselineResiduals(train: Ratings, baseline: BiasBaselineModel): Float32Array {
  const b = baseline.predict(train.users, train.items);
  const out = new Float32Array(train.size);
  for (let k = 0; k < train.size; k++) out[k] = train.values[k] - b[k];
  return out;
}
