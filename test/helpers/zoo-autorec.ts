/**
 * AutoRec (I- and U-) for the shared rating-model contract tests (see model-zoo.ts). Measured test RMSE on the
 * planted data (noise 0.1, rank 3): I-AutoRec 0.330, U-AutoRec 0.306 (bias baseline 0.86, biased MF 0.14: a
 * bilinear model fits rank-3 data with fewer parameters than an autoencoder with 16 sigmoid units learns it).
 */
import { createAutoRec } from "../../src/models/autorec";
import type { ZooEntry } from "./model-zoo";

const small = { hidden: 16, reg: 1, learningRate: 0.01, learningRateDecay: 1, batchSize: 16, initStd: 0.1, epochs: 200, patience: 10 };

export const autoRecZoo: ZooEntry[] = [
  { label: "I-AutoRec", create: () => createAutoRec({ ...small, variant: "item" }), plantedRmseBelow: 0.45 },
  { label: "U-AutoRec", create: () => createAutoRec({ ...small, variant: "user" }), plantedRmseBelow: 0.45 },
];
