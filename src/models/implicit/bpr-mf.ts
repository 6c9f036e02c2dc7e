/**
 * BPR-MF: matrix factorization trained for Bayesian Personalized Ranking (Rendle, Freudenthaler, Gantner and
 * Schmidt-Thieme, "BPR: Bayesian Personalized Ranking from Implicit Feedback", UAI 2009, sections 4 and 5).
 * x_ui = b_i + w_u · h_i; for each triple (u, i, j) of a positive i and a sampled item j the user has no
 * interaction with, one SGD ascent step on ln σ(x_uij) - λ‖Θ‖² with x_uij = x_ui - x_uj (LearnBPR):
 *
 *   e = σ(-x_uij) = 1 - σ(x_uij);  w_u += lr (e (h_i - h_j) - regUser w_u);
 *   h_i += lr (e w_u - regPositive h_i);  h_j += lr (-e w_u - regNegative h_j);
 *   b_i += lr (e - regBias b_i);  b_j += lr (-e - regBias b_j)   (all from the old values).
 *
 * Instead of LearnBPR's bootstrap sampling of (u, i), an epoch visits every positive once in a seeded random
 * order with `negatives` fresh j each. User biases and b cancel in x_uij and stay 0. The training loss is
 * -ln σ(x_uij) summed over the epoch's triples (L2 excluded), per positive. Rating values are ignored. Training
 * runs the steps on WebAssembly (`BprArena`), bit for bit the same as `bprStep`, the plain reference kept for tests.
 */
import { uniformSampling, type NegativeSamplerConfig } from "../../data/negative-sampler";
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import type { EpochTrainer } from "../../train/epoch-loop";
import { BprArena } from "./bpr-arena";
import { EpochNegatives } from "./epoch-negatives";
import type { FactorTables } from "./factor-tables";
import { checkNegativesPerPositive, checkStepConfig, ImplicitFactorModel, type ImplicitFactorConfig } from "./implicit-factor-model";
import { positiveSgdTrainer } from "./positive-sgd-trainer";
import { dotRows } from "./row-kernels";

/** BPR-MF hyperparameters. */
export interface BprMfConfig extends ImplicitFactorConfig {
  /** SGD step size α. */
  learningRate: number;
  /** λ on w_u (gradient regUser * w_u per triple). */
  regUser: number;
  /** λ on h_i of the positive item. */
  regPositive: number;
  /** λ on h_j of the sampled negative item. */
  regNegative: number;
  /** λ on the item biases b_i and b_j. */
  regBias: number;
  /** Sampled negatives j per positive and epoch (one triple each; an integer >= 1). */
  negatives: number;
  /** Distribution of j among the user's non-interacted items (uniform in the paper). */
  sampler: NegativeSamplerConfig;
}

/**
 * Defaults for MovieLens-1M on the NCF protocol (MyMediaLite's BPRMF regularisation, 0.0025): HR@10 0.6833,
 * NDCG@10 0.4060 after 40 epochs at d = 64 (regularisation 0.01 with lr 0.1 gave 0.669, 0.001 gave 0.674).
 */
export const defaultBprMfConfig: BprMfConfig = {
  dim: 64,
  initStd: 0.1,
  learningRate: 0.05,
  regUser: 0.0025,
  regPositive: 0.0025,
  regNegative: 0.0025,
  regBias: 0,
  negatives: 1,
  sampler: uniformSampling,
  epochs: 40,
  patience: 0,
  minDelta: 0,
};

/** λ of each parameter group of one BPR step. */
export interface BprRegs {
  user: number;
  positive: number;
  negative: number;
  bias: number;
}

/**
 * One LearnBPR step on triple (u, i, j) with step size `lr` and L2 weights `regs` (module comment); updates `t`
 * in place and returns -ln σ(x_uij) before the step (nats).
 */
export function bprStep(t: FactorTables, u: number, i: number, j: number, lr: number, regs: BprRegs): number {
  const dim = t.dim;
  const W = t.userFactors;
  const H = t.itemFactors;
  const b = t.itemBias;
  const uo = u * dim;
  const io = i * dim;
  const jo = j * dim;
  const x = b[i] - b[j] + dotRows(W, uo, H, io, dim) - dotRows(W, uo, H, jo, dim);
  const z = Math.exp(-Math.abs(x));
  const e = x >= 0 ? z / (1 + z) : 1 / (1 + z);
  const loss = (x < 0 ? -x : 0) + Math.log1p(z);
  const keepU = 1 - lr * regs.user;
  const keepI = 1 - lr * regs.positive;
  const keepJ = 1 - lr * regs.negative;
  const step = lr * e;
  for (let f = 0; f < dim; f++) {
    const w = W[uo + f];
    const hi = H[io + f];
    const hj = H[jo + f];
    W[uo + f] = keepU * w + step * (hi - hj);
    H[io + f] = keepI * hi + step * w;
    H[jo + f] = keepJ * hj - step * w;
  }
  b[i] += lr * (e - regs.bias * b[i]);
  b[j] += lr * (-e - regs.bias * b[j]);
  return loss;
}

/** BPR-MF (module comment). */
export class BprMfModel extends ImplicitFactorModel {
  readonly name = "BPR-MF";

  constructor(readonly config: BprMfConfig) {
    super(config);
    checkStepConfig(config, "BprMfConfig", ["regUser", "regPositive", "regNegative", "regBias"]);
    checkNegativesPerPositive(config.negatives, "BprMfConfig");
  }

  protected createTrainer(train: Ratings, tables: FactorTables, rng: Rng): EpochTrainer<FactorTables> {
    const { learningRate: lr, negatives, sampler } = this.config;
    const regs: BprRegs = { user: this.config.regUser, positive: this.config.regPositive, negative: this.config.regNegative, bias: this.config.regBias };
    const draws = new EpochNegatives(train, { perPositive: negatives, excludePositives: true, sampler }, "BprMfConfig");
    const arena = new BprArena(train, tables, negatives);
    return positiveSgdTrainer(train, tables, draws, rng, (order, neg, from, to, _epoch, loss) => arena.steps(tables, order, neg, from, to, lr, regs, loss));
  }
}

/** Creates a BPR-MF model; unspecified fields take `defaultBprMfConfig`. */
export function createBprMf(config: Partial<BprMfConfig> = {}): BprMfModel {
  return new BprMfModel({ ...defaultBprMfConfig, ...config });
}
