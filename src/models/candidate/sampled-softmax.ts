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
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { wasmExpf } from "../../backend/wasm-exp";
import { candidateKernels, heapOffset } from "../../backend/wasm/candidate-kernels";
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
 * How the backend's own kernels compute exp and a row sum, so that the fused loop below gives their bits: on wasm
 * `Exp` is musl's expf (wasmExpf) and `Sum` adds a row in order in float32; on cpu `Exp` is Math.exp rounded to
 * float32 and `Sum` adds a row in order in binary64, rounded once.
 */
interface BackendArithmetic {
  exp: (x: number) => number;
  float32Sums: boolean;
}

function backendArithmetic(): BackendArithmetic {
  return tf.getBackend() === "wasm" ? { exp: wasmExpf, float32Sums: true } : { exp: (x) => Math.fround(Math.exp(x)), float32Sums: false };
}

/**
 * mean_r (logsumexp(z_r) − z_r0) for the logits z_r = [positive_r, negative_r + offsets_r] ([N, 1 + k]): fills
 * `probabilities` (softmax(z_r), [N, 1 + k]), `sums` (Σ exp(z_r − max_r), [N]) and `first` (z_r0 − max_r, [N]). One
 * pass per row, every operation rounded to float32 as the backend's kernels round it (max, z − max, exp, a row sum
 * in order, e / Σ): the bits of the TF.js composition (concat, max, sub, exp, sum, div) it replaced. On wasm the
 * same loop runs in candidate-kernels.wat; this is the other backends' path and the kernel's reference. Together
 * with the concat, split, one-hot and the copies TF.js makes of saved tensors that the fused head avoids, this took
 * a training step of the notebook's generator on ml-latest-small (N ≈ 2048, k = 512) from about 144 to 102 ms.
 */
export function softmaxFirstRows(positive: Float32Array, negative: Float32Array, offsets: Float32Array, k: number, probabilities: Float32Array, sums: Float32Array, first: Float32Array): void {
  const n = positive.length;
  const w = k + 1;
  if (negative.length !== n * k || offsets.length !== n * k || probabilities.length !== n * w || sums.length !== n || first.length !== n) {
    throw new RangeError(`softmaxFirstRows: sizes ${positive.length}, ${negative.length}, ${offsets.length}, ${probabilities.length}, ${sums.length}, ${first.length} do not fit N = ${n}, k = ${k}`);
  }
  const { exp, float32Sums } = backendArithmetic();
  const fround = Math.fround;
  for (let r = 0; r < n; r++) {
    const at = r * k;
    const pAt = r * w;
    let max = positive[r];
    for (let m = 0; m < k; m++) {
      const z = fround(negative[at + m] + offsets[at + m]);
      probabilities[pAt + 1 + m] = z;
      if (z > max) max = z;
    }
    const z0 = fround(positive[r] - max);
    first[r] = z0;
    const e0 = exp(z0);
    probabilities[pAt] = e0;
    let sum = e0;
    if (float32Sums) {
      for (let m = 1; m <= k; m++) {
        const e = exp(fround(probabilities[pAt + m] - max));
        probabilities[pAt + m] = e;
        sum = fround(sum + e);
      }
    } else {
      for (let m = 1; m <= k; m++) {
        const e = exp(fround(probabilities[pAt + m] - max));
        probabilities[pAt + m] = e;
        sum += e;
      }
      sum = fround(sum);
    }
    sums[r] = sum;
    for (let m = 0; m <= k; m++) probabilities[pAt + m] = fround(probabilities[pAt + m] / sum);
  }
}

/** The forward pass's tensors: softmax rows [N, 1 + k], Σ exp(z − max) [N] and z_0 − max [N]. */
interface HeadRows {
  probabilities: tf.Tensor2D;
  sums: tf.Tensor1D;
  first: tf.Tensor1D;
}

