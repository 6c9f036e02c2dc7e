/**
 * Recommended AutoRec settings per data set, chosen on the validation share (10%) carved from the training part of
 * fold 1 of the suite's 5-fold split (seed 42), never on a test fold: `npx tsx scripts/measure-autorec.ts --mode
 * tune` / `--mode select` (see that script for the runs).
 */
import { defaultAutoRecConfig, type AutoRecConfig } from "./autorec-config";

/** I-AutoRec settings per data set (k = 500 hidden units as in the paper; Adam; early stopping then refit). */
export const autoRecPresets: Readonly<Record<"ml1m" | "ml100k", AutoRecConfig>> = {
  /**
   * ml-1m: λ = 100 (of 30, 100, 300, 1000 at Adam step 0.003, batches of 64 items: validation RMSE 0.8686, 0.8622,
   * 0.8702, 0.9145, best epochs 4, 7, 19, 6; about 2 s per epoch with the wasm kernels, under load).
   */
  ml1m: { ...defaultAutoRecConfig, reg: 100, learningRate: 0.003, batchSize: 64, refitOnValidation: true },
  /** ml-100k: not tuned yet; the ml-1m settings. */
  ml100k: { ...defaultAutoRecConfig, reg: 100, learningRate: 0.003, batchSize: 64, refitOnValidation: true },
};
