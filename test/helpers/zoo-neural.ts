/** Neural rating models (MLP, hybrid) for the shared rating-model contract tests (see model-zoo.ts). */
import type { ZooEntry } from "./model-zoo";

export const neuralZoo: ZooEntry[] = [];
