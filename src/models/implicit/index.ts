/**
 * Implicit-feedback models over typed arrays: logistic MF (Johnson 2014), BPR-MF (Rendle et al. 2009) and
 * sampled-logistic MF (Rendle et al. 2020) trained by SGD or AdaGrad, iALS (Hu et al. 2008; Rendle et al. 2022) by
 * alternating least squares, EASE (Steck 2019) in closed form, a blend of their per-user normalised scores, their shared parameter tables, per-epoch negatives,
 * and recommended presets.
 */
export { FactorTables } from "./factor-tables";
export { EpochNegatives, defaultNegativeDraw, checkNegativeDraw, type NegativeDrawConfig } from "./epoch-negatives";
export { ImplicitFactorModel, checkImplicitFactorConfig, type ImplicitFactorConfig } from "./implicit-factor-model";
export { adagradAscent, ADAGRAD_EPSILON } from "./adagrad";
export {
  SampledLogisticMfModel, createSampledLogisticMf, defaultSampledLogisticMfConfig, sampledLogisticStep, type SampledLogisticMfConfig,
} from "./sampled-logistic-mf";
export { BprMfModel, createBprMf, defaultBprMfConfig, bprStep, type BprMfConfig, type BprRegs } from "./bpr-mf";
export {
  LogisticMfModel, createLogisticMf, defaultLogisticMfConfig, accumulateLogisticGradient, type LogisticMfConfig, type LogisticMfSide,
} from "./logistic-mf";
export { implicitMfPresets, type ImplicitMfPresets } from "./presets";
export { EaseModel, createEase, defaultEaseConfig, addGramLower, type EaseConfig, type EaseTimings } from "./ease";
export { IalsModel, createIals, defaultIalsConfig, ialsObjective, type IalsConfig } from "./ials";
export { ialsHalfStep, gramian, type IalsSolveSettings } from "./ials-half-step";
export { ScoreBlendModel, createScoreBlend, defaultScoreBlendConfig, type BlendMember, type BlendHoldout, type ScoreBlendConfig, type BlendSearchRecord } from "./score-blend";
export { FreshnessPriorModel, createFreshnessPrior, defaultFreshnessPriorConfig, type FreshnessPriorConfig } from "./freshness-prior";
export { zScoreInPlace, normalisedCatalogueRows } from "./score-normalisation";
