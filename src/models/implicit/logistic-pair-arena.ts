/**
 * Logistic MF's gradient half-step on WebAssembly (implicit-kernels.wat): the same result, bit for bit, as
 * `accumulateLogisticGradient` (logistic-mf.ts), about twice as fast. The factor tables are copied into the
 * kernels' memory at each half-step; the (user, item) pairs of the epoch's sample go through in chunks of
 * PAIR_CHUNK: the kernel takes their dot products, JavaScript the sigmoid weights, log-likelihood and bias
 * gradients (in pair order, as the reference), then the kernel adds the weighted rows into the gradient table,
 * which lives in the memory (`gradients(side)`).
 */
import type { Ratings } from "../../data/ratings";
import { implicitKernels, type ImplicitKernels } from "../../backend/wasm/implicit-kernels";
import type { FactorTables } from "./factor-tables";
import type { LogisticMfSide } from "./logistic-mf";

/** Pairs per kernel call. */
export const PAIR_CHUNK = 4096;

/** Rounds a byte count up to a multiple of 16 (v128 alignment). */
const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** The kernels' memory for one model's tables: factor copies, gradient tables and one chunk of pairs. */
export class LogisticPairArena {
  private readonly kernels: ImplicitKernels;
  private readonly at: { P: number; Q: number; gradU: number; gradI: number; users: number; items: number; dots: number; w: number };
  private readonly P: Float32Array;
  private readonly Q: Float32Array;
  private readonly gradU: Float64Array;
  private readonly gradI: Float64Array;
  private readonly users: Int32Array;
  private readonly items: Int32Array;
  private readonly dots: Float64Array;
  private readonly w: Float64Array;

  constructor(readonly numUsers: number, readonly numItems: number, readonly dim: number) {
    const P = 0;
    const Q = align16(P + 4 * numUsers * dim);
    const gradU = align16(Q + 4 * numItems * dim);
    const gradI = align16(gradU + 8 * numUsers * dim);
    const users = align16(gradI + 8 * numItems * dim);
    const items = align16(users + 4 * PAIR_CHUNK);
    const dots = align16(items + 4 * PAIR_CHUNK);
    const w = align16(dots + 8 * PAIR_CHUNK);
    const { kernels, memory } = implicitKernels(w + 8 * PAIR_CHUNK);
    const b = memory.buffer;
    this.kernels = kernels;
    this.at = { P, Q, gradU, gradI, users, items, dots, w };
    this.P = new Float32Array(b, P, numUsers * dim);
    this.Q = new Float32Array(b, Q, numItems * dim);
    this.gradU = new Float64Array(b, gradU, numUsers * dim);
    this.gradI = new Float64Array(b, gradI, numItems * dim);
    this.users = new Int32Array(b, users, PAIR_CHUNK);
    this.items = new Int32Array(b, items, PAIR_CHUNK);
    this.dots = new Float64Array(b, dots, PAIR_CHUNK);
    this.w = new Float64Array(b, w, PAIR_CHUNK);
  }

  /** The gradient table of `side` (a view of the memory, shape [rows * dim]). */
  gradients(side: LogisticMfSide): Float64Array {
    return side === "users" ? this.gradU : this.gradI;
  }

  /**
   * `accumulateLogisticGradient(t, train, order, negItems, n, side, gradients(side), gradBias)`, bit for bit:
   * adds the sample's log-likelihood gradient into `gradients(side)` and `gradBias` (the caller zeroes them) and
   * returns the sample's negated log-likelihood (nats).
   */
  accumulate(
    t: FactorTables, train: Pick<Ratings, "users" | "items" | "values">, order: Uint32Array, negItems: Int32Array, n: number,
    side: LogisticMfSide, gradBias: Float64Array,
  ): number {
    if (t.numUsers !== this.numUsers || t.numItems !== this.numItems || t.dim !== this.dim) throw new RangeError("LogisticPairArena: tables of another shape");
    this.P.set(t.userFactors);
    this.Q.set(t.itemFactors);
    const { users, items, values } = train;
    const gb = t.globalBias[0];
    const ub = t.userBias;
    const ib = t.itemBias;
    const pu = this.users;
    const pi = this.items;
    const dots = this.dots;
    const w = this.w;
    const toUsers = side === "users";
    const at = this.at;
    let nll = 0;
    let count = 0;
    const flush = (): void => {
      this.kernels.pair_dots(at.P, at.Q, this.dim, at.users, at.items, count, at.dots);
      for (let p = 0; p < count; p++) {
        const u = pu[p];
        const i = pi[p];
        const x = gb + ub[u] + ib[i] + dots[p];
        const z = Math.exp(-Math.abs(x));
        const sig = x >= 0 ? 1 / (1 + z) : z / (1 + z);
        let wp: number;
        const c = w[p]; // the positive's confidence, or NaN for a negative (filled below)
        if (c === c) {
          wp = c * (1 - sig);
          nll += c * ((x < 0 ? -x : 0) + Math.log1p(z));
        } else {
          wp = -sig;
          nll += (x > 0 ? x : 0) + Math.log1p(z);
        }
        w[p] = wp;
        if (toUsers) gradBias[u] += wp;
        else gradBias[i] += wp;
      }
      if (toUsers) this.kernels.pair_axpy(at.gradU, at.Q, this.dim, at.users, at.items, at.w, count);
      else this.kernels.pair_axpy(at.gradI, at.P, this.dim, at.items, at.users, at.w, count);
      count = 0;
    };
    for (let q = 0; q < order.length; q++) {
      const k = order[q];
      const u = users[k];
      for (let s = -1; s < n; s++) {
        if (count === PAIR_CHUNK) flush();
        pu[count] = u;
        pi[count] = s < 0 ? items[k] : negItems[q * n + s];
        w[count] = s < 0 ? values[k] : NaN;
        count++;
      }
    }
    if (count > 0) flush();
    return nll;
  }
}
