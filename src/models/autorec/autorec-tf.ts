/**
 * AutoRec written plainly in TensorFlow.js over dense masked matrices (Sedhain et al., WWW 2015), small enough to
 * read: h(r) = W g(V r + μ) + b for every row of a [rows, m] rating matrix at once, and the masked objective
 * Σ ||(R - h(R)) ⊙ M||² + (λ/2)(||W||²_F + ||V||²_F). It costs rows x m x k per pass, so it is for small data,
 * for checking the sparse typed-array kernel (autorec-kernel.ts) and for a notebook's build-it-yourself cell.
 */
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../backend/tf";
import type { AutoRecParams } from "./autorec-params";
import type { SparseRows } from "../../data/rating-matrix";

/** AutoRec's parameters as tensors (layouts of AutoRecParams: Vᵀ and W are both [m, k]). */
export interface AutoRecTensors {
  /** Vᵀ: encoder weights, [m, k]. */
  encoder: tf.Tensor2D;
  /** μ: hidden bias, [k]. */
  encoderBias: tf.Tensor1D;
  /** W: decoder weights, [m, k]. */
  decoder: tf.Tensor2D;
  /** b: output bias, [m]. */
  decoderBias: tf.Tensor1D;
}

/** Copies typed-array parameters into new tensors (the caller disposes them). */
export function autoRecTensors(p: AutoRecParams): AutoRecTensors {
  ensureTfSetup();
  return {
    encoder: tf.tensor2d(p.encoder.slice(), [p.numCols, p.hidden]),
    encoderBias: tf.tensor1d(p.encoderBias.slice()),
    decoder: tf.tensor2d(p.decoder.slice(), [p.numCols, p.hidden]),
    decoderBias: tf.tensor1d(p.decoderBias.slice()),
  };
}

/** The rows as dense [rows, m] ratings (0 where unobserved) and 0/1 mask tensors (the caller disposes them). */
export function denseRowTensors(rows: SparseRows): { ratings: tf.Tensor2D; mask: tf.Tensor2D } {
  ensureTfSetup();
  const values = new Float32Array(rows.rows * rows.cols);
  const mask = new Float32Array(values.length);
  for (let row = 0; row < rows.rows; row++) {
    for (let q = rows.offsets[row]; q < rows.offsets[row + 1]; q++) {
      values[row * rows.cols + rows.indices[q]] = rows.values[q];
      mask[row * rows.cols + rows.indices[q]] = 1;
    }
  }
  const shape: [number, number] = [rows.rows, rows.cols];
  return { ratings: tf.tensor2d(values, shape), mask: tf.tensor2d(mask, shape) };
}

/** h(R ⊙ M) for every row: sigmoid((R ⊙ M) Vᵀᵀ + μ) Wᵀ + b, shape [rows, m]; unobserved inputs count as 0. */
export function reconstructTf(t: AutoRecTensors, ratings: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const hidden = tf.sigmoid(tf.add(tf.matMul(tf.mul(ratings, mask), t.encoder), t.encoderBias));
    return tf.add(tf.matMul(hidden, t.decoder, false, true), t.decoderBias) as tf.Tensor2D;
  });
}

/** The masked objective Σ ||(R - h(R)) ⊙ M||² + (reg/2)(||W||² + ||V||²): only observed entries count. */
export function autoRecLossTf(t: AutoRecTensors, ratings: tf.Tensor2D, mask: tf.Tensor2D, reg: number): tf.Scalar {
  return tf.tidy(() => {
    const error = tf.mul(tf.sub(ratings, reconstructTf(t, ratings, mask)), mask);
    const penalty = tf.add(tf.sum(tf.square(t.encoder)), tf.sum(tf.square(t.decoder)));
    return tf.add(tf.sum(tf.square(error)), tf.mul(reg / 2, penalty)) as tf.Scalar;
  });
}

/** Result of `trainAutoRecTf`: the trained parameters (the caller disposes them) and the objective per step. */
export interface AutoRecTfRun {
  tensors: AutoRecTensors;
  /** The masked objective before each step. Length `steps`. */
  losses: number[];
}

/**
 * Trains AutoRec the plain TF.js way, for a build-it-yourself cell on small data: `steps` full-batch Adam steps
 * (tf.train.adam at `learningRate`) on the dense masked objective of `rows`, from `initial` (copied; e.g.
 * `autoRecTensors` of seeded AutoRecParams). Costs rows x m x k per step: keep rows x m small (ml-latest-small
 * I-AutoRec is 9,742 x 610).
 */
export function trainAutoRecTf(rows: SparseRows, initial: AutoRecTensors, reg: number, learningRate: number, steps: number): AutoRecTfRun {
  ensureTfSetup();
  if (!(Number.isInteger(steps) && steps >= 1)) throw new RangeError(`trainAutoRecTf: steps must be an integer >= 1, got ${steps}`);
  const { ratings, mask } = denseRowTensors(rows);
  const vars = {
    encoder: tf.variable(initial.encoder) as tf.Variable<tf.Rank.R2>,
    encoderBias: tf.variable(initial.encoderBias) as tf.Variable<tf.Rank.R1>,
    decoder: tf.variable(initial.decoder) as tf.Variable<tf.Rank.R2>,
    decoderBias: tf.variable(initial.decoderBias) as tf.Variable<tf.Rank.R1>,
  };
  const optimizer = tf.train.adam(learningRate);
  const losses: number[] = [];
  try {
    for (let s = 0; s < steps; s++) {
      const loss = optimizer.minimize(() => autoRecLossTf(vars, ratings, mask, reg), true, Object.values(vars));
      losses.push(loss!.dataSync()[0]);
      loss!.dispose();
    }
  } finally {
    optimizer.dispose();
    tf.dispose([ratings, mask]);
  }
  return { tensors: vars, losses };
}
