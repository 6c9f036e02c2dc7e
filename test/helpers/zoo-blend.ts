/**
 * The blend (src/models/blend.ts) for the shared rating-model contract tests (see model-zoo.ts): a bias baseline
 * and a small SGD MF, blended on a 10% probe and refitted; it must learn the planted factors as SGD MF does.
 */
import { createBiasBaseline } from "../../src/models/bias-baseline";
import { createBlend } from "../../src/models/blend";
import { createSgdMf } from "../../src/models/sgd-mf";
import type { ZooEntry } from "./model-zoo";

export const blendZoo: ZooEntry[] = [
  {
    label: "blend (bias baseline + SGD MF)",
    create: () =>
      createBlend([
        () => createBiasBaseline({ regUser: 1, regItem: 1 }),
        () => createSgdMf({ dim: 6, learningRate: 0.05, regFactors: 0.03, regBias: 0.001, initStd: 0.1, epochs: 60, patience: 5 }),
      ]),
    plantedRmseBelow: 0.2,
  },
];
