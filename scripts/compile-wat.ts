/** Compiles the suite's WebAssembly text files with wabt (dev dependency); shared by the build script and its tests. */
import * as fs from "node:fs";
import * as path from "node:path";

/** One hand-written WebAssembly module: its text, its generated TypeScript file and the constant that file exports. */
export interface WatModuleSpec {
  /** Base name in src/backend/wasm (e.g. "row-kernels"): `<name>.wat` is compiled into `<name>-binary.ts`. */
  name: string;
  /** Exported constant of the generated file, the binary in base64. */
  constant: string;
  /** What the module holds, for the generated file's comment. */
  what: string;
}

/** Every module `npm run build:wasm` compiles. */
export const watModules: readonly WatModuleSpec[] = [
  { name: "row-kernels", constant: "ROW_KERNELS_WASM_BASE64", what: "the row kernels" },
  { name: "tower-kernels", constant: "TOWER_KERNELS_WASM_BASE64", what: "the dense-tower kernels" },
  { name: "sgd-kernels", constant: "SGD_KERNELS_WASM_BASE64", what: "the SGD MF kernel" },
  { name: "dense-kernels", constant: "DENSE_KERNELS_WASM_BASE64", what: "the dense float64 product of the Cholesky inverse" },
  { name: "implicit-kernels", constant: "IMPLICIT_KERNELS_WASM_BASE64", what: "logistic MF's pair kernels" },
  { name: "sampled-logistic-kernels", constant: "SAMPLED_LOGISTIC_KERNELS_WASM_BASE64", what: "the sampled-logistic MF pass" },
  { name: "bpr-kernels", constant: "BPR_KERNELS_WASM_BASE64", what: "the BPR-MF pass" },
  { name: "als-kernels", constant: "ALS_KERNELS_WASM_BASE64", what: "the ALS half-step" },
  { name: "knn-kernels", constant: "KNN_KERNELS_WASM_BASE64", what: "k-NN's co-rating pass" },
  { name: "autorec-kernels", constant: "AUTOREC_KERNELS_WASM_BASE64", what: "AutoRec's sparse passes and dense Adam" },
  { name: "svdpp-kernels", constant: "SVDPP_KERNELS_WASM_BASE64", what: "SVD++'s vector loops" },
  { name: "ials-kernels", constant: "IALS_KERNELS_WASM_BASE64", what: "iALS's half step and Gram matrix" },
  { name: "ncf-kernels", constant: "NCF_KERNELS_WASM_BASE64", what: "GMF's loops of NCF's fused step" },
  { name: "feature-kernels", constant: "FEATURE_KERNELS_WASM_BASE64", what: "the side features of the fused MLP step" },
  { name: "candidate-kernels", constant: "CANDIDATE_KERNELS_WASM_BASE64", what: "the candidate generator's sampled-softmax head" },
];

/** The binary of `<root>/src/backend/wasm/<name>.wat`, SIMD and threads (shared memory) enabled. */
export async function compileWat(root: string, name: string): Promise<Uint8Array> {
  const wabt = await (require("wabt") as () => Promise<{ parseWat: (name: string, text: string, features: Record<string, boolean>) => WatModule }>)();
  const file = path.join(root, `src/backend/wasm/${name}.wat`);
  const features = { simd: true, threads: true };
  const module = wabt.parseWat(path.basename(file), fs.readFileSync(file, "utf8"), features);
  try {
    module.resolveNames();
    module.validate(features);
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

interface WatModule {
  resolveNames(): void;
  validate(features: Record<string, boolean>): void;
  toBinary(options: Record<string, unknown>): { buffer: Uint8Array };
  destroy(): void;
}
