/**
 * Configuration of Wide & Deep (Cheng et al., "Wide & Deep Learning for Recommender Systems", DLRS 2016): which
 * parts run, the wide part's features and FTRL-Proximal settings, the deep part's embeddings, tower and AdaGrad
 * step, and the training loop; defaults, validation naming the field, and merging of partial overrides.
 */
import { checkEpochLoopConfig } from "../../train/epoch-loop";
import { checkMlpBranchConfig, defaultFeatureConfig, mergeMlpBranchConfig, type MlpBranchConfig, type MlpBranchOverrides } from "../mlp-branch-config";
import { checkFtrlConfig, type FtrlConfig } from "./ftrl-proximal";
import type { WideFeatureConfig } from "./wide-features";

/** Which parts feed the output: the wide linear model, the deep tower, or both (jointly trained). */
export type WideDeepParts = "wide" | "deep" | "wide+deep";

/** The wide part: its feature groups and FTRL-Proximal. */
export interface WideConfig extends WideFeatureConfig {
  /** FTRL-Proximal hyperparameters (the bias is an always-on wide feature, trained by FTRL in every variant). */
  ftrl: FtrlConfig;
}

/** The deep part: the MLP branch (ID embeddings, side features, ReLU tower) and AdaGrad. */
export interface DeepConfig extends MlpBranchConfig {
  /** AdaGrad learning rate (tf.train.adagrad), > 0. */
  learningRate: number;
  /** AdaGrad's initial accumulator value, > 0. */
  initialAccumulator: number;
}

/** Wide & Deep hyperparameters. */
export interface WideDeepConfig {
  /** Which parts run (module comment). */
  parts: WideDeepParts;
  /** Label in tables; default by parts: "Wide & Deep", "Wide only", "Deep only". */
  name: string;
  wide: WideConfig;
  deep: DeepConfig;
  /** Examples per mini-batch. */
  batchSize: number;
  /** Maximum passes over the training examples. */
  epochs: number;
  /** Epochs without validation improvement before stopping (0: never). */
  patience: number;
  /** Smallest validation improvement that counts. */
  minDelta: number;
  /** Ranker only: uniformly drawn negatives per positive when `fit` is given positives alone. */
  negatives: number;
}

/** Defaults: ids, side features and crosses in the wide part (FTRL α 0.05, β 1, λ1 0.01, λ2 1); a [64, 32] tower over 16-dim embeddings with AdaGrad 0.05. */
export const defaultWideDeepConfig: WideDeepConfig = {
  parts: "wide+deep",
  name: "",
  wide: { ids: true, sideFeatures: true, crosses: true, ftrl: { alpha: 0.05, beta: 1, l1: 0.01, l2: 1 } },
  deep: {
    embedding: { dim: 16, reg: 0.01, initStd: 0.05 },
    useFeatures: true,
    features: defaultFeatureConfig,
    layers: [64, 32],
    regWeights: 0.0001,
    dropout: 0,
    learningRate: 0.05,
    initialAccumulator: 0.1,
  },
  batchSize: 512,
  epochs: 20,
  patience: 3,
  minDelta: 0,
  negatives: 4,
};

/** Overrides of a WideDeepConfig: any field; `wide` (and its `ftrl`) and `deep` field by field. */
export type WideDeepOverrides = Partial<Omit<WideDeepConfig, "wide" | "deep">> & {
  wide?: Partial<Omit<WideConfig, "ftrl">> & { ftrl?: Partial<FtrlConfig> };
  deep?: MlpBranchOverrides & Partial<Pick<DeepConfig, "learningRate" | "initialAccumulator">>;
};

/** The display name of a variant. */
export function partsName(parts: WideDeepParts): string {
  return parts === "wide" ? "Wide only" : parts === "deep" ? "Deep only" : "Wide & Deep";
}

/** `base` with `o` applied, validated; errors name the field of `owner`. */
export function resolveWideDeepConfig(o: WideDeepOverrides, owner: string, base: WideDeepConfig = defaultWideDeepConfig): WideDeepConfig {
  const deep: DeepConfig = { ...mergeMlpBranchConfig(base.deep, o.deep ?? {}), learningRate: o.deep?.learningRate ?? base.deep.learningRate, initialAccumulator: o.deep?.initialAccumulator ?? base.deep.initialAccumulator };
  const c: WideDeepConfig = {
    ...base,
    ...o,
    wide: { ...base.wide, ...o.wide, ftrl: { ...base.wide.ftrl, ...o.wide?.ftrl } },
    deep,
  };
  if (c.parts !== "wide" && c.parts !== "deep" && c.parts !== "wide+deep") throw new RangeError(`${owner}.parts must be "wide", "deep" or "wide+deep", got ${JSON.stringify(c.parts)}`);
  if (!c.name) c.name = partsName(c.parts);
  checkFtrlConfig(c.wide.ftrl, `${owner}.wide.ftrl`);
  checkMlpBranchConfig(c.deep, `${owner}.deep`);
  for (const k of ["learningRate", "initialAccumulator"] as const) {
    if (!(c.deep[k] > 0 && Number.isFinite(c.deep[k]))) throw new RangeError(`${owner}.deep.${k} must be a finite number > 0, got ${c.deep[k]}`);
  }
  if (!(Number.isInteger(c.batchSize) && c.batchSize >= 1)) throw new RangeError(`${owner}.batchSize must be an integer >= 1, got ${c.batchSize}`);
  if (!(Number.isInteger(c.negatives) && c.negatives >= 1)) throw new RangeError(`${owner}.negatives must be an integer >= 1, got ${c.negatives}`);
  checkEpochLoopConfig(c, owner);
  return c;
}
