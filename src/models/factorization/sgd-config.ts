/**
 * Hyperparameters shared by the SGD-trained factorization models (SGD MF, SVD++): sizes, step sizes with an
 * optional per-epoch decay, L2 weights, initialisation, epoch-loop settings; their validation and the step sizes
 * of a given epoch.
 */
import { checkRefitConfig, type RefitConfig } from "./fit-with-refit";
import type { SgdStepSizes } from "./sgd-epoch";

/** SGD factorization hyperparameters (the epoch-loop and refit settings included). */
export interface SgdFactorizationConfig extends RefitConfig {
  /** Latent dimension k of the factor vectors. */
  dim: number;
  /** γ: SGD step size of the factors in the first epoch. */
  learningRate: number;
  /** γ_b: step size of the biases in the first epoch; undefined means `learningRate`. */
  biasLearningRate?: number;
  /** Both step sizes are multiplied by this factor after every epoch (1: constant; e.g. 0.96). In (0, 1]. */
  learningRateDecay: number;
  /** λ: L2 weight on the factors in each rating's step. */
  regFactors: number;
  /** λ_b: L2 weight on b_u and b_i in each rating's step. */
  regBias: number;
  /** Standard deviation of the seeded N(0, σ²) initialisation of the factors (biases start at 0). */
  initStd: number;
}

/** Validates `c`; errors name the field as `${owner}.field` (e.g. `SgdMfConfig.learningRate`). */
export function checkSgdFactorizationConfig(c: SgdFactorizationConfig, owner: string): void {
  if (!(Number.isInteger(c.dim) && c.dim >= 1)) throw new RangeError(`${owner}.dim must be an integer >= 1, got ${c.dim}`);
  if (!(c.learningRate > 0 && Number.isFinite(c.learningRate))) throw new RangeError(`${owner}.learningRate must be a finite number > 0, got ${c.learningRate}`);
  if (c.biasLearningRate !== undefined && !(c.biasLearningRate >= 0 && Number.isFinite(c.biasLearningRate))) {
    throw new RangeError(`${owner}.biasLearningRate must be a finite number >= 0 (or undefined), got ${c.biasLearningRate}`);
  }
  if (!(c.learningRateDecay > 0 && c.learningRateDecay <= 1)) throw new RangeError(`${owner}.learningRateDecay must be in (0, 1], got ${c.learningRateDecay}`);
  for (const k of ["regFactors", "regBias", "initStd"] as const) {
    if (!(c[k] >= 0 && Number.isFinite(c[k]))) throw new RangeError(`${owner}.${k} must be a finite number >= 0, got ${c[k]}`);
  }
  checkRefitConfig(c, owner);
}

/** Largest thread count of DSGD training (`SgdMfConfig.threads`): p x p blocks, numbered in a byte. One per core is useful. */
export const MAX_SGD_THREADS = 16;

/**
 * Validates a DSGD thread count (Gemulla et al., KDD 2011): an integer in [1, MAX_SGD_THREADS]; the error names
 * `${owner}.threads`.
 */
export function checkSgdThreads(threads: number, owner: string): void {
  if (!(Number.isInteger(threads) && threads >= 1 && threads <= MAX_SGD_THREADS)) {
    throw new RangeError(`${owner}.threads must be an integer in [1, ${MAX_SGD_THREADS}] (1: single-threaded SGD; p > 1: DSGD on p threads), got ${threads}`);
  }
}

/** Writes into `out` the step sizes of 1-based `epoch`: γ and γ_b times learningRateDecay^(epoch - 1). */
export function stepSizesForEpoch(c: SgdFactorizationConfig, epoch: number, out: SgdStepSizes): SgdStepSizes {
  const decay = Math.pow(c.learningRateDecay, epoch - 1);
  out.learningRate = c.learningRate * decay;
  out.biasLearningRate = (c.biasLearningRate ?? c.learningRate) * decay;
  out.regFactors = c.regFactors;
  out.regBias = c.regBias;
  return out;
}

/** Throws the divergence error naming `${owner}.learningRate` when the epoch's squared error is not finite. */
export function checkFiniteEpoch(sse: number, model: string, owner: string, epoch: number, learningRate: number): void {
  if (!Number.isFinite(sse)) {
    throw new Error(`${model}: training diverged in epoch ${epoch} (squared error ${sse}); lower ${owner}.learningRate (${learningRate})`);
  }
}
