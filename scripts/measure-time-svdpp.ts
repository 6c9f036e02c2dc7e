/**
 * Measures timeSVD++ (Koren 2009) on ml-100k (../shared/data/ml-100k) against the suite's SGD MF and SVD++ presets.
 *
 * Default: Surprise's protocol through `crossValidate` (5 folds, `new Rng(42)`, validation fraction 0.1 carved
 * from each training fold for early stopping), models: SGD MF and SVD++ presets, the time-aware baseline,
 * time-aware MF and timeSVD++ presets; prints per-fold and mean RMSE, fit seconds (wall, under the machine's load).
 *
 * `--tune`: configurations scored on validation ratings carved from fold 1's training side only (never a test
 * fold): fold 1's training ratings split 90/10 into an inner training set (of which 10 % again for early
 * stopping) and a tuning validation set; prints each configuration's tuning RMSE.
 *
 * `--tune --try '[{...}, ...]'` scores the given partial configurations (on top of the ml-100k preset) instead.
 *
 *   npx tsx scripts/measure-time-svdpp.ts [--tune [--configs a,b | --try JSON]] [--models mf,svdpp,baseline,tmf,tsvdpp] [--seed 42]
 */
import { loadDataset } from "../src/data/dataset-registry";
import type { Ratings } from "../src/data/ratings";
import { kFold } from "../src/data/splits/k-fold";
import { randomSplit } from "../src/data/splits/random-split";
import { rmse } from "../src/metrics/regression-metrics";
import { predictRatings, type RatingModel } from "../src/models/rating-model";
import { createSgdMf, sgdMfPresets } from "../src/models/sgd-mf";
import { createSvdpp, svdppPresets } from "../src/models/svdpp";
import { createTimeAwareBaseline, createTimeSvdpp, timeSvdppPresets, type TimeSvdppConfig } from "../src/models/time-svdpp";
import { Rng } from "../src/random/rng";
import { crossValidate } from "../src/train/cross-validate";
import { silentProgress } from "../src/train/progress";

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const seed = Number(option("seed") ?? 42);
const preset = timeSvdppPresets["ml-100k"];

const models: Record<string, () => RatingModel> = {
  mf: () => createSgdMf(sgdMfPresets["ml-100k"]),
  svdpp: () => createSvdpp(svdppPresets["ml-100k"]),
  baseline: () => createTimeAwareBaseline(),
  tmf: () => createTimeSvdpp({ ...preset, implicitFeedback: false }),
  tsvdpp: () => createTimeSvdpp(preset),
};

/** Configurations tried by --tune (each on top of the ml-100k preset), selected by `--configs a,b` if given. */
const tuning: Record<string, Partial<TimeSvdppConfig>> = {
  "baseline": { dim: 0, implicitFeedback: false },
  "baseline no-time": { dim: 0, implicitFeedback: false, binLearningRate: 0, alphaLearningRate: 0, dayLearningRate: 0 },
  "baseline no-day": { dim: 0, implicitFeedback: false, userDayBias: false },
  "tmf": { implicitFeedback: false },
  "tmf no-time": { implicitFeedback: false, binLearningRate: 0, alphaLearningRate: 0, dayLearningRate: 0 },
  "tmf no-day": { implicitFeedback: false, userDayBias: false },
  "tmf alpha-lr 1e-4": { implicitFeedback: false, alphaLearningRate: 1e-4, regAlpha: 1 },
  "tmf bins 10": { implicitFeedback: false, timeBins: 10 },
  "tmf day-reg 1": { implicitFeedback: false, regDay: 1 },
  "tsvdpp": {},
};

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function tune(data: Ratings): Promise<void> {
  const rng = new Rng(seed);
  const fold = kFold(data, rng, 5)[0];
  const { train: inner, test: tuningSet } = randomSplit(fold.train, new Rng(seed + 1), { testFraction: 0.1 });
  const { train, test: stopping } = randomSplit(inner, new Rng(seed + 2), { testFraction: 0.1 });
  const wanted = option("configs")?.split(",");
  const extra = option("try");
  const candidates: [string, Partial<TimeSvdppConfig>][] = extra
    ? (JSON.parse(extra) as Partial<TimeSvdppConfig>[]).map((c) => [JSON.stringify(c), c])
    : Object.entries(tuning);
  for (const [label, config] of candidates) {
    if (wanted && !wanted.includes(label)) continue;
    const model = createTimeSvdpp({ ...preset, ...config });
    const wall = performance.now();
    const cpu = cpuSeconds();
    const history = await model.fit(train, { rng: new Rng(seed + 3), validation: stopping, progress: silentProgress });
    const score = rmse(predictRatings(model, tuningSet), tuningSet.values);
    console.log(`${label.padEnd(40)} tuning RMSE ${score.toFixed(4)}  best epoch ${history.bestEpoch}  ${((performance.now() - wall) / 1000).toFixed(1)} s wall, ${(cpuSeconds() - cpu).toFixed(1)} s CPU`);
    model.dispose();
  }
}

async function main(): Promise<void> {
  const data = await loadDataset("ml-100k");
  if (args.includes("--tune")) return tune(data);
  const chosen = (option("models") ?? "mf,svdpp,baseline,tmf,tsvdpp").split(",");
  for (const name of chosen) if (!(name in models)) throw new Error(`--models: unknown model ${name}; known: ${Object.keys(models).join(", ")}`);
  const results = await crossValidate(chosen.map((m) => models[m]), data, {
    folds: 5,
    validationFraction: 0.1,
    rng: new Rng(seed),
    progress: silentProgress,
    onFold: (fold, rs) => console.log(`fold ${fold}: ${rs.map((r) => `${r.model} ${r.folds[fold - 1].rmse.toFixed(4)} (${r.folds[fold - 1].trainSeconds.toFixed(1)} s)`).join(", ")}`),
  });
  console.log("5-fold means on ml-100k (seed", seed, "; fit seconds are wall time under the shared machine's load):");
  for (const r of results) {
    console.log(`  ${r.model.padEnd(20)} RMSE ${r.mean.rmse.toFixed(4)} ± ${r.rmseStd.toFixed(4)}  MAE ${r.mean.mae.toFixed(4)}  fit ${r.mean.trainSeconds.toFixed(1)} s  best epoch ${r.mean.bestEpoch.toFixed(1)}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
