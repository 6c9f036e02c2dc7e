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
export { evaluateRatingModels, type ModelEvaluation, type EvaluationSetup } from "./train/evaluate-rating-models";
export { crossValidate, type CrossValidationResult, type CrossValidationOptions } from "./train/cross-validate";
export { talkProtocolSplit, randomProtocolSplit, type ProtocolSplit } from "./train/protocol-splits";
export { defaultProgress, lineProgress, silentProgress, type ProgressReporter } from "./train/progress";
export type { TrainingConfig, OptimizerName, LossReduction } from "./train/optimizer";
export type { TrainingHistory, EpochRecord } from "./train/training-history";
export { validationCurveChart, referenceLine, type LineChart, type LineSeries } from "./report/line-chart";
export { showChart, showFigure, plotlyFigure, type PlotlyFigure } from "./report/plotly-chart";
export { ratingHistogramFigure, longTailFigure, matrixHeatmapFigure } from "./report/exploration-figures";
export { renderLineChartSvg } from "./report/svg-line-chart";
export { showHtml, showTable } from "./report/notebook-display";
export { comparisonHtml, comparisonMarkdown } from "./report/results-table";
export { experimentEntry, randomSplitProtocol, saveFigure, type ExperimentInfo } from "./report/experiment-record";
export { crossValidationEntry, crossValidationRows } from "./report/cross-validation-record";
export { recordResult, resultsDir, readAllResults } from "./report/results-store";
export { publishedAnchors, findAnchor, type Anchor } from "./report/anchors";
