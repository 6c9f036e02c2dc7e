/**
 * Headless notebook runner for tslab (TypeScript) notebooks: the public API.
 *
 * - {@link runNotebook}: execute a notebook in a worker process on tslab's executor, with
 *   parameter overrides and a per-cell timeout; writes `<out>/<name>.ipynb` (outputs
 *   included) and `<out>/<name>.html`.
 * - nbformat helpers: {@link readNotebook}, {@link writeNotebook}, {@link validateNotebook},
 *   {@link createNotebook} (generate a notebook from cells), {@link stripOutputs} and
 *   {@link findCellsWithOutputs} (keep committed notebooks clean).
 * - Parameters: {@link findParametersCell}, {@link applyOverrides}, {@link parseParamValue}, and the
 *   allowed-values specs of contract C1: {@link parseSpecComment}, {@link specViolation}.
 * - Reports: {@link renderHtmlReport}, {@link ensurePlotlyBundle}, {@link plotlyBundleHref}.
 *
 * Command line: `tsx src/runner/cli.ts --help`.
 */
export { main as runCli, listNotebooks } from "./cli";
export { parseCliArgs, UsageError, USAGE } from "./cli-args";
export type { CliArgs } from "./cli-args";
export { renderHtmlReport } from "./html-report";
export type { ReportInfo, ReportParameter } from "./html-report";
export { renderMarkdown, renderOutput } from "./html-outputs";
export {
  hasTag,
  isCodeCell,
  NotebookFormatError,
  parseNotebook,
  readNotebook,
  serializeNotebook,
  sourceText,
  toLines,
  writeNotebook,
} from "./nbformat";
export type {
  Cell,
  CellMetadata,
  CodeCell,
  DisplayDataOutput,
  ErrorOutput,
  ExecuteResultOutput,
  MarkdownCell,
  MimeBundle,
  MultilineString,
  Notebook,
  Output,
  RawCell,
  StreamOutput,
} from "./nbformat";
export { validateNotebook } from "./nbformat-validate";
export { createNotebook, findCellsWithOutputs, makeCellId, stripOutputs, TSLAB_NOTEBOOK_METADATA } from "./notebook-builder";
export type { CellSpec, DirtyCell } from "./notebook-builder";
export { applyOverrides, parseParamAssignment, parseParamValue, valueKind } from "./parameter-overrides";
export type { AppliedParameters, ParamOverrides } from "./parameter-overrides";
export { findParametersCell, OverrideError, PARAMETERS_TAG, ParameterError, parameterValues, parseParametersSource } from "./parameters";
export { parseSpecComment, SpecSyntaxError, specViolation } from "./param-spec";
export type { ParamSpec, SpecConstraint, SpecType } from "./param-spec";
export type { ParameterDef, ParametersCell, ParamValue } from "./parameters";
export { ensurePlotlyBundle, PLOTLY_BUNDLE_RELATIVE, plotlyBundleHref, plotlyBundlePath } from "./plotly-asset";
export { PLOTLY_SRC_ENV, plotlyBundleSource } from "../report/plotly-chart";
export { DEFAULT_OUT_DIR, DEFAULT_TIMEOUT_SECONDS, runNotebook } from "./run-notebook";
export type { CellRun, RunFailure, RunOptions, RunResult } from "./run-notebook";
export { writeFileAtomic } from "../report/atomic-write";
// The results site: index and report pages from executed notebooks, run records and results.
export { buildSite } from "./site-builder";
export type { SiteBuild, SiteOptions } from "./site-builder";
export { readRunRecord, writeRunRecord } from "./run-record";
export type { RunRecord } from "./run-record";
