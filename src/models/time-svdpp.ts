/**
 * timeSVD++ (Koren, "Collaborative Filtering with Temporal Dynamics", KDD 2009): SVD++ with the time-aware
 * baseline predictors of eq. 10, b_ui(t) = μ + b_u + α_u dev_u(t) + b_{u,t} + b_i + b_{i,Bin(t)} (item-bias time
 * bins, user-bias drift dev_u(t) = sign(t - t_u) |t - t_u|^β in days, per-day user bias), trained by SGD over typed
 * arrays through the shared epoch loop (SVD++'s user-grouped epoch, see factorization/time-svdpp-epoch.ts), and
 * optionally eq. 11's item-bias scaling c_u(t) = c_u + c_{u,t}. Not implemented: the time-dependent user factors
 * p_u(t).
 *
 * Prediction needs each rating's time: `predictAt(users, items, timestamps)` (seconds since the epoch), which
 * `predictRatings` and the validation scoring call for ratings that carry timestamps. `predict(users, items)`
 * without times predicts at each user's mean training rating day t_u (dev = 0, no b_{u,t} or c_{u,t}, the bin of t_u; users
 * without training ratings: the last training day's bin). Training ratings without timestamps (ml-1m's derived
 * file here) fall back to the time-free model (SVD++, or biased MF without the implicit term) with a warning.
 */
import { assertPairsInRange } from "../data/index-identity";
import { ratingsByUser, type SparseRows } from "../data/rating-matrix";
import { meanRating, type Ratings, type RatingScale } from "../data/ratings";
import type { EpochTrainer } from "../train/epoch-loop";
import type { TrainingHistory } from "../train/training-history";
import { fillRandomNormal } from "./factorization/biased-factors";
import { fitWithRefit } from "./factorization/fit-with-refit";
import { binOf, buildTimeAxis, hasTimestamps, timeRows, UserDays, type RatingTimeRows, type TimeAxis } from "./factorization/rating-times";
import { checkFiniteEpoch, stepSizesForEpoch } from "./factorization/sgd-config";
import { svdppScratch } from "./factorization/svdpp-epoch";
import { SvdppArena } from "./factorization/svdpp-arena";
import { predictTimeSvdpp, timeSvdppEpoch, TimeSvdppParams, type TimeStepSizes } from "./factorization/time-svdpp-epoch";
import type { FitOptions, RatingModel } from "./rating-model";
import { seenIndices } from "./seen-indices";
import { checkTimeSvdppConfig, defaultTimeSvdppConfig, timeAwareBaselineConfig, type TimeSvdppConfig } from "./time-svdpp-config";

export { defaultTimeSvdppConfig, timeSvdppPresets, timeAwareBaselineConfig, type TimeSvdppConfig } from "./time-svdpp-config";


/** The state of a fit: parameters, N(u), and the time axis and day slots (null when fitted without time). */
interface TimeSvdppState {
  params: TimeSvdppParams;
  byUser: SparseRows;
  axis: TimeAxis | null;
  days: UserDays | null;
  /** The WebAssembly arena holding params.f and params.y, when the fit uses the kernels. */
  arena?: SvdppArena;
}

/** timeSVD++ (or, per configuration, time-aware biased MF or the time-aware baseline predictors alone). */
export class TimeSvdppModel implements RatingModel {
  readonly name: string;
  /** indexId of the ratings of the last fit. */
  fittedIndexId: string | undefined = undefined;
  /** Whether the last fit used the time terms (false: its training ratings had no timestamps). */
  usedTime = false;
  /** Warnings of the last fit (also written to the console), e.g. the fallback to the time-free model. */
  readonly warnings: string[] = [];
  private state: TimeSvdppState | null = null;
  private scale: RatingScale = { min: -Infinity, max: Infinity };

  /**
   * Validates `config` (errors name the field, e.g. `TimeSvdppConfig.timeBins`); `warn` receives the fit's
   * warnings (default `console.warn`).
   */
  constructor(readonly config: TimeSvdppConfig, private readonly warn: (message: string) => void = (m) => console.warn(m)) {
    checkTimeSvdppConfig(config);
    this.name = config.dim === 0 ? "Time-aware baseline" : config.implicitFeedback ? "timeSVD++" : "Time-aware MF";
  }

