/**
 * The vocabulary for asking for a TF.js backend: the names accepted in `RECSYS_BACKEND` and
 * `initBackend({ prefer })`, the default preference order, the npm package behind each backend and the
 * install hint shown when one cannot be loaded. Pure functions, no TF.js import.
 */

/** Environment variable that forces a backend, overriding the default order (and `prefer`). */
export const BACKEND_ENV_VAR = "RECSYS_BACKEND";

/**
 * A backend the suite can run on. `tensorflow-gpu` and `tensorflow` are both registered in TF.js under the
 * name "tensorflow" (libtensorflow through `@tensorflow/tfjs-node-gpu` or `@tensorflow/tfjs-node`).
 */
export type BackendChoice = "tensorflow-gpu" | "tensorflow" | "wasm" | "cpu";

/** Order tried when nothing is forced: fastest first. */
export const DEFAULT_BACKEND_ORDER: readonly BackendChoice[] = ["tensorflow-gpu", "tensorflow", "wasm", "cpu"];

/** Accepted spellings (lower case) and what they mean: short names first, then the TF.js names. */
const ALIASES: ReadonlyArray<readonly [string, BackendChoice]> = [
  ["gpu", "tensorflow-gpu"],
  ["node", "tensorflow"],
  ["wasm", "wasm"],
  ["cpu", "cpu"],
  ["tensorflow", "tensorflow"],
  ["tensorflow-gpu", "tensorflow-gpu"],
];

/** Human-readable list of the accepted values, used in error messages. */
export const ALLOWED_BACKEND_VALUES = "gpu, node, wasm, cpu (or the TF.js names tensorflow, tensorflow-gpu, wasm, cpu)";

/**
 * Parses a backend name (case-insensitive, surrounding blanks ignored) into a `BackendChoice`.
 * Returns `undefined` for an empty or missing value. Throws for an unknown value, naming `source`
 * (e.g. "RECSYS_BACKEND" or "initBackend({ prefer })") and the allowed values.
 */
export function parseBackendChoice(value: string | undefined, source: string): BackendChoice | undefined {
  if (value === undefined) return undefined;
  const key = value.trim().toLowerCase();
  if (key === "") return undefined;
  const hit = ALIASES.find(([alias]) => alias === key);
  if (hit === undefined) {
    throw new Error(`${source}="${value}" is not a known TF.js backend; allowed values: ${ALLOWED_BACKEND_VALUES}`);
  }
  return hit[1];
}

/** The name TF.js registers the backend under (what `tf.getBackend()` reports once it is active). */
export function tfjsBackendName(choice: BackendChoice): "tensorflow" | "wasm" | "cpu" {
  return choice === "tensorflow-gpu" ? "tensorflow" : choice;
}

/** The npm package that provides the backend. */
export function backendPackage(choice: BackendChoice): string {
  switch (choice) {
    case "tensorflow-gpu":
      return "@tensorflow/tfjs-node-gpu";
    case "tensorflow":
      return "@tensorflow/tfjs-node";
    case "wasm":
      return "@tensorflow/tfjs-backend-wasm";
    case "cpu":
      return "@tensorflow/tfjs-backend-cpu";
  }
}

/** How to install the backend's package, with the caveat that matters on this project's machines. */
export function installHint(choice: BackendChoice): string {
  const pkg = backendPackage(choice);
  switch (choice) {
    case "tensorflow-gpu":
      return `npm install ${pkg} (needs network access to download libtensorflow, and CUDA/cuDNN on the machine)`;
    case "tensorflow":
      return `npm install ${pkg} (needs network access to download libtensorflow)`;
    case "wasm":
    case "cpu":
      return `npm install ${pkg}@4.22.0 (it is a dependency of this project: run npm ci)`;
  }
}

/**
 * Message for a backend that was asked for but whose package is not installed, e.g.
 * "RECSYS_BACKEND=node but @tensorflow/tfjs-node is not installed: npm install @tensorflow/tfjs-node (...)".
 * `request` says how it was asked for, e.g. "RECSYS_BACKEND=node".
 */
export function notInstalledMessage(request: string, choice: BackendChoice): string {
  return `${request} but ${backendPackage(choice)} is not installed: ${installHint(choice)}`;
}

/**
 * Message for a backend whose package is installed but failed to load or initialise; `reason` is the
 * underlying error message.
 */
export function failedToLoadMessage(request: string, choice: BackendChoice, reason: string): string {
  const pkg = backendPackage(choice);
  const fix =
    choice === "tensorflow" || choice === "tensorflow-gpu"
      ? `reinstall it so that its native binding is built (npm rebuild ${pkg}; needs network access)`
      : `reinstall it (npm ci)`;
  return `${request} but ${pkg} could not be loaded: ${reason}; ${fix}`;
}
