/**
 * What GMF, NCF's MLP and NeuMF (He et al. 2017) share around their own parameters: the checks of their common
 * settings, the defaults merge of their factories, `fit` through the sampled-negatives log-loss trainer, and
 * scoring of (user, item) pairs as logits or probabilities.
 */
import type * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../backend/tf";
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import type { TrainingHistory } from "../../train/training-history";
import type { ImplicitFitOptions, ImplicitModel } from "../implicit-model";
import type { EmbeddingPair } from "./embedding-pair";
import { checkImplicitTrainingConfig, trainImplicitTfModel, type ImplicitTfTrainable, type ImplicitTrainingConfig } from "./implicit-tf-trainer";
import { ncfSparseEmbeddings, type NcfFusedParts } from "./ncf-fused-gradients";
import { scorePairs } from "./pair-scores";
import type { SparseEmbeddings } from "../../train/sparse-tf-step";

/** The settings every NCF model has besides its architecture. */
export interface NcfCommonConfig {
  /** Standard deviation of the normal initialisation of the embeddings (0.01 in NCF). */
  initStd: number;
  /** Training-loop settings. */
  training: ImplicitTrainingConfig;
}

/** What an NCF factory accepts: any field of the model's config `C`, and any field of its `training`. */
export type NcfConfigOverrides<C extends NcfCommonConfig> = Partial<Omit<C, "training">> & { training?: Partial<ImplicitTrainingConfig> };

/** `defaults` with `overrides` applied, `training` merged field by field (a new object; the inputs are unchanged). */
export function withNcfDefaults<C extends NcfCommonConfig>(defaults: C, overrides: NcfConfigOverrides<C>): C {
  return { ...defaults, ...overrides, training: { ...defaults.training, ...overrides.training } } as C;
}

/** Checks an embedding size (an integer >= 1); throws a RangeError naming `owner.dim` (e.g. "GmfConfig"). */
export function checkEmbeddingDim(dim: number, owner: string): void {
  if (!(Number.isInteger(dim) && dim >= 1)) throw new RangeError(`${owner}.dim must be an integer >= 1, got ${dim}`);
}

/** Checks `initStd` (>= 0), then `training`; throws a RangeError naming `owner.initStd` or `owner.training.<field>`. */
export function checkNcfCommonConfig(c: NcfCommonConfig, owner: string): void {
  if (!(c.initStd >= 0)) throw new RangeError(`${owner}.initStd must be >= 0, got ${c.initStd}`);
  checkImplicitTrainingConfig(c.training, `${owner}.training`);
}

/**
 * Base of the NCF models: a subclass owns its variables (`initWeights`, `trainableVariables`, `batchLogits`,
 * `dispose`) and names the embedding pair whose row counts are the index space; `fit` trains them with
 * `trainImplicitTfModel` on `config.training`, `score` and `logits` evaluate pairs in chunks.
 */
export abstract class NcfTfModel implements ImplicitModel, ImplicitTfTrainable {
  /** Display name in results ("GMF", "MLP", "NeuMF", ...). */
  abstract readonly name: string;
  /** The checked configuration (embedding size, training settings). */
  abstract readonly config: NcfCommonConfig;

  /** Every weight the optimizer updates. */
  abstract trainableVariables(): tf.Variable[];
  /** Logits of the pairs (users[k], items[k]) as a differentiable TF.js graph; shape [b]. Call inside tf.tidy. */
  abstract batchLogits(users: tf.Tensor1D, items: tf.Tensor1D): tf.Tensor1D;
  /** Frees the weights; the model must be fitted again before use. */
  abstract dispose(): void;

  /** Releases the previous weights and sets up the starting ones for `train`'s index space, drawing from `rng`. */
  protected abstract initWeights(train: Ratings, rng: Rng): void;

  /** The embeddings whose row counts are the index space ([numUsers, ·], [numItems, ·]); throws before fit. */
  protected abstract indexEmbeddings(): EmbeddingPair;

  /** The weights in the fused step's terms (ncf-fused-gradients.ts); throws before fit. */
  abstract fusedParts(): NcfFusedParts;

  /**
   * The model's tables for `sparseTfStep` (whole-table updates under dense Adam, row-wise with `sparseUpdates`)
   * and its fused log-loss kernel.
   */
  sparseEmbeddings(): SparseEmbeddings {
    const t = this.config.training;
    return ncfSparseEmbeddings(this.fusedParts(), t.lossReduction, t.batchSize, t.fusedKernels !== false, t.towerThreads);
  }

  /** indexId of the ratings of the last fit (see index-identity.ts); predicting ratings of another index is refused. */
  fittedIndexId: string | undefined = undefined;

  /** Starts from `initWeights` (its draws come first from `options.rng`) and trains; returns the history. */
  async fit(train: Ratings, options: ImplicitFitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    ensureTfSetup();
    this.initWeights(train, options.rng);
    return trainImplicitTfModel(this, train, options, this.config.training);
  }

  /** Logits of the pairs (users[k], items[k]); shape [n]. */
  logits(users: Int32Array, items: Int32Array): Float32Array {
    return scorePairs(this.name, (u, i) => this.batchLogits(u, i), users, items, this.space(), "logit");
  }

  /** Predicted interaction probabilities σ(logit) of the pairs; shape [n]. */
  score(users: Int32Array, items: Int32Array): Float32Array {
    return scorePairs(this.name, (u, i) => this.batchLogits(u, i), users, items, this.space(), "probability");
  }

  private space(): { numUsers: number; numItems: number } {
    const e = this.indexEmbeddings();
    return { numUsers: e.users.shape[0], numItems: e.items.shape[0] };
  }
}
