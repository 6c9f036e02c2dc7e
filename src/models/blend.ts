/**
 * Linear blend of rating models, the Netflix prize practice (Töscher, Jahrer and Bell, "The BigChaos solution to
 * the Netflix Grand Prize", 2009; Koren, "The BellKor solution to the Netflix Grand Prize", 2009): a seeded probe
 * set is carved from the training ratings the blend is given, every member is fitted on the rest, a ridge
 * regression of the probe ratings on the members' probe predictions gives one weight per member and an intercept,
 * and (by default) every member is refitted on all the training ratings before the weights are applied. The blend
 * is itself a RatingModel, so cross-validation hands it only the training folds: the test fold is never seen.
 */
import { assertPairsInRange } from "../data/index-identity";
import type { Ratings } from "../data/ratings";
import { randomSplit } from "../data/splits/random-split";
import { rmse } from "../metrics/regression-metrics";
import { singleStepHistory, type TrainingHistory } from "../train/training-history";
import { applyRidge, fitRidgeSelectLambda, type LambdaScore, type RidgeFit } from "./blend/ridge";
import { clipToScale, predictRatings, type FitOptions, type RatingModel } from "./rating-model";

/** Blend settings. */
export interface BlendConfig {
  /** Display name. */
  name: string;
  /** Share of the training ratings held out as the probe set, in (0, 1). */
  probeFraction: number;
  /**
   * Ridge penalties λ (per probe rating, see blend/ridge.ts) to choose from by `lambdaFolds`-fold cross-validation
   * inside the probe; one value: fixed. With a handful of members and thousands of probe ratings λ barely matters.
   */
  lambdas: number[];
  /** Folds of the λ choice inside the probe (integer >= 2). */
  lambdaFolds: number;
  /**
   * true: after the weights are fitted, every member is refitted on all the training ratings (probe included) and
   * the weights are applied to the refitted members (twice the fitting time, members see 100% instead of
   * 1 − probeFraction). false: the members fitted without the probe are kept.
   */
  refit: boolean;
}

/** Defaults: a 10% probe, λ chosen among 0, 1e-4, 1e-3, 1e-2 and 0.1 by 5-fold CV on the probe, refit on. */
export const defaultBlendConfig: BlendConfig = {
  name: "Blend",
  probeFraction: 0.1,
  lambdas: [0, 1e-4, 1e-3, 1e-2, 0.1],
  lambdaFolds: 5,
  refit: true,
};

/** One member's share of a fitted blend. */
export interface BlendWeight {
  /** The member's display name. */
  member: string;
  /** Its ridge weight (dimensionless: rating units per rating unit of the member's prediction). */
  weight: number;
  /** Its own RMSE on the probe set (rating units), fitted without the probe. */
  probeRmse: number;
}

/** What a fit learned: the weights, the intercept, the λ chosen and the probe RMSE of the blend itself. */
export interface BlendSummary {
  weights: BlendWeight[];
  /** Intercept (rating units). */
  intercept: number;
  lambda: number;
  /** Cross-validated probe MSE per λ candidate (empty when λ is fixed). */
  lambdaScores: LambdaScore[];
  /** Probe ratings the weights were fitted on. */
  probeSize: number;
  /** The blend's in-sample RMSE on the probe (the members' probe predictions, weighted). */
  probeRmse: number;
}

/** ŷ = b + Σ_j w_j r̂_j(u, i) over member models, weights fitted on a probe carved from the training ratings. */
export class BlendModel implements RatingModel {
  readonly name: string;
  /** indexId of the ratings of the last fit; predicting ratings of another index is refused. */
  fittedIndexId: string | undefined = undefined;
  private members: RatingModel[] = [];
  private histories: TrainingHistory[] = [];
  private ridge: RidgeFit | undefined;
  private fitted: BlendSummary | undefined;
  private numUsers = 0;
  private numItems = 0;
  private scale = { min: -Infinity, max: Infinity };

