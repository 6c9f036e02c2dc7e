/**
 * "Funk SVD": biased matrix factorization r̂(u,i) = μ + b_u + b_i + p_u · q_i trained by per-rating SGD over
 * typed arrays (Funk, "Netflix Update: Try This at Home", 2006; Koren, Bell and Volinsky, "Matrix factorization
 * techniques for recommender systems", IEEE Computer 2009; the update of Surprise's `SVD`), through the shared
 * epoch loop: each epoch visits the training ratings in the loop's seeded shuffled order, with early stopping on
 * validation RMSE that restores the best epoch. The SGD steps run in a WebAssembly SIMD kernel (sgd-arena.ts) with
 * the arithmetic of the JavaScript `sgdKernel`, bit for bit. Single-threaded: about 10 million ratings per second
 * at k = 32 on ml-1m (gather plus SGD pass; about 1.6-1.8 times the bench's reference loop). With `threads: p` > 1
 * the epochs run as DSGD (Gemulla, Nijkamp, Haas and Sismanis, KDD 2011) on the calling thread and p - 1 worker
 * threads: deterministic for a seed and p, but not the same visiting order, hence not the same numbers, as
 * `threads: 1`.
 */
import { meanRating, type Ratings } from "../data/ratings";
import type { EpochTrainer } from "../train/epoch-loop";
import type { TrainingHistory } from "../train/training-history";
import type { Rng } from "../random/rng";
import { BiasedFactors, factorSnapshots, fillRandomNormal, ratingCounts, weightedPenalty } from "./factorization/biased-factors";
import { dsgdBlocking } from "./factorization/dsgd-blocks";
import { createSgdWorkers, DsgdEpochRunner, terminateSgdWorkers } from "./factorization/dsgd-epoch";
import { FactorizationModel } from "./factorization/factorization-model";
import { fitWithRefit } from "./factorization/fit-with-refit";
import { checkFiniteEpoch, checkSgdFactorizationConfig, checkSgdThreads, stepSizesForEpoch, type SgdFactorizationConfig } from "./factorization/sgd-config";
import { SgdArena } from "./factorization/sgd-arena";
import { gatherInOrder, type SgdStepSizes } from "./factorization/sgd-epoch";
import type { SgdWorker } from "./factorization/sgd-worker";
import type { FitOptions } from "./rating-model";
import { seenIndices } from "./seen-indices";

/** SGD-MF hyperparameters: the shared SGD factorization settings (step sizes, L2 weights, init, epochs, refit) and threads. */
export interface SgdMfConfig extends SgdFactorizationConfig {
  /**
   * 1: plain SGD on the calling thread, in the epoch loop's shuffled order. p > 1: DSGD (Gemulla, Nijkamp, Haas and
   * Sismanis, KDD 2011) on the calling thread plus p - 1 worker threads, over p x p blocks of a seeded random user
   * and item grouping (see factorization/dsgd-epoch.ts). Deterministic for a given seed and p, but results differ
   * from p = 1 (and between values of p) because the ratings are visited in another order. Integer in [1, 16].
   */
  threads: number;
}

/** One epoch's SGD over the ratings at rows `order`: Σ e² (squared rating units); `onBatch` reports progress. */
interface EpochPass {
  readonly batches: number;
  run(order: Uint32Array, steps: SgdStepSizes, onBatch: (done: number) => void): number | Promise<number>;
}

/**
 * Defaults: the hyperparameters of the ml-100k preset without its refit (k = 100, γ = 0.01, γ_b = 0.003,
 * λ = 0.08, λ_b = 0.02, σ = 0.01, up to 100 epochs, early stopping after 5 flat epochs). Surprise's own defaults
 * (`surpriseSvdConfig`) are σ = 0.1, λ = 0.02 and 20 epochs; the smaller initial spread, the stronger λ with
 * early stopping and the slower bias steps are what bring ml-100k from RMSE 0.936 to 0.907.
 */
export const defaultSgdMfConfig: SgdMfConfig = {
  dim: 100,
  learningRate: 0.01,
  biasLearningRate: 0.003,
  learningRateDecay: 1,
  regFactors: 0.08,
  regBias: 0.02,
  initStd: 0.01,
  epochs: 100,
  patience: 5,
  minDelta: 0,
  refitOnValidation: false,
  threads: 1,
};

/** Surprise's `SVD` defaults (k 100, lr 0.005, reg 0.02, init std 0.1, 20 epochs, no early stopping). */
export const surpriseSvdConfig: SgdMfConfig = {
  dim: 100,
  learningRate: 0.005,
  learningRateDecay: 1,
  regFactors: 0.02,
  regBias: 0.02,
  initStd: 0.1,
  epochs: 20,
  patience: 0,
  minDelta: 0,
  refitOnValidation: false,
  threads: 1,
};

/**
 * Configurations that reach the issue-3 targets under `crossValidate` (5 folds, validationFraction 0.1 for early
 * stopping, `new Rng(42)`): early stopping on the 10% validation share picks the epoch count, then the model is
 * refitted from scratch on the whole training fold for that many epochs (`refitOnValidation`); test folds are never
 * seen. Without the refit the same settings learn from 90% of each training fold and score about 0.005 worse
 * (ml-100k 0.908; ml-1m 0.848 on fold 1).
 */