  /**
   * Trains on `train` (size > 0); when a training or validation rating has no timestamp, trains the time-free
   * model and warns.
   */
  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    this.dispose();
    this.warnings.length = 0;
    if (train.size === 0) throw new RangeError(`${this.name}: the training set is empty`);
    this.scale = train.scale;
    this.usedTime = hasTimestamps(train) && (options.validation === undefined || options.validation.size === 0 || hasTimestamps(options.validation));
    if (!this.usedTime) {
      const message = `${this.name}: the ratings of ${train.name} carry no timestamps (or not on every rating); fitting the time-free model (no α_u, b_{u,t}, b_{i,Bin(t)})`;
      this.warnings.push(message);
      this.warn(message);
    }
    return fitWithRefit(this, train, options, this.config, (data) => this.start(data, options));
  }

  private start(data: Ratings, options: FitOptions): EpochTrainer<TimeSvdppParams> {
    const c = this.config;
    const axis = this.usedTime ? buildTimeAxis(data, c.timeBins, c.beta) : null;
    const days = axis === null ? null : c.userDayBias ? UserDays.of(data) : new UserDays();
    const byUser = ratingsByUser(data);
    const arena = c.wasmKernels === false ? undefined : new SvdppArena(data.numUsers, data.numItems, c.dim, meanRating(data), byUser);
    const params = new TimeSvdppParams(data.numUsers, data.numItems, c.dim, meanRating(data), c.timeBins, days?.size ?? 0, c.implicitFeedback, arena);
    const seen = seenIndices(data);
    fillRandomNormal(params.f.userFactors, c.dim, c.initStd, options.rng, seen.users);
    fillRandomNormal(params.f.itemFactors, c.dim, c.initStd, options.rng, seen.items);
    fillRandomNormal(params.y, c.dim, c.initStd, options.rng, seen.items);
    const state: TimeSvdppState = { params, byUser, axis, days, arena };
    this.state = state;
    const time = axis !== null && days !== null ? timeRows(axis, days, data.users, data.timestamps!) : null;
    return this.trainer(state, data, time, arena);
  }

  private trainer(state: TimeSvdppState, train: Ratings, time: RatingTimeRows | null, arena: SvdppArena | undefined): EpochTrainer<TimeSvdppParams> {
    const c = this.config;
    const scratch = svdppScratch(train, c.dim);
    if (arena) {
      scratch.z = arena.z;
      scratch.g = arena.g;
    }
    const steps: TimeStepSizes = {
      learningRate: 0, biasLearningRate: 0, regFactors: 0, regBias: 0,
      binLearningRate: 0, regBin: c.regBin, alphaLearningRate: 0, regAlpha: c.regAlpha, dayLearningRate: 0, regDay: c.regDay,
      scaleLearningRate: 0, regScale: c.regScale,
    };
    let epoch = 0;
    return {
      batchesPerEpoch: 1,
      runEpoch: (order, onBatch) => {
        stepSizesForEpoch(c, ++epoch, steps);
        const decay = Math.pow(c.learningRateDecay, epoch - 1);
        steps.binLearningRate = c.binLearningRate * decay;
        steps.alphaLearningRate = c.alphaLearningRate * decay;
        steps.dayLearningRate = c.dayLearningRate * decay;
        steps.scaleLearningRate = c.scaleLearningRate * decay;
        const sse = timeSvdppEpoch(state.params, state.byUser, train, order, steps, scratch, time, arena);
        onBatch(1);
        checkFiniteEpoch(sse, this.name, "TimeSvdppConfig", epoch, c.learningRate);
        return 0.5 * sse;
      },
      snapshot: () => state.params.copy(),
      restore: (s) => state.params.copyFrom(s),
      release: () => {},
    };
  }

  /**
   * Predicted ratings for pairs (users[k], items[k]) rated at `timestamps[k]` (seconds since the epoch), clipped
   * to the training scale; the times are ignored when the fit had none. Shape [n].
   */
  predictAt(users: Int32Array, items: Int32Array, timestamps: Float64Array): Float32Array {
    const s = this.fitted("predictAt");
    if (timestamps.length !== users.length) throw new RangeError(`${this.name}: predictAt got ${users.length} pairs but ${timestamps.length} timestamps`);
    assertPairsInRange("predictAt", users, items, s.params.f.numUsers, s.params.f.numItems);
    const time = s.axis !== null && s.days !== null ? timeRows(s.axis, s.days, users, timestamps) : null;
    return predictTimeSvdpp(s.params, s.byUser, users, items, time, this.scale, s.arena);
  }

  /** Predictions without times: at each user's mean training day t_u (see the module comment). Shape [n]. */
  predict(users: Int32Array, items: Int32Array): Float32Array {
    const s = this.fitted("predict");
    assertPairsInRange("predict", users, items, s.params.f.numUsers, s.params.f.numItems);
    const axis = s.axis;
    if (axis === null) return predictTimeSvdpp(s.params, s.byUser, users, items, null, this.scale, s.arena);
    const n = users.length;
    const time: RatingTimeRows = { bin: new Int32Array(n), dev: new Float64Array(n), slot: new Int32Array(n).fill(-1) };
    for (let k = 0; k < n; k++) {
      const t = axis.userMeanDay[users[k]];
      time.bin[k] = binOf(axis, Number.isNaN(t) ? axis.lastDay : t);
    }
    return predictTimeSvdpp(s.params, s.byUser, users, items, time, this.scale, s.arena);
  }

  /** The learned parameters and time axis (null before fit). */
  get parameters(): { params: TimeSvdppParams; axis: TimeAxis | null } | null {
    return this.state ? { params: this.state.params, axis: this.state.axis } : null;
  }

  /** Drops the fitted parameters; predicting throws until the next fit. */
  dispose(): void {
    this.state = null;
  }

  private fitted(caller: string): TimeSvdppState {
    if (this.state === null) throw new Error(`${this.name}: ${caller} called before fit`);
    return this.state;
  }
}

/** Options of the factories besides the configuration. */
export interface TimeSvdppOptions {
  /** Receives the fit's warnings (the time-free fallback); default `console.warn`. */
  warn?: (message: string) => void;
}

/** Creates a timeSVD++ model; unspecified fields take `defaultTimeSvdppConfig` (or pass a preset). */
export function createTimeSvdpp(config: Partial<TimeSvdppConfig> = {}, options: TimeSvdppOptions = {}): TimeSvdppModel {
  return new TimeSvdppModel({ ...defaultTimeSvdppConfig, ...config }, options.warn);
}

/**
 * The time-aware baseline predictors alone (Koren 2009 eq. 10, b_{u,t} included): timeSVD++ with dim 0 and no
 * implicit term; unspecified fields take `timeAwareBaselineConfig`.
 */
export function createTimeAwareBaseline(config: Partial<TimeSvdppConfig> = {}, options: TimeSvdppOptions = {}): TimeSvdppModel {
  return new TimeSvdppModel({ ...timeAwareBaselineConfig, ...config, dim: 0, implicitFeedback: false }, options.warn);
}
