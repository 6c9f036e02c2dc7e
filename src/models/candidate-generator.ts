/**
 * The candidate generator of Covington, Adams and Sargin, "Deep Neural Networks for YouTube Recommendations"
 * (RecSys 2016): a user tower (candidate/user-tower.ts) maps the mean embedding of the user's history, the mean
 * of the most recent items and the example age (when the data has timestamps) and demographic embeddings to a
 * user vector u; item j has an output embedding v_j and bias b_j, and score(u, j) = u · v_j + b_j. Training is
 * extreme classification over the catalogue: for each example (user, target t), with t removed from the bag the
 * tower sees, the softmax over all items is approximated by a sampled softmax over k items drawn from a proposal
 * Q ∝ count^exponent with the log-Q correction (candidate/sampled-softmax.ts); the draws are shared by a batch.
 * Each epoch takes up to `targetsPerUser` examples per user (the paper's fixed number per user, which weights
 * users equally). Retrieval computes u for a block of users and multiplies by the item matrix (scoreCatalogue).
 */
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../backend/tf";
import type { CategoricalFeature, FeatureTable } from "../data/features";
import type { Ratings } from "../data/ratings";
import type { Rng } from "../random/rng";
import { runEpochLoop, type EpochTrainer } from "../train/epoch-loop";
import { FusedAdam } from "../train/fused-adam";
import { variableSnapshots } from "../train/train-tf-model";
import type { TrainingHistory } from "../train/training-history";
import { drawFromProposal, logExpectedCounts, proposalFromCounts, sampledSoftmaxLoss, type Proposal } from "./candidate/sampled-softmax";
import { disposeTowerBatch, servingBatch, trainingBatch } from "./candidate/tower-batches";
import { buildUserHistories, categoricalColumns, type UserHistories } from "./candidate/user-history";
import { gatherRows, UserTower } from "./candidate/user-tower";
import type { CatalogueScorer, ImplicitFitOptions, ImplicitModel } from "./implicit-model";
import { randomNormalTensor, variableFrom } from "./random-init";

/** Hyperparameters of the candidate generator. */
export interface CandidateGeneratorConfig {
  /** Label in tables. */
  name: string;
  /** Width of the item embeddings and of the user vector u. */
  dim: number;
  /** Widths of the tower's ReLU layers (before the linear layer of width `dim`). */
  layers: number[];
  /** Width of each demographic embedding. */
  featureDim: number;
  /** Use the categorical user features (gender, age group, occupation) when the data has them. */
  useUserFeatures: boolean;
  /** Most recent items whose mean embedding the tower sees (when the data has timestamps; 0: none). */
  recentItems: number;
  /** Feed the example age (years before the latest training time; 0 at serving) when the data has timestamps. */
  exampleAge: boolean;
  /** Items drawn from the proposal per batch (shared by its examples), k. */
  negatives: number;
  /** Proposal Q ∝ count^exponent: 0.75 smoothed popularity, 1 popularity, 0 uniform. */
  proposalExponent: number;
  /** Subtract log(k Q(j)) from the drawn items' logits (false: plain sampled softmax, for comparison). */
  logQCorrection: boolean;
  /** Users per optimizer step. */
  batchUsers: number;
  /** Training examples per user and epoch (0: every item of the history). */
  targetsPerUser: number;
  /** Adam step size. */
  learningRate: number;
  /** L2 penalty on the item input and output embeddings (mean over the batch's rows, per row looked up). */
  l2: number;
  /** Standard deviation of the initial embeddings. */
  initStd: number;
  /** Maximum epochs. */
  epochs: number;
  /** Epochs without validation improvement before stopping (with a validator; 0: never). */
  patience: number;
  /** Smallest improvement of the validation metric that counts. */
  minDelta: number;
}

/**
 * Defaults chosen on a validation holdout carved from ml-1m-loo's training data (one random interaction per user,
 * full catalogue; scripts/measure-candidate-generator.ts --validation --curve, seed 1; the test split is not read):
 * k = 512 and 64 users per step; step size 0.006 for 8 epochs gave HR@10 0.1560 / NDCG@10 0.0700 there, above 0.002
 * for 12 epochs (0.1538 / 0.0699). With the faster step, 20 epochs at 0.006 were run with the validation metrics
 * after each epoch: NDCG@10 0.0700 at epoch 8, 0.0819 at 11, 0.0945 at 16 and 0.1029 at 20 (HR@10 0.1930), the
 * best of the run and still rising, so 20 epochs is the default (about 12 s per epoch under load); EASE on the
 * same holdout reached 0.2644 / 0.1499 (λ = 300). Measured under load on a shared machine.
 */