export const sgdMfPresets: Readonly<Record<"ml-100k" | "ml-1m", SgdMfConfig>> = {
  /** ml-100k (target RMSE <= 0.905): 5-fold mean 0.9020 (folds 0.898-0.905), best epoch about 47, 8 s per fold. */
  "ml-100k": { ...defaultSgdMfConfig, refitOnValidation: true },
  /** ml-1m (target RMSE <= 0.845): λ = 0.05; 5-fold mean 0.8428 (folds 0.842-0.844), best epoch about 35. */
  "ml-1m": { ...defaultSgdMfConfig, regFactors: 0.05, refitOnValidation: true },
};

/**
 * μ + b_u + b_i + p_u·q_i learned by per-rating SGD. Users or items without training ratings keep zero factors
 * and bias (they are never visited), so they are predicted from the known side (μ + b_i, μ + b_u, or μ).
 * Predictions are clipped to the training scale.
 */
export class SgdMfModel extends FactorizationModel<SgdMfConfig, BiasedFactors> {
  readonly name = "SGD MF";

  constructor(config: SgdMfConfig) {
    super(config, checkSgdMfConfig);
  }

  protected async fitNonEmpty(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    const { dim, initStd, threads } = this.config;
    // The worker threads live for the whole fit (both runs of a refit) and are always terminated.
    const workers = threads > 1 ? createSgdWorkers(threads - 1) : [];
    try {
      return await fitWithRefit(this, train, options, this.config, (data) => {
        const f = new BiasedFactors(data.numUsers, data.numItems, dim, meanRating(data));
        const seen = seenIndices(data);
        fillRandomNormal(f.userFactors, dim, initStd, options.rng, seen.users);
        fillRandomNormal(f.itemFactors, dim, initStd, options.rng, seen.items);
        this.state = f;
        return this.trainer(f, data, threads > 1 ? parallelPass(f, data, options.rng, workers) : serialPass(f, data));
      });
    } finally {
      await terminateSgdWorkers(workers);
    }
  }

  /** The epoch trainer around one epoch pass: decayed step sizes, divergence check, objective, snapshots as array copies. */
  private trainer(f: BiasedFactors, train: Ratings, pass: EpochPass): EpochTrainer<BiasedFactors> {
    const c = this.config;
    const counts = ratingCounts(train);
    const steps: SgdStepSizes = { learningRate: 0, biasLearningRate: 0, regFactors: 0, regBias: 0 };
    let epoch = 0;
    const objective = (sse: number): number => {
      checkFiniteEpoch(sse, this.name, "SgdMfConfig", epoch, c.learningRate);
      return 0.5 * (sse + weightedPenalty(f, counts, c.regFactors, c.regBias));
    };
    return {
      batchesPerEpoch: pass.batches,
      runEpoch: (order, onBatch) => {
        stepSizesForEpoch(c, ++epoch, steps);
        const sse = pass.run(order, steps, onBatch);
        return typeof sse === "number" ? objective(sse) : sse.then(objective);
      },
      ...factorSnapshots(f),
    };
  }

  protected predictor(f: BiasedFactors): BiasedFactors {
    return f;
  }

  /** The learned parameters (null before fit): factor tables and biases, for inspection and notebooks. */
  get parameters(): BiasedFactors | null {
    return this.state;
  }
}

/** Validates an SGD-MF configuration; errors name the field (e.g. `SgdMfConfig.learningRate`, `SgdMfConfig.threads`). */
export function checkSgdMfConfig(c: SgdMfConfig): void {
  checkSgdFactorizationConfig(c, "SgdMfConfig");
  checkSgdThreads(c.threads, "SgdMfConfig");
}

/**
 * Single-threaded epochs: the ratings gathered in the loop's order into an `SgdArena`, then the WebAssembly kernel's
 * passes over them in blocks of 65,536 (for progress), on the arena's copy of `f` (copied in before the epoch and
 * out after it). This is the exact visiting order and arithmetic of `threads: 1` (`sgdPass`, bit for bit).
 */
function serialPass(f: BiasedFactors, train: Ratings): EpochPass {
  const block = 65536;
  const arena = new SgdArena(f.numUsers, f.numItems, f.dim, f.mean, train.size);
  return {
    batches: Math.ceil(train.size / block),
    run: (order, steps, onBatch) => {
      gatherInOrder(train, order, arena.triples);
      arena.factors.copyFrom(f);
      let sse = 0;
      for (let from = 0, b = 1; from < train.size; from += block, b++) {
        sse += arena.pass(from, Math.min(train.size, from + block), steps);
        onBatch(b);
      }
      f.copyFrom(arena.factors);
      return sse;
    },
  };
}

/** DSGD epochs on the calling thread plus `workers` (p = workers.length + 1); the grouping is drawn from `rng`. */
function parallelPass(f: BiasedFactors, train: Ratings, rng: Rng, workers: readonly SgdWorker[]): EpochPass {
  const runner = new DsgdEpochRunner(f, train, dsgdBlocking(train, workers.length + 1, rng), workers);
  return { batches: runner.subEpochs, run: (order, steps, onBatch) => runner.run(order, steps, onBatch) };
}

/** Creates an SGD-MF model; unspecified fields take `defaultSgdMfConfig` (or pass a preset: `createSgdMf(sgdMfPresets["ml-1m"])`). */
export function createSgdMf(config: Partial<SgdMfConfig> = {}): SgdMfModel {
  return new SgdMfModel({ ...defaultSgdMfConfig, ...config });
}
