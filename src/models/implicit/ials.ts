/**
 * iALS: matrix factorization for implicit feedback by alternating least squares (Hu, Koren and Volinsky, ICDM
 * 2008), with the all-pairs weight α0 and the frequency-scaled regularisation of Rendle, Zhang, Krichene and
 * Koren, "Revisiting the Performance of iALS on Item Recommendation Benchmarks" (RecSys 2022), and exact or
 * conjugate-gradient solves (Takács et al. 2011); the objective and normal equations are in ials-half-step.ts.
 * s(u, i) = p_u · q_i (the tables' biases stay 0). An epoch solves every user, then every item. Confidences
 * (the training values, e.g. `1 + alpha * count` from toImplicit) weight the observed terms; plain interactions
 * weigh 1, as in Rendle et al. The half steps and Gram matrices run in WebAssembly (ials-arena.ts, the same bits as
 * the JavaScript of ials-half-step.ts) unless `wasmKernels` is false.
 */
import { ratingsByItem, ratingsByUser } from "../../data/rating-matrix";
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import type { EpochTrainer } from "../../train/epoch-loop";
import type { FactorTables } from "./factor-tables";
import { IalsArena } from "./ials-arena";
import { gramian, ialsHalfStep, type IalsSolveSettings } from "./ials-half-step";
import { checkImplicitFactorConfig, checkNonNegative, ImplicitFactorModel, tableSnapshots, type ImplicitFactorConfig } from "./implicit-factor-model";

/** iALS hyperparameters (`epochs` counts full user + item sweeps). */
export interface IalsConfig extends ImplicitFactorConfig {
  /** λ, the regularisation weight (> 0), scaled per row by (|S_r| + α0 n)^regExponent. */
  reg: number;
  /** ν: 1 (Rendle et al.'s frequency scaling, default) or 0 (a plain λ for every row). */
  regExponent: number;
  /** α0, the weight of every (user, item) pair as a zero (>= 0). */
  unobservedWeight: number;
  /** "cg" (default) or "exact" solves of each row's d x d normal equations. */
  solver: "cg" | "exact";
  /** Conjugate-gradient steps per row and half step (cg only), >= 1. */
  cgSteps: number;
  /**
   * Run the half steps and Gram matrices in the WebAssembly kernels (ials-arena.ts; default) or, when false, in the
   * JavaScript of ials-half-step.ts. Both give the same bits.
   */
  wasmKernels?: boolean;
}

/** d = 64, λ = 0.005 (scaled, ν = 1), α0 = 0.1, 3 CG steps, 16 epochs, init std 0.1 / √d. */
export const defaultIalsConfig: IalsConfig = {
  dim: 64,
  initStd: 0.1 / 8,
  reg: 0.005,
  regExponent: 1,
  unobservedWeight: 0.1,
  solver: "cg",
  cgSteps: 3,
  epochs: 16,
  patience: 0,
  minDelta: 0,
};

/** iALS (module comment). */
export class IalsModel extends ImplicitFactorModel {
  readonly name = "iALS";

  constructor(readonly config: IalsConfig) {
    super(config);
    checkImplicitFactorConfig(config, "IalsConfig");
    checkNonNegative(config, ["reg"], "IalsConfig", true);
    checkNonNegative(config, ["unobservedWeight", "regExponent"], "IalsConfig");
    if (config.solver !== "cg" && config.solver !== "exact") throw new RangeError(`IalsConfig.solver must be "cg" or "exact", got ${JSON.stringify(config.solver)}`);
    if (!(Number.isInteger(config.cgSteps) && config.cgSteps >= 1)) throw new RangeError(`IalsConfig.cgSteps must be an integer >= 1, got ${config.cgSteps}`);
    if (config.wasmKernels !== undefined && typeof config.wasmKernels !== "boolean") throw new RangeError(`IalsConfig.wasmKernels must be true, false or left out, got ${JSON.stringify(config.wasmKernels)}`);
  }

  protected createTrainer(train: Ratings, tables: FactorTables, _rng: Rng): EpochTrainer<FactorTables> {
    const byUser = ratingsByUser(train);
    const byItem = ratingsByItem(train);
    const c = this.config;
    const settings: IalsSolveSettings = { dim: c.dim, unobservedWeight: c.unobservedWeight, reg: c.reg, regExponent: c.regExponent, solver: c.solver, cgSteps: c.cgSteps };
    const snapshots = tableSnapshots(tables);
    const arena = c.wasmKernels === false ? null : new IalsArena(Math.max(tables.numUsers, tables.numItems), byUser.indices.length, c.dim);
    const halfStep = (rows: typeof byUser, fixed: Float32Array, fixedRows: number, solved: Float32Array, gram?: Float64Array): void => {
      if (arena) arena.halfStep(rows, fixed, fixedRows, solved, settings, gram);
      else ialsHalfStep(rows, fixed, fixedRows, solved, settings, gram);
    };
    // QᵀQ of the item factors after an epoch's item half: the objective needs it, and so does the next epoch's user
    // half (the same item factors), which takes it instead of recomputing it; dropped when the tables are restored.
    let itemGram: Float64Array | null = null;
    return {
      batchesPerEpoch: 2,
      runEpoch(_order, onBatch) {
        halfStep(byUser, tables.itemFactors, tables.numItems, tables.userFactors, itemGram ?? undefined);
        itemGram = null;
        onBatch(1);
        halfStep(byItem, tables.userFactors, tables.numUsers, tables.itemFactors);
        onBatch(2);
        itemGram = arena ? arena.gramian(tables.itemFactors, tables.numItems) : gramian(tables.itemFactors, tables.numItems, c.dim);
        return ialsObjective(train, tables, settings, itemGram, arena ?? undefined);
      },
      ...snapshots,
      restore(s) {
        itemGram = null;
        snapshots.restore(s);
      },
    };
  }
}