export const defaultCandidateGeneratorConfig: CandidateGeneratorConfig = {
  name: "Candidate generator (YouTube DNN)",
  dim: 64,
  layers: [256],
  featureDim: 8,
  useUserFeatures: true,
  recentItems: 5,
  exampleAge: true,
  negatives: 512,
  proposalExponent: 0.75,
  logQCorrection: true,
  batchUsers: 64,
  targetsPerUser: 32,
  learningRate: 0.006,
  l2: 0,
  initStd: 0.05,
  epochs: 20,
  patience: 3,
  minDelta: 0.0001,
};

function checkConfig(c: CandidateGeneratorConfig): void {
  const owner = "CandidateGeneratorConfig";
  const ints: [string, number, number][] = [["dim", c.dim, 1], ["featureDim", c.featureDim, 1], ["recentItems", c.recentItems, 0], ["negatives", c.negatives, 1], ["batchUsers", c.batchUsers, 1], ["targetsPerUser", c.targetsPerUser, 0], ["epochs", c.epochs, 1], ["patience", c.patience, 0]];
  for (const [k, v, min] of ints) if (!(Number.isInteger(v) && v >= min)) throw new RangeError(`${owner}.${k} must be an integer >= ${min}, got ${v}`);
  if (!Array.isArray(c.layers) || !c.layers.every((w) => Number.isInteger(w) && w >= 1)) throw new RangeError(`${owner}.layers must be integers >= 1, got ${JSON.stringify(c.layers)}`);
  for (const k of ["learningRate", "initStd"] as const) if (!(c[k] > 0 && Number.isFinite(c[k]))) throw new RangeError(`${owner}.${k} must be a finite number > 0, got ${c[k]}`);
  if (!(c.l2 >= 0 && c.minDelta >= 0)) throw new RangeError(`${owner}.l2 and minDelta must be >= 0, got ${c.l2} and ${c.minDelta}`);
  if (!(c.proposalExponent >= 0 && Number.isFinite(c.proposalExponent))) throw new RangeError(`${owner}.proposalExponent must be a finite number >= 0, got ${c.proposalExponent}`);
}

/**
 * The categorical user features (demographics) a generator with `useUserFeatures` takes as inputs when trained on
 * `train`: those of `sideFeatures` when given, else of `train`'s own user features; none without either. Throws,
 * naming `owner`, when the feature table's rows do not match `train`'s users.
 */
export function demographicColumns(train: Ratings, sideFeatures?: FeatureTable, owner = "CandidateGenerator"): CategoricalFeature[] {
  return categoricalColumns(sideFeatures ?? train.userFeatures, train.numUsers, owner);
}

/** The YouTube DNN candidate generator (module comment). */
export class CandidateGeneratorModel implements ImplicitModel, CatalogueScorer {
  readonly name: string;
  fittedIndexId: string | undefined = undefined;
  private tower: UserTower | null = null;
  private itemOutput: tf.Variable | null = null;
  private itemBias: tf.Variable | null = null;
  private histories: UserHistories | null = null;
  private columns: CategoricalFeature[] = [];

  constructor(readonly config: CandidateGeneratorConfig, private readonly sideFeatures?: FeatureTable) {
    checkConfig(config);
    this.name = config.name;
  }

  /** Every trainable variable (tower, output embeddings, output biases); empty before fit. */
  variables(): tf.Variable[] {
    return this.tower ? [...this.tower.variables(), this.itemOutput!, this.itemBias!] : [];
  }

