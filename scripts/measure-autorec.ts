/**
 * Measures AutoRec (Sedhain et al., WWW 2015) on one fold of the suite's 5-fold split (crossValidate's folds and
 * validation carve-out for a seed: kFold, then 10% of the training fold held out with the fold's forked generator).
 * `--mode tune` fits on the fold's inner training part and prints validation RMSE per epoch (the test fold is not
 * touched): the runs that choose hidden / reg / learning rate / epochs. `--mode test` fits the chosen AutoRec and the
 * suite's SGD MF preset exactly as crossValidate's first fold would (same data, validation and model forks) and
 * prints their test RMSEs. Prints everything; records nothing.
 *
 *   npx tsx scripts/measure-autorec.ts --data ml-1m --mode tune --variant item --hidden 500 --reg 1 --lr 0.003 --epochs 30
 *   npx tsx scripts/measure-autorec.ts --data ml-1m --mode test            # autoRecPresets.ml1m vs sgdMfPresets["ml-1m"]
 *   npx tsx scripts/measure-autorec.ts --data ml-1m --mode select --try '[{"reg":100,"learningRate":0.001}]'
 *
 * `--mode select` runs tune for every configuration of --try (fields over the preset), keeps the one with the lowest
 * validation RMSE, and runs test mode with it (with refitOnValidation, like the SGD MF preset). With `--folds 1,2,3`
 * it tunes every configuration on each of those folds' validation carve-outs (never their test folds), and keeps the
 * cheapest configuration within noise of the lowest mean validation RMSE (cheapestWithinNoise: paired differences
 * to the best within one standard error; cost = epochs trained + the refit's epochs, the best epoch); test mode then
 * runs on --fold unless `--skip-test`. ml-latest-small takes the ml-100k presets, as the beyond-the-talk notebook does.
 *
 *   npx tsx scripts/measure-autorec.ts --data ml-latest-small --mode select --variant user --folds 1,2,3 --skip-test \
 *     --try '[{"epochs":20,"learningRate":0.003},{"epochs":30,"learningRate":0.004}]'
 */
import { loadDataset } from "../src/data/dataset-registry";
import { kFold } from "../src/data/splits/k-fold";
import { randomSplit } from "../src/data/splits/random-split";
import { autoRecPresets, createAutoRec, type AutoRecConfig } from "../src/models/autorec";
import { cheapestWithinNoise } from "../src/models/autorec/cheapest-within-noise";
import { createSgdMf, sgdMfPresets } from "../src/models/sgd-mf";
import { createGlobalMean } from "../src/models/global-mean";
import type { RatingModel } from "../src/models/rating-model";
import { Rng } from "../src/random/rng";
import { evaluateRatingModels } from "../src/train/evaluate-rating-models";
import { lineProgress } from "../src/train/progress";

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const data = (option("data") ?? "ml-1m") as "ml-1m" | "ml-100k" | "ml-latest-small";
/** ml-latest-small takes the ml-100k presets (the beyond-the-talk notebook's PRESET "auto"). */
const presetData = data === "ml-1m" ? "ml-1m" : "ml-100k";
const mode = option("mode") ?? "tune";
const seed = Number(option("seed") ?? 42);
const fold = Number(option("fold") ?? 1);
const selectFolds = (option("folds") ?? String(fold)).split(",").map(Number);
const preset = data === "ml-1m" ? autoRecPresets.ml1m : autoRecPresets.ml100k;

/** The preset with the fields given on the command line replaced. */
function configFromArgs(): AutoRecConfig {
  const num = (name: string, fallback: number): number => (option(name) === undefined ? fallback : Number(option(name)));
  return {
    ...preset,
    variant: (option("variant") ?? preset.variant) as AutoRecConfig["variant"],
    hidden: num("hidden", preset.hidden),
    reg: num("reg", preset.reg),
    learningRate: num("lr", preset.learningRate),
    learningRateDecay: num("decay", preset.learningRateDecay),
    batchSize: num("batch", preset.batchSize),
    initStd: num("init", preset.initStd),
    epochs: num("epochs", preset.epochs),
    patience: num("patience", preset.patience),
    refitOnValidation: option("refit") === undefined ? preset.refitOnValidation : option("refit") === "true",
  };
}

/** Fold `f` (1-based) of the suite's split for `seed` as crossValidate makes it: the inner training part, its validation carve-out, the test fold, and the fold's generator. */
function foldData(ratings: Awaited<ReturnType<typeof loadDataset>>, f: number) {
  const rng = new Rng(seed);
  const splits = kFold(ratings, rng, 5);
  // crossValidate forks one generator per fold, in fold order.
  let foldRng = rng.fork();
  for (let g = 1; g < f; g++) foldRng = rng.fork();
  const { train: trainAll, test } = splits[f - 1];
  const inner = randomSplit(trainAll, foldRng, { testFraction: 0.1 });
  return { inner, test, foldRng };
}

