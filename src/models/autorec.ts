/**
 * AutoRec (Sedhain, Menon, Sanner and Xie, "AutoRec: Autoencoders Meet Collaborative Filtering", WWW 2015):
 * I-AutoRec reconstructs each item's partially observed vector of user ratings r_i ∈ R^m through
 * h(r) = W g(V r + μ) + b (g = sigmoid, identity output), minimising Σ_i ||(r_i - h(r_i)) ⊙ mask_i||² +
 * (λ/2)(||W||²_F + ||V||²_F) over observed entries only (unobserved inputs are 0); U-AutoRec does the same over
 * users. Trained on sparse rows, O(nnz x k) per epoch, in WebAssembly SIMD kernels (autorec/wasm-autorec-arena.ts;
 * JavaScript loops in autorec/autorec-kernel.ts when k is not a multiple of 4) by Adam over seeded mini-batches of
 * rows with a per-epoch step decay (the paper uses Rprop / L-BFGS), through the shared epoch loop with early
 * stopping on validation RMSE and an optional refit: about 1.7 s per epoch on ml-1m at k = 500. The same model in
 * TF.js dense tensors: autorec/autorec-tf.ts.
 */
import { assertPairsInRange } from "../data/index-identity";
import { meanRating, type Ratings, type RatingScale } from "../data/ratings";
import type { Rng } from "../random/rng";
import type { EpochTrainer } from "../train/epoch-loop";
import type { TrainingHistory } from "../train/training-history";
import { checkAutoRecConfig, defaultAutoRecConfig, usesWasmKernels, type AutoRecConfig } from "./autorec/autorec-config";
import { decodeEntry } from "./autorec/autorec-kernel";
import { initAutoRecParams } from "./autorec/autorec-params";
import { jsAutoRecStepper, type AutoRecStepper } from "./autorec/autorec-stepper";
import { autoRecRows, columnsSeen, nonEmptyRows } from "./autorec/sparse-rows";
import { wasmAutoRecStepper } from "./autorec/wasm-autorec-arena";
import { fitWithRefit } from "./factorization/fit-with-refit";
import { clipToScale, type FitOptions, type RatingModel } from "./rating-model";

export { defaultAutoRecConfig, type AutoRecConfig, type AutoRecVariant } from "./autorec/autorec-config";
export { autoRecPresets, uAutoRecPresets, autoRecPresetFor, type ChosenAutoRecPreset } from "./autorec/autorec-presets";

/** A fitted AutoRec: parameters, the training rows (the inputs of prediction) and the cached hidden codes. */
export interface AutoRecState {
  /** Parameters and training vectors (items' user ratings for I-AutoRec, users' item ratings for U-AutoRec). */
  readonly stepper: AutoRecStepper;
  /** 1 for users (I-AutoRec) or items (U-AutoRec) with training ratings: their output unit was trained. */
  readonly colSeen: Uint8Array;
  /** Mean training rating: the prediction for pairs whose user or item has no training ratings. */
  readonly mean: number;
  /** g(V r_row + μ) per row, valid while `codesFresh`. Shape [rows, k]. */
  readonly codes: Float32Array;
  codesFresh: boolean;
}

/**
 * I-AutoRec or U-AutoRec (config.variant). Prediction for (u, i) is h(r_i)_u (I-AutoRec) or h(r_u)_i
 * (U-AutoRec), from the training vectors, clipped to the training scale. A pair whose user or item has no
 * training ratings gets the training mean (the paper uses the constant 3): its input vector is empty or its
 * output unit was never trained.
 */
export class AutoRecModel implements RatingModel {
  readonly name: string;
  private state: AutoRecState | null = null;
  private scale: RatingScale = { min: -Infinity, max: Infinity };

  /** indexId of the ratings of the last fit (see index-identity.ts); predicting ratings of another index is refused. */
  fittedIndexId: string | undefined = undefined;

  constructor(readonly config: AutoRecConfig) {
    checkAutoRecConfig(config);
    this.name = config.variant === "item" ? "I-AutoRec" : "U-AutoRec";
  }