  /** Trains by sampled softmax with the log-Q correction (module comment). */
  async fit(train: Ratings, options: ImplicitFitOptions): Promise<TrainingHistory> {
    ensureTfSetup();
    this.dispose();
    if (train.size === 0) throw new RangeError(`${this.name}: the training set is empty`);
    const c = this.config;
    const rng = options.rng;
    const h = buildUserHistories(train, c.recentItems);
    this.histories = h;
    this.columns = c.useUserFeatures ? demographicColumns(train, this.sideFeatures, this.name) : [];
    const hasTime = h.times !== null;
    this.tower = new UserTower({
      numItems: train.numItems, dim: c.dim, layers: c.layers, featureDim: c.featureDim, categories: this.columns.map((col) => col.categories.length),
      recent: h.recent, age: hasTime && c.exampleAge, initStd: c.initStd,
    }, rng);
    // Items without training interactions keep a zero output embedding (they score by their bias alone).
    const trained = Uint8Array.from(h.itemCounts, (x) => (x > 0 ? 1 : 0));
    this.itemOutput = variableFrom(randomNormalTensor([train.numItems, c.dim], c.initStd, rng, trained));
    this.itemBias = variableFrom(tf.zeros([train.numItems]));
    this.fittedIndexId = train.indexId;
    const proposal = proposalFromCounts(h.itemCounts, c.proposalExponent, this.name);
    const optimizer = new FusedAdam(c.learningRate);
    const trainer: EpochTrainer<tf.Tensor[]> = {
      batchesPerEpoch: Math.ceil(train.numUsers / c.batchUsers),
      runEpoch: (order, onBatch) => this.runEpoch(order, onBatch, optimizer, proposal, rng),
      ...variableSnapshots(() => this.variables()),
    };
    try {
      return await runEpochLoop(this.name, trainer, train.numUsers, { rng, progress: options.progress, validator: options.validator }, c);
    } finally {
      optimizer.dispose();
    }
  }

  private runEpoch(order: Uint32Array, onBatch: (done: number) => void, optimizer: FusedAdam, proposal: Proposal, rng: Rng): number {
    const c = this.config;
    const h = this.histories!;
    let total = 0;
    let batches = 0;
    for (let b0 = 0; b0 < order.length; b0 += c.batchUsers) {
      const batch = trainingBatch(h, this.columns, order.subarray(b0, b0 + c.batchUsers), c.targetsPerUser, rng);
      onBatch(++batches);
      if (!batch) continue;
      const drawnArray = drawFromProposal(proposal, c.negatives, rng);
      const drawn = tf.tensor1d(drawnArray, "int32");
      const logQ = c.logQCorrection ? tf.tensor1d(logExpectedCounts(proposal, drawnArray)) : null;
      const loss = optimizer.minimize(() => this.batchLoss(batch.tower, batch.targets, drawn, logQ), this.variables());
      // Summed over the users of the batch, so that the epoch's trainLoss is per user.
      total += loss.dataSync()[0] * Math.min(c.batchUsers, order.length - b0);
      loss.dispose();
      drawn.dispose();
      logQ?.dispose();
      disposeTowerBatch(batch.tower);
      batch.targets.dispose();
    }
    return total;
  }

  /** The training objective of one batch (sampled softmax + optional L2). Call inside tf.tidy / minimize. */
  private batchLoss(tower: Parameters<UserTower["forward"]>[0], targets: tf.Tensor1D, drawn: tf.Tensor1D, logQ: tf.Tensor1D | null): tf.Scalar {
    const u = this.tower!.forward(tower);
    const vt = gatherRows(this.itemOutput!, targets);
    const positive = tf.add(tf.sum(tf.mul(u, vt), 1), gatherRows(this.itemBias!, targets)) as tf.Tensor1D;
    const vd = gatherRows(this.itemOutput!, drawn);
    const negative = tf.add(tf.matMul(u, vd, false, true), tf.expandDims(gatherRows(this.itemBias!, drawn), 0)) as tf.Tensor2D;
    let loss = sampledSoftmaxLoss(positive, negative, targets, drawn, logQ);
    if (this.config.l2 > 0) {
      const penalty = tf.add(tf.mean(tf.sum(tf.square(vt), 1)), tf.mean(tf.sum(tf.square(gatherRows(this.tower!.itemInput, targets)), 1)));
      loss = tf.add(loss, tf.mul(penalty, this.config.l2)) as tf.Scalar;
    }
    return loss;
  }

