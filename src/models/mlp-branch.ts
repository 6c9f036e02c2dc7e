/**
 * The MLP part shared by the MLP rating model and the hybrid: user and item ID embeddings concatenated with the
 * encoded side features of the user and of the item, fed through a dense ReLU tower (the "MLP with metadata" of
 * Gindele's 2018 talk "Recommender systems in TensorFlow"; the MLP layers of He et al., "Neural collaborative
 * filtering", WWW 2017, with side features as in Covington et al., "Deep neural networks for YouTube
 * recommendations", RecSys 2016).
 *
 * Unseen users or items (no training ratings) have zero ID embeddings, which get no gradient and stay zero; their
 * side features are still encoded, so a new user with known demographics is predicted from them.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Ratings } from "../data/ratings";
import type { Rng } from "../random/rng";
import { DenseTower } from "./dense-tower";
import { FeatureEmbedder } from "./features/feature-embedder";
import { encodeFeatureTable } from "./features/feature-encoding";
import { checkMlpBranchConfig, type EmbeddingConfig, type MlpBranchConfig } from "./mlp-branch-config";
import { randomNormalTensor, variableFrom } from "./random-init";
import { seenIndices } from "./seen-indices";

/** A user and an item embedding table, rows of users/items absent from `train` at zero; draws users first. */
export function embeddingPair(train: Ratings, c: EmbeddingConfig, rng: Rng): [tf.Variable, tf.Variable] {
  const seen = seenIndices(train);
  return [
    variableFrom(randomNormalTensor([train.numUsers, c.dim], c.initStd, rng, seen.users)),
    variableFrom(randomNormalTensor([train.numItems, c.dim], c.initStd, rng, seen.items)),
  ];
}

/** The MLP branch's activations and penalty for one batch. */
export interface BranchOutput {
  /** Last hidden layer, shape [b, outputWidth]. */
  hidden: tf.Tensor2D;
  /** Sum over the batch of the weighted squared embedding norms (ID and features), before the factor 1/2. */
  penalty: tf.Scalar;
}

/** ID embeddings + side features -> dense ReLU tower. Dispose it to free its tensors. */
export class MlpBranch {
  /** Width of the last hidden layer. */
  readonly outputWidth: number;
  private readonly userEmbedding: tf.Variable;
  private readonly itemEmbedding: tf.Variable;
  private readonly userFeatures: FeatureEmbedder | null;
  private readonly itemFeatures: FeatureEmbedder | null;
  private readonly tower: DenseTower;

  /** Builds the branch for `train`'s index space, drawing user, item, feature and tower weights from `rng` in that order. */
  constructor(readonly config: MlpBranchConfig, train: Ratings, rng: Rng, owner: string) {
    checkMlpBranchConfig(config, owner);
    // Encode the features first: a bad column name throws before any tensor exists.
    const f = config.features;
    const seen = seenIndices(train);
    const common = { multiHot: f.multiHot, numericMissingFlag: f.numericMissingFlag };
    const encoded = config.useFeatures
      ? [
          encodeFeatureTable(train.userFeatures, train.numUsers, seen.users, { ...common, columns: f.userColumns }, `${owner}.features.userColumns`),
          encodeFeatureTable(train.itemFeatures, train.numItems, seen.items, { ...common, columns: f.itemColumns }, `${owner}.features.itemColumns`),
        ]
      : null;
    [this.userEmbedding, this.itemEmbedding] = embeddingPair(train, config.embedding, rng);
    this.userFeatures = encoded ? new FeatureEmbedder(encoded[0], f.embeddingDim, f.initStd, rng) : null;
    this.itemFeatures = encoded ? new FeatureEmbedder(encoded[1], f.embeddingDim, f.initStd, rng) : null;
    const width = 2 * config.embedding.dim + (this.userFeatures ? this.userFeatures.width + this.itemFeatures!.width : 0);
    this.tower = new DenseTower(width, config.layers, rng);
    this.outputWidth = this.tower.outputWidth;
  }

  /** Width of the tower's input: both ID embeddings plus the encoded user and item features. */
  get inputWidth(): number {
    return this.tower.inputWidth;
  }

