/**
 * The Wide & Deep network and its joint training step (Cheng et al. 2016, eq. 3):
 *
 *   logit(u, i) = w_wideᵀ [x, φ(x)] + w_deepᵀ a(l_f) + b,
 *
 * where x are the wide part's one-hot features and φ(x) their crosses (wide-features.ts; b is the always-on
 * bias feature), and a(l_f) the last ReLU layer of the deep tower over the ID and side-feature embeddings
 * (the MLP branch, mlp-branch.ts). Both parts get the gradient of one loss through the shared logit: the deep
 * part by TF.js autodiff with AdaGrad on the mean batch loss; the wide part from dL/dlogit in typed arrays with
 * FTRL-Proximal (ftrl-proximal.ts) on the batch's summed per-example gradients (the B online steps of the paper's
 * per-example FTRL collapsed into one; FTRL's per-coordinate rates make the scale of the gradient matter only
 * through β and the penalties, which are per example). With `evidenceBuckets` > 0 the linear part also holds the
 * coordinates of external per-pair evidence (pair-evidence.ts): one weight per bucket (one-hot) and one for the
 * evidence value (the feature is the value itself), in every variant, like the bias. Losses: "mse" with output offset + logit (rating
 * prediction, half the squared error) or "logistic" (log loss of sigmoid(logit) against 0/1 labels).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import { MlpBranch } from "../mlp-branch";
import { glorotUniformTensor, variableFrom } from "../random-init";
import { FtrlProximal, type FtrlSnapshot } from "./ftrl-proximal";
import type { PairEvidence } from "./pair-evidence";
import type { WideDeepConfig } from "./wide-deep-config";
import { WideFeatureSpace } from "./wide-features";

/** The loss of the shared output. */
export type WideDeepLoss = "mse" | "logistic";

/** Parameters saved for early stopping. */
export interface WideDeepSnapshot {
  wide: FtrlSnapshot;
  deep: tf.Tensor[];
}

/** Pairs scored per TF.js call when predicting. */
const CHUNK = 8192;

/** A Wide & Deep network over one index space; dispose it to free its tensors. */
export class WideDeepNet {
  /** The wide part's feature space (bias only when parts is "deep"). */
  readonly space: WideFeatureSpace;
  /** FTRL state of the wide weights. */
  readonly ftrl: FtrlProximal;
  private readonly branch: MlpBranch | null;
  private readonly outKernel: tf.Variable | null;
  private readonly optimizer: tf.Optimizer | null;
  private readonly grads: Float64Array;
  private readonly touched: Int32Array;
  private readonly mark: Uint8Array;
  /** First coordinate of the evidence weights (buckets, then the value), = space.size. */
  private readonly evidenceBase: number;
  /** The evidence looked up for every pair trained or scored; must be set when evidenceBuckets > 0. */
  evidence: PairEvidence | null = null;

  /** Builds both parts for `train`'s index space; `offset` is added to the logit ("mse": the training mean). */
  constructor(readonly config: WideDeepConfig, train: Ratings, rng: Rng, readonly loss: WideDeepLoss, readonly offset: number, owner: string, readonly evidenceBuckets = 0) {
    if (!(Number.isInteger(evidenceBuckets) && evidenceBuckets >= 0)) throw new RangeError(`${owner}: evidenceBuckets must be an integer >= 0, got ${evidenceBuckets}`);
    const wide = config.parts !== "deep";
    this.space = new WideFeatureSpace(train, wide ? config.wide : { ids: false, sideFeatures: false, crosses: false });
    this.evidenceBase = this.space.size;
    const size = this.space.size + (evidenceBuckets > 0 ? evidenceBuckets + 1 : 0);
    this.ftrl = new FtrlProximal(size, config.wide.ftrl, `${owner}.wide.ftrl`);
    this.grads = new Float64Array(size);
    this.touched = new Int32Array(size);
    this.mark = new Uint8Array(size);
    if (config.parts !== "wide") {
      this.branch = new MlpBranch(config.deep, train, rng, `${owner}.deep`);
      this.outKernel = variableFrom(glorotUniformTensor(this.branch.outputWidth, 1, rng));
      this.optimizer = tf.train.adagrad(config.deep.learningRate, config.deep.initialAccumulator);
    } else {
      this.branch = null;
      this.outKernel = null;
      this.optimizer = null;
    }
  }

