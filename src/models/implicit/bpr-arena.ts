/**
 * BPR-MF's SGD steps on WebAssembly (bpr-kernels.wat): the same result, bit for bit, as calling `bprStep`
 * (bpr-mf.ts) for each positive's negatives in order. The tables are copied into the kernel's memory before each
 * chunk of positives and back after it, so FactorTables stays the model's state; the training pairs are copied
 * in once.
 */
import { bprKernels, type BprKernels } from "../../backend/wasm/bpr-kernels";
import type { Ratings } from "../../data/ratings";
import type { BprRegs } from "./bpr-mf";
import type { FactorTables } from "./factor-tables";
import { PROGRESS_CHUNK } from "./implicit-factor-model";

/** Rounds a byte count up to a multiple of 16 (v128 alignment). */
const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** The kernel's memory for one model: table copies, the training pairs and one chunk of order and negatives. */
export class BprArena {
  private readonly kernels: BprKernels;
  private readonly at: { W: number; H: number; Bi: number; users: number; items: number; order: number; neg: number };
  private readonly W: Float32Array;
  private readonly H: Float32Array;
  private readonly Bi: Float32Array;
  private readonly order: Uint32Array;
  private readonly neg: Int32Array;

  /** For `train`'s pairs, tables of `t`'s shape and `n` negatives per positive. */
  constructor(train: Pick<Ratings, "users" | "items" | "size">, t: FactorTables, readonly n: number) {
    const { numUsers, numItems, dim } = t;
    const W = 0;
    const H = align16(W + 4 * numUsers * dim);
    const Bi = align16(H + 4 * numItems * dim);
    const users = align16(Bi + 4 * numItems);
    const items = align16(users + 4 * train.size);
    const order = align16(items + 4 * train.size);
    const neg = align16(order + 4 * PROGRESS_CHUNK);
    const { kernels, memory } = bprKernels(neg + 4 * PROGRESS_CHUNK * n);
    const b = memory.buffer;
    this.kernels = kernels;
    this.at = { W, H, Bi, users, items, order, neg };
    this.W = new Float32Array(b, W, numUsers * dim);
    this.H = new Float32Array(b, H, numItems * dim);
    this.Bi = new Float32Array(b, Bi, numItems);
    new Int32Array(b, users, train.size).set(train.users);
    new Int32Array(b, items, train.size).set(train.items);
    this.order = new Uint32Array(b, order, PROGRESS_CHUNK);
    this.neg = new Int32Array(b, neg, PROGRESS_CHUNK * n);
  }

  /**
   * The steps of positives order[from .. to) (at most PROGRESS_CHUNK) with their negatives negatives[t n .. t n + n),
   * on `t` in place at step size `lr` with L2 weights `regs`; returns `loss` plus each step's loss in step order.
   */
  steps(t: FactorTables, order: Uint32Array, negatives: Int32Array, from: number, to: number, lr: number, regs: BprRegs, loss: number): number {
    const count = to - from;
    if (count > PROGRESS_CHUNK) throw new RangeError(`BprArena.steps: ${count} positives, more than ${PROGRESS_CHUNK}`);
    const n = this.n;
    this.order.set(order.subarray(from, to));
    this.neg.set(negatives.subarray(from * n, to * n));
    this.W.set(t.userFactors);
    this.H.set(t.itemFactors);
    this.Bi.set(t.itemBias);
    const at = this.at;
    const out = this.kernels.bpr_pass(
      at.W, at.H, at.Bi, t.dim, at.users, at.items, at.order, at.neg, count, n,
      lr, 1 - lr * regs.user, 1 - lr * regs.positive, 1 - lr * regs.negative, regs.bias, loss,
    );
    t.userFactors.set(this.W);
    t.itemFactors.set(this.H);
    t.itemBias.set(this.Bi);
    return out;
  }
}
