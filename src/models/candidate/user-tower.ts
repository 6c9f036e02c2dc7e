/**
 * The user tower of the YouTube candidate generator (Covington et al. 2016, figure 3): the mean input embedding
 * of the history bag, the mean of the most recent items, one embedding per categorical user feature and the
 * example age, concatenated and passed through ReLU layers and a linear layer of width `dim` (the user vector u).
 * Variables are drawn from the injected Rng.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../random/rng";
import { glorotUniformTensor, randomNormalTensor, variableFrom } from "../random-init";

/** The inputs of one batch of tower rows, as int32 / float32 tensors (built on the CPU per batch). */
export interface TowerBatch {
  /** Items of the history bags of the batch's users, concatenated, shape [nnz]. */
  bagItems: tf.Tensor1D;
  /** Local user (0..B-1) of each entry of bagItems, shape [nnz]. */
  bagSegments: tf.Tensor1D;
  /** Number of local users B. */
  users: number;
  /** Local user of each row, shape [N]. */
  rowUser: tf.Tensor1D;
  /** Item removed from each row's bag (its training target), or null at serving (nothing removed). */
  removed: tf.Tensor1D | null;
  /** 1 / (bag size after removal) per row (0 for an empty bag), shape [N, 1]. */
  bagScale: tf.Tensor2D;
  /** Recent items per row, shape [N * recent] (empty when the tower has no recent input). */
  recentItems: tf.Tensor1D;
  /** Their weights (1/count, 0 on padding), shape [N, recent, 1]. */
  recentWeights: tf.Tensor3D;
  /** Feature code + 1 (0: missing) per categorical column, each shape [N]. */
  codes: tf.Tensor1D[];
  /** Example age in years per row, shape [N, 1] (0 at serving); ignored when the tower has no age input. */
  age: tf.Tensor2D;
}

/** Sizes of the tower's inputs and layers. */
export interface TowerShape {
  numItems: number;
  dim: number;
  layers: readonly number[];
  featureDim: number;
  /** Number of categories per categorical column. */
  categories: readonly number[];
  recent: number;
  age: boolean;
  initStd: number;
}

/**
 * Σ of the rows `items` of `table` per segment, shape [segments, dim], with its gradient written out as the
 * scatter-add of the gathered output gradient into the table's rows. TF.js's own gradient of unsortedSegmentSum
 * goes through a broadcast logicalAnd over [nnz, dim] that took about 70 ms per batch of 64 ml-1m users on wasm.
 */
export function bagSums(table: tf.Variable, items: tf.Tensor1D, segments: tf.Tensor1D, count: number): tf.Tensor2D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const t = args[0] as tf.Tensor2D;
    return {
      value: tf.unsortedSegmentSum(tf.gather(t, items), segments, count),
      gradFunc: (dy: tf.Tensor) => tf.unsortedSegmentSum(tf.gather(dy, segments), items, t.shape[0]),
    };
  });
  return f(table) as tf.Tensor2D;
}

/**
 * tf.gather(table, indices) along axis 0, with TF.js's gradient written out: the scatter-add of the output
 * gradient's rows into the table's rows (unsortedSegmentSum, which is what TF.js's gradient of gather computes, there
 * between two transposes by the identity permutation). The same values and gradients to the bit, without the copy of
 * the whole table TF.js's tape keeps for gather's gradient (it saves the input only to read its shape: 2.5 MB per
 * lookup of a 9,724 x 64 table) and without those transposes.
 */
export function gatherRows(table: tf.Tensor, indices: tf.Tensor1D): tf.Tensor {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const t = args[0] as tf.Tensor;
    return {
      value: tf.gather(t, indices),
      gradFunc: (dy: tf.Tensor) => tf.unsortedSegmentSum(dy, indices, t.shape[0]),
    };
  });
  return f(table) as tf.Tensor;
}

/** The tower's variables and forward pass. */
export class UserTower {
  /** Input item embeddings, [numItems, dim]. */
  readonly itemInput: tf.Variable;
  readonly featureTables: tf.Variable[];
  readonly weights: tf.Variable[] = [];
  readonly biases: tf.Variable[] = [];

  constructor(readonly shape: TowerShape, rng: Rng) {
    this.itemInput = variableFrom(randomNormalTensor([shape.numItems, shape.dim], shape.initStd, rng));
    this.featureTables = shape.categories.map((c) => variableFrom(randomNormalTensor([c + 1, shape.featureDim], shape.initStd, rng)));
    let width = shape.dim + (shape.recent > 0 ? shape.dim : 0) + shape.categories.length * shape.featureDim + (shape.age ? 1 : 0);
    for (const out of [...shape.layers, shape.dim]) {
      this.weights.push(variableFrom(glorotUniformTensor(width, out, rng)));
      this.biases.push(variableFrom(tf.zeros([out])));
      width = out;
    }
  }

  /** Every trainable variable of the tower. */
  variables(): tf.Variable[] {
    return [this.itemInput, ...this.featureTables, ...this.weights, ...this.biases];
  }

  /**
   * The mean input embedding of each row's bag, shape [N, dim]: the user's summed history minus the row's
   * removed item (its training target), times bagScale. Call inside tf.tidy.
   */
  bagMeans(b: TowerBatch): tf.Tensor2D {
    const sums = bagSums(this.itemInput, b.bagItems, b.bagSegments, b.users);
    let bag = tf.gather(sums, b.rowUser) as tf.Tensor2D;
    if (b.removed) bag = tf.sub(bag, gatherRows(this.itemInput, b.removed));
    return tf.mul(bag, b.bagScale);
  }

  /** The user vectors u of the batch's rows, shape [N, dim]. Call inside tf.tidy. */
  forward(b: TowerBatch): tf.Tensor2D {
    const parts: tf.Tensor2D[] = [this.bagMeans(b)];
    const n = b.rowUser.shape[0];
    if (this.shape.recent > 0) {
      const rows = tf.reshape(gatherRows(this.itemInput, b.recentItems), [n, this.shape.recent, this.shape.dim]);
      parts.push(tf.sum(tf.mul(rows, b.recentWeights), 1) as tf.Tensor2D);
    }
    this.featureTables.forEach((t, c) => parts.push(gatherRows(t, b.codes[c]) as tf.Tensor2D));
    if (this.shape.age) parts.push(b.age);
    let x = parts.length === 1 ? parts[0] : tf.concat(parts, 1);
    const last = this.weights.length - 1;
    for (let l = 0; l <= last; l++) {
      const z = tf.add(tf.matMul(x, this.weights[l]), this.biases[l]) as tf.Tensor2D;
      x = l < last ? tf.relu(z) : z;
    }
    return x;
  }

  /** Frees the variables. */
  dispose(): void {
    this.variables().forEach((v) => v.dispose());
  }
}
