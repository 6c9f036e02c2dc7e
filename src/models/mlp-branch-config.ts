/**
 * Configuration of the MLP branch (ID embeddings, side features, dense tower) shared by the MLP rating model and
 * the hybrid's MLP branch, with defaults, validation that names the offending field, and merging of partial
 * overrides (so that notebooks and presets can change one field of a nested setting).
 */
import type { MultiHotMode } from "./features/feature-encoding";

/** A pair of user and item embedding tables (used for the MLP's ID embeddings and the hybrid's MF branch). */
export interface EmbeddingConfig {
  /** Embedding size of users and of items. */
  dim: number;
  /** L2 weight on the embedding rows of each example (summed squares, per rating). */
  reg: number;
  /** Standard deviation of the normal initialisation (unseen users and items start at zero). */
  initStd: number;
}

/** Which side features enter and how they are encoded (see features/feature-encoding.ts). */
export interface FeatureConfig {
  /** User feature columns to use, by name, or "all". */
  userColumns: readonly string[] | "all";
  /** Item feature columns to use, by name, or "all". */
  itemColumns: readonly string[] | "all";
  /** Embedding size of every categorical column and multi-hot bag. */
  embeddingDim: number;
  /** Multi-hot columns as embedding bags ("bag") or raw 0/1 vectors ("raw"). */
  multiHot: MultiHotMode;
  /** Append a missing flag to each numeric column. */
  numericMissingFlag: boolean;
  /** L2 weight on each example's feature embeddings (summed squares, per rating). */
  reg: number;
  /** Standard deviation of the normal initialisation of feature embeddings. */
  initStd: number;
}

/** Settings of the MLP branch. */
export interface MlpBranchConfig {
  /** User and item ID embeddings. */
  embedding: EmbeddingConfig;
  /** Concatenate side features (false: the plain MLP on ID embeddings only). */
  useFeatures: boolean;
  /** Side-feature settings (ignored when useFeatures is false). */
  features: FeatureConfig;
  /** Sizes of the dense ReLU layers, first to last, e.g. [256, 128, 64]. */
  layers: number[];
  /** L2 weight on the dense kernels (added once per batch). */
  regWeights: number;
  /** Dropout rate after each dense layer during training, in [0, 1). */
  dropout: number;
}

/** Validates an MLP-branch configuration, naming the offending field of `owner`. */
export function checkMlpBranchConfig(c: MlpBranchConfig, owner: string): void {
  checkEmbeddingConfig(c.embedding, `${owner}.embedding`);
  if (!Array.isArray(c.layers) || !c.layers.every((s) => Number.isInteger(s) && s >= 1)) {
    throw new RangeError(`${owner}.layers must be a list of integers >= 1, got ${JSON.stringify(c.layers)}`);
  }
  if (!(c.regWeights >= 0)) throw new RangeError(`${owner}.regWeights must be >= 0, got ${c.regWeights}`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new RangeError(`${owner}.dropout must be in [0, 1), got ${c.dropout}`);
  const f = c.features;
  if (!(Number.isInteger(f.embeddingDim) && f.embeddingDim >= 1)) throw new RangeError(`${owner}.features.embeddingDim must be an integer >= 1, got ${f.embeddingDim}`);
  for (const k of ["reg", "initStd"] as const) if (!(f[k] >= 0)) throw new RangeError(`${owner}.features.${k} must be >= 0, got ${f[k]}`);
  if (f.multiHot !== "bag" && f.multiHot !== "raw") throw new RangeError(`${owner}.features.multiHot must be "bag" or "raw", got ${JSON.stringify(f.multiHot)}`);
}

/** Validates an embedding configuration, naming the offending field of `owner`. */
export function checkEmbeddingConfig(c: EmbeddingConfig, owner: string): void {
  if (!(Number.isInteger(c.dim) && c.dim >= 1)) throw new RangeError(`${owner}.dim must be an integer >= 1, got ${c.dim}`);
  for (const k of ["reg", "initStd"] as const) if (!(c[k] >= 0)) throw new RangeError(`${owner}.${k} must be >= 0, got ${c[k]}`);
}

/** Default side-feature settings: every column, 8-dimensional embeddings and bags, numeric missing flags. */
export const defaultFeatureConfig: FeatureConfig = {
  userColumns: "all",
  itemColumns: "all",
  embeddingDim: 8,
  multiHot: "bag",
  numericMissingFlag: true,
  reg: 0,
  initStd: 0.05,
};

/** Overrides of an MLP-branch configuration: any field, nested settings field by field. */
export type MlpBranchOverrides = Partial<Omit<MlpBranchConfig, "embedding" | "features">> & {
  embedding?: Partial<EmbeddingConfig>;
  features?: Partial<FeatureConfig>;
};

/** `base` with `overrides` applied (nested `embedding` and `features` merged field by field). */
export function mergeMlpBranchConfig<C extends MlpBranchConfig>(base: C, overrides: MlpBranchOverrides): C {
  return {
    ...base,
    ...overrides,
    embedding: { ...base.embedding, ...overrides.embedding },
    features: { ...base.features, ...overrides.features },
    layers: (overrides.layers ?? base.layers).slice(),
  };
}

/** Only the branch fields of `c` (e.g. of an MLP rating-model config), with copies of the nested settings. */
export function pickMlpBranchConfig(c: MlpBranchConfig): MlpBranchConfig {
  return {
    embedding: { ...c.embedding },
    useFeatures: c.useFeatures,
    features: { ...c.features },
    layers: c.layers.slice(),
    regWeights: c.regWeights,
    dropout: c.dropout,
  };
}

/**
 * The first setting that gives two branches different weight layouts (so that one cannot be copied into the other),
 * as a field path such as "layers", or undefined when the layouts agree. Regularisation and dropout may differ.
 */
export function branchLayoutDifference(a: MlpBranchConfig, b: MlpBranchConfig): string | undefined {
  if (a.embedding.dim !== b.embedding.dim) return "embedding.dim";
  if (a.layers.join() !== b.layers.join()) return "layers";
  if (a.useFeatures !== b.useFeatures) return "useFeatures";
  if (!a.useFeatures) return undefined;
  for (const k of ["userColumns", "itemColumns", "embeddingDim", "multiHot", "numericMissingFlag"] as const) {
    if (JSON.stringify(a.features[k]) !== JSON.stringify(b.features[k])) return `features.${k}`;
  }
  return undefined;
}
