/**
 * SVD++ (Koren, "Factorization meets the neighborhood: a multifaceted collaborative filtering model", KDD 2008):
 * biased matrix factorization whose user vector is p_u plus the normalised sum of implicit item factors y_j over
 * the items N(u) the user rated, r̂(u,i) = μ + b_u + b_i + q_i · (p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j), trained by SGD
 * over typed arrays through the shared epoch loop (user-grouped epochs, see svdpp-epoch.ts), early stopping on
 * validation RMSE, optional refit on training + validation ratings.
 */
import { ratingsByUser, type SparseRows } from "../data/rating-matrix";
import { meanRating, type Ratings } from "../data/ratings";
import type { EpochTrainer } from "../train/epoch-loop";
import type { TrainingHistory } from "../train/training-history";
import { BiasedFactors, fillRandomNormal } from "./factorization/biased-factors";
import { FactorizationModel } from "./factorization/factorization-model";
import { fitWithRefit } from "./factorization/fit-with-refit";
import { checkFiniteEpoch, checkSgdFactorizationConfig, stepSizesForEpoch, type SgdFactorizationConfig } from "./factorization/sgd-config";
import type { SgdStepSizes } from "./factorization/sgd-epoch";
import { SvdppArena } from "./factorization/svdpp-arena";
import { svdppEpoch, svdppScratch, withImplicitFactors } from "./factorization/svdpp-epoch";
import type { FitOptions } from "./rating-model";
import { seenIndices } from "./seen-indices";

/** SVD++ hyperparameters: the shared SGD factorization settings; γ and λ also apply to the implicit factors y_j. */
export interface SvdppConfig extends SgdFactorizationConfig {
  /**
   * Run the epoch's vector loops in the WebAssembly kernels (svdpp-arena.ts; default) or, when false, in the
   * JavaScript loops of svdpp-epoch.ts. Both give the same bits.
   */
  wasmKernels?: boolean;
}

/**
 * Defaults: the ml-100k preset (k = 100, γ = 0.007, γ_b = 0.003, λ = 0.08, λ_b = 0.02, σ = 0.01, up to 100 epochs,
 * early stopping after 5 flat epochs, no refit).
 */
export const defaultSvdppConfig: SvdppConfig = {
  dim: 100,
  learningRate: 0.007,
  biasLearningRate: 0.003,
  learningRateDecay: 1,
  regFactors: 0.08,
  regBias: 0.02,
  initStd: 0.01,
  epochs: 100,
  patience: 5,
  minDelta: 0,
  refitOnValidation: false,
};

/** Surprise's `SVDpp` defaults (k 20, lr 0.007, reg 0.02, init std 0.1, 20 epochs, no early stopping). */
export const surpriseSvdppConfig: SvdppConfig = {
  dim: 20,
  learningRate: 0.007,
  learningRateDecay: 1,
  regFactors: 0.02,
  regBias: 0.02,
  initStd: 0.1,
  epochs: 20,
  patience: 0,
  minDelta: 0,
  refitOnValidation: false,
};

/**
 * Configurations found by `crossValidate` (5 folds, validationFraction 0.1 for early stopping, `new Rng(42)`).
 * On ml-1m these settings stop at the epoch limit (fold 1: 0.853); use `sgdMfPresets["ml-1m"]` there.
 */
export const svdppPresets: Readonly<Record<"ml-100k", SvdppConfig>> = {
  /** ml-100k: 5-fold mean RMSE 0.9043 without refit (folds 0.902-0.908), best epoch about 64, 14 s per fold. */
  "ml-100k": { ...defaultSvdppConfig },
};

/** The state of a fit: factors and biases, implicit factors y (shape [numItems * dim]) and N(u). */
interface SvdppState {
  f: BiasedFactors;
  y: Float64Array;
  byUser: SparseRows;
  /** The WebAssembly arena holding f and y, when the fit uses the kernels. */
  arena?: SvdppArena;
}

