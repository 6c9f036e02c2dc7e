/**
 * Hyperparameters of AutoRec (Sedhain, Menon, Sanner and Xie, "AutoRec: Autoencoders Meet Collaborative
 * Filtering", WWW 2015): variant, hidden width, L2 weight, Adam settings, initialisation and the epoch loop; their
 * defaults and validation.
 */
import { checkRefitConfig, type RefitConfig } from "../factorization/fit-with-refit";

/** Which vectors are reconstructed: "item" (I-AutoRec: each item's ratings by all users) or "user" (U-AutoRec). */
export type AutoRecVariant = "item" | "user";

/** AutoRec hyperparameters (the epoch-loop and refit settings included). */
export interface AutoRecConfig extends RefitConfig {
  /** "item": I-AutoRec, inputs r_i in R^m (m users); "user": U-AutoRec, inputs r_u in R^n (n items). */
  variant: AutoRecVariant;
  /** Hidden units k of the sigmoid layer (the paper's k = 500). */
  hidden: number;
  /** λ of the objective Σ ||(r - h(r)) ⊙ mask||² + (λ/2)(||W||²_F + ||V||²_F); biases are not penalised. */
  reg: number;
  /** Adam step size (the paper trains with Rprop / L-BFGS; Adam is this suite's choice). */
  learningRate: number;
  /** The Adam step is multiplied by this factor after every epoch (1: constant). In (0, 1]. */
  learningRateDecay: number;
  /** Rows (items for I-AutoRec) per Adam step; the L2 term of a step is weighted by batchSize / rows. */
  batchSize: number;
  /** Standard deviation of the seeded N(0, σ²) initialisation of V and W; μ starts at 0, b at the mean rating. */
  initStd: number;
  /**
   * Run the passes and Adam in the WebAssembly SIMD kernels (wasm-autorec-arena.ts; needs hidden % 4 == 0) instead
   * of the JavaScript loops (autorec-kernel.ts). Default: on when hidden is a multiple of 4. Same model, float32
   * rounding differs, so the two give close but not identical numbers.
   */
  wasmKernels?: boolean;
}

/** Whether `c` trains with the WebAssembly kernels (see AutoRecConfig.wasmKernels). */
export function usesWasmKernels(c: AutoRecConfig): boolean {
  return c.wasmKernels ?? c.hidden % 4 === 0;
}

/** Defaults: I-AutoRec with the paper's k = 500 and the ml-1m preset's λ, Adam step and decay (autorec-presets.ts), without its refit. */
export const defaultAutoRecConfig: AutoRecConfig = {
  variant: "item",
  hidden: 500,
  reg: 200,
  learningRate: 0.002,
  learningRateDecay: 0.85,
  batchSize: 64,
  initStd: 0.03,
  epochs: 60,
  patience: 5,
  minDelta: 0,
  refitOnValidation: false,
};

/** Validates `c`; errors name the field as `AutoRecConfig.field`. */
export function checkAutoRecConfig(c: AutoRecConfig): void {
  const owner = "AutoRecConfig";
  if (c.variant !== "item" && c.variant !== "user") throw new RangeError(`${owner}.variant must be "item" or "user", got ${JSON.stringify(c.variant)}`);
  for (const k of ["hidden", "batchSize"] as const) {
    if (!(Number.isInteger(c[k]) && c[k] >= 1)) throw new RangeError(`${owner}.${k} must be an integer >= 1, got ${c[k]}`);
  }
  if (!(c.learningRate > 0 && Number.isFinite(c.learningRate))) throw new RangeError(`${owner}.learningRate must be a finite number > 0, got ${c.learningRate}`);
  if (!(c.learningRateDecay > 0 && c.learningRateDecay <= 1)) throw new RangeError(`${owner}.learningRateDecay must be in (0, 1], got ${c.learningRateDecay}`);
  for (const k of ["reg", "initStd"] as const) {
    if (!(c[k] >= 0 && Number.isFinite(c[k]))) throw new RangeError(`${owner}.${k} must be a finite number >= 0, got ${c[k]}`);
  }
  if (c.wasmKernels !== undefined && typeof c.wasmKernels !== "boolean") throw new RangeError(`${owner}.wasmKernels must be true, false or left out, got ${JSON.stringify(c.wasmKernels)}`);
  if (c.wasmKernels === true && c.hidden % 4 !== 0) throw new RangeError(`${owner}.hidden must be a multiple of 4 with wasmKernels, got ${c.hidden}`);
  checkRefitConfig(c, owner);
}
