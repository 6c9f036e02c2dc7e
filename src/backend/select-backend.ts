/**
 * Chooses, initialises and reports the TF.js backend the whole suite runs on.
 *
 * Order: tensorflow-gpu (`@tensorflow/tfjs-node-gpu`) > tensorflow (`@tensorflow/tfjs-node`) > wasm
 * (`@tensorflow/tfjs-backend-wasm`, SIMD when the runtime has it) > cpu. The two libtensorflow packages are
 * optional and loaded with `require` only when tried: they cannot be installed without network access to
 * download libtensorflow. `RECSYS_BACKEND` (gpu|node|wasm|cpu, or tensorflow|tensorflow-gpu) forces one
 * backend and fails loudly, with an install hint, if it cannot load; `initBackend({ prefer })` only moves a
 * backend to the front of the order and falls back (with a warning) when it cannot load.
 *
 * wasm binaries: under Node the wasm package reads its .wasm files from its own `dist/` folder (any cwd
 * works); we still pin that folder with `setWasmPaths` via `require.resolve`, so bundlers or tslab cannot
 * break it. tfjs-backend-wasm 4.22 never uses threads under Node: the wasm backend reports 1 thread.
 *
 * One tfjs-core: everything imports `@tensorflow/tfjs-core` (see `./tf`). `@tensorflow/tfjs-node` depends on
 * `@tensorflow/tfjs`, which may bring its own tfjs-core copy when npm cannot dedupe it (different version).
 * That still works as long as the versions match closely: tfjs-core keeps its engine and kernel and gradient
 * registries on a global object and duck-types `instanceof Tensor`, so the 'tensorflow' backend and kernels
 * that copy registers are visible to ours. Such a copy is detected and named in `BackendInfo.detail`.
 *
 * Gradients: tfjs-core 4.22's CommonJS build registers NO gradient functions; tfjs-layers' node bundle does
 * (as does `@tensorflow/tfjs`). Without it every `tf.grad` / `minimize` fails with "gradient function not
 * found for Mean": hence the side-effect import of tfjs-layers below, and the check in `selectBackend`.
 */
