/**
 * Neural Collaborative Filtering (He et al., WWW 2017) on TensorFlow.js in one import: GMF, the MLP, NeuMF with
 * and without pretraining, and the sampled-negatives log-loss trainer they share.
 */
export { GmfModel, createGmf, defaultGmfConfig, type GmfConfig, type GmfWeights } from "./gmf";
export { NcfMlpModel, createNcfMlp, defaultNcfMlpConfig, type NcfMlpConfig, type NcfMlpWeights } from "./ncf-mlp";
export { NeuMfModel, createNeuMf, defaultNeuMfConfig, type NeuMfConfig } from "./neumf";
export { createPretrainedNeuMf, defaultNeuMfPretrainingConfig, type NeuMfPretrainingConfig } from "./neumf-pretraining";
export type { NeuMfWeights } from "./neumf-weights";
export {
  trainImplicitTfModel,
  binaryCrossEntropyWithLogits,
  defaultNcfTrainingConfig,
  type ImplicitTrainingConfig,
  type ImplicitTfTrainable,
} from "./implicit-tf-trainer";
export type { PairOutput } from "./pair-scores";
