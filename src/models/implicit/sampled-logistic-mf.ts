/**
 * Matrix factorization with the sampled logistic loss of Rendle, Krichene, Zhang and Anderson, "Neural
 * Collaborative Filtering vs. Matrix Factorization Revisited" (RecSys 2020), section 4 and their
 * `dot_vs_learned_similarity/mf_simple.py`: s(u, i) = b + b_u + b_i + p_u · q_i; every epoch each positive
 * (label 1) and `negatives` freshly drawn uniform items (label 0) take one plain SGD step each on the binary
 * cross-entropy softplus(s) - y s with L2 on every parameter touched:
 *
 *   g = y - σ(s);  p_u += lr (g q_i - reg p_u);  q_i += lr (g p_u - reg q_i);
 *   b_u += lr (g - reg b_u);  b_i += lr (g - reg b_i);  b += lr (g - reg b).
 *
 * The paper's ml-1m setting: lr 0.002, reg 0.005, init std 0.1, 8 negatives, 256 epochs, dimension up to 192
 * (HR@10 0.7294, NDCG@10 0.4523 on the NCF protocol at d = 192). Differences from mf_simple.py: the examples of
 * one positive (itself, then its negatives) are consecutive rather than shuffled among all examples; p_u and q_i
 * are updated simultaneously from their old values (numpy's row views there give q_i the new p_u); negatives are
 * drawn only among items with training interactions. Rating values (confidences) are ignored. The history's
 * training loss is per positive (its own log loss plus its negatives'), and its examples per second count
 * positives: multiply by 1 + negatives for SGD steps per second. Training runs the steps on WebAssembly
 * (`SampledLogisticArena`), bit for bit the same as `sampledLogisticStep`, the plain reference kept for tests.
 */
import { uniformSampling, type NegativeSamplerConfig } from "../../data/negative-sampler";
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import type { EpochTrainer } from "../../train/epoch-loop";
import { checkNegativeDraw, EpochNegatives } from "./epoch-negatives";
import type { FactorTables } from "./factor-tables";
import { checkStepConfig, ImplicitFactorModel, type ImplicitFactorConfig } from "./implicit-factor-model";
import { positiveSgdTrainer } from "./positive-sgd-trainer";
import { SampledLogisticArena } from "./sampled-logistic-arena";
import { dotRows, sgdPairUpdate } from "./row-kernels";

/** Sampled-logistic MF hyperparameters. */
export interface SampledLogisticMfConfig extends ImplicitFactorConfig {
  /** SGD step size (per example) of the first epoch. */
  learningRate: number;
  /** Step size of epoch e is learningRate · learningRateDecay^(e - 1), in (0, 1]; 1 (the paper's): constant. */
  learningRateDecay: number;
  /** L2 weight on p_u, q_i, b_u, b_i and b of each example (gradient reg * θ). */
  reg: number;
  /** Negatives per positive and epoch (label 0). */
  negatives: number;
  /** False (the paper's code): uniform over trained items, possibly the user's own; true: never the user's positives. */
  excludePositives: boolean;
  /** Distribution of the negatives (uniform in the paper; popularity needs excludePositives). */
  sampler: NegativeSamplerConfig;
}

/** The paper's ml-1m recipe at d = 64: lr 0.002, reg 0.005, std 0.1, 8 uniform negatives, 256 epochs. */
export const defaultSampledLogisticMfConfig: SampledLogisticMfConfig = {
  dim: 64,
  initStd: 0.1,
  learningRate: 0.002,
  learningRateDecay: 1,
  reg: 0.005,
  negatives: 8,
  excludePositives: false,
  sampler: uniformSampling,
  epochs: 256,
  patience: 0,
  minDelta: 0,
};

/**
 * One SGD step of the sampled logistic loss on example (u, i, label) with step size `lr` and L2 weight `reg`
 * (module comment); updates `t` in place and returns the example's log loss before the step (nats).
 */
export function sampledLogisticStep(t: FactorTables, u: number, i: number, label: number, lr: number, reg: number): number {
  const dim = t.dim;
  const uo = u * dim;
  const io = i * dim;
  const ub = t.userBias;
  const ib = t.itemBias;
  const gb = t.globalBias;
  const s = gb[0] + ub[u] + ib[i] + dotRows(t.userFactors, uo, t.itemFactors, io, dim);
  const e = Math.exp(-Math.abs(s));
  const sig = s >= 0 ? 1 / (1 + e) : e / (1 + e);
  const loss = (s > 0 ? s : 0) + Math.log1p(e) - label * s;
  const g = label - sig;
  sgdPairUpdate(t.userFactors, uo, t.itemFactors, io, dim, lr * g, 1 - lr * reg);
  ub[u] += lr * (g - reg * ub[u]);
  ib[i] += lr * (g - reg * ib[i]);
  gb[0] += lr * (g - reg * gb[0]);
  return loss;
}

/** Matrix factorization trained with the sampled logistic loss (module comment). */
export class SampledLogisticMfModel extends ImplicitFactorModel {
  readonly name = "Sampled-logistic MF";

  constructor(readonly config: SampledLogisticMfConfig) {
    super(config);
    checkStepConfig(config, "SampledLogisticMfConfig", ["reg"]);
    if (!(config.learningRateDecay > 0 && config.learningRateDecay <= 1)) {
      throw new RangeError(`SampledLogisticMfConfig.learningRateDecay must be in (0, 1], got ${config.learningRateDecay}`);
    }
    checkNegativeDraw({ perPositive: config.negatives, excludePositives: config.excludePositives, sampler: config.sampler }, "SampledLogisticMfConfig");
  }

  protected createTrainer(train: Ratings, tables: FactorTables, rng: Rng): EpochTrainer<FactorTables> {
    const { learningRate, learningRateDecay, reg, negatives, excludePositives, sampler } = this.config;
    const draws = new EpochNegatives(train, { perPositive: negatives, excludePositives, sampler }, "SampledLogisticMfConfig");
    const arena = new SampledLogisticArena(train, tables, negatives);
    return positiveSgdTrainer(train, tables, draws, rng, (order, neg, from, to, epoch, loss) => {
      const lr = learningRate * Math.pow(learningRateDecay, epoch);
      return arena.steps(tables, order, neg, from, to, lr, reg, loss);
    });
  }
}

/** Creates a sampled-logistic MF model; unspecified fields take `defaultSampledLogisticMfConfig`. */
export function createSampledLogisticMf(config: Partial<SampledLogisticMfConfig> = {}): SampledLogisticMfModel {
  return new SampledLogisticMfModel({ ...defaultSampledLogisticMfConfig, ...config });
}