  /** The deep part's trainable variables (empty without a deep part). */
  deepVariables(): tf.Variable[] {
    return this.branch ? [...this.branch.variables(), this.outKernel!] : [];
  }

  /** The wide logits of pairs (users[k], items[k]) with the evidence terms, shape [n]. */
  wideLogits(users: Int32Array, items: Int32Array): Float64Array {
    const out = new Float64Array(users.length);
    this.space.logits(this.ftrl.w, users, items, out);
    const ev = this.lookupEvidence(users, items);
    if (ev) {
      const w = this.ftrl.w, base = this.evidenceBase, vw = w[base + this.evidenceBuckets];
      for (let k = 0; k < out.length; k++) out[k] += w[base + ev.bucket[k]] + vw * ev.value[k];
    }
    return out;
  }

  /** The evidence of the pairs (null without evidence coordinates); checks buckets and values. */
  private lookupEvidence(users: Int32Array, items: Int32Array): { bucket: Int32Array; value: Float32Array } | null {
    if (this.evidenceBuckets === 0) return null;
    const e = this.evidence;
    if (!e) throw new Error("WideDeepNet: evidence must be set (the network was built with evidence coordinates)");
    if (e.buckets !== this.evidenceBuckets) throw new RangeError(`WideDeepNet: the evidence has ${e.buckets} buckets, the network ${this.evidenceBuckets}`);
    const bucket = new Int32Array(users.length), value = new Float32Array(users.length);
    e.lookup(users, items, bucket, value);
    for (let k = 0; k < users.length; k++) {
      if (!(bucket[k] >= 0 && bucket[k] < e.buckets) || !Number.isFinite(value[k])) throw new RangeError(`WideDeepNet: evidence of pair ${k} (user ${users[k]}, item ${items[k]}) is bucket ${bucket[k]}, value ${value[k]}`);
    }
    return { bucket: bucket, value: value };
  }

  /** The deep part's logit w_deepᵀ a(l_f) for a batch (inside tf.tidy or a gradient tape), with its penalty. */
  private deepForward(u: tf.Tensor1D, i: tf.Tensor1D): { logit: tf.Tensor1D; penalty: tf.Scalar } {
    const out = this.branch!.forward(u, i);
    return { logit: tf.reshape(tf.matMul(out.hidden, this.outKernel!), [-1]) as tf.Tensor1D, penalty: out.penalty };
  }

  /** offset + logit of every pair (the model's output before the sigmoid), shape [n]. */
  outputs(users: Int32Array, items: Int32Array): Float32Array {
    const wide = this.wideLogits(users, items);
    const out = new Float32Array(users.length);
    for (let k = 0; k < out.length; k++) out[k] = this.offset + wide[k];
    if (!this.branch) return out;
    for (let from = 0; from < users.length; from += CHUNK) {
      const to = Math.min(from + CHUNK, users.length);
      const deep = tf.tidy(() => this.deepForward(tf.tensor1d(users.subarray(from, to), "int32"), tf.tensor1d(items.subarray(from, to), "int32")).logit);
      const d = deep.dataSync();
      deep.dispose();
      for (let k = from; k < to; k++) out[k] += d[k - from];
    }
    return out;
  }