async function main(): Promise<void> {
  const ratings = await loadDataset(data);
  const { inner, test, foldRng } = foldData(ratings, fold);
  console.log(`${data}, seed ${seed}, fold ${fold}/5: ${inner.train.size} training, ${inner.test.size} validation, ${test.size} test ratings (load: test fold unused in tune mode)`);
  const config = configFromArgs();
  console.log(`AutoRec config: ${JSON.stringify(config)}`);
  /** Fits `c` on a fold's inner training part with early stopping on its validation carve-out: best validation RMSE and epochs (trained, best). */
  const tune = async (c: AutoRecConfig, f: number = fold): Promise<{ rmse: number; epochs: number; bestEpoch: number; seconds: number }> => {
    const { inner: fi } = f === fold ? { inner } : foldData(ratings, f);
    const model = createAutoRec(c);
    // Its own generator, so that tuning leaves foldRng (and the test mode's model forks) as crossValidate has them.
    const history = await model.fit(fi.train, { rng: new Rng(seed + 7919), validation: fi.test, progress: lineProgress() });
    const best = history.epochs[history.bestEpoch - 1];
    const seconds = history.epochs.reduce((s, e) => s + e.seconds, 0);
    console.log(`tune fold ${f}: ${JSON.stringify(c)}: best validation RMSE ${best.validation!.rmse.toFixed(4)} at epoch ${history.bestEpoch} of ${history.epochs.length}; ${(seconds / history.epochs.length).toFixed(2)} s per training epoch (machine shared, under load)`);
    model.dispose();
    return { rmse: best.validation!.rmse, epochs: history.epochs.length, bestEpoch: history.bestEpoch, seconds };
  };
  if (mode === "tune") {
    await tune(config);
    return;
  }
  let chosen = config;
  if (mode === "select") {
    const tries = JSON.parse(option("try") ?? "[]") as Partial<AutoRecConfig>[];
    if (selectFolds.length > 1) {
      const candidates = [];
      for (const t of tries) {
        const c = { ...config, ...t, refitOnValidation: false };
        const runs = [];
        for (const f of selectFolds) runs.push(await tune(c, f));
        // Cost in epochs: the early-stopped fit plus the refit on train + validation for the best epoch count.
        const cost = runs.reduce((s, r) => s + r.epochs + r.bestEpoch, 0) / runs.length;
        candidates.push({ setting: c, scores: runs.map((r) => r.rmse), cost, runs });
      }
      const selection = cheapestWithinNoise(candidates);
      console.log(`select over folds ${selectFolds.join(", ")} (validation RMSE per fold; cost = mean epochs, fit + refit):`);
      candidates.forEach((c, i) => {
        const r = selection.rows[i];
        const fields = Object.fromEntries(Object.entries(tries[i]));
        console.log(`  ${JSON.stringify(fields)}: mean ${r.mean.toFixed(4)} (${c.scores.map((x) => x.toFixed(4)).join(", ")}), best epochs ${c.runs.map((x) => x.bestEpoch).join("/")}, cost ${c.cost.toFixed(1)} epochs, ${(c.runs.reduce((s, x) => s + x.seconds, 0) / c.runs.length).toFixed(1)} s per fit (under load); vs best ${r.diff >= 0 ? "+" : ""}${r.diff.toFixed(4)} ± ${r.diffSe.toFixed(4)}${r.withinNoise ? " within noise" : ""}${i === selection.bestIndex ? " [best]" : ""}${i === selection.chosenIndex ? " [chosen]" : ""}`);
      });
      chosen = { ...selection.chosen.setting, refitOnValidation: true };
      console.log(`select: chosen (cheapest within noise of the best): ${JSON.stringify(chosen)}`);
    } else {
      let bestRmse = Infinity;
      for (const t of tries) {
        const c = { ...config, ...t, refitOnValidation: false };
        const score = (await tune(c)).rmse;
        if (score < bestRmse) [bestRmse, chosen] = [score, { ...c, refitOnValidation: true }];
      }
      console.log(`select: chosen on validation (RMSE ${bestRmse.toFixed(4)}): ${JSON.stringify(chosen)}`);
    }
    if (args.includes("--skip-test")) return;
  }
  const models: RatingModel[] = [createGlobalMean(), createSgdMf(sgdMfPresets[presetData]), createAutoRec(chosen)];
  const evaluations = await evaluateRatingModels(models, { train: inner.train, validation: inner.test, test, rng: foldRng, progress: lineProgress() });
  for (const e of evaluations) {
    const secs = e.history.epochs.reduce((s, r) => s + r.seconds, 0) / e.history.epochs.length;
    console.log(`test: ${e.model.name}: RMSE ${e.metrics.rmse.toFixed(4)}, MAE ${e.metrics.mae.toFixed(4)}, kept epoch ${e.history.bestEpoch}, fit ${e.trainSeconds.toFixed(1)} s (${secs.toFixed(2)} s per epoch, under load)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
