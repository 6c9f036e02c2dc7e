/**
 * The models `npm run bench` times, each on the fast path the suite uses by default and, for the TF.js models,
 * on the straightforward path (dense optimizer over whole embedding tables, one TF.js op per step of the formula)
 * that the fast path must match in quality. Hyperparameters are the issue's: dimension 32, Adam, batch 1024.
 */
import type { Ratings } from "../data/ratings";
import { createBiasedMf } from "../models/biased-mf";
import { createMlpRating } from "../models/mlp-rating";
import type { RatingModel } from "../models/rating-model";
import { createSgdMf } from "../models/sgd-mf";
import type { Rng } from "../random/rng";
import { silentProgress } from "../train/progress";
import { implicitBenchCases } from "./implicit-bench-cases";
import { neuralBenchCases } from "./neural-bench-cases";
import { runReferenceSgd } from "./reference-sgd";

/** One timed epoch of a case. */
export interface BenchEpoch {
  seconds: number;
  ratingsPerSecond: number;
  /** Validation RMSE after the epoch (rating units); NaN for the implicit-feedback cases, which predict no ratings. */
  validationRmse: number;
}

/** A benchmark case: a label and how to train it for `epochs` epochs. */
export interface BenchCase {
  /** Short name for `--cases`. */
  id: string;
  /** Label in the results table. */
  label: string;
  /** Whether the case needs TF.js (and so reports the backend). */
  usesTf: boolean;
  run(train: Ratings, validation: Ratings, epochs: number, rng: Rng): Promise<BenchEpoch[]>;
}

/** Adam on the mean batch loss, as in the measurements of TF.js and PyTorch. */
const adam = (epochs: number, sparseUpdates: boolean) => ({ optimizer: "adam" as const, lossReduction: "mean" as const, learningRate: 0.002, batchSize: 1024, epochs, patience: 0, sparseUpdates });

/** Fits `model` with validation and no early stopping, and returns its epochs. */
async function timedFit(model: RatingModel, train: Ratings, validation: Ratings, rng: Rng): Promise<BenchEpoch[]> {
  const history = await model.fit(train, { rng, progress: silentProgress, validation });
  model.dispose();
  return history.epochs.map((e) => ({ seconds: e.seconds, ratingsPerSecond: e.examplesPerSecond, validationRmse: e.validation?.rmse ?? NaN }));
}

/** The factorization and ID-only MLP cases (neural-bench-cases.ts adds the models with side features). */
const coreCases: readonly BenchCase[] = [
  {
    id: "reference-sgd",
    label: "Reference: plain typed-array SGD loop (dim 32)",
    usesTf: false,
    run: async (train, validation, epochs, rng) => runReferenceSgd(train, validation, 32, epochs, rng),
  },
  {
    id: "sgd-mf",
    label: "SGD MF, typed arrays, 1 thread (dim 32)",
    usesTf: false,
    run: (train, validation, epochs, rng) => timedFit(createSgdMf({ dim: 32, epochs, patience: 0 }), train, validation, rng),
  },
  {
    id: "sgd-mf-2-threads",
    label: "SGD MF, typed arrays, 2 threads, DSGD (dim 32)",
    usesTf: false,
    run: (train, validation, epochs, rng) => timedFit(createSgdMf({ dim: 32, epochs, patience: 0, threads: 2 }), train, validation, rng),
  },
  {
    id: "tfjs-mf",
    label: "TF.js biased MF, Adam, sparse rows + fused kernel",
    usesTf: true,
    run: (train, validation, epochs, rng) => timedFit(createBiasedMf({ dim: 32, training: adam(epochs, true) }), train, validation, rng),
  },
  {
    id: "tfjs-mf-dense",
    label: "TF.js biased MF, dense Adam, fused kernel (dense-table mode of the sparse step)",
    usesTf: true,
    run: (train, validation, epochs, rng) => timedFit(createBiasedMf({ dim: 32, training: adam(epochs, false) }), train, validation, rng),
  },
  {
    id: "tfjs-mf-graph",
    label: "TF.js biased MF, dense Adam, straightforward (TF.js graph)",
    usesTf: true,
    run: (train, validation, epochs, rng) => timedFit(createBiasedMf({ dim: 32, training: { ...adam(epochs, false), fusedKernels: false } }), train, validation, rng),
  },
  {
    id: "tfjs-mlp",
    label: "TF.js MLP (concat, 64, 32, 1), Adam, sparse rows + fused tower kernel",
    usesTf: true,
    run: (train, validation, epochs, rng) => timedFit(mlp(epochs, true), train, validation, rng),
  },
  {
    id: "tfjs-mlp-dense",
    label: "TF.js MLP (concat, 64, 32, 1), dense Adam, fused tower (dense-table mode of the sparse step)",
    usesTf: true,
    run: (train, validation, epochs, rng) => timedFit(mlp(epochs, false), train, validation, rng),
  },
  {
    id: "tfjs-mlp-graph",
    label: "TF.js MLP (concat, 64, 32, 1), dense Adam, straightforward (TF.js graph)",
    usesTf: true,
    run: (train, validation, epochs, rng) => timedFit(mlp(epochs, false, false), train, validation, rng),
  },
];

/** Every case, in the order the benchmark runs them. */
export const benchCases: readonly BenchCase[] = [...coreCases, ...neuralBenchCases, ...implicitBenchCases];

function mlp(epochs: number, sparseUpdates: boolean, fusedKernels = true): RatingModel {
  return createMlpRating({ useFeatures: false, useBiases: false, layers: [64, 32], embedding: { dim: 32 }, regWeights: 0, training: { ...adam(epochs, sparseUpdates), fusedKernels } });
}

/** The case named `id`; throws listing the known ids. */
export function benchCase(id: string): BenchCase {
  const found = benchCases.find((c) => c.id === id);
  if (!found) throw new RangeError(`bench: unknown case "${id}"; known: ${benchCases.map((c) => c.id).join(", ")}`);
  return found;
}
