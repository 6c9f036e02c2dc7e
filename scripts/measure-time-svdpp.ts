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
  tmf: () => createTimeSvdpp(timeSvdppPresets["ml-100k-mf"]),
  tsvdpp: () => createTimeSvdpp(preset),
};

/** Configurations tried by --tune (each on top of the ml-100k preset), selected by `--configs a,b` if given. */
const noTime = { binLearningRate: 0, alphaLearningRate: 0, dayLearningRate: 0, scaleLearningRate: 0 };
const noRefit = { refitOnValidation: false };
const mfPreset = { ...timeSvdppPresets["ml-100k-mf"], ...noRefit };
const tuning: Record<string, Partial<TimeSvdppConfig>> = {
  "tsvdpp": noRefit,
  "tsvdpp no-time": { ...noRefit, ...noTime },
  "tsvdpp no-scaling": { ...noRefit, scaleLearningRate: 0 },
  "tsvdpp bins 30 reg 0.1": { ...noRefit, binLearningRate: 0.003, regBin: 0.1 },
  "tsvdpp alpha 1e-5 reg 50": { ...noRefit, alphaLearningRate: 1e-5, regAlpha: 50 },
  "tmf": mfPreset,
  "tmf no-time": { ...mfPreset, ...noTime },
  "tmf no-scaling": { ...mfPreset, scaleLearningRate: 0 },
  "tmf scaling reg 1": { ...mfPreset, regScale: 1 },
  "tmf scaling reg 0.02": { ...mfPreset, regScale: 0.02 },
  "tmf bins 8 reg 20": { ...mfPreset, binLearningRate: 0.003, timeBins: 8, regBin: 20 },
  "tmf day reg 0.1": { ...mfPreset, regDay: 0.1 },
  "tmf day reg 2": { ...mfPreset, regDay: 2 },
  "baseline": { dim: 0, implicitFeedback: false, biasLearningRate: 0.01, ...noRefit },
  "baseline no-time": { dim: 0, implicitFeedback: false, biasLearningRate: 0.01, ...noRefit, ...noTime },
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
