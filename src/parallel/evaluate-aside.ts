/**
 * Fits and scores rating models on another core while this process goes on (issue 13, "both cores"): the models are
 * given as recipes (model-recipes.ts), a child process builds, fits and scores them with the generators forked here
 * at the call, in order, exactly as `evaluateRatingModels` would, and sends back their metrics and histories. With
 * fewer than two cores available (core-budget.ts: a notebook run beside another under `--jobs 2` has one) the same
 * evaluation runs in this process when its result is asked for. Either way the numbers are the same: a test
 * compares them.
 */
import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { availableCores, reserveCores } from "../backend/core-budget";
import type { Ratings } from "../data/ratings";
import { Rng } from "../random/rng";
import { repoRoot } from "../repo-root";
import { tsxImportArgv } from "../tsx-import";
import { checkSetup, evaluateRatingModelsWith, type EvaluationSetup, type ModelEvaluation } from "../train/evaluate-rating-models";
import type { TrainingHistory } from "../train/training-history";
import { ChildFittedModel } from "./child-fitted-model";
import { buildRatingModel, type RatingModelRecipe } from "./model-recipes";

/** What the parent sends the child. */
export interface AsideJob {
  recipes: RatingModelRecipe[];
  /** Seed of each model's generator (`Rng.fork()` of the setup's generator, in order). */
  seeds: number[];
  train: Ratings;
  validation?: Ratings;
  test: Ratings;
}

/** One model's outcome as the child reports it. */
export interface AsideResult {
  name: string;
  config: unknown;
  fittedIndexId: string | undefined;
  metrics: { rmse: number; mae: number };
  history: TrainingHistory;
  trainSeconds: number;
}

/**
 * The child's one reply: `results` when ok, else `error`. One object type rather than a union discriminated on
 * `ok`: the tslab kernel compiles the library without strictNullChecks, where such narrowing does not happen.
 */
export interface AsideReply {
  ok: boolean;
  results?: AsideResult[];
  error?: string;
}

/** Where an aside evaluation runs. */
export type AsidePlace = "child process" | "this process";

/** An evaluation started by `evaluateRatingModelsAside`. */
export interface AsideEvaluation {
  /** Where it runs: a child process on another core, or this process when `result()` is called. */
  readonly place: AsidePlace;
  /**
   * The evaluations, in recipe order. A model fitted in the child comes back as a `ChildFittedModel` (name,
   * config and index for result tables; it cannot predict). Rejects with the child's error if it failed.
   */
  result(): Promise<ModelEvaluation[]>;
}

/** Options of `evaluateRatingModelsAside`. */
export interface AsideOptions {
  /** Force the place (default: a child process when at least two cores are available, else this process). */
  place?: AsidePlace;
}

/** How many lines of a failed child's stderr an error quotes. */
const STDERR_TAIL_LINES = 20;

/**
 * Starts fitting and scoring the models of `recipes` on `setup` (forking one generator per recipe from
 * `setup.rng` now, in order); `result()` returns the evaluations. Progress is not shown for a child's models.
 */
export function evaluateRatingModelsAside(recipes: RatingModelRecipe[], setup: EvaluationSetup, options: AsideOptions = {}): AsideEvaluation {
  checkSetup("evaluateRatingModelsAside", setup);
  recipes.forEach((r) => buildRatingModel(r).dispose()); // refuse an unknown factory or a bad config here, not in the child
  const seeds = recipes.map(() => setup.rng.fork().seed);
  const place = options.place ?? (availableCores() >= 2 ? "child process" : "this process");
  if (place === "this process") {
    let pending: Promise<ModelEvaluation[]> | undefined;
    return {
      place,
      result: () => (pending ??= evaluateRatingModelsWith(recipes.map(buildRatingModel), seeds.map((s) => new Rng(s)), setup)),
    };
  }
  const job: AsideJob = { recipes, seeds, train: setup.train, validation: setup.validation, test: setup.test };
  const pending = runInChild(job);
  pending.catch(() => undefined); // reported by result(); never an unhandled rejection meanwhile
  return { place, result: () => pending };
}

function runInChild(job: AsideJob): Promise<ModelEvaluation[]> {
  const release = reserveCores(1);
  const root = repoRoot();
  const script = path.join(root, "src", "parallel", "evaluation-child.ts");
  let child: ChildProcess;
  try {
    // One tower thread in the child: this process keeps the other core busy.
    child = fork(script, [], { serialization: "advanced", execArgv: tsxImportArgv(), stdio: ["ignore", "ignore", "pipe", "ipc"], env: { ...process.env, RECSYS_TOWER_THREADS: "1" } });
  } catch (error) {
    release();
    return Promise.reject(error);
  }
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr.push(...chunk.toString("utf8").split("\n"));
    if (stderr.length > 4 * STDERR_TAIL_LINES) stderr.splice(0, stderr.length - STDERR_TAIL_LINES);
  });
  return new Promise<ModelEvaluation[]>((resolve, reject) => {
    let reply: AsideReply | undefined;
    child.once("message", (m: AsideReply) => { reply = m; });
    child.once("error", (error) => { release(); reject(error); });
    child.once("exit", (code, signal) => {
      release();
      if (reply?.ok && reply.results) resolve(reply.results.map(toEvaluation));
      else if (reply) reject(new Error(`evaluateRatingModelsAside: the child process failed: ${reply.error ?? "no error was given"}`));
      else reject(new Error(`evaluateRatingModelsAside: the child process ended (${signal ?? `exit code ${code}`}) without a result; its stderr ended with:\n${stderr.slice(-STDERR_TAIL_LINES).join("\n")}`));
    });
    child.send(job);
  });
}

function toEvaluation(r: AsideResult): ModelEvaluation {
  return { model: new ChildFittedModel(r.name, r.config, r.fittedIndexId), metrics: r.metrics, history: r.history, trainSeconds: r.trainSeconds };
}
