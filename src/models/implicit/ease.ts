/**
 * EASE, the embarrassingly shallow autoencoder of Steck, "Embarrassingly Shallow Autoencoders for Sparse Data"
 * (WWW 2019): an item-item weight matrix B with a zero diagonal fitted in closed form to reconstruct the binary
 * user x item matrix X, min ||X - XB||² + λ||B||² s.t. diag(B) = 0, whose solution (paper, eq. 8) is
 *
 *   G = XᵀX + λI,  P = G⁻¹,  B_ij = -P_ij / P_jj (i ≠ j),  B_jj = 0;   score(u, j) = Σ_{i ∈ I_u} B_ij.
 *
 * G and P are n x n float64 (n = numItems; 110 MB on ml-1m's 3,706 items) on a WebAssembly memory; P comes from
 * a blocked Cholesky factorisation and inverse whose products run in a SIMD kernel (spd-inverse.ts,
 * wasm-dense-arena.ts; `kernel: "js"` keeps everything in JavaScript typed arrays). B is kept in float32 (55 MB
 * on ml-1m). Every interaction counts as 1 whatever its value (confidence). Users without training interactions
 * score 0 for every item, and so does every item without training interactions (its column of B is zero).
 * Cost grows with the catalogue: 12 n² bytes and about n³/2 multiply-adds per fit (measured here: ml-1m's 3,688
 * items about 6 s of CPU; ml-latest-small's 9,724 items would need 1.1 GB and, scaling by n³, about 1.5 minutes).
 */
import { ratingsByUser, type SparseRows } from "../../data/rating-matrix";
import type { Ratings } from "../../data/ratings";
import type { TrainingHistory } from "../../train/training-history";
import { invertSpdInPlace, spdInverseScratch } from "../factorization/spd-inverse";
import { wasmDenseArena } from "../factorization/wasm-dense-arena";
import type { CatalogueScorer, ImplicitFitOptions, ImplicitModel } from "../implicit-model";
import { singleStepRankingHistory } from "../popularity-model";

/** EASE hyperparameters. */
export interface EaseConfig {
  /** L2 weight λ on B (added to the diagonal of the Gram matrix), > 0. The paper's ml-20m value is 500. */
  lambda: number;
  /** Label in tables; default "EASE". */
  name: string;
  /** Run the inverse's products in the SIMD WebAssembly kernel (default; about 2.5x faster) or in JavaScript. */
  kernel: "wasm" | "js";
}

/**
 * λ = 300, issue 15's full-catalogue setting on ml-1m-loo (HR@10 0.1121, NDCG@10 0.0552). On validation holdouts
 * carved from ml-1m-loo's training data (scripts/measure-ease.ts) λ = 500 wins over the full catalogue and
 * λ = 1000 on 99 sampled negatives.
 */
export const defaultEaseConfig: EaseConfig = { lambda: 300, name: "EASE", kernel: "wasm" };

/** Seconds spent in each stage of the last fit. */
export interface EaseTimings {
  /** Building G = XᵀX + λI. */
  gram: number;
  /** Cholesky factorisation and inverse P = G⁻¹. */
  inverse: number;
  /** B from P. */
  weights: number;
}

/** Adds XᵀX of the binary matrix of `byUser` (distinct items per row) to the lower triangle of `g` (n x n). */
export function addGramLower(byUser: SparseRows, g: Float64Array): void {
  const n = byUser.cols;
  const { offsets, indices } = byUser;
  for (let u = 0; u < byUser.rows; u++) {
    const end = offsets[u + 1];
    for (let a = offsets[u]; a < end; a++) {
      const ri = indices[a] * n;
      for (let b = offsets[u]; b <= a; b++) g[ri + indices[b]] += 1;
    }
  }
}

/** The distinct items of each user of `train` (CSR, ascending; a repeated pair counts once), values dropped. */
function distinctItemsByUser(train: Ratings): SparseRows {
  const rows = ratingsByUser(train);
  const { offsets, indices } = rows;
  const outOffsets = new Int32Array(rows.rows + 1);
  const out = new Int32Array(indices.length);
  let w = 0;
  for (let u = 0; u < rows.rows; u++) {
    for (let k = offsets[u]; k < offsets[u + 1]; k++) if (k === offsets[u] || indices[k] !== indices[k - 1]) out[w++] = indices[k];
    outOffsets[u + 1] = w;
  }
  return { rows: rows.rows, cols: rows.cols, offsets: outOffsets, indices: out.slice(0, w), values: new Float32Array(w).fill(1) };
}

/** EASE (module comment). Deterministic: `options.rng` is not used. */
export class EaseModel implements ImplicitModel, CatalogueScorer {
  readonly name: string;
  private weights: Float32Array | null = null;
  private history: SparseRows | null = null;
  /** Seconds per stage of the last fit (zeros before fit). */
  timings: EaseTimings = { gram: 0, inverse: 0, weights: 0 };
  /** indexId of the ratings of the last fit (see index-identity.ts); scoring ratings of another index is refused. */
  fittedIndexId: string | undefined = undefined;

