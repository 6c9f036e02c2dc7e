/** Wide & Deep rating models for the shared rating-model contract tests (see model-zoo.ts): both parts, and each alone. */
import type { ZooEntry } from "./model-zoo";
import { createWideDeepRating } from "../../src/models/wide-deep/wide-deep-rating";

/** Small, fast settings (planted data: about 6,500 training ratings; a few seconds of CPU per fit). */
const small = {
  deep: { embedding: { dim: 8, reg: 0.001, initStd: 0.1 }, layers: [32, 16], learningRate: 0.3 },
  wide: { ftrl: { alpha: 0.5, beta: 1, l1: 0, l2: 0.1 } },
  batchSize: 128, epochs: 25, patience: 3,
};

export const wideDeepZoo: ZooEntry[] = [
  { label: "Wide & Deep (FTRL + AdaGrad)", create: () => createWideDeepRating(small), plantedRmseBelow: 0.7 },
  { label: "Wide only (FTRL)", create: () => createWideDeepRating({ ...small, parts: "wide" }), plantedRmseBelow: 1.0 },
];
