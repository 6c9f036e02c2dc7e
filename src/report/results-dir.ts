/**
 * Where results are recorded (contract C2): `RECSYS_RESULTS_DIR` if set; else the tracked `<repo>/results` only
 * when `RECSYS_RECORD_RESULTS=1` (set by `npm run experiments` unless `--no-record`); otherwise (Jupyter,
 * nbconvert, tslab by hand) the git-ignored `<repo>/reports/scratch-results/`, so an interactive run never changes
 * a tracked file. The first write into the scratch folder prints one line naming it.
 */
import * as path from "node:path";
import { repoRoot } from "../repo-root";

/** Environment variable naming an explicit results folder (tests, scratch runs, the functional check). */
export const RESULTS_DIR_ENV = "RECSYS_RESULTS_DIR";
/** Environment variable that, set to `1`, makes notebooks record into the tracked `results/`. */
export const RECORD_RESULTS_ENV = "RECSYS_RECORD_RESULTS";

/** The tracked results folder, `<repo>/results`. */
export function committedResultsDir(): string {
  return path.join(repoRoot(), "results");
}

/** The git-ignored folder interactive runs record into, `<repo>/reports/scratch-results`. */
export function scratchResultsDir(): string {
  return path.join(repoRoot(), "reports", "scratch-results");
}

/** The results folder for this process's environment (see the module comment). */
export function resultsDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[RESULTS_DIR_ENV];
  if (explicit) return path.resolve(explicit);
  return env[RECORD_RESULTS_ENV] === "1" ? committedResultsDir() : scratchResultsDir();
}

let announced = false;

/**
 * Called before every write into `dir`: the first write into the scratch folder in this process prints one line
 * (in a notebook, the cell's output) saying where the results went and how to record them for real.
 */
export function announceResultsWrite(dir: string): void {
  if (announced || path.resolve(dir) !== scratchResultsDir()) return;
  announced = true;
  const rel = path.relative(process.cwd(), dir) || dir;
  console.log(`results go to the scratch folder ${rel.startsWith("..") ? dir : rel} (git-ignored); npm run experiments records into results/`);
}