  /** All trainable variables: ID embeddings, feature tables, tower weights. */
  variables(): tf.Variable[] {
    return [
      this.userEmbedding,
      this.itemEmbedding,
      ...(this.userFeatures ? this.userFeatures.variables() : []),
      ...(this.itemFeatures ? this.itemFeatures.variables() : []),
      ...this.tower.variables(),
    ];
  }

  /** Forward pass for pairs (users[k], items[k]); call inside tf.tidy. `dropoutRng` enables dropout (training). */
  forward(users: tf.Tensor1D, items: tf.Tensor1D, dropoutRng?: Rng): BranchOutput {
    return this.forwardFromRows(tf.gather(this.userEmbedding, users) as tf.Tensor2D, tf.gather(this.itemEmbedding, items) as tf.Tensor2D, users, items, dropoutRng);
  }

  /** The user and item ID embedding tables, [numUsers, dim] and [numItems, dim] (for row-wise updates). */
  idTables(): [tf.Variable, tf.Variable] {
    return [this.userEmbedding, this.itemEmbedding];
  }

  /** The user and item side-feature embedders (null without features), for fused steps. */
  featureEmbedders(): [FeatureEmbedder | null, FeatureEmbedder | null] {
    return [this.userFeatures, this.itemFeatures];
  }

  /** Whether side-feature columns feed the tower besides the ID embeddings (false on data without feature tables). */
  get hasFeatures(): boolean {
    return this.tower.inputWidth > 2 * this.config.embedding.dim;
  }

  /** The tower's kernels and biases, layer by layer. */
  towerWeights(): { kernels: tf.Variable[]; biases: tf.Variable[] } {
    return this.tower.weights();
  }

  /** `forward` with the ID embedding rows already looked up: p = rows of users, q = rows of items, [b, dim]. */
  forwardFromRows(p: tf.Tensor2D, q: tf.Tensor2D, users: tf.Tensor1D, items: tf.Tensor1D, dropoutRng?: Rng): BranchOutput {
    const { embedding, features } = this.config;
    const parts: tf.Tensor2D[] = [p, q];
    let penalty: tf.Scalar = tf.mul(embedding.reg, tf.add(tf.sum(tf.square(p)), tf.sum(tf.square(q))));
    for (const [embedder, index] of [[this.userFeatures, users], [this.itemFeatures, items]] as const) {
      const e = embedder ? embedder.embed(index) : null;
      if (!e) continue;
      parts.push(e.vectors);
      penalty = tf.add(penalty, tf.mul(features.reg, e.squaredNorm));
    }
    const x = tf.concat(parts, 1) as tf.Tensor2D;
    const dropout = dropoutRng && this.config.dropout > 0 ? { rate: this.config.dropout, rng: dropoutRng } : undefined;
    return { hidden: this.tower.apply(x, dropout), penalty };
  }

  /** regWeights x the summed squared tower kernels (once per batch); scalar. */
  weightPenalty(): tf.Scalar {
    return tf.mul(this.config.regWeights, this.tower.squaredKernelNorm());
  }

  /** Copies the weights of a branch with the same layout (pretraining). */
  copyFrom(other: MlpBranch, owner: string): void {
    for (const [mine, theirs, what] of [[this.userEmbedding, other.userEmbedding, "user"], [this.itemEmbedding, other.itemEmbedding, "item"]] as const) {
      if (!tf.util.arraysEqual(mine.shape, theirs.shape)) throw new RangeError(`${owner}: pretrained ${what} embeddings are [${theirs.shape}], expected [${mine.shape}]`);
      mine.assign(theirs);
    }
    if ((this.userFeatures === null) !== (other.userFeatures === null)) throw new RangeError(`${owner}: useFeatures differs from the pretrained MLP's`);
    if (this.userFeatures && other.userFeatures) this.userFeatures.copyFrom(other.userFeatures, `${owner} (user features)`);
    if (this.itemFeatures && other.itemFeatures) this.itemFeatures.copyFrom(other.itemFeatures, `${owner} (item features)`);
    this.tower.copyFrom(other.tower, owner);
  }

  /** Frees every tensor of the branch. */
  dispose(): void {
    this.userEmbedding.dispose();
    this.itemEmbedding.dispose();
    this.userFeatures?.dispose();
    this.itemFeatures?.dispose();
    this.tower.dispose();
  }
}
