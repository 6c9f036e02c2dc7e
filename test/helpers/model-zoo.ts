/**
 * Every rating model with small settings for the shared contract tests, and the RMSE each must reach on the
 * planted data set (noise 0.1; measured: global mean 1.11, bias baseline 0.86, biased MF 0.14).
 */
import type { RatingModel } from "../../src/models/rating-model";
import { createBiasBaseline } from "../../src/models/bias-baseline";
import { createBiasedMf } from "../../src/models/biased-mf";
import { createGlobalMean } from "../../src/models/global-mean";
import { knnZoo } from "./zoo-knn";
import { factorizationZoo } from "./zoo-factorization";
import { neuralZoo } from "./zoo-neural";
import { autoRecZoo } from "./zoo-autorec";
import { blendZoo } from "./zoo-blend";
import { wideDeepZoo } from "./zoo-wide-deep";

export interface ZooEntry {
  label: string;
  create: () => RatingModel;
  /** Test RMSE the model must stay below on the planted data. */
  plantedRmseBelow: number;
}

const baseZoo: ZooEntry[] = [
  { label: "global mean", create: () => createGlobalMean(), plantedRmseBelow: 1.3 },
  { label: "bias baseline", create: () => createBiasBaseline({ regUser: 1, regItem: 1 }), plantedRmseBelow: 1.0 },
  {
    label: "biased MF (TF.js)",
    create: () => createBiasedMf({ dim: 6, regFactors: 0.01, regBias: 0.001, initStd: 0.1, training: { epochs: 40, batchSize: 64, learningRate: 0.02, patience: 5 } }),
    plantedRmseBelow: 0.2,
  },
];

/** Every rating model: the base models above plus each family's own list. */
export const modelZoo: ZooEntry[] = [...baseZoo, ...knnZoo, ...factorizationZoo, ...neuralZoo, ...autoRecZoo, ...blendZoo, ...wideDeepZoo];
