/**
 * The benchmark's cases for the neural models the notebooks train with side features: the MLP with metadata and
 * the MF + MLP hybrid, each on the fused path (the default) beside its straightforward path (`fusedKernels: false`:
 * TF.js's graph and dense optimizer), on ml-1m-shaped data with MovieLens-like synthetic features; and the talk's
 * models on LibimSeTi-shaped data with a synthetic gender column (one epoch each in that suite).
 */
import type { Ratings } from "../data/ratings";
import { createHybridMfMlp } from "../models/hybrid-mf-mlp";
import { createMlpRating } from "../models/mlp-rating";
import { ml100kNeuralPresets, talkMlpPreset } from "../models/neural-presets";
import type { RatingModel } from "../models/rating-model";
import type { Rng } from "../random/rng";
import { silentProgress } from "../train/progress";
import type { BenchCase, BenchEpoch } from "./bench-cases";
import { withSyntheticFeatures, type SyntheticFeatureKind } from "./synthetic-features";

/** Seed of the synthetic side features (the same tables in every case). */
const FEATURE_SEED = 7;

/** Fits `model` on `train` with synthetic features of `kind`, with validation and no early stopping. */
async function fitWithFeatures(model: RatingModel, kind: SyntheticFeatureKind, train: Ratings, validation: Ratings, rng: Rng): Promise<BenchEpoch[]> {
  const history = await model.fit(withSyntheticFeatures(train, kind, FEATURE_SEED), { rng, progress: silentProgress, validation });
  model.dispose();
  return history.epochs.map((e) => ({ seconds: e.seconds, ratingsPerSecond: e.examplesPerSecond, validationRmse: e.validation?.rmse ?? NaN }));
}

/** The notebooks' MLP + features (ml-100k preset: [128, 64, 32], dense Adam 1e-3, batch 1024). */
function mlpFeatures(epochs: number, fusedKernels: boolean): RatingModel {
  const p = ml100kNeuralPresets.mlpFeatures;
  return createMlpRating({ ...p, training: { ...p.training, epochs, patience: 0, fusedKernels } });
}

/** The notebooks' hybrid from scratch (ml-100k preset: 64-dim MF beside the MLP + features branch, dense Adam). */
function hybrid(epochs: number, fusedKernels: boolean): RatingModel {
  const p = ml100kNeuralPresets.hybrid;
  return createHybridMfMlp({ ...p, training: { ...p.training, epochs, patience: 0, fusedKernels } });
}

/**
 * The talk's MLP ([256, 128, 64, 32], Adam 1e-3) with the rater's gender, with lazy Adam (sparse rows) like the
 * suite's TF.js MF case: at LibimSeTi's 300k users and profiles, dense Adam's pass over every table row per batch
 * would cost more than the batch itself.
 */
function talkMlp(epochs: number): RatingModel {
  return createMlpRating({ ...talkMlpPreset, useFeatures: true, training: { ...talkMlpPreset.training, epochs, patience: 0, sparseUpdates: true } });
}

/** The hybrid with the talk's MLP branch and the rater's gender (lazy Adam, as `talkMlp`). */
function talkHybrid(epochs: number): RatingModel {
  return createHybridMfMlp({ mlp: { layers: talkMlpPreset.layers, useFeatures: true }, training: { ...talkMlpPreset.training, epochs, patience: 0, sparseUpdates: true } });
}

/** The neural cases, in the order the benchmark runs them. */
export const neuralBenchCases: readonly BenchCase[] = [
  {
    id: "tfjs-mlp-features",
    label: "TF.js MLP + features ([128, 64, 32]), dense Adam, fused tower",
    usesTf: true,
    run: (train, validation, epochs, rng) => fitWithFeatures(mlpFeatures(epochs, true), "movielens", train, validation, rng),
  },
  {
    id: "tfjs-mlp-features-graph",
    label: "TF.js MLP + features ([128, 64, 32]), dense Adam, straightforward (TF.js graph)",
    usesTf: true,
    run: (train, validation, epochs, rng) => fitWithFeatures(mlpFeatures(epochs, false), "movielens", train, validation, rng),
  },
  {
    id: "tfjs-hybrid",
    label: "TF.js hybrid MF + MLP + features, dense Adam, fused tower",
    usesTf: true,
    run: (train, validation, epochs, rng) => fitWithFeatures(hybrid(epochs, true), "movielens", train, validation, rng),
  },
  {
    id: "tfjs-hybrid-graph",
    label: "TF.js hybrid MF + MLP + features, dense Adam, straightforward (TF.js graph)",
    usesTf: true,
    run: (train, validation, epochs, rng) => fitWithFeatures(hybrid(epochs, false), "movielens", train, validation, rng),
  },
  {
    id: "tfjs-mlp-gender",
    label: "TF.js MLP with gender (talk: [256, 128, 64, 32]), Adam, sparse rows + fused tower",
    usesTf: true,
    run: (train, validation, epochs, rng) => fitWithFeatures(talkMlp(epochs), "libimseti", train, validation, rng),
  },
  {
    id: "tfjs-hybrid-gender",
    label: "TF.js hybrid MF + MLP with gender (talk's MLP), Adam, sparse rows + fused tower",
    usesTf: true,
    run: (train, validation, epochs, rng) => fitWithFeatures(talkHybrid(epochs), "libimseti", train, validation, rng),
  },
];

/** The cases of the talk's models with gender, which run in the LibimSeTi suite (not in the ml-1m suite by default). */
export const GENDER_CASES: readonly string[] = ["tfjs-mlp-gender", "tfjs-hybrid-gender"];
