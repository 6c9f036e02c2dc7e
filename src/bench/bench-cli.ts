/**
 * `npm run bench`: times every model of the suite (bench-cases.ts) on data of a given shape, each case in its own
 * process, and records the table in results/bench.json and results/README.md; after a standard suite (no --cases,
 * --shape or --data) it also rewrites README.md's speed section from every suite recorded in results/bench.json.
 *
 * Suites: "ml-1m" (synthetic ratings of MovieLens-1M's shape, or `--data ml-1m` for the real file; every case
 * but the LibimSeTi-gender ones, `--epochs` epochs; the neural cases with synthetic MovieLens-like side features)
 * and "libimseti" (17.4M synthetic ratings of LibimSeTi's shape, one epoch each of the factorization models and of
 * the talk's MLP with gender and hybrid, with a synthetic gender column).
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { libimsetiShape, ml1mShape, type SyntheticRatingsOptions } from "../data/synthetic-ratings";
import { repoRoot } from "../repo-root";
import type { ResultEntry } from "../report/result-entry";
import { committedResultsDir, recordResult, resultsDir } from "../report/results-store";
import { comparisonMarkdown } from "../report/results-table";
import { benchSectionFromResults, writeBenchSection } from "./readme-section";
import { benchCases, benchCase } from "./bench-cases";
import { benchEntry } from "./bench-entry";
import { GENDER_CASES } from "./neural-bench-cases";
import type { BenchCaseReport, BenchCaseRequest } from "./run-bench-case";

const USAGE = `Usage: npm run bench -- [options]

  --suite ml-1m|libimseti|all  which suites to run (default: all)
  --data NAME                  ml-1m suite on a loadable data set (e.g. ml-1m) instead of synthetic ratings
  --shape U,I,N                ml-1m suite on synthetic data with U users, I items, N ratings
  --cases a,b,...              only these cases (${benchCases.map((c) => c.id).join(", ")})
  --epochs N                   epochs per case in the ml-1m suite (default 8; speeds are medians over epochs 2..N)
  --target R                   target validation RMSE for "s to target" (default 0.96; libimseti: 2.35)
  --seed N                     seed of the data, split and models (default 1)
  --no-record                  print only; do not write results/
  --help                       this text`;

/** The libimseti suite's cases: the factorization models and the talk's MLP with gender and hybrid, one epoch each. */
const LIBIMSETI_CASES = ["reference-sgd", "sgd-mf", "sgd-mf-2-threads", "tfjs-mf", ...GENDER_CASES];
/** The ml-1m suite's default cases: every case but the LibimSeTi-gender ones. */
const ML1M_CASES = benchCases.map((c) => c.id).filter((id) => !GENDER_CASES.includes(id));

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`bench: --${name} must be an integer >= 1, got "${value}"`);
  return n;
}

/** Runs one case in a child process with the same Node flags (tsx loader) and returns its report. */
export function runCaseInChild(request: BenchCaseRequest): Promise<BenchCaseReport> {
  const script = path.join(__dirname, "run-bench-case.ts");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, JSON.stringify(request)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
      if (code !== 0 || !line) return reject(new Error(`bench: case ${request.caseId} failed (exit code ${code})`));
      const report = JSON.parse(line.slice("BENCH_RESULT ".length)) as BenchCaseReport;
      // JSON turns NaN (no validation RMSE: the implicit-feedback cases) into null; back to NaN
      for (const e of report.epochs) if (e.validationRmse === null) e.validationRmse = NaN;
      resolve(report);
    });
  });
}

/** One suite: its name, data, cases and settings. */
interface SuiteRun {
  suite: string;
  data: SyntheticRatingsOptions | string;
  caseIds: string[];
  epochs: number;
  target: number;
  seed: number;
  record: boolean;
  parameters: Record<string, unknown>;
}

