/**
 * iALS half steps on WebAssembly (src/backend/wasm/ials-kernels.wat): the same results, bit for bit, as
 * `ialsHalfStep` and `gramian` (ials-half-step.ts, the plain reference and the fallback), the Gram matrix and the
 * per-row products A v in float64 SIMD across independent outputs with every sum in the JavaScript order, and the
 * heavy parts of `ialsObjective` (ials.ts; `objectiveParts`) in the same order as its JavaScript loops. Each
 * call copies the rows (CSR), the fixed side (promoted to float64, exactly) and the side being solved (float32, as it
 * is) into the kernel's memory and the solved side back; the factor tables stay ordinary Float32Arrays.
 */
import { ialsKernels, type IalsKernels } from "../../backend/wasm/ials-kernels";
import type { SparseRows } from "../../data/rating-matrix";
import type { Ratings } from "../../data/ratings";
import type { FactorTables } from "./factor-tables";
import type { IalsSolveSettings } from "./ials-half-step";

/** Rounds a byte count up to a multiple of 16. */
const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** The kernels' memory for half steps over up to `maxRows` rows (either side) with up to `nnz` entries at `dim`. */
export class IalsArena {
  private readonly kernels: IalsKernels;
  private readonly buffer: ArrayBuffer | SharedArrayBuffer;
  private readonly at: {
    offsets: number; indices: number; values: number; fixed: number; fixed64: number; solved: number; lambdas: number; g: number; a: number; x: number; r: number; p: number; ap: number;
    users: number; items: number; quad: number; norm: number;
  };

  constructor(readonly maxRows: number, readonly nnz: number, readonly dim: number) {
    if (!(Number.isInteger(dim) && dim >= 1)) throw new RangeError(`IalsArena: dim must be an integer >= 1, got ${dim}`);
    const vector = 8 * dim;
    const offsets = 0;
    const indices = align16(offsets + 4 * (maxRows + 1));
    const values = align16(indices + 4 * nnz);
    const fixed = align16(values + 4 * nnz);
    const fixed64 = align16(fixed + 4 * maxRows * dim);
    const solved = align16(fixed64 + 8 * maxRows * dim);
    const lambdas = align16(solved + 4 * maxRows * dim);
    const g = align16(lambdas + 8 * maxRows);
    const a = align16(g + 8 * dim * dim);
    const x = align16(a + 8 * dim * dim);
    const r = align16(x + vector);
    const p = align16(r + vector);
    const ap = align16(p + vector);
    // 16 spare bytes: the kernels' paired loads of a float32 row read 8 bytes at a time, never past its end; kept as a margin.
    const users = align16(ap + vector);
    const items = align16(users + 4 * nnz);
    const quad = align16(items + 4 * nnz);
    const norm = align16(quad + 8 * maxRows);
    const { kernels, memory } = ialsKernels(align16(norm + 8 * maxRows) + 16, "iALS");
    this.kernels = kernels;
    this.buffer = memory.buffer;
    this.at = { offsets, indices, values, fixed, fixed64, solved, lambdas, g, a, x, r, p, ap, users, items, quad, norm };
  }

  /** `gramian(factors, rows, dim)`, bit for bit (a new array). */
  gramian(factors: Float32Array, rows: number): Float64Array {
    this.checkRows(rows, "gramian");
    const d = this.dim;
    new Float32Array(this.buffer, this.at.fixed, rows * d).set(factors.subarray(0, rows * d));
    this.kernels.gramian(this.at.fixed, rows, d, this.at.g);
    return new Float64Array(this.buffer, this.at.g, d * d).slice();
  }