  constructor(readonly config: EaseConfig) {
    if (!(typeof config.lambda === "number" && Number.isFinite(config.lambda) && config.lambda > 0)) {
      throw new RangeError(`EaseConfig.lambda must be a finite number > 0, got ${String(config.lambda)}`);
    }
    if (config.kernel !== "wasm" && config.kernel !== "js") throw new RangeError(`EaseConfig.kernel must be "wasm" or "js", got ${JSON.stringify(config.kernel)}`);
    this.name = config.name;
  }

  /** Builds G, inverts it and derives B (module comment); validates once when `options.validator` is given. */
  async fit(train: Ratings, options: ImplicitFitOptions): Promise<TrainingHistory> {
    const start = performance.now();
    this.dispose();
    if (train.size === 0) throw new RangeError(`${this.name}: the training set is empty`);
    const n = train.numItems;
    const history = distinctItemsByUser(train);
    const arena = this.config.kernel === "wasm" ? wasmDenseArena(n, spdInverseScratch(n), `${this.name}.fit`) : null;
    const g = arena ? arena.matrix : new Float64Array(n * n);
    addGramLower(history, g);
    for (let i = 0; i < n; i++) g[i * n + i] += this.config.lambda;
    const t1 = performance.now();
    invertSpdInPlace(g, n, `${this.name}.fit`, arena ? { gemm: arena.gemm, scratch: arena.scratch } : {});
    const t2 = performance.now();
    const w = new Float32Array(n * n);
    for (let i = 0; i < n; i++) {
      const ri = i * n;
      for (let j = 0; j < n; j++) w[ri + j] = i === j ? 0 : -g[ri + j] / g[j * n + j];
    }
    this.timings = { gram: (t1 - start) / 1000, inverse: (t2 - t1) / 1000, weights: (performance.now() - t2) / 1000 };
    this.weights = w;
    this.history = history;
    this.fittedIndexId = train.indexId;
    return singleStepRankingHistory(this.name, train, options.validator, start);
  }

  /** The item-item weights B, row-major [numItems, numItems] (read-only use); throws before fit. */
  itemWeights(): Float32Array {
    if (!this.weights) throw new Error(`${this.name}: itemWeights called before fit`);
    return this.weights;
  }

  /** Number of items (the training data's numItems); throws before fit. */
  catalogueSize(): number {
    if (!this.history) throw new Error(`${this.name}: catalogueSize called before fit`);
    return this.history.cols;
  }

  /** Scores of every item for each of `users` (CatalogueScorer): row r of `out` is Σ_{i ∈ I_u} B[i, :]. */
  scoreCatalogue(users: Int32Array, out: Float32Array): void {
    const w = this.itemWeights();
    const rows = this.history!;
    const n = rows.cols;
    if (out.length < users.length * n) throw new RangeError(`${this.name}.scoreCatalogue: out has ${out.length} entries, needs ${users.length} x ${n}`);
    for (let r = 0; r < users.length; r++) {
      const u = users[r];
      if (!(Number.isInteger(u) && u >= 0 && u < rows.rows)) throw new RangeError(`${this.name}.scoreCatalogue: users[${r}] = ${u} outside [0, ${rows.rows})`);
      const o = r * n;
      out.fill(0, o, o + n);
      const end = rows.offsets[u + 1];
      let k = rows.offsets[u];
      // Four rows of B per pass over the output row (a quarter of the output traffic).
      for (; k + 4 <= end; k += 4) {
        const b0 = rows.indices[k] * n;
        const b1 = rows.indices[k + 1] * n;
        const b2 = rows.indices[k + 2] * n;
        const b3 = rows.indices[k + 3] * n;
        for (let j = 0; j < n; j++) out[o + j] += (w[b0 + j] + w[b1 + j]) + (w[b2 + j] + w[b3 + j]);
      }
      for (; k < end; k++) {
        const b = rows.indices[k] * n;
        for (let j = 0; j < n; j++) out[o + j] += w[b + j];
      }
    }
  }

  /** Scores of pairs (users[k], items[k]), shape [n]; consecutive pairs of one user share one catalogue scoring. */
  score(users: Int32Array, items: Int32Array): Float32Array {
    if (!this.history) throw new Error(`${this.name}: score called before fit`);
    if (users.length !== items.length) throw new RangeError(`${this.name}.score: users (${users.length}) and items (${items.length}) differ in length`);
    const n = this.history.cols;
    const row = new Float32Array(n);
    const one = new Int32Array(1);
    const out = new Float32Array(users.length);
    let current = -1;
    for (let k = 0; k < users.length; k++) {
      const i = items[k];
      if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new RangeError(`${this.name}.score: items[${k}] = ${i} outside [0, ${n})`);
      if (users[k] !== current) {
        one[0] = users[k];
        if (!(users[k] >= 0 && users[k] < this.history.rows)) throw new RangeError(`${this.name}.score: users[${k}] = ${users[k]} outside [0, ${this.history.rows})`);
        this.scoreCatalogue(one, row);
        current = users[k];
      }
      out[k] = row[i];
    }
    return out;
  }

  /** Forgets B and the training histories. */
  dispose(): void {
    this.weights = null;
    this.history = null;
  }
}

/** Creates an EASE model; unspecified fields take `defaultEaseConfig`. */
export function createEase(config: Partial<EaseConfig> = {}): EaseModel {
  return new EaseModel({ ...defaultEaseConfig, ...config });
}
