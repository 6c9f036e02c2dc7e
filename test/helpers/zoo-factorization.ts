/**
 * Typed-array factorization models (SGD, ALS, SVD++) for the shared rating-model contract tests (see
 * model-zoo.ts). Measured test RMSE on the planted data (noise 0.1, rank 3): SGD MF 0.142, ALS MF 0.117, SVD++ 0.147.
 * The planted data has no timestamps: timeSVD++ and the time-aware baseline run their time-free fallback here
 * (their time terms are tested in test/models/time-svdpp.test.ts).
 */
import { createAlsMf } from "../../src/models/als-mf";
import { createSgdMf } from "../../src/models/sgd-mf";
import { createSvdpp } from "../../src/models/svdpp";
import { createTimeAwareBaseline, createTimeSvdpp } from "../../src/models/time-svdpp";
import type { ZooEntry } from "./model-zoo";

export const factorizationZoo: ZooEntry[] = [
  {
    label: "SGD MF (typed arrays)",
    create: () => createSgdMf({ dim: 6, learningRate: 0.05, regFactors: 0.03, regBias: 0.001, initStd: 0.1, epochs: 60, patience: 5 }),
    plantedRmseBelow: 0.2,
  },
  {
    label: "ALS MF",
    create: () => createAlsMf({ dim: 3, regFactors: 0.01, regBias: 0.001, initStd: 0.1, epochs: 30, patience: 3 }),
    plantedRmseBelow: 0.2,
  },
  {
    label: "SVD++",
    create: () => createSvdpp({ dim: 6, learningRate: 0.05, regFactors: 0.03, regBias: 0.001, initStd: 0.1, epochs: 60, patience: 5 }),
    plantedRmseBelow: 0.2,
  },
  {
    label: "timeSVD++ (time-free fallback)",
    create: () => createTimeSvdpp({ dim: 6, learningRate: 0.05, regFactors: 0.03, regBias: 0.001, initStd: 0.1, epochs: 60, patience: 5 }, { warn: () => {} }),
    plantedRmseBelow: 0.2,
  },
  {
    label: "time-aware baseline (time-free fallback)",
    create: () => createTimeAwareBaseline({ biasLearningRate: 0.02, regBias: 0.001, epochs: 60, patience: 5 }, { warn: () => {} }),
    plantedRmseBelow: 1.0,
  },
];
