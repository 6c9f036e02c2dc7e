/**
 * How many cores this process may keep busy, so that parallel work (the fused tower's second thread, a model
 * evaluated in a child process) never oversubscribes a machine that other jobs share: the machine's cores, or
 * RECSYS_CORES when set (the notebook runner sets it to cores / jobs for each notebook it runs at once), minus the
 * cores this process has reserved for child processes it started. Any budget gives the same results: it only
 * decides where work runs.
 */
import * as os from "node:os";

/** The environment variable that caps the cores of one process (an integer >= 1). */
export const CORES_ENV_VAR = "RECSYS_CORES";

/** Cores reserved by `reserveCores` and not yet released (process-wide, like the tower's worker thread). */
let reserved = 0;

/** The machine's cores available to this process (`os.availableParallelism`). */
export function machineCores(): number {
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

/** RECSYS_CORES as an integer >= 1 (undefined when unset or empty); throws naming the variable otherwise. */
export function coresFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const v = env[CORES_ENV_VAR];
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${CORES_ENV_VAR} must be an integer >= 1, got ${JSON.stringify(v)}`);
  return n;
}

/** Cores this process may use now: min(machine, RECSYS_CORES) minus the reserved ones, at least 1. */
export function availableCores(env: NodeJS.ProcessEnv = process.env): number {
  const cap = coresFromEnv(env);
  const total = cap === undefined ? machineCores() : Math.min(cap, machineCores());
  return Math.max(1, total - reserved);
}

/** Reserves `n` cores (e.g. for a child process) until the returned function is called (once; later calls do nothing). */
export function reserveCores(n: number): () => void {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`reserveCores: n must be an integer >= 1, got ${n}`);
  reserved += n;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    reserved -= n;
  };
}
