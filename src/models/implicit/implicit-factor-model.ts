/**
 * What the typed-array implicit-feedback factorization models share: the epoch-level part of their
 * configuration, seeded initialisation of a `FactorTables`, training through `runEpochLoop` (early stopping on an
 * optional ranking validator restores the best epoch's tables), scoring, and the unseen-entity fallback.
 */
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import { checkEpochLoopConfig, runEpochLoop, type EpochLoopConfig, type EpochTrainer } from "../../train/epoch-loop";
import type { TrainingHistory } from "../../train/training-history";
import type { CatalogueScorer, ImplicitFitOptions, ImplicitModel } from "../implicit-model";
import { seenIndices } from "../seen-indices";
import { FactorTables } from "./factor-tables";

/** Settings every typed-array implicit factorization model has (plus `epochs`, `patience`, `minDelta`). */
export interface ImplicitFactorConfig extends EpochLoopConfig {
  /** Latent dimension of user and item factors (the dot product's length). */
  dim: number;
  /** Standard deviation of the N(0, initStd²) initialisation of the factors; biases start at 0. */
  initStd: number;
}

/** Checks the shared fields; throws a RangeError naming the field of `owner` (e.g. "BprMfConfig"). */
export function checkImplicitFactorConfig(c: ImplicitFactorConfig, owner: string): void {
  if (!(Number.isInteger(c.dim) && c.dim >= 1)) throw new RangeError(`${owner}.dim must be an integer >= 1, got ${c.dim}`);
  if (!(c.initStd >= 0 && Number.isFinite(c.initStd))) throw new RangeError(`${owner}.initStd must be a finite number >= 0, got ${c.initStd}`);
  checkEpochLoopConfig(c, owner);
}

/** Checks that `c[key]` is a finite number >= 0 (or > 0 when `positive`), naming `owner.key`. */
export function checkNonNegative<C extends object>(c: C, keys: readonly (keyof C & string)[], owner: string, positive = false): void {
  for (const k of keys) {
    const v = c[k] as unknown as number;
    if (!(typeof v === "number" && Number.isFinite(v) && (positive ? v > 0 : v >= 0))) {
      throw new RangeError(`${owner}.${k} must be a finite number ${positive ? ">" : ">="} 0, got ${String(v)}`);
    }
  }
}

/**
 * Checks the fields of a model trained with a step size: the shared ones, `learningRate` (a finite number > 0)
 * and the L2 weights `regKeys` (finite numbers >= 0), in that order; throws a RangeError naming `owner.field`.
 */
export function checkStepConfig<C extends ImplicitFactorConfig & { learningRate: number }>(
  c: C,
  owner: string,
  regKeys: readonly (keyof C & string)[],
): void {
  checkImplicitFactorConfig(c, owner);
  checkNonNegative(c, ["learningRate"], owner, true);
  checkNonNegative(c, regKeys, owner);
}

/** Checks that `negatives` (sampled items per positive) is an integer >= 1, naming `owner.negatives`. */
export function checkNegativesPerPositive(negatives: number, owner: string): void {
  if (!(Number.isInteger(negatives) && negatives >= 1)) throw new RangeError(`${owner}.negatives must be an integer >= 1, got ${negatives}`);
}

/** Positives per progress batch (the loops report progress every this many positives). */
export const PROGRESS_CHUNK = 65536;

/** Early-stopping snapshots of `tables` as independent typed-array copies. */
export function tableSnapshots(tables: FactorTables): Pick<EpochTrainer<FactorTables>, "snapshot" | "restore" | "release"> {
  return {
    snapshot: () => tables.copy(),
    restore: (s) => { tables.copyFrom(s); },
    release: () => {},
  };
}

/**
 * Base class: `fit` initialises the tables (factors N(0, initStd²) for users and items with training data, zero
 * for the others; biases 0), asks the subclass for its epoch trainer and runs the one epoch loop. Users and items
 * without training interactions are never updated (negatives are drawn among trained items only), so they score
 * b + b_i (unseen user) or b + b_u (unseen item): the same score for every unseen entity, from biases alone.
 */
export abstract class ImplicitFactorModel implements ImplicitModel, CatalogueScorer {
  abstract readonly name: string;
  private tables: FactorTables | null = null;

  protected constructor(private readonly shared: ImplicitFactorConfig) {}

  /** The trainer of one fit over `train`, updating `tables`; `rng` is the fit's stream for negatives. */
  protected abstract createTrainer(train: Ratings, tables: FactorTables, rng: Rng): EpochTrainer<FactorTables>;

  /** indexId of the ratings of the last fit (see index-identity.ts); predicting ratings of another index is refused. */
  fittedIndexId: string | undefined = undefined;

  async fit(train: Ratings, options: ImplicitFitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    this.dispose();
    if (train.size === 0) throw new RangeError(`${this.name}: the training set is empty`);
    const seen = seenIndices(train);
    const tables = new FactorTables(train.numUsers, train.numItems, this.shared.dim);
    tables.initNormal(this.shared.initStd, options.rng, seen.users, seen.items);
    const trainer = this.createTrainer(train, tables, options.rng.fork());
    this.tables = tables;
    return runEpochLoop(this.name, trainer, train.size, options, this.shared);
  }

  /** Scores s(u, i) = b + b_u + b_i + p_u·q_i of pairs (users[k], items[k]), shape [n]; higher ranks first. */
  score(users: Int32Array, items: Int32Array): Float32Array {
    if (!this.tables) throw new Error(`${this.name}: score called before fit`);
    return this.tables.score(users, items, `${this.name}.score`);
  }

  /** Number of items scored (CatalogueScorer); throws before fit. */
  catalogueSize(): number {
    if (!this.tables) throw new Error(`${this.name}: catalogueSize called before fit`);
    return this.tables.numItems;
  }

  /** Scores of every item for each of `users` (CatalogueScorer; FactorTables.scoreCatalogue). */
  scoreCatalogue(users: Int32Array, out: Float32Array): void {
    if (!this.tables) throw new Error(`${this.name}: scoreCatalogue called before fit`);
    this.tables.scoreCatalogue(users, out, `${this.name}.scoreCatalogue`);
  }

  /** The trained parameters (null before fit or after dispose); read-only use. */
  get parameters(): FactorTables | null {
    return this.tables;
  }

  dispose(): void {
    this.tables = null;
  }
}