  constructor(private readonly memberFactories: readonly (() => RatingModel)[], readonly config: BlendConfig) {
    checkBlendConfig(config, memberFactories.length);
    this.name = config.name;
  }

  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    const start = performance.now();
    this.disposeMembers();
    this.fittedIndexId = train.indexId;
    if (train.size === 0) throw new RangeError(`${this.name}.fit: the training set is empty`);
    this.numUsers = train.numUsers;
    this.numItems = train.numItems;
    this.scale = train.scale;
    const { train: rest, test: probe } = randomSplit(train, options.rng.fork(), { testFraction: this.config.probeFraction });
    if (probe.size < this.config.lambdaFolds) throw new RangeError(`${this.name}.fit: the probe set has ${probe.size} ratings, fewer than lambdaFolds ${this.config.lambdaFolds}`);
    const columns: Float32Array[] = [];
    const names: string[] = [];
    for (const make of this.memberFactories) {
      const m = make();
      const h = await m.fit(rest, { rng: options.rng.fork(), validation: options.validation, progress: options.progress });
      columns.push(predictRatings(m, probe));
      names.push(m.name);
      if (this.config.refit) m.dispose();
      else {
        this.members.push(m);
        this.histories.push(h);
      }
    }
    const { fit, scores } = fitRidgeSelectLambda(columns, probe.values, this.config.lambdas, options.rng.fork(), this.config.lambdaFolds);
    this.ridge = fit;
    if (this.config.refit) {
      for (const make of this.memberFactories) {
        const m = make();
        this.histories.push(await m.fit(train, { rng: options.rng.fork(), validation: options.validation, progress: options.progress }));
        this.members.push(m);
      }
    }
    const blended = applyRidge(fit, columns, probe.size);
    this.fitted = {
      weights: names.map((member, j) => ({ member, weight: fit.weights[j], probeRmse: rmse(columns[j], probe.values) })),
      intercept: fit.intercept,
      lambda: fit.lambda,
      lambdaScores: scores,
      probeSize: probe.size,
      probeRmse: rmse(clipToScale(Float32Array.from(blended), this.scale.min, this.scale.max), probe.values),
    };
    const history = singleStepHistory(this, train, options, start);
    history.trainSeconds = (performance.now() - start) / 1000;
    return history;
  }

  /** The fitted weights, intercept and λ (for the notebook to print); throws before fit. */
  summary(): BlendSummary {
    if (!this.fitted) throw new Error(`${this.name}: summary called before fit`);
    return this.fitted;
  }

  /** The fitted members, in the order of the factories (the refitted ones when `refit`); throws before fit. */
  fittedMembers(): readonly RatingModel[] {
    if (!this.ridge) throw new Error(`${this.name}: fittedMembers called before fit`);
    return this.members;
  }

  /** The training histories of `fittedMembers()`, in the same order; throws before fit. */
  memberHistories(): readonly TrainingHistory[] {
    if (!this.ridge) throw new Error(`${this.name}: memberHistories called before fit`);
    return this.histories;
  }

  predict(users: Int32Array, items: Int32Array): Float32Array {
    return this.combine(users, items, (m) => m.predict(users, items), "predict");
  }

  /** Predictions at the ratings' times: time-aware members (timeSVD++) get the timestamps, the others ignore them. */
  predictAt(users: Int32Array, items: Int32Array, timestamps: Float64Array): Float32Array {
    if (timestamps.length !== users.length) throw new RangeError(`${this.name}.predictAt: ${timestamps.length} timestamps for ${users.length} pairs`);
    return this.combine(users, items, (m) => (m.predictAt ? m.predictAt(users, items, timestamps) : m.predict(users, items)), "predictAt");
  }

  private combine(users: Int32Array, items: Int32Array, predictMember: (m: RatingModel) => Float32Array, what: string): Float32Array {
    if (!this.ridge) throw new Error(`${this.name}: ${what} called before fit`);
    assertPairsInRange(`${this.name}.${what}`, users, items, this.numUsers, this.numItems);
    const columns = this.members.map(predictMember);
    return clipToScale(Float32Array.from(applyRidge(this.ridge, columns, users.length)), this.scale.min, this.scale.max);
  }

  dispose(): void {
    this.disposeMembers();
    this.ridge = undefined;
    this.fitted = undefined;
  }

  private disposeMembers(): void {
    for (const m of this.members) m.dispose();
    this.members = [];
    this.histories = [];
  }
}

/** Validates a blend configuration; errors name the field (e.g. `BlendConfig.probeFraction`). */
export function checkBlendConfig(c: BlendConfig, members: number): void {
  if (members < 1) throw new RangeError("createBlend: at least one member factory is needed");
  if (!(c.probeFraction > 0 && c.probeFraction < 1)) throw new RangeError(`BlendConfig.probeFraction must be in (0, 1), got ${c.probeFraction}`);
  if (c.lambdas.length === 0 || !c.lambdas.every((l) => l >= 0 && Number.isFinite(l))) {
    throw new RangeError(`BlendConfig.lambdas must be a non-empty list of finite numbers >= 0, got [${c.lambdas.join(", ")}]`);
  }
  if (!(Number.isInteger(c.lambdaFolds) && c.lambdaFolds >= 2)) throw new RangeError(`BlendConfig.lambdaFolds must be an integer >= 2, got ${c.lambdaFolds}`);
}

/** Creates a blend of fresh models from `members` (one call per fit); unspecified fields take `defaultBlendConfig`. */
export function createBlend(members: readonly (() => RatingModel)[], config: Partial<BlendConfig> = {}): BlendModel {
  return new BlendModel(members, { ...defaultBlendConfig, ...config });
}