import * as path from "path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-layers"; // registers tfjs-core's gradients, see above
import { getThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import {
  BACKEND_ENV_VAR,
  type BackendChoice,
  DEFAULT_BACKEND_ORDER,
  backendPackage,
  failedToLoadMessage,
  notInstalledMessage,
  parseBackendChoice,
  tfjsBackendName,
} from "./backend-request";
import { registerFastKernels } from "./fast-kernels";

/** The backend a run used; recorded with every result. */
export interface BackendInfo {
  /** Which backend: "tensorflow-gpu", "tensorflow", "wasm" or "cpu" (`tf.getBackend()` says "tensorflow" for both libtensorflow ones). */
  readonly name: BackendChoice;
  /** How it runs, e.g. "SIMD, 1 thread" for wasm or "libtensorflow via @tensorflow/tfjs-node". */
  readonly detail: string;
  /** Version of the tfjs-core the suite imports, e.g. "4.22.0". */
  readonly tfjsVersion: string;
}

/** Options of `initBackend`. */
export interface InitBackendOptions {
  /** A backend to try first (same names as `RECSYS_BACKEND`); falls back to the default order if it cannot load. */
  prefer?: string;
}

/** Options of `selectBackend`: `initBackend`'s plus injectable environment and loader (for tests). */
export interface SelectBackendOptions extends InitBackendOptions {
  /** Environment to read `RECSYS_BACKEND` from; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Loads an optional backend package by name; defaults to Node's `require`. */
  requireModule?: (id: string) => unknown;
  /** Receives warnings (a preferred or installed backend that failed); defaults to `console.warn`. */
  warn?: (message: string) => void;
}

// One object type rather than a union discriminated on `ok`: the tslab kernel compiles this file without
// strictNullChecks, where narrowing on a boolean discriminant does not happen.
type Attempt = { ok: boolean; info?: BackendInfo; missing?: boolean; reason?: string };

/** Absolute path, with a trailing separator, of the folder holding tfjs-backend-wasm's .wasm binaries. */
export function wasmDistDir(): string {
  return path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm")) + path.sep;
}

/** The one line `initBackend` prints, e.g. "TF.js backend: wasm (SIMD, 1 thread), tfjs-core 4.22.0". */
export function describeBackend(info: BackendInfo): string {
  return `TF.js backend: ${info.name} (${info.detail}), tfjs-core ${info.tfjsVersion}`;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isModuleNotFound(e: unknown, pkg: string): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "MODULE_NOT_FOUND" && errorMessage(e).includes(`'${pkg}'`);
}

async function activate(name: string): Promise<string | undefined> {
  try {
    return (await tf.setBackend(name)) ? undefined : `tf.setBackend('${name}') failed (see the warning above)`;
  } catch (e) {
    return errorMessage(e);
  }
}

async function tryLibtensorflow(choice: BackendChoice, requireModule: (id: string) => unknown): Promise<Attempt> {
  const pkg = backendPackage(choice);
  let mod: unknown;
  try {
    mod = requireModule(pkg);
  } catch (e) {
    return { ok: false, missing: isModuleNotFound(e, pkg), reason: errorMessage(e) };
  }
  const failure = await activate("tensorflow");
  if (failure !== undefined) return { ok: false, missing: false, reason: failure };
  const theirs = mod as { tensor?: unknown; version_core?: unknown } | null;
  let detail = `libtensorflow via ${pkg}`;
  if (theirs !== null && theirs.tensor !== undefined && theirs.tensor !== tf.tensor) {
    detail += `, which bundles its own tfjs-core ${String(theirs.version_core ?? "(unknown version)")}`;
  }
  return { ok: true, info: { name: choice, detail, tfjsVersion: tf.version_core } };
}

/**
 * Runs `init` and removes the `uncaughtException` / `unhandledRejection` listeners it added. The Emscripten
 * runtime of tfjs-backend-wasm installs both under Node (`throw reason` / rethrow unless ExitStatus): they
 * only serve Emscripten's exit(), which TF.js never calls, and they turn any unhandled rejection into a
 * process crash even where the host (e.g. a tslab notebook kernel) handles those itself.
 */
async function withoutEmscriptenProcessHooks<T>(init: () => Promise<T>): Promise<T> {
  const emitter: NodeJS.EventEmitter = process;
  const events = ["uncaughtException", "unhandledRejection"];
  const before = events.map((event) => new Set(emitter.listeners(event)));
  try {
    return await init();
  } finally {
    events.forEach((event, k) => {
      for (const listener of emitter.listeners(event)) {
        if (!before[k].has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    });
  }
}

async function tryWasm(): Promise<Attempt> {
  setWasmPaths(wasmDistDir());
  const failure = await withoutEmscriptenProcessHooks(() => activate("wasm"));
  if (failure !== undefined) return { ok: false, missing: false, reason: failure };
  const simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
  const threads = getThreadsCount();
  const detail = `${simd ? "SIMD" : "no SIMD"}, ${threads} thread${threads === 1 ? "" : "s"}`;
  return { ok: true, info: { name: "wasm", detail, tfjsVersion: tf.version_core } };
}

async function tryCpu(): Promise<Attempt> {
  const failure = await activate("cpu");
  if (failure !== undefined) return { ok: false, missing: false, reason: failure };
  return { ok: true, info: { name: "cpu", detail: "plain JavaScript, 1 thread", tfjsVersion: tf.version_core } };
}

function tryBackend(choice: BackendChoice, requireModule: (id: string) => unknown): Promise<Attempt> {
  switch (choice) {
    case "tensorflow-gpu":
    case "tensorflow":
      return tryLibtensorflow(choice, requireModule);
    case "wasm":
      return tryWasm();
    case "cpu":
      return tryCpu();
  }
}

/**
 * Selects and activates a backend now, without caching or printing (`initBackend` is the cached entry point;
 * this one exists for tests and tools). Registers the fast kernels first. Throws if `RECSYS_BACKEND` holds an
 * unknown value or names a backend that cannot load, and if `prefer` is not a known backend name.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendInfo> {
  const env = options.env ?? process.env;
  const requireModule = options.requireModule ?? ((id: string): unknown => require(id));
  const warn = options.warn ?? ((message: string): void => console.warn(message));
  const raw = env[BACKEND_ENV_VAR];
  const forced = parseBackendChoice(raw, BACKEND_ENV_VAR);
  const preferred = parseBackendChoice(options.prefer, "initBackend({ prefer })");
  registerFastKernels();
  if (tf.getGradient(tf.GatherV2) === undefined || tf.getGradient(tf.Mean) === undefined) {
    throw new Error("TF.js gradients are not registered: @tensorflow/tfjs-layers must be loadable (npm ci)");
  }

  if (forced !== undefined) {
    const request = `${BACKEND_ENV_VAR}=${(raw ?? "").trim()}`;
    const attempt = await tryBackend(forced, requireModule);
    if (attempt.ok && attempt.info) return attempt.info;
    throw new Error(
      attempt.missing ? notInstalledMessage(request, forced) : failedToLoadMessage(request, forced, attempt.reason ?? "unknown reason"),
    );
  }

  const order =
    preferred === undefined ? DEFAULT_BACKEND_ORDER : [preferred, ...DEFAULT_BACKEND_ORDER.filter((c) => c !== preferred)];
  const reasons: string[] = [];
  for (const choice of order) {
    const attempt = await tryBackend(choice, requireModule);
    if (attempt.ok && attempt.info) return attempt.info;
    reasons.push(`${choice}: ${attempt.reason ?? "unknown reason"}`);
    if (choice === preferred) {
      const request = `initBackend({ prefer: "${options.prefer ?? ""}" })`;
      const why = attempt.missing ? notInstalledMessage(request, choice) : failedToLoadMessage(request, choice, attempt.reason ?? "unknown reason");
      warn(`${why}; falling back`);
    } else if (!attempt.missing) {
      warn(`${failedToLoadMessage(`${backendPackage(choice)} is installed`, choice, attempt.reason ?? "unknown reason")}; falling back`);
    }
  }
  throw new Error(`No TF.js backend could be initialised:\n  ${reasons.join("\n  ")}`);
}

/**
 * Idempotence guard, the only mutable module state: the first `initBackend` call's pending result. TF.js
 * itself keeps one active backend per process, so the choice is made once and every later call (from any
 * notebook cell or module) returns the same `BackendInfo` object without re-selecting or printing again.
 * Cleared if the first attempt fails, so a corrected setting can be retried in the same process.
 */
let initialised: Promise<BackendInfo> | undefined;

/**
 * Chooses and activates the TF.js backend once per process, registers the fast kernels, and prints one line
 * such as "TF.js backend: wasm (SIMD, 1 thread), tfjs-core 4.22.0". Later calls return the same info quickly,
 * re-activating that backend if something switched away with `tf.setBackend`. A later call whose
 * `RECSYS_BACKEND` names a different backend throws (restart the process / notebook kernel to switch);
 * `prefer` is only honoured by the first call.
 */
export function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  if (initialised === undefined) {
    const attempt = selectBackend(options).then((info) => {
      console.log(describeBackend(info));
      return info;
    });
    initialised = attempt;
    attempt.catch(() => {
      if (initialised === attempt) initialised = undefined;
    });
    return attempt;
  }
  return initialised.then(async (info) => {
    const forced = parseBackendChoice(process.env[BACKEND_ENV_VAR], BACKEND_ENV_VAR);
    if (forced !== undefined && forced !== info.name) {
      throw new Error(
        `${BACKEND_ENV_VAR}=${process.env[BACKEND_ENV_VAR]} but the TF.js backend was already initialised as ` +
          `${info.name} in this process; restart it (or the notebook kernel) to switch`,
      );
    }
    registerFastKernels();
    const name = tfjsBackendName(info.name);
    if (tf.getBackend() !== name) await tf.setBackend(name);
    return info;
  });
}
