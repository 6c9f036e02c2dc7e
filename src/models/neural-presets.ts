/**
 * Named settings of the neural rating models: the talk's untuned MLP (Gindele 2018, "Recommender systems in
 * TensorFlow": a 4-layer MLP with a 256-unit pyramid, Adam, 40 epochs) and the settings tuned on ml-100k under
 * the talk's protocol (5 held-out ratings per user, 10% of the remaining ratings for early stopping), chosen by
 * validation RMSE, never by test RMSE. Pass them to the factories: `createMlpRating(ml100kNeuralPresets.mlpFeatures)`.
 */
import type { HybridMfMlpOverrides } from "./hybrid-mf-mlp";
import type { MlpBranchOverrides } from "./mlp-branch-config";
import type { MlpRatingOverrides } from "./mlp-rating";

/** Settings for each neural model of one data set. */
export interface NeuralPresets {
  /** MLP on ID embeddings only. */
  mlp: MlpRatingOverrides;
  /** MLP with side features (metadata). */
  mlpFeatures: MlpRatingOverrides;
  /** Hybrid trained from scratch. */
  hybrid: HybridMfMlpOverrides;
  /**
   * Hybrid initialised from a fitted `createBiasedMf()` (default settings) and a fitted `mlpFeatures` MLP, then
   * fine-tuned briefly (`fineTuning`): pass them as `createHybridMfMlp(hybridPretrained, { mf, mlp })`.
   */
  hybridPretrained: HybridMfMlpOverrides;
}

/**
 * The talk's MLP as stated there: four dense ReLU layers halving from 256 units, Adam at TF's default rate 1e-3,
 * 40 epochs; everything the talk does not state takes this library's defaults.
 */
export const talkMlpPreset: MlpRatingOverrides = {
  layers: [256, 128, 64, 32],
  training: { epochs: 40, optimizer: "adam", learningRate: 0.001 },
};

/** When early stopping ends a preset's training: `patience` epochs without an improvement of at least `minDelta`. */
export interface PresetStopping {
  /** Epochs without validation improvement before stopping. */
  patience: number;
  /** Smallest drop of validation RMSE that counts as an improvement (rating units); absent: the library's 1e-4. */
  minDelta?: number;
}

/**
 * Early stopping of the talk preset (PRESET "talk" of the mlp and hybrid notebooks): stop at the first epoch that
 * lowers validation RMSE by less than 0.005, a fifth of the smallest gap in the talk's table (MF 2.137 vs MLP
 * 2.112). The talk ran 40 epochs; at its 17.4M ratings one epoch of its [256, 128, 64, 32] tower takes minutes on
 * this project's 2-core machines (`npm run bench -- --suite libimseti`), and epochs that move RMSE by less than the
 * table can show are not worth them.
 */
export const talkPresetStopping: PresetStopping = { patience: 1, minDelta: 0.005 };

/** Early stopping of the notebooks' own preset (PRESET "notebook"): 4 epochs without improvement. */
export const notebookPresetStopping: PresetStopping = { patience: 4 };

/**
 * The early stopping a notebook trains with: its preset's (`talkPresetStopping` for "talk", else
 * `notebookPresetStopping`), with `patience` in place of the preset's when it is >= 0 (a notebook's PATIENCE
 * parameter; -1 means "the preset's").
 */
export function presetStopping(preset: "talk" | "notebook", patience: number): PresetStopping {
  if (!(Number.isInteger(patience) && patience >= -1)) throw new RangeError(`patience must be an integer >= -1, got ${patience}`);
  const base = preset === "talk" ? talkPresetStopping : notebookPresetStopping;
  return patience >= 0 ? { ...base, patience: patience } : { ...base };
}

/** The MLP branch tuned on ml-100k: a [128, 64, 32] tower with weight decay 0.001 (the [256, 128, 64] default did no better). */
const ml100kBranch: MlpBranchOverrides = {
  embedding: { dim: 32, reg: 0.05, initStd: 0.05 },
  layers: [128, 64, 32],
  regWeights: 0.001,
  dropout: 0,
};

/**
 * Tuned on ml-100k (talk protocol, seed 42; see results/ for the numbers). Findings: without weight decay on the
 * tower the MLPs overfit after 2-4 epochs (validation RMSE 0.93); L2 on the embeddings alone does not help, since
 * the tower can rescale them; dropout 0.2-0.5 did no better than weight decay. The hybrid from scratch trains its
 * MF branch with Adam, which on this data reaches a validation RMSE of about 0.90 against 0.89 for SGD-trained
 * biased MF; initialised from the fitted parts with α = 0.7 (best on validation among 0.5-0.9) it starts better
 * than both, and a gentle fine-tuning (SGD, mean loss) keeps it there, while Adam even at 1e-4 makes it worse.
 */
export const ml100kNeuralPresets: NeuralPresets = {
  mlp: { ...ml100kBranch, useFeatures: false, training: { batchSize: 1024, learningRate: 0.001 } },
  mlpFeatures: { ...ml100kBranch, useFeatures: true, training: { batchSize: 1024, learningRate: 0.001 } },
  hybrid: { mf: { dim: 64, reg: 0.05, initStd: 0.05 }, mlp: { ...ml100kBranch, useFeatures: true }, regBias: 0.02, training: { batchSize: 1024, learningRate: 0.001 } },
  hybridPretrained: {
    mf: { dim: 64, reg: 0.05 },
    mlp: { ...ml100kBranch, useFeatures: true },
    alpha: 0.7,
    regBias: 0.02,
    training: { batchSize: 1024 },
    fineTuning: { optimizer: "sgd", lossReduction: "mean", learningRate: 0.01, epochs: 5, patience: 2 },
  },
};
