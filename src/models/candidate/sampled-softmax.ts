/**
 * Sampled softmax with the log-Q correction (Bengio and Senécal 2008; Jean et al. 2015), the training objective of
 * the YouTube candidate generator (Covington, Adams and Sargin, "Deep Neural Networks for YouTube
 * Recommendations", RecSys 2016, section 3.2). The exact objective is the softmax over the catalogue,
 *
 *   L = −s_t + log Σ_j exp(s_j),
 *
 * whose normaliser is estimated from k items drawn with replacement from a proposal Q:
 *
 *   L̂ = −s_t + log( exp(s_t) + Σ_{m=1..k, j_m ≠ t} exp(s_{j_m} − log(k Q(j_m))) ).
 *
 * Σ_m exp(s_{j_m}) / (k Q(j_m)) over draws other than t is an unbiased estimate of Σ_{j ≠ t} exp(s_j), so the
 * gradient of L̂ tends to the exact one as k grows; draws equal to the target ("accidental hits") are masked.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../random/rng";

/** A proposal distribution Q over items and a sampler for it. */
export interface Proposal {
  /** Q(j) per item, shape [numItems], summing to 1. */
  readonly probabilities: Float64Array;
  /** Cumulative sums of `probabilities` (last entry 1), for inverse-transform sampling. */
  readonly cumulative: Float64Array;
}

/**
 * Q(j) ∝ count_j^exponent over the items of `counts` (exponent 0: uniform over every item; 0.75: word2vec's
 * smoothed popularity). Throws a RangeError naming `owner` on a negative exponent or an all-zero result.
 */
export function proposalFromCounts(counts: ArrayLike<number>, exponent: number, owner: string): Proposal {
  if (!(Number.isFinite(exponent) && exponent >= 0)) throw new RangeError(`${owner}: the proposal exponent must be a finite number >= 0, got ${exponent}`);
  const n = counts.length;
  const p = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < n; j++) {
    p[j] = exponent === 0 ? 1 : counts[j] > 0 ? Math.pow(counts[j], exponent) : 0;
    total += p[j];
  }
  if (!(total > 0)) throw new RangeError(`${owner}: the proposal has no item with positive probability (${n} items)`);
  const cumulative = new Float64Array(n);
  let run = 0;
  for (let j = 0; j < n; j++) {
    p[j] /= total;
    run += p[j];
    cumulative[j] = run;
  }
  cumulative[n - 1] = 1;
  return { probabilities: p, cumulative };
}

/** `k` items drawn with replacement from `q` by `rng` (inverse transform, binary search). Shape [k]. */
export function drawFromProposal(q: Proposal, k: number, rng: Rng): Int32Array {
  const c = q.cumulative;
  const out = new Int32Array(k);
  for (let m = 0; m < k; m++) {
    const x = rng.next();
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    // Skip zero-probability items that share a cumulative value with their successor.
    while (q.probabilities[lo] === 0 && lo < c.length - 1) lo++;
    out[m] = lo;
  }
  return out;
}

/** log(k Q(j)) for each drawn item j of `drawn` (the correction subtracted from its logit), shape [k]. */
export function logExpectedCounts(q: Proposal, drawn: Int32Array): Float32Array {
  const out = new Float32Array(drawn.length);
  for (let m = 0; m < drawn.length; m++) out[m] = Math.log(drawn.length * q.probabilities[drawn[m]]);
  return out;
}

/**
 * mean_r (logsumexp(z_r) − z_r0) for logits z [N, 1 + k] whose column 0 is the target's, with the gradient
 * (softmax(z) − e_0) / N written out. The forward pass keeps softmax(z) (one exp over [N, 1 + k]: on wasm exp is
 * scalar and cost about 12 ms per call at N = 2048, k = 512, as much again through TF.js's logSumExp and its grad).
 */
function softmaxCrossEntropyFirst(logits: tf.Tensor2D): tf.Scalar {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const z = args[0] as tf.Tensor2D;
    const save = args[1] as tf.GradSaveFunc;
    const n = z.shape[0];
    const shifted = tf.sub(z, tf.max(z, 1, true));
    const e = tf.exp(shifted);
    const sums = tf.sum(e, 1, true);
    const p = tf.div(e, sums);
    save([p]);
    // logsumexp(z) − z_0 = log Σ exp(z − max) − (z_0 − max)
    const first = tf.reshape(tf.slice(shifted, [0, 0], [n, 1]), [n]);
    return {
      value: tf.mean(tf.sub(tf.reshape(tf.log(sums), [n]), first)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [ps] = saved;
        const onehot = tf.oneHot(tf.zeros([n], "int32") as tf.Tensor1D, ps.shape[1]!);
        return tf.mul(tf.sub(ps, onehot), tf.div(dy, n));
      },
    };
  });
  return f(logits) as tf.Scalar;
}

/**
 * The offsets added to the draws' logits, shape [N, k] row-major: −log(k Q(j_m)) (0 without correction) and −1e9
 * where draw m equals row r's target (an accidental hit, masked). Built on typed arrays: comparing the targets with
 * the draws through TF.js (a broadcast equal) took about 190 ms per batch of 2048 x 512 on wasm.
 */
export function drawOffsets(targets: ArrayLike<number>, drawn: ArrayLike<number>, logQ: ArrayLike<number> | null): Float32Array {
  const n = targets.length;
  const k = drawn.length;
  const out = new Float32Array(n * k);
  const positions = new Map<number, number[]>();
  for (let m = 0; m < k; m++) {
    const at = positions.get(drawn[m]);
    if (at) at.push(m);
    else positions.set(drawn[m], [m]);
  }
  if (logQ) {
    if (logQ.length !== k) throw new RangeError(`drawOffsets: logQ has ${logQ.length} entries, drawn has ${k}`);
    const row = Float32Array.from(logQ, (x) => -x);
    for (let r = 0; r < n; r++) out.set(row, r * k);
  }
  for (let r = 0; r < n; r++) {
    const at = positions.get(targets[r]);
    if (at) for (const m of at) out[r * k + m] = -1e9;
  }
  return out;
}

/**
 * The mean over examples of L̂ (module comment). `positive` [N]: s_t; `negative` [N, k]: s_j of the k draws
 * (shared by the examples); `targets` [N] (int32) and `drawn` [k] (int32) mark accidental hits; `logQ` [k]:
 * log(k Q(j)), or null for no correction (plain sampled softmax, biased towards the proposal). Call inside tf.tidy.
 * The offsets (drawOffsets) are computed on the CPU from the (small) targets, draws and logQ.
 */
export function sampledSoftmaxLoss(positive: tf.Tensor1D, negative: tf.Tensor2D, targets: tf.Tensor1D, drawn: tf.Tensor1D, logQ: tf.Tensor1D | null): tf.Scalar {
  const offsets = drawOffsets(targets.dataSync(), drawn.dataSync(), logQ ? logQ.dataSync() : null);
  const corrected = tf.add(negative, tf.tensor2d(offsets, negative.shape));
  return softmaxCrossEntropyFirst(tf.concat([tf.expandDims(positive, 1), corrected], 1) as tf.Tensor2D);
}
