/**
 * Sampled-logistic MF's SGD steps on WebAssembly (sampled-logistic-kernels.wat): the same result, bit for bit, as
 * calling `sampledLogisticStep` (sampled-logistic-mf.ts) for each positive and then each of its negatives. The
 * tables are copied into the kernel's memory before each chunk of positives and back after it, so FactorTables
 * stays the model's state (snapshots, scoring); the training pairs are copied in once.
 */
import { sampledLogisticKernels, type SampledLogisticKernels } from "../../backend/wasm/sampled-logistic-kernels";
import type { Ratings } from "../../data/ratings";
import type { FactorTables } from "./factor-tables";
import { PROGRESS_CHUNK } from "./implicit-factor-model";

/** Rounds a byte count up to a multiple of 16 (v128 alignment). */
const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** The kernel's memory for one model: table copies, the training pairs and one chunk of order and negatives. */
export class SampledLogisticArena {
  private readonly kernels: SampledLogisticKernels;
  private readonly at: { P: number; Q: number; UB: number; IB: number; GB: number; users: number; items: number; order: number; neg: number };
  private readonly P: Float32Array;
  private readonly Q: Float32Array;
  private readonly UB: Float32Array;
  private readonly IB: Float32Array;
  private readonly GB: Float32Array;
  private readonly order: Uint32Array;
  private readonly neg: Int32Array;

  /** For `train`'s pairs, tables of `t`'s shape and `n` negatives per positive. */
  constructor(train: Pick<Ratings, "users" | "items" | "size">, t: FactorTables, readonly n: number) {
    const { numUsers, numItems, dim } = t;
    const P = 0;
    const Q = align16(P + 4 * numUsers * dim);
    const UB = align16(Q + 4 * numItems * dim);
    const IB = align16(UB + 4 * numUsers);
    const GB = align16(IB + 4 * numItems);
    const users = align16(GB + 4);
    const items = align16(users + 4 * train.size);
    const order = align16(items + 4 * train.size);
    const neg = align16(order + 4 * PROGRESS_CHUNK);
    const { kernels, memory } = sampledLogisticKernels(neg + 4 * PROGRESS_CHUNK * n);
    const b = memory.buffer;
    this.kernels = kernels;
    this.at = { P, Q, UB, IB, GB, users, items, order, neg };
    this.P = new Float32Array(b, P, numUsers * dim);
    this.Q = new Float32Array(b, Q, numItems * dim);
    this.UB = new Float32Array(b, UB, numUsers);
    this.IB = new Float32Array(b, IB, numItems);
    this.GB = new Float32Array(b, GB, 1);
    new Int32Array(b, users, train.size).set(train.users);
    new Int32Array(b, items, train.size).set(train.items);
    this.order = new Uint32Array(b, order, PROGRESS_CHUNK);
    this.neg = new Int32Array(b, neg, PROGRESS_CHUNK * n);
  }

  /**
   * The steps of positives order[from .. to) (at most PROGRESS_CHUNK of them) and their negatives
   * negatives[t n .. t n + n), on `t` in place at step size `lr` and L2 weight `reg`; returns `loss` plus each
   * step's loss in step order, as the JavaScript loop.
   */
  steps(t: FactorTables, order: Uint32Array, negatives: Int32Array, from: number, to: number, lr: number, reg: number, loss: number): number {
    const count = to - from;
    if (count > PROGRESS_CHUNK) throw new RangeError(`SampledLogisticArena.steps: ${count} positives, more than ${PROGRESS_CHUNK}`);
    const n = this.n;
    this.order.set(order.subarray(from, to));
    this.neg.set(negatives.subarray(from * n, to * n));
    this.P.set(t.userFactors);
    this.Q.set(t.itemFactors);
    this.UB.set(t.userBias);
    this.IB.set(t.itemBias);
    this.GB.set(t.globalBias);
    const at = this.at;
    const out = this.kernels.sampled_logistic_pass(at.P, at.Q, at.UB, at.IB, at.GB, t.dim, at.users, at.items, at.order, at.neg, count, n, lr, reg, loss);
    t.userFactors.set(this.P);
    t.itemFactors.set(this.Q);
    t.userBias.set(this.UB);
    t.itemBias.set(this.IB);
    t.globalBias.set(this.GB);
    return out;
  }
}