/** softmaxFirstRows on the wasm heap (candidate-kernels.wat), or in JavaScript on other backends. */
function headRows(positive: tf.Tensor1D, negative: tf.Tensor2D, targets: tf.Tensor1D, drawn: tf.Tensor1D, logQ: tf.Tensor1D | null): HeadRows {
  const n = positive.shape[0];
  const k = negative.shape[1];
  if (negative.shape[0] !== n || targets.size !== n || drawn.size !== k || (logQ && logQ.size !== k)) {
    throw new RangeError(`sampledSoftmaxLoss: positive [${positive.shape}], negative [${negative.shape}], targets [${targets.shape}], drawn [${drawn.shape}]${logQ ? `, logQ [${logQ.shape}]` : ""} do not fit N rows and k draws`);
  }
  const kernels = candidateKernels();
  if (kernels && targets.dtype === "int32" && drawn.dtype === "int32") {
    const wasm = tf.backend() as BackendWasm;
    const negLogQ = logQ ? tf.neg(logQ) : tf.zeros([k]);
    const engine = tf.engine();
    const probabilities = engine.makeTensorFromTensorInfo(wasm.makeOutput([n, k + 1], "float32")) as tf.Tensor2D;
    const sums = engine.makeTensorFromTensorInfo(wasm.makeOutput([n], "float32")) as tf.Tensor1D;
    const first = engine.makeTensorFromTensorInfo(wasm.makeOutput([n], "float32")) as tf.Tensor1D;
    kernels.exports.softmax_first_rows(heapOffset(positive), heapOffset(negative), heapOffset(targets), heapOffset(drawn), heapOffset(negLogQ),
      n, k, heapOffset(probabilities), heapOffset(sums), heapOffset(first), heapOffset(kernels.table));
    negLogQ.dispose();
    return { probabilities, sums, first };
  }
  const offsets = drawOffsets(targets.dataSync(), drawn.dataSync(), logQ ? logQ.dataSync() : null);
  const probabilities = new Float32Array(n * (k + 1));
  const sums = new Float32Array(n);
  const first = new Float32Array(n);
  softmaxFirstRows(positive.dataSync() as Float32Array, negative.dataSync() as Float32Array, offsets, k, probabilities, sums, first);
  return { probabilities: tf.tensor2d(probabilities, [n, k + 1]), sums: tf.tensor1d(sums), first: tf.tensor1d(first) };
}

/** The gradient (p − e_0) · scale of softmax rows [N, 1 + k], split into the positive's column [N] and the rest [N, k]. */
function headGradient(probabilities: tf.Tensor2D, scale: number): [tf.Tensor1D, tf.Tensor2D] {
  const [n, w] = probabilities.shape;
  const k = w - 1;
  const kernels = candidateKernels();
  if (kernels) {
    const wasm = tf.backend() as BackendWasm;
    const engine = tf.engine();
    const gPos = engine.makeTensorFromTensorInfo(wasm.makeOutput([n], "float32")) as tf.Tensor1D;
    const gNeg = engine.makeTensorFromTensorInfo(wasm.makeOutput([n, k], "float32")) as tf.Tensor2D;
    kernels.exports.softmax_first_grad(heapOffset(probabilities), n, k, scale, heapOffset(gPos), heapOffset(gNeg));
    return [gPos, gNeg];
  }
  const p = probabilities.dataSync() as Float32Array;
  const gPos = new Float32Array(n);
  const gNeg = new Float32Array(n * k);
  for (let r = 0; r < n; r++) {
    gPos[r] = Math.fround(p[r * w] - 1) * scale;
    for (let m = 0; m < k; m++) gNeg[r * k + m] = p[r * w + 1 + m] * scale;
  }
  return [tf.tensor1d(gPos), tf.tensor2d(gNeg, [n, k])];
}

/**
 * The mean over rows of logsumexp([positive_r, negative_r + offsets_r]) − positive_r (offsets: drawOffsets of
 * targets, drawn and logQ), with its gradient written out: (softmax − e_0) · dy / N, split into the positive's
 * column and the negatives' (the offsets are constants). The value goes through tf.log, tf.sub and tf.mean on [N].
 */
function softmaxCrossEntropyFirst(positive: tf.Tensor1D, negative: tf.Tensor2D, targets: tf.Tensor1D, drawn: tf.Tensor1D, logQ: tf.Tensor1D | null): tf.Scalar {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const pos = args[0] as tf.Tensor1D;
    const save = args[2] as tf.GradSaveFunc;
    const n = pos.shape[0];
    const rows = headRows(pos, args[1] as tf.Tensor2D, targets, drawn, logQ);
    save([rows.probabilities]);
    return {
      // logsumexp(z) − z_0 = log Σ exp(z − max) − (z_0 − max)
      value: tf.mean(tf.sub(tf.log(rows.sums), rows.first)),
      // dy / N rounded to float32 as tf.div rounds it.
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => headGradient(saved[0] as tf.Tensor2D, Math.fround((dy.dataSync() as Float32Array)[0] / n)),
    };
  });
  return f(positive, negative) as tf.Scalar;
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
 * The head is fused (softmaxFirstRows: on wasm in candidate-kernels.wat, elsewhere in JavaScript), with the bits of
 * the TF.js composition it replaced (a test compares them).
 */
export function sampledSoftmaxLoss(positive: tf.Tensor1D, negative: tf.Tensor2D, targets: tf.Tensor1D, drawn: tf.Tensor1D, logQ: tf.Tensor1D | null): tf.Scalar {
  return softmaxCrossEntropyFirst(positive, negative, targets, drawn, logQ);
}