  /** Trains on `train` (after dropping the previous fit); early stopping and refit as in `fitWithRefit`. */
  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    this.dispose();
    if (train.size === 0) throw new RangeError(`${this.name}: the training set is empty`);
    this.scale = train.scale;
    return fitWithRefit(this, train, options, this.config, (data) => this.start(data, options.rng));
  }

  /** Fresh parameters for `data` and the epoch trainer over its rows (Adam over seeded mini-batches of rows). */
  private start(data: Ratings, rng: Rng): EpochTrainer<Float32Array> {
    const c = this.config;
    const trainRows = autoRecRows(data, c.variant);
    const mean = meanRating(data);
    const stepper = usesWasmKernels(c) ? wasmAutoRecStepper(trainRows, c.hidden, c.learningRate) : jsAutoRecStepper(trainRows, c.hidden, c.learningRate);
    const { params, rows } = stepper;
    initAutoRecParams(params, c.initStd, mean, rng);
    const state: AutoRecState = { stepper, colSeen: columnsSeen(rows), mean, codes: new Float32Array(rows.rows * c.hidden), codesFresh: false };
    this.state = state;
    const active = nonEmptyRows(rows);
    const batch = new Int32Array(active.length);
    const batches = Math.ceil(active.length / c.batchSize);
    let epoch = 0;
    return {
      batchesPerEpoch: batches,
      runEpoch: (_ratingOrder, onBatch) => {
        const perm = rng.permutation(active.length);
        for (let t = 0; t < active.length; t++) batch[t] = active[perm[t]];
        let sse = 0;
        const lr = c.learningRate * Math.pow(c.learningRateDecay, epoch++);
        for (let from = 0, b = 1; from < active.length; from += c.batchSize, b++) {
          const to = Math.min(active.length, from + c.batchSize);
          sse += stepper.accumulate(batch, from, to);
          stepper.adamStep((c.reg * (to - from)) / active.length, lr);
          onBatch(b);
        }
        state.codesFresh = false;
        if (!Number.isFinite(sse)) throw new Error(`${this.name}: training diverged (squared error ${sse}); lower AutoRecConfig.learningRate (${c.learningRate})`);
        return sse + c.reg * params.halfSquaredWeights();
      },
      snapshot: () => params.theta.slice(),
      restore: (s) => {
        params.theta.set(s);
        state.codesFresh = false;
      },
      release: () => {},
    };
  }

  /** Predicted ratings for pairs (users[k], items[k]), clipped to the training scale; shape [n]. */
  predict(users: Int32Array, items: Int32Array): Float32Array {
    const s = this.state;
    if (s === null) throw new Error(`${this.name}: predict called before fit`);
    const byItem = this.config.variant === "item";
    const { params, rows } = s.stepper;
    const numUsers = byItem ? rows.cols : rows.rows;
    const numItems = byItem ? rows.rows : rows.cols;
    assertPairsInRange(`${this.name}.predict`, users, items, numUsers, numItems);
    if (!s.codesFresh) {
      for (let row = 0; row < rows.rows; row++) s.stepper.encode(row, s.codes, row * params.hidden);
      s.codesFresh = true;
    }
    const out = new Float32Array(users.length);
    for (let k = 0; k < out.length; k++) {
      const row = byItem ? items[k] : users[k];
      const col = byItem ? users[k] : items[k];
      const known = rows.offsets[row + 1] > rows.offsets[row] && s.colSeen[col] === 1;
      out[k] = known ? decodeEntry(params, s.codes, row, col) : s.mean;
    }
    return clipToScale(out, this.scale.min, this.scale.max);
  }

  /** The fitted state (null before fit and after dispose), for inspection and notebooks. */
  get parameters(): AutoRecState | null {
    return this.state;
  }

  /** Drops the fitted parameters; `predict` throws until the next fit. */
  dispose(): void {
    this.state = null;
  }
}

/** Creates an AutoRec model; unspecified fields take `defaultAutoRecConfig` (or pass a preset: `createAutoRec(autoRecPresets.ml1m)`). */
export function createAutoRec(config: Partial<AutoRecConfig> = {}): AutoRecModel {
  return new AutoRecModel({ ...defaultAutoRecConfig, ...config });
}
