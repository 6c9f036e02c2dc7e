/**
 * Recommended settings of the typed-array implicit models on MovieLens-1M under the NCF protocol (ml-1m-loo:
 * leave-one-out, 99 published negatives, HR@10 and NDCG@10, random tie-break), with what they measured here
 * (seed 1, one thread, binary confidences). Anchors: most popular 0.4529 / 0.2536; Rendle et al. 2020,
 * sampled-logistic MF at d = 192, mean of 8 runs: 0.7294 / 0.4523.
 */
import { defaultBprMfConfig, type BprMfConfig } from "./bpr-mf";
import { defaultLogisticMfConfig, type LogisticMfConfig } from "./logistic-mf";
import { defaultSampledLogisticMfConfig, type SampledLogisticMfConfig } from "./sampled-logistic-mf";

/** One preset per model and purpose. */
export interface ImplicitMfPresets {
  /**
   * Rendle et al. 2020's recipe at d = 64: lr 0.002, reg 0.005, std 0.1, 8 uniform negatives, 256 epochs.
   * Measured here only to epoch 32 (0.5758 / 0.3257; epoch 16: 0.4788 / 0.2683); their code reaches
   * 0.7255 / 0.4474 after 256 epochs at this dimension.
   */
  sampledLogisticPaper64: SampledLogisticMfConfig;
  /**
   * The long run recommended to beat HR@10 0.726 and NDCG@10 0.445: d = 192, lr 0.008 (4x the paper's, which
   * reaches a given quality in about a quarter of the epochs), 96 epochs. Measured every 8 epochs up to 40:
   * 0.5959 / 0.3394, 0.6740 / 0.3999, 0.7022 / 0.4237, 0.7157 / 0.4373, 0.7225 / 0.4419, still rising by
   * about 0.007 HR@10 per 8 epochs. About 7 CPU-seconds per epoch here.
   */
  sampledLogisticLongRun: SampledLogisticMfConfig;
  /** A quick sampled-logistic run (d = 64, lr 0.008, 48 epochs, about 3 CPU-seconds each): 0.7174 / 0.4391. */
  sampledLogisticQuick: SampledLogisticMfConfig;
  /** BPR-MF, d = 64, lr 0.05, λ 0.0025, 40 epochs: 0.6833 / 0.4060. */
  bpr: BprMfConfig;
  /** Logistic MF, d = 64, γ 0.3, λ 5, 4 negatives, 30 epochs: 0.6965 / 0.4212. */
  logistic: LogisticMfConfig;
}

/** The presets (see each field's TSDoc for its measurements). */
export const implicitMfPresets: ImplicitMfPresets = {
  sampledLogisticPaper64: { ...defaultSampledLogisticMfConfig },
  sampledLogisticLongRun: { ...defaultSampledLogisticMfConfig, dim: 192, learningRate: 0.008, epochs: 96 },
  sampledLogisticQuick: { ...defaultSampledLogisticMfConfig, learningRate: 0.008, epochs: 48 },
  bpr: { ...defaultBprMfConfig },
  logistic: { ...defaultLogisticMfConfig },
};