/**
 * SVD++ with N(u) = the items u rated in the training ratings. Users without training ratings have N(u) = ∅ and
 * zero p_u and b_u; items without training ratings keep zero q_i and b_i; both are predicted from the known side.
 * Predictions are clipped to the training scale.
 */
export class SvdppModel extends FactorizationModel<SvdppConfig, SvdppState> {
  readonly name = "SVD++";

  constructor(config: SvdppConfig) {
    super(config, checkSvdppConfig);
  }

  protected fitNonEmpty(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    return fitWithRefit(this, train, options, this.config, (data) => {
      const { dim, initStd } = this.config;
      const byUser = ratingsByUser(data);
      const arena = this.config.wasmKernels === false ? undefined : new SvdppArena(data.numUsers, data.numItems, dim, meanRating(data), byUser);
      const f = arena?.factors ?? new BiasedFactors(data.numUsers, data.numItems, dim, meanRating(data));
      const y = arena?.y ?? new Float64Array(data.numItems * dim);
      const seen = seenIndices(data);
      fillRandomNormal(f.userFactors, dim, initStd, options.rng, seen.users);
      fillRandomNormal(f.itemFactors, dim, initStd, options.rng, seen.items);
      fillRandomNormal(y, dim, initStd, options.rng, seen.items);
      const state: SvdppState = { f, y, byUser, arena };
      this.state = state;
      return this.trainer(state, data, arena);
    });
  }

  private trainer(state: SvdppState, train: Ratings, arena: SvdppArena | undefined): EpochTrainer<SvdppState> {
    const c = this.config;
    const scratch = svdppScratch(train, c.dim);
    if (arena) {
      scratch.z = arena.z;
      scratch.g = arena.g;
    }
    const steps: SgdStepSizes = { learningRate: 0, biasLearningRate: 0, regFactors: 0, regBias: 0 };
    let epoch = 0;
    return {
      batchesPerEpoch: 1,
      runEpoch: (order, onBatch) => {
        stepSizesForEpoch(c, ++epoch, steps);
        const sse = svdppEpoch(state.f, state.y, state.byUser, train, order, steps, scratch, arena);
        onBatch(1);
        checkFiniteEpoch(sse, this.name, "SvdppConfig", epoch, c.learningRate);
        return 0.5 * sse;
      },
      snapshot: () => ({ f: state.f.copy(), y: state.y.slice(), byUser: state.byUser }),
      restore: (s) => {
        state.f.copyFrom(s.f);
        state.y.set(s.y);
      },
      release: () => {},
    };
  }

  /**
   * The model as plain biased MF: the same q_i and biases with user vectors p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j
   * (a copy).
   */
  effectiveFactors(): BiasedFactors {
    return this.predictor(this.fitted("effectiveFactors")).copy();
  }

  /** `effectiveFactors` of `state`: what `predict` evaluates (in the arena, when there is one: valid until the next call). */
  protected predictor(state: SvdppState): BiasedFactors {
    return state.arena ? state.arena.implicitFactors() : withImplicitFactors(state.f, state.y, state.byUser);
  }

  /** The learned parameters (null before fit): p, q and biases, and the implicit factors y (shape [numItems * dim]). */
  get parameters(): { factors: BiasedFactors; implicitFactors: Float64Array } | null {
    return this.state ? { factors: this.state.f, implicitFactors: this.state.y } : null;
  }
}

/** Validates an SVD++ configuration; errors name the field (e.g. `SvdppConfig.learningRate`). */
export function checkSvdppConfig(c: SvdppConfig): void {
  checkSgdFactorizationConfig(c, "SvdppConfig");
  if (c.wasmKernels !== undefined && typeof c.wasmKernels !== "boolean") throw new RangeError(`SvdppConfig.wasmKernels must be true, false or left out, got ${JSON.stringify(c.wasmKernels)}`);
}

/** Creates an SVD++ model; unspecified fields take `defaultSvdppConfig`. */
export function createSvdpp(config: Partial<SvdppConfig> = {}): SvdppModel {
  return new SvdppModel({ ...defaultSvdppConfig, ...config });
}
