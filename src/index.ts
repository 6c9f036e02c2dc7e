/**
 * The library the notebooks import (`import { ... } from "./src"` from notebooks/, through the notebooks/src
 * link): data loading and splits, models, the training loop, metrics, charts and the results writer.
 */
export * from "./data/index";
export { summarizeRatings, type RatingsSummary } from "./data/ratings-summary";
export { ratingDistribution, activityCounts, shareOfTop, densestBlock } from "./data/ratings-stats";
export { ratingsByUser, ratingsByItem, type SparseRows } from "./data/rating-matrix";
export { NegativeSampler, type NegativeSamplerConfig } from "./data/negative-sampler";
export { Rng } from "./random/rng";
export { initBackend, describeBackend, type BackendInfo } from "./backend/select-backend";
export { rmse, mae } from "./metrics/regression-metrics";
export { type RatingModel, type FitOptions, predictRatings } from "./models/rating-model";
export { createGlobalMean, GlobalMeanModel } from "./models/global-mean";
export { createBiasBaseline, BiasBaselineModel, defaultBiasBaselineConfig, type BiasBaselineConfig } from "./models/bias-baseline";
export { createBiasedMf, BiasedMfModel, defaultBiasedMfConfig, type BiasedMfConfig } from "./models/biased-mf";
export { createSgdMf, SgdMfModel, defaultSgdMfConfig, sgdMfPresets, surpriseSvdConfig, type SgdMfConfig } from "./models/sgd-mf";
export { createSvdpp, SvdppModel, defaultSvdppConfig, surpriseSvdppConfig, svdppPresets, type SvdppConfig } from "./models/svdpp";
export {
  createTimeSvdpp, createTimeAwareBaseline, TimeSvdppModel, defaultTimeSvdppConfig, timeAwareBaselineConfig, timeSvdppPresets,
  type TimeSvdppConfig, type TimeSvdppOptions,
} from "./models/time-svdpp";
export { createAlsMf, AlsMfModel, defaultAlsMfConfig, alsMfPresets, type AlsMfConfig } from "./models/als-mf";
export { createAutoRec, AutoRecModel, defaultAutoRecConfig, autoRecPresets, uAutoRecPresets, autoRecPresetFor, type ChosenAutoRecPreset, type AutoRecConfig, type AutoRecVariant } from "./models/autorec";
export { createBlend, BlendModel, defaultBlendConfig, type BlendConfig, type BlendSummary, type BlendWeight } from "./models/blend";
export { blendWithMemberViews } from "./models/blend-member-views";
export {
  createKnn, createKnnBasic, createKnnWithMeans, createKnnBaseline, KnnModel, defaultKnnConfig, type KnnConfig,
  checkSimilarityMemory, similarityMatrixBytes, DEFAULT_MAX_SIMILARITY_BYTES,
} from "./models/knn/index";
export { toImplicit, interactionCounts, IMPLICIT_COUNT_SCALE, CONFIDENCE_SPREAD_WARNING, type ImplicitOptions } from "./data/implicit-interactions";
export { BINARY_CONFIDENCE, confidenceValues, confidenceOf, checkConfidence, type ConfidenceConfig } from "./data/implicit-confidence";
export { hitRateAtK, ndcgAtK, precisionAtK, recallAtK, averagePrecisionAtK, reciprocalRank, aucOfRanks } from "./metrics/ranking-metrics";
export { fullCatalogueProtocol, fullCatalogueFromLoo, type RankingProtocol } from "./train/ranking-protocol";
export { retrieveTopK, catalogueScorerOf, type TopKLists, type RetrievalOptions } from "./train/full-catalogue-retrieval";
export { evaluateFullCatalogue, FULL_CATALOGUE_CUTOFFS, type FullCatalogueEvaluation } from "./train/full-catalogue-evaluation";
export { topKListMetrics, ranksInList } from "./metrics/top-k-list-metrics";
export { ncfProtocolFromLoo, sampledProtocol, validationProtocol } from "./train/ncf-protocol";
export { latestTimestampedValidation } from "./train/timestamped-validation";
export { freshnessBlendSweep, type FreshnessSweep, type FreshnessSweepRow } from "./train/freshness-blend-sweep";
export { evaluateRanking, expectedSampledMetrics, rankTestItems, rankingValidator } from "./train/ranking-evaluation";
export { createPopularity, PopularityModel } from "./models/popularity-model";
export { createRandomModel, RandomModel } from "./models/random-model";
export type { ImplicitModel, ImplicitFitOptions, CatalogueScorer } from "./models/implicit-model";
export { createBprMf, createLogisticMf, createSampledLogisticMf, implicitMfPresets, createEase, EaseModel, createIals, IalsModel, createScoreBlend, ScoreBlendModel, type BlendMember, createFreshnessPrior, FreshnessPriorModel } from "./models/implicit/index";
export { searchBlendWeights, candidateZScores, simplexGrid, type BlendGridPoint } from "./train/blend-weight-search";
export { createCandidateGenerator, demographicColumns, defaultCandidateGeneratorConfig, CandidateGeneratorModel, type CandidateGeneratorConfig } from "./models/candidate-generator";
export { reindexFeatureTable } from "./data/reindex-features";
export { fullCatalogueValidation, easeLambdaSweep, type EaseSweepRow } from "./train/full-catalogue-validation";
export { createGmf, createNcfMlp, createNeuMf, createPretrainedNeuMf } from "./models/ncf/index";
export { loadNcfProtocol, type NcfProtocolOptions } from "./train/ranking-dataset";
export { evaluateImplicitModels, type ImplicitEvaluation } from "./train/evaluate-implicit-models";
export { rankingEntry } from "./report/ranking-record";
export { combinationVerdict } from "./report/combination-verdict";
export { bestModelVerdict, pairVerdict, entryScores, hitRateStandardError, type VerdictScore, type VerdictMetric } from "./report/model-verdict";
export { agreementCheck, compareRuns, type Agreement, type AgreementRun, type AgreementSpec } from "./report/agreement";
export { createMlpRating, MlpRatingModel, defaultMlpRatingConfig, type MlpRatingConfig } from "./models/mlp-rating";
export { createHybridMfMlp, HybridMfMlpModel, defaultHybridMfMlpConfig, type HybridMfMlpConfig } from "./models/hybrid-mf-mlp";
export { transferFeatures } from "./data/transfer-features";
export { runTwoStage, rerankLists, rankerExamples, carveTrainingHoldout, type TwoStageConfig, type TwoStageResult, type RerankResult, type ExampleRanker } from "./train/two-stage";
export { sampledTwoStageMetrics } from "./train/two-stage-sampled";
export { retrievalEvidence, rankBucket, defaultRankEdges } from "./train/retrieval-evidence";
export { createWideDeepRating, createWideDeepRanker, WideDeepRatingModel, WideDeepRanker, defaultWideDeepConfig, FtrlProximal, WideFeatureSpace, type WideDeepConfig, type WideDeepParts, type LabelledPairs } from "./models/wide-deep/index";
export type { PairEvidence } from "./models/wide-deep/pair-evidence";
export { talkMlpPreset, talkPresetStopping, notebookPresetStopping, presetStopping, ml100kNeuralPresets, type NeuralPresets, type PresetStopping } from "./models/neural-presets";
export { evaluateRatingModels, type ModelEvaluation, type EvaluationSetup } from "./train/evaluate-rating-models";
export { evaluateRatingModelsAside, type AsideEvaluation, type AsidePlace, type AsideOptions } from "./parallel/evaluate-aside";
export { ratingModelRecipe, buildRatingModel, ratingModelFactories, type RatingModelRecipe, type RatingModelFactory } from "./parallel/model-recipes";
export { ChildFittedModel } from "./parallel/child-fitted-model";
export { availableCores, reserveCores, CORES_ENV_VAR } from "./backend/core-budget";
export { parameterGrid, sweepRatingModel, chooseOnValidation, type SweepPoint } from "./train/parameter-sweep";
export { crossValidate, type CrossValidationResult, type CrossValidationOptions } from "./train/cross-validate";
export { talkProtocolSplit, randomProtocolSplit, type ProtocolSplit } from "./train/protocol-splits";
export { epochBatches, type MiniBatch } from "./train/mini-batches";
export { defaultProgress, lineProgress, silentProgress, type ProgressReporter } from "./train/progress";
export type { TrainingConfig, OptimizerName, LossReduction } from "./train/optimizer";
export type { TrainingHistory, EpochRecord } from "./train/training-history";
export { validationCurveChart, sweepChart, referenceLine, type LineChart, type LineSeries } from "./report/line-chart";
export { showChart, showFigure, plotlyFigure, type PlotlyFigure } from "./report/plotly-chart";
export { ratingHistogramFigure, longTailFigure, matrixHeatmapFigure } from "./report/exploration-figures";
export { renderLineChartSvg } from "./report/svg-line-chart";
export { showHtml, showTable } from "./report/notebook-display";
export { comparisonHtml, comparisonMarkdown } from "./report/results-table";
export { experimentEntry, randomSplitProtocol, saveFigure, type ExperimentInfo } from "./report/experiment-record";
export { crossValidationEntry, crossValidationRows, publishedOnlyRows } from "./report/cross-validation-record";
export { comparisonFigure } from "./report/comparison-figure";
export { recordResult, resultsDir, readAllResults } from "./report/results-store";
export { publishedAnchors, findAnchor, type Anchor } from "./report/anchors";
