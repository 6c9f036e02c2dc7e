/** Typed-array factorization models (SGD, ALS) for the shared rating-model contract tests (see model-zoo.ts). */
import type { ZooEntry } from "./model-zoo";

export const factorizationZoo: ZooEntry[] = [];
