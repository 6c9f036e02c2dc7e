/**
 * SVD++'s parameters in one WebAssembly memory, with the float64 kernels of the epoch's vector loops
 * (src/backend/wasm/svdpp-kernels.wat) bound to them: the factors and biases (as a BiasedFactors over views of
 * the memory), the implicit factors y, N(u) (a copy of `byUser.indices`), the per-user vectors z and g, and the
 * model as plain biased MF for prediction. The kernels compute exactly what svdpp-epoch.ts's JavaScript loops
 * compute, bit for bit, two float64 lanes at a time.
 */
import { svdppKernels, type SvdppKernels } from "../../backend/wasm/svdpp-kernels";
import type { SparseRows } from "../../data/rating-matrix";
import { BiasedFactors } from "./biased-factors";

/** The vector loops of one user-grouped epoch over the user's N(u) = byUser.indices[from .. to). */
export interface SvdppVectorOps {
  /** z = norm Σ_{j∈N(u)} y_j. */
  implicitSum(from: number, to: number, norm: number): void;
  /** q_i · (p_u + z). */
  dot(u: number, i: number): number;
  /** p_u += lr (e q_i - reg p_u); q_i += lr (e (p_u + z) - reg q_i) (old values); g += en q_i. */
  update(u: number, i: number, e: number, en: number, lr: number, reg: number): void;
  /** y_j += lr (g - shrink y_j) for j ∈ N(u); then g = 0. */
  yStep(from: number, to: number, lr: number, shrink: number): void;
}

/** Rounds a byte count up to a multiple of 16. */
const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** SVD++'s parameters and per-user vectors in WebAssembly memory, and the kernels over them. */
export class SvdppArena implements SvdppVectorOps {
  /** μ, biases, p_u and q_i (views of the memory, zero at first). */
  readonly factors: BiasedFactors;
  /** y_j, row-major, shape [numItems * dim] (a view of the memory, zero at first). */
  readonly y: Float64Array;
  /** z and g of the current user, shape [dim] each (views of the memory). */
  readonly z: Float64Array;
  readonly g: Float64Array;
  private readonly kernels: SvdppKernels;
  private readonly at: { P: number; Q: number; y: number; indices: number; z: number; g: number; effective: number };
  private readonly rowBytes: number;
  private readonly effective: BiasedFactors;
  private readonly offsets: Int32Array;

  /** Parameters for `numUsers` x `numItems` x `dim` with mean `mean`, and N(u) copied from `byUser`. */
  constructor(numUsers: number, numItems: number, readonly dim: number, mean: number, byUser: SparseRows) {
    const rows = numUsers + numItems;
    const nnz = byUser.indices.length;
    const T = 0;
    const B = align16(T + 8 * rows * dim);
    const y = align16(B + 8 * rows);
    const indices = align16(y + 8 * numItems * dim);
    const z = align16(indices + 4 * nnz);
    const g = align16(z + 8 * dim);
    const effective = align16(g + 8 * dim);
    const effectiveBiases = align16(effective + 8 * rows * dim);
    const { memory, kernels } = svdppKernels(effectiveBiases + 8 * rows, "SVD++");
    const buffer = memory.buffer;
    this.kernels = kernels;
    this.factors = new BiasedFactors(numUsers, numItems, dim, mean, { factors: new Float64Array(buffer, T, rows * dim), biases: new Float64Array(buffer, B, rows) });
    this.y = new Float64Array(buffer, y, numItems * dim);
    new Int32Array(buffer, indices, nnz).set(byUser.indices);
    this.z = new Float64Array(buffer, z, dim);
    this.g = new Float64Array(buffer, g, dim);
    this.effective = new BiasedFactors(numUsers, numItems, dim, mean, { factors: new Float64Array(buffer, effective, rows * dim), biases: new Float64Array(buffer, effectiveBiases, rows) });
    this.offsets = byUser.offsets;
    this.rowBytes = 8 * dim;
    this.at = { P: T, Q: T + 8 * numUsers * dim, y, indices, z, g, effective };
  }

  /**
   * `withImplicitFactors(factors, y, byUser)` (svdpp-epoch.ts), same bits, in a buffer of the arena that the next
   * call overwrites: copy it to keep it.
   */
  implicitFactors(): BiasedFactors {
    const out = this.effective;
    out.copyFrom(this.factors);
    const { dim, offsets } = this;
    for (let u = 0; u < out.numUsers; u++) {
      const from = offsets[u];
      const to = offsets[u + 1];
      if (to === from) continue;
      this.kernels.add_scaled_rows(this.at.effective + u * this.rowBytes, this.at.y, this.at.indices, from, to, dim, 1 / Math.sqrt(to - from));
    }
    return out;
  }

  implicitSum(from: number, to: number, norm: number): void {
    this.kernels.implicit_sum(this.at.z, this.at.y, this.at.indices, from, to, this.dim, norm);
  }

  dot(u: number, i: number): number {
    return this.kernels.dot_pz(this.at.Q + i * this.rowBytes, this.at.P + u * this.rowBytes, this.at.z, this.dim);
  }

  update(u: number, i: number, e: number, en: number, lr: number, reg: number): void {
    this.kernels.update_pq(this.at.P + u * this.rowBytes, this.at.Q + i * this.rowBytes, this.at.z, this.at.g, this.dim, e, en, lr, reg);
  }

  yStep(from: number, to: number, lr: number, shrink: number): void {
    this.kernels.y_step(this.at.y, this.at.indices, from, to, this.at.g, this.dim, lr, shrink);
  }
}