async function runSuite({ suite, data, caseIds, epochs, target, seed, record, parameters }: SuiteRun): Promise<ResultEntry> {
  const startedAt = Date.now();
  const reports: BenchCaseReport[] = [];
  for (const caseId of caseIds) {
    console.log(`bench ${suite}: ${caseId} ...`);
    const report = await runCaseInChild({ caseId, data, epochs, referenceEpochs: Math.max(2, Math.min(3, epochs)), seed });
    const speeds = report.epochs.map((e) => `${(e.ratingsPerSecond / 1e6).toFixed(2)}M/s`).join(" ");
    console.log(`  ${speeds}; val RMSE ${report.epochs[report.epochs.length - 1].validationRmse.toFixed(4)} (NaN: none); peak ${report.peakMb.toFixed(0)} MB; reference ${(report.referenceRatingsPerSecond / 1e6).toFixed(2)}M/s`);
    reports.push(report);
  }
  const entry = benchEntry({ suite, epochs, target, seed, parameters, startedAt }, reports);
  console.log(`\n${comparisonMarkdown(entry)}`);
  // Asked to record (no --no-record): results/, or RECSYS_RESULTS_DIR when set (contract C2).
  if (record) console.log("recorded in", recordResult(entry, resultsDir({ ...process.env, RECSYS_RECORD_RESULTS: "1" })));
  return entry;
}

/** Entry point: parses `argv` and runs the chosen suites. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      suite: { type: "string", default: "all" },
      data: { type: "string" },
      shape: { type: "string" },
      cases: { type: "string" },
      epochs: { type: "string", default: "8" },
      target: { type: "string" },
      seed: { type: "string", default: "1" },
      "no-record": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (!["ml-1m", "libimseti", "all"].includes(values.suite!)) throw new RangeError(`bench: --suite must be ml-1m, libimseti or all, got "${values.suite}"`);
  const epochs = positiveInt(values.epochs!, "epochs");
  const seed = positiveInt(values.seed!, "seed");
  const target = values.target === undefined ? undefined : Number(values.target);
  if (target !== undefined && !(target > 0)) throw new RangeError(`bench: --target must be a positive number, got "${values.target}"`);
  const chosen = values.cases ? values.cases.split(",").map((id) => benchCase(id.trim()).id) : undefined;
  const record = !values["no-record"];
  let shape: SyntheticRatingsOptions = { ...ml1mShape, seed };
  if (values.shape) {
    const [numUsers, numItems, size] = values.shape.split(",").map((v, k) => positiveInt(v, `shape (${["U", "I", "N"][k]})`));
    if (size === undefined) throw new RangeError(`bench: --shape must be U,I,N, got "${values.shape}"`);
    shape = { ...shape, name: `synthetic, ${numUsers}x${numItems}`, numUsers, numItems, size };
  }
  const parameters = { ...values };
  const entries: ResultEntry[] = [];
  if (values.suite !== "libimseti") {
    const caseIds = chosen ?? ML1M_CASES;
    entries.push(await runSuite({ suite: values.data ?? "ml-1m shape", data: values.data ?? shape, caseIds, epochs, target: target ?? 0.96, seed, record, parameters }));
  }
  if (values.suite !== "ml-1m") {
    const caseIds = (chosen ?? LIBIMSETI_CASES).filter((id) => LIBIMSETI_CASES.includes(id));
    const libimsetiParameters = { ...parameters, epochs: "1" }; // this suite always trains one epoch
    if (caseIds.length) entries.push(await runSuite({ suite: "LibimSeTi shape", data: { ...libimsetiShape, seed }, caseIds, epochs: 1, target: target ?? 2.35, seed, record, parameters: libimsetiParameters }));
  }
  // After a recorded run of a standard suite (all its cases, the synthetic data), README shows every recorded suite
  // of results/bench.json; a partial or custom run (--cases, --shape, --data) leaves README as it is.
  const standard = record && !values.cases && !values.shape && !values.data && !process.env.RECSYS_RESULTS_DIR;
  if (standard) writeBenchSection(path.join(repoRoot(), "README.md"), benchSectionFromResults(committedResultsDir()));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: Error) => {
    console.error(e instanceof RangeError || e instanceof TypeError ? `${e.message}\n\n${USAGE}` : e.stack ?? e.message);
    process.exit(e instanceof RangeError || e instanceof TypeError ? 2 : 1);
  });
}