  /** The user vectors u of `users` at serving time (whole history, example age 0), row-major [users.length, dim]. */
  userVectors(users: Int32Array): Float32Array {
    const h = this.requireFitted("userVectors");
    for (let r = 0; r < users.length; r++) {
      if (!(Number.isInteger(users[r]) && users[r] >= 0 && users[r] < h.numUsers)) throw new RangeError(`${this.name}.userVectors: users[${r}] = ${users[r]} outside [0, ${h.numUsers})`);
    }
    if (users.length === 0) return new Float32Array(0);
    const batch = servingBatch(h, this.columns, users);
    try {
      const u = tf.tidy(() => this.tower!.forward(batch));
      const out = u.dataSync() as Float32Array;
      u.dispose();
      return out;
    } finally {
      disposeTowerBatch(batch);
    }
  }

  /** Number of items scored per user (the training data's numItems); throws before fit. */
  catalogueSize(): number {
    return this.requireFitted("catalogueSize").numItems;
  }

  /** Writes u · v_j + b_j for every item j and each of `users` into `out` (row r at r * numItems). */
  scoreCatalogue(users: Int32Array, out: Float32Array): void {
    const h = this.requireFitted("scoreCatalogue");
    const n = h.numItems;
    if (out.length < users.length * n) throw new RangeError(`${this.name}.scoreCatalogue: out has ${out.length} entries, needs ${users.length} x ${n}`);
    const u = this.userVectors(users);
    if (users.length === 0) return;
    const scores = tf.tidy(() => tf.add(tf.matMul(tf.tensor2d(u, [users.length, this.config.dim]), this.itemOutput!, false, true), tf.expandDims(this.itemBias!, 0)));
    out.set(scores.dataSync() as Float32Array);
    scores.dispose();
  }

  /**
   * Scores of the pairs (users[k], items[k]), shape [n]: the catalogue rows of the distinct users (blocks of 256),
   * so the values are exactly scoreCatalogue's.
   */
  score(users: Int32Array, items: Int32Array): Float32Array {
    const h = this.requireFitted("score");
    const n = h.numItems;
    if (users.length !== items.length) throw new RangeError(`${this.name}.score: users (${users.length}) and items (${items.length}) differ in length`);
    for (let k = 0; k < items.length; k++) {
      if (!(Number.isInteger(items[k]) && items[k] >= 0 && items[k] < n)) throw new RangeError(`${this.name}.score: items[${k}] = ${items[k]} outside [0, ${n})`);
    }
    const distinct = Int32Array.from(new Set(users));
    const row = new Map<number, number>();
    distinct.forEach((u, r) => row.set(u, r));
    const byRow: number[][] = distinct.length > 0 ? Array.from({ length: distinct.length }, () => []) : [];
    for (let k = 0; k < users.length; k++) byRow[row.get(users[k])!].push(k);
    const out = new Float32Array(users.length);
    const blockUsers = 256;
    const block = new Float32Array(Math.min(blockUsers, distinct.length) * n);
    for (let r0 = 0; r0 < distinct.length; r0 += blockUsers) {
      const part = distinct.subarray(r0, r0 + blockUsers);
      this.scoreCatalogue(part, block);
      for (let r = 0; r < part.length; r++) for (const k of byRow[r0 + r]) out[k] = block[r * n + items[k]];
    }
    return out;
  }

  private requireFitted(what: string): UserHistories {
    if (!this.histories || !this.tower) throw new Error(`${this.name}: ${what} called before fit`);
    return this.histories;
  }

  /** Frees the variables and the histories. */
  dispose(): void {
    this.tower?.dispose();
    this.itemOutput?.dispose();
    this.itemBias?.dispose();
    this.tower = null;
    this.itemOutput = null;
    this.itemBias = null;
    this.histories = null;
  }
}

/**
 * Creates a candidate generator; unspecified fields take `defaultCandidateGeneratorConfig`. `sideFeatures`: user
 * features aligned to the training data's users (default: the training data's own userFeatures); its categorical
 * columns become demographic embeddings.
 */
export function createCandidateGenerator(config: Partial<CandidateGeneratorConfig> = {}, sideFeatures?: FeatureTable): CandidateGeneratorModel {
  return new CandidateGeneratorModel({ ...defaultCandidateGeneratorConfig, ...config }, sideFeatures);
}