  /**
   * `ialsHalfStep(rows, fixed, fixedRows, solved, s, gram)`, bit for bit: solves the rows of `solved` that have
   * interactions in place. `gram`, when given, must be `gramian(fixed, fixedRows, dim)` (the kernel reads its
   * columns as rows: it must be that symmetric matrix).
   */
  halfStep(rows: SparseRows, fixed: Float32Array, fixedRows: number, solved: Float32Array, s: IalsSolveSettings, gram?: Float64Array): void {
    const d = this.dim;
    if (s.dim !== d) throw new RangeError(`IalsArena.halfStep: settings dim ${s.dim}, arena dim ${d}`);
    if (gram && gram.length !== d * d) throw new RangeError(`ialsHalfStep: gram has ${gram.length} entries, expected ${d} x ${d}`);
    const nnz = rows.offsets[rows.rows];
    this.checkRows(rows.rows, "halfStep");
    this.checkRows(fixedRows, "halfStep");
    if (nnz > this.nnz) throw new RangeError(`IalsArena.halfStep: ${nnz} entries exceed the arena's ${this.nnz}`);
    const m = this.buffer;
    const at = this.at;
    new Int32Array(m, at.offsets, rows.rows + 1).set(rows.offsets.subarray(0, rows.rows + 1));
    new Int32Array(m, at.indices, nnz).set(rows.indices.subarray(0, nnz));
    new Float32Array(m, at.values, nnz).set(rows.values.subarray(0, nnz));
    new Float64Array(m, at.fixed64, fixedRows * d).set(fixed.subarray(0, fixedRows * d));
    const out = new Float32Array(m, at.solved, rows.rows * d);
    out.set(solved.subarray(0, rows.rows * d));
    const lambdas = new Float64Array(m, at.lambdas, rows.rows);
    for (let row = 0; row < rows.rows; row++) {
      const count = rows.offsets[row + 1] - rows.offsets[row];
      lambdas[row] = count === 0 ? 0 : s.reg * Math.pow(count + s.unobservedWeight * fixedRows, s.regExponent);
    }
    if (gram) new Float64Array(m, at.g, d * d).set(gram);
    else {
      new Float32Array(m, at.fixed, fixedRows * d).set(fixed.subarray(0, fixedRows * d));
      this.kernels.gramian(at.fixed, fixedRows, d, at.g);
    }
    const failed = this.kernels.ials_half_step(
      rows.rows, at.offsets, at.indices, at.values, at.fixed64, at.solved, at.lambdas, at.g, s.unobservedWeight, d,
      s.solver === "exact" ? 1 : 0, s.cgSteps, at.a, at.x, at.r, at.p, at.ap,
    );
    // As the reference: the rows before a failed one are solved, the failed one and those after it untouched.
    solved.set(out);
    if (failed >= 0) throw new RangeError(`ialsHalfStep: the normal equations of row ${failed} are not positive definite`);
  }

  /**
   * The parts of `ialsObjective(train, t, s, itemGram)` that cost: `observed` = Σ_k c_k (p_u·q_i - 1)² summed in
   * the training order from 0 (the objective's first term, the same bits), and per user `quad[u]` = p_uᵀ G p_u and
   * `norm[u]` = |p_u|², each as its JavaScript loop sums it (views of the arena, overwritten by the next call).
   * `itemGram` must be `gramian(t.itemFactors, t.numItems, dim)`.
   */
  objectiveParts(train: Ratings, t: FactorTables, itemGram: Float64Array): { observed: number; quad: Float64Array; norm: Float64Array } {
    const d = this.dim;
    if (t.dim !== d) throw new RangeError(`IalsArena.objectiveParts: tables dim ${t.dim}, arena dim ${d}`);
    if (itemGram.length !== d * d) throw new RangeError(`ialsObjective: itemGram has ${itemGram.length} entries, expected ${d} x ${d}`);
    this.checkRows(t.numUsers, "objectiveParts");
    this.checkRows(t.numItems, "objectiveParts");
    if (train.size > this.nnz) throw new RangeError(`IalsArena.objectiveParts: ${train.size} interactions exceed the arena's ${this.nnz}`);
    const m = this.buffer;
    const at = this.at;
    new Int32Array(m, at.users, train.size).set(train.users.subarray(0, train.size));
    new Int32Array(m, at.items, train.size).set(train.items.subarray(0, train.size));
    new Float32Array(m, at.values, train.size).set(train.values.subarray(0, train.size));
    new Float32Array(m, at.fixed, t.numUsers * d).set(t.userFactors.subarray(0, t.numUsers * d));
    new Float32Array(m, at.solved, t.numItems * d).set(t.itemFactors.subarray(0, t.numItems * d));
    new Float64Array(m, at.g, d * d).set(itemGram);
    const observed = this.kernels.observed_loss(at.users, at.items, at.values, train.size, at.fixed, at.solved, d);
    this.kernels.row_quads(at.fixed, t.numUsers, d, at.g, at.quad, at.norm, at.x);
    return { observed, quad: new Float64Array(m, at.quad, t.numUsers), norm: new Float64Array(m, at.norm, t.numUsers) };
  }

  private checkRows(rows: number, what: string): void {
    if (rows > this.maxRows) throw new RangeError(`IalsArena.${what}: ${rows} rows exceed the arena's ${this.maxRows}`);
  }
}
