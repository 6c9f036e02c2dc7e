/** Wide & Deep (Cheng et al. 2016): FTRL-Proximal, the wide feature space, the joint network, the rating model and the ranker. */
export { FtrlProximal, checkFtrlConfig, type FtrlConfig, type FtrlSnapshot } from "./ftrl-proximal";
export { WideFeatureSpace, type WideFeatureConfig } from "./wide-features";
export { defaultWideDeepConfig, partsName, resolveWideDeepConfig, type DeepConfig, type WideConfig, type WideDeepConfig, type WideDeepOverrides, type WideDeepParts } from "./wide-deep-config";
export { WideDeepNet, type WideDeepLoss, type WideDeepSnapshot } from "./wide-deep-net";
export { WideDeepRatingModel, createWideDeepRating } from "./wide-deep-rating";
export { WideDeepRanker, createWideDeepRanker, uniformNegativeExamples, type LabelledPairs } from "./wide-deep-ranker";