/**
 * The iALS objective of `tables` on `train` (ials-half-step.ts):
 * Σ_obs c (p_u·q_i - 1)² + α0 Σ_{u,i} (p_u·q_i)² + Σ_u λ_u |p_u|² + Σ_i λ_i |q_i|², the all-pairs sum through
 * Σ_u p_uᵀ (QᵀQ) p_u. Rows without interactions have zero factors and add nothing. `itemGram`, when given, must be
 * `gramian(t.itemFactors, t.numItems, dim)` (same result, without recomputing it). With `arena` (an IalsArena of
 * this dim and size), the observed term and the users' quadratic forms run in its WebAssembly kernels: the same bits.
 */
export function ialsObjective(train: Ratings, t: FactorTables, s: Pick<IalsSolveSettings, "dim" | "unobservedWeight" | "reg" | "regExponent">, itemGram?: Float64Array, arena?: IalsArena): number {
  const d = s.dim;
  if (itemGram && itemGram.length !== d * d) throw new RangeError(`ialsObjective: itemGram has ${itemGram.length} entries, expected ${d} x ${d}`);
  const userCount = new Float64Array(t.numUsers);
  const itemCount = new Float64Array(t.numItems);
  for (let k = 0; k < train.size; k++) {
    userCount[train.users[k]]++;
    itemCount[train.items[k]]++;
  }
  const g = itemGram ?? (arena ? arena.gramian(t.itemFactors, t.numItems) : gramian(t.itemFactors, t.numItems, d));
  const parts = arena ? arena.objectiveParts(train, t, g) : ialsObjectiveParts(train, t, d, g);
  let loss = parts.observed;
  for (let u = 0; u < t.numUsers; u++) {
    loss += s.unobservedWeight * parts.quad[u];
    if (userCount[u] > 0) loss += s.reg * Math.pow(userCount[u] + s.unobservedWeight * t.numItems, s.regExponent) * parts.norm[u];
  }
  for (let i = 0; i < t.numItems; i++) {
    if (itemCount[i] === 0) continue;
    let norm = 0;
    for (let f = 0; f < d; f++) norm += t.itemFactors[i * d + f] ** 2;
    loss += s.reg * Math.pow(itemCount[i] + s.unobservedWeight * t.numUsers, s.regExponent) * norm;
  }
  return loss;
}

/** `IalsArena.objectiveParts` in JavaScript: the observed term in training order, and p_uᵀ G p_u and |p_u|² per user. */
function ialsObjectiveParts(train: Ratings, t: FactorTables, d: number, g: Float64Array): { observed: number; quad: Float64Array; norm: Float64Array } {
  let observed = 0;
  for (let k = 0; k < train.size; k++) {
    const uo = train.users[k] * d;
    const io = train.items[k] * d;
    let dot = 0;
    for (let f = 0; f < d; f++) dot += t.userFactors[uo + f] * t.itemFactors[io + f];
    observed += train.values[k] * (dot - 1) * (dot - 1);
  }
  const quad = new Float64Array(t.numUsers);
  const norm = new Float64Array(t.numUsers);
  for (let u = 0; u < t.numUsers; u++) {
    const o = u * d;
    let q = 0;
    let n = 0;
    for (let a = 0; a < d; a++) {
      let s2 = 0;
      for (let b = 0; b < d; b++) s2 += g[a * d + b] * t.userFactors[o + b];
      q += t.userFactors[o + a] * s2;
      n += t.userFactors[o + a] * t.userFactors[o + a];
    }
    quad[u] = q;
    norm[u] = n;
  }
  return { observed, quad, norm };
}

/** Creates an iALS model; unspecified fields take `defaultIalsConfig` (initStd follows a given dim: 0.1 / √dim). */
export function createIals(config: Partial<IalsConfig> = {}): IalsModel {
  const dim = config.dim ?? defaultIalsConfig.dim;
  return new IalsModel({ ...defaultIalsConfig, initStd: 0.1 / Math.sqrt(dim), ...config });
}