  /**
   * One joint step on a batch: targets are ratings ("mse") or 0/1 labels ("logistic"). Returns the batch's summed
   * data loss (half squared error or log loss, penalties excluded).
   */
  trainBatch(users: Int32Array, items: Int32Array, targets: Float32Array): number {
    const b = users.length;
    const wide = this.wideLogits(users, items);
    const logit = new Float64Array(b);
    if (this.branch) {
      let kept: tf.Tensor | null = null;
      const inputs = [tf.tensor1d(users, "int32"), tf.tensor1d(items, "int32"), tf.tensor1d(Float32Array.from(wide, (w) => w + this.offset)), tf.tensor1d(targets)] as const;
      const { value, grads } = tf.variableGrads(() => {
        const d = this.deepForward(inputs[0], inputs[1]);
        const z = tf.add(d.logit, inputs[2]);
        kept = tf.keep(z);
        const data = this.loss === "mse"
          ? tf.mul(0.5, tf.mean(tf.square(tf.sub(z, inputs[3]))))
          : tf.mean(tf.add(tf.sub(tf.relu(z), tf.mul(z, inputs[3])), tf.log1p(tf.exp(tf.neg(tf.abs(z))))));
        return tf.addN([data, tf.div(tf.mul(0.5, d.penalty), b), tf.mul(0.5, this.branch!.weightPenalty())]) as tf.Scalar;
      }, this.deepVariables());
      this.optimizer!.applyGradients(grads);
      const z = (kept as unknown as tf.Tensor).dataSync();
      for (let k = 0; k < b; k++) logit[k] = z[k] - this.offset;
      value.dispose();
      (kept as unknown as tf.Tensor).dispose();
      for (const g of Object.values(grads)) g.dispose();
      for (const t of inputs) t.dispose();
    } else {
      logit.set(wide);
    }
    return this.wideStep(users, items, targets, logit);
  }

  /** dL/dlogit per example, summed into the wide coordinates, then one FTRL step; returns the summed data loss. */
  private wideStep(users: Int32Array, items: Int32Array, targets: Float32Array, logit: Float64Array): number {
    const buf = new Int32Array(this.space.maxActive + 2);
    const ev = this.lookupEvidence(users, items);
    let count = 0;
    let loss = 0;
    for (let k = 0; k < users.length; k++) {
      const z = logit[k];
      let g: number;
      if (this.loss === "mse") {
        g = this.offset + z - targets[k];
        loss += 0.5 * g * g;
      } else {
        const p = 1 / (1 + Math.exp(-z));
        g = p - targets[k];
        loss += Math.max(z, 0) - z * targets[k] + Math.log1p(Math.exp(-Math.abs(z)));
      }
      let n = this.space.active(users[k], items[k], buf);
      if (ev) { buf[n++] = this.evidenceBase + ev.bucket[k]; buf[n++] = this.evidenceBase + this.evidenceBuckets; }
      for (let a = 0; a < n; a++) {
        const i = buf[a];
        if (!this.mark[i]) {
          this.mark[i] = 1;
          this.grads[i] = 0;
          this.touched[count++] = i;
        }
        this.grads[i] += ev && a === n - 1 ? g * ev.value[k] : g;
      }
    }
    this.ftrl.step(this.touched, count, this.grads);
    for (let k = 0; k < count; k++) this.mark[this.touched[k]] = 0;
    return loss;
  }

  /** A copy of both parts' parameters. */
  snapshot(): WideDeepSnapshot {
    return { wide: this.ftrl.snapshot(), deep: this.deepVariables().map((v) => tf.clone(v)) };
  }

  /** Puts a snapshot back. */
  restore(s: WideDeepSnapshot): void {
    this.ftrl.restore(s.wide);
    this.deepVariables().forEach((v, k) => v.assign(s.deep[k]));
  }

  /** Frees a snapshot's tensors. */
  release(s: WideDeepSnapshot): void {
    s.deep.forEach((t) => t.dispose());
  }

  /** Frees every tensor. */
  dispose(): void {
    this.branch?.dispose();
    this.outKernel?.dispose();
    this.optimizer?.dispose();
  }
}
