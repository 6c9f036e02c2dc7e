/**
 * Functional check against Surprise's published benchmark (README of NicolasHug/Surprise: 5-fold CV RMSE of
 * KNNBasic "k-NN", KNNWithMeans "Centered k-NN", KNNBaseline "k-NN Baseline", all with default options).
 * Needs the licensed data in ../shared/data, so it runs only on request:
 *   KNN_BENCHMARK=ml-100k nice -n 10 node --import tsx --test test/models/knn-surprise-benchmark.test.ts
 * (or KNN_BENCHMARK=ml-1m). Prints RMSE, MAE, fit and prediction seconds per model as test diagnostics.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadDataset } from "../../src/data/dataset-registry";
import type { Ratings } from "../../src/data/ratings";
import { createKnn, type KnnConfigInput } from "../../src/models/knn/knn-model";
import type { FitOptions, RatingModel } from "../../src/models/rating-model";
import { Rng } from "../../src/random/rng";
import { crossValidate } from "../../src/train/cross-validate";
import { silentProgress } from "../../src/train/progress";
import type { TrainingHistory } from "../../src/train/training-history";

const dataset = process.env.KNN_BENCHMARK;

/** Surprise's published 5-fold RMSEs (default options; ml-1m row from the same table). */
const published: Record<string, { label: string; config: KnnConfigInput; rmse: Record<string, number> }> = {
  basic: { label: "k-NN", config: { kind: "basic" }, rmse: { "ml-100k": 0.98, "ml-1m": 0.923 } },
  means: { label: "Centered k-NN", config: { kind: "means" }, rmse: { "ml-100k": 0.951, "ml-1m": 0.929 } },
  baseline: { label: "k-NN Baseline", config: { kind: "baseline" }, rmse: { "ml-100k": 0.931, "ml-1m": 0.895 } },
};

/** Records the pure fit time (history.trainSeconds, training-set scoring excluded) and the test prediction time. */
class Timed implements RatingModel {
  fitSeconds: number[] = [];
  predictSeconds: number[] = [];
  constructor(private readonly inner: RatingModel) {}
  get name(): string {
    return this.inner.name;
  }
  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    const h = await this.inner.fit(train, options);
    this.fitSeconds.push(h.trainSeconds);
    return h;
  }
  predict(users: Int32Array, items: Int32Array): Float32Array {
    const t = performance.now();
    const p = this.inner.predict(users, items);
    this.predictSeconds.push((performance.now() - t) / 1000);
    return p;
  }
  dispose(): void {
    this.inner.dispose();
  }
}

test(`k-NN on ${dataset ?? "(set KNN_BENCHMARK)"} within 0.01 RMSE of Surprise`, { skip: !dataset }, async (t) => {
  const data = await loadDataset(dataset!);
  const configs: [string, KnnConfigInput][] = Object.entries(published).map(([k, v]) => [k, v.config]);
  configs.push(["extra", { kind: "baseline", basis: "item", similarity: "pearson-baseline" }]);
  const timed: Timed[][] = configs.map(() => []);
  const factories = configs.map(([, config], m) => () => {
    const model = new Timed(createKnn(config));
    timed[m].push(model);
    return model;
  });
  const started = performance.now();
  const results = await crossValidate(factories, data, { folds: 5, validationFraction: 0, rng: new Rng(1), progress: silentProgress });
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  results.forEach((r, m) => {
    const fit = mean(timed[m].flatMap((x) => x.fitSeconds));
    const pred = mean(timed[m].flatMap((x) => x.predictSeconds));
    const anchor = published[configs[m][0]]?.rmse[dataset!];
    t.diagnostic(
      `${r.model}: RMSE ${r.mean.rmse.toFixed(4)} ± ${r.rmseStd.toFixed(4)}, MAE ${r.mean.mae.toFixed(4)}, ` +
        `fit ${fit.toFixed(2)} s, predict ${pred.toFixed(2)} s per fold` + (anchor ? `; Surprise ${anchor}` : ""),
    );
    if (anchor !== undefined) assert.ok(Math.abs(r.mean.rmse - anchor) < 0.01, `${r.model}: ${r.mean.rmse} vs Surprise ${anchor}`);
  });
  // The variant Surprise's docs recommend for KNNBaseline must beat its default (user-based MSD).
  assert.ok(results[3].mean.rmse < results[2].mean.rmse, `${results[3].model} should beat ${results[2].model}`);
  t.diagnostic(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
});
