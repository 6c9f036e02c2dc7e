/**
 * Neighbourhood models for the shared rating-model contract tests (see model-zoo.ts). Thresholds: about 1.1x the
 * test RMSE measured on the planted data (bias baseline 0.89 on the same split), so each must beat biases alone.
 */
import type { ZooEntry } from "./model-zoo";
import { createKnnBaseline, createKnnBasic, createKnnWithMeans } from "../../src/models/knn/knn-model";

export const knnZoo: ZooEntry[] = [
  // measured 0.690
  { label: "KNNBasic (user-based, msd, k 10)", create: () => createKnnBasic({ k: 10 }), plantedRmseBelow: 0.76 },
  // measured 0.588
  { label: "KNNWithMeans (item-based, pearson, k 10)", create: () => createKnnWithMeans({ basis: "item", similarity: "pearson", k: 10 }), plantedRmseBelow: 0.65 },
  // Surprise's defaults (user-based MSD, k 40, ALS reg 15/10); measured 0.788
  { label: "KNNBaseline (Surprise defaults)", create: () => createKnnBaseline(), plantedRmseBelow: 0.86 },
  // measured 0.548
  {
    label: "KNNBaseline (item-based, pearson-baseline, k 10)",
    create: () => createKnnBaseline({ basis: "item", similarity: "pearson-baseline", k: 10, baseline: { regUser: 1, regItem: 1 } }),
    plantedRmseBelow: 0.61,
  },
];
