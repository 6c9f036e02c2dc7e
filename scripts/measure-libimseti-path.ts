/**
 * `npx tsx scripts/measure-libimseti-path.ts <dir> [--epochs 1] [--no-train]`: measures the talk's path on a
 * LibimSeTi-format folder: load, the 5-per-user holdout with 10% validation (talkProtocolSplit), peak RSS after
 * each, then (unless --no-train) one epoch each of biased MF, the talk's MLP with gender and the talk's hybrid (lazy
 * Adam, as the notebooks' PRESET=talk) with seconds per epoch and the chunked prediction of the held-out ratings.
 */
import { initBackend } from "../src/backend/select-backend";
import { loadLibimseti } from "../src/data/load-libimseti";
import { createBiasedMf } from "../src/models/biased-mf";
import { createHybridMfMlp } from "../src/models/hybrid-mf-mlp";
import { createMlpRating } from "../src/models/mlp-rating";
import { talkMlpPreset } from "../src/models/neural-presets";
import type { RatingModel } from "../src/models/rating-model";
import { rmse } from "../src/metrics/regression-metrics";
import { Rng } from "../src/random/rng";
import { silentProgress } from "../src/train/progress";
import { talkProtocolSplit } from "../src/train/protocol-splits";

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const peak = () => mb(process.resourceUsage().maxRSS);

async function main(): Promise<void> {
  const dir = process.argv[2];
  const epochs = Number(process.argv[process.argv.indexOf("--epochs") + 1] ?? 1) || 1;
  let t = Date.now();
  const ratings = await loadLibimseti(dir);
  console.log(`load: ${ratings.name}, ${ratings.size} ratings, ${ratings.numUsers} users, ${ratings.numItems} profiles, ${((Date.now() - t) / 1000).toFixed(1)} s, peak RSS ${peak()}`);
  t = Date.now();
  const split = talkProtocolSplit(ratings, new Rng(42));
  console.log(`split: train ${split.train.size}, validation ${split.validation.size}, test ${split.test.size}, ${((Date.now() - t) / 1000).toFixed(1)} s, peak RSS ${peak()}`);
  if (process.argv.includes("--no-train")) return;
  await initBackend();
  const training = { ...talkMlpPreset.training, epochs, patience: 0, sparseUpdates: true };
  const models: [string, RatingModel][] = [
    ["Biased MF (SGD)", createBiasedMf({ training: { epochs } })],
    ["MLP + gender (talk, lazy Adam)", createMlpRating({ ...talkMlpPreset, useFeatures: true, training })],
    ["hybrid (talk, lazy Adam)", createHybridMfMlp({ mlp: { useFeatures: true, layers: talkMlpPreset.layers }, training })],
  ];
  for (const [label, model] of models) {
    const h = await model.fit(split.train, { rng: new Rng(1), validation: split.validation, progress: silentProgress });
    const e = h.epochs[h.epochs.length - 1];
    t = Date.now();
    const predicted = model.predict(split.test.users, split.test.items);
    const predictSeconds = (Date.now() - t) / 1000;
    console.log(`${label}: ${e.seconds.toFixed(1)} s/epoch (${Math.round(e.examplesPerSecond)} ratings/s, validation excluded), test RMSE ${rmse(predicted, split.test.values).toFixed(3)}, predict ${split.test.size} in ${predictSeconds.toFixed(1)} s, peak RSS ${peak()}`);
    model.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
