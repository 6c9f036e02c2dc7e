/**
 * The benchmark's cases for the typed-array models the ranking, logistic-mf and negative-sampling notebooks train
 * (BPR-MF, logistic MF, sampled-logistic MF), NCF's GMF and NeuMF (fused step beside TF.js's graph,
 * `fusedKernels: false`), and the collaborative-filtering notebook's k-NN (one fit: the similarity pass and the
 * baseline). The implicit models train on the ratings as positives (logistic MF takes the rating as confidence);
 * their speed is positives per second and they report no validation RMSE (NaN). k-NN's "epoch" is its fit, its
 * speed training ratings per second of fit, its validation RMSE that of its predictions.
 */
import type { Ratings } from "../data/ratings";
import { rmse } from "../metrics/regression-metrics";
import type { ImplicitModel } from "../models/implicit-model";
import { createBprMf } from "../models/implicit/bpr-mf";
import { createLogisticMf } from "../models/implicit/logistic-mf";
import { implicitMfPresets } from "../models/implicit/presets";
import { createSampledLogisticMf } from "../models/implicit/sampled-logistic-mf";
import { createKnnBaseline, createKnnBasic } from "../models/knn/knn-model";
import { createGmf } from "../models/ncf/gmf";
import { createNeuMf } from "../models/ncf/neumf";
import type { Rng } from "../random/rng";
import { silentProgress } from "../train/progress";
import type { BenchCase, BenchEpoch } from "./bench-cases";

/** Fits an implicit model on `train`'s pairs; speed in positives per second of training steps. */
async function timedImplicitFit(model: ImplicitModel, train: Ratings, rng: Rng): Promise<BenchEpoch[]> {
  const history = await model.fit(train, { rng, progress: silentProgress });
  model.dispose();
  return history.epochs.map((e) => ({ seconds: e.seconds, ratingsPerSecond: e.seconds > 0 ? train.size / e.seconds : Infinity, validationRmse: NaN }));
}

/** The NCF models' training settings for `epochs` epochs (their defaults otherwise: dense Adam, 4 negatives). */
const ncfTraining = (epochs: number, fusedKernels: boolean) => ({ epochs, patience: 0, fusedKernels });

/** The notebooks' NCF sizes: 16 predictive factors, MLP tower [64, 32, 16]. */
const NCF_DIM = 16;
const NCF_LAYERS = [4 * NCF_DIM, 2 * NCF_DIM, NCF_DIM];

/** Implicit-feedback and k-NN cases. */
export const implicitBenchCases: readonly BenchCase[] = [
  {
    id: "bpr-mf",
    label: "BPR-MF, typed arrays (notebook preset, dim 64, 1 negative)",
    usesTf: false,
    run: (train, _validation, epochs, rng) => timedImplicitFit(createBprMf({ ...implicitMfPresets.bpr, epochs }), train, rng),
  },
  {
    id: "logistic-mf",
    label: "Logistic MF, typed arrays, AdaGrad half-steps (notebook preset, dim 64, 4 negatives)",
    usesTf: false,
    run: (train, _validation, epochs, rng) => timedImplicitFit(createLogisticMf({ ...implicitMfPresets.logistic, epochs }), train, rng),
  },
  {
    id: "sampled-logistic-mf",
    label: "Sampled-logistic MF, typed arrays (ranking notebook, dim 64, 8 negatives)",
    usesTf: false,
    run: (train, _validation, epochs, rng) => timedImplicitFit(createSampledLogisticMf({ ...implicitMfPresets.sampledLogisticQuick, epochs }), train, rng),
  },
  {
    id: "gmf",
    label: "TF.js GMF (16 factors), dense Adam, fused step",
    usesTf: true,
    run: (train, _validation, epochs, rng) => timedImplicitFit(createGmf({ dim: NCF_DIM, training: ncfTraining(epochs, true) }), train, rng),
  },
  {
    id: "gmf-graph",
    label: "TF.js GMF (16 factors), dense Adam, straightforward (TF.js graph)",
    usesTf: true,
    run: (train, _validation, epochs, rng) => timedImplicitFit(createGmf({ dim: NCF_DIM, training: ncfTraining(epochs, false) }), train, rng),
  },
  {
    id: "neumf",
    label: "TF.js NeuMF (16 factors, [64, 32, 16]), dense Adam, fused step",
    usesTf: true,
    run: (train, _validation, epochs, rng) => timedImplicitFit(createNeuMf({ dim: NCF_DIM, layers: NCF_LAYERS, training: ncfTraining(epochs, true) }), train, rng),
  },
  {
    id: "neumf-graph",
    label: "TF.js NeuMF (16 factors, [64, 32, 16]), dense Adam, straightforward (TF.js graph)",
    usesTf: true,
    run: (train, _validation, epochs, rng) => timedImplicitFit(createNeuMf({ dim: NCF_DIM, layers: NCF_LAYERS, training: ncfTraining(epochs, false) }), train, rng),
  },
  {
    id: "knn-user",
    label: "KNNBasic, user-based, MSD (one fit; epochs ignored)",
    usesTf: false,
    run: async (train, validation, _epochs, rng) => timedKnnFit(createKnnBasic(), train, validation, rng),
  },
  {
    id: "knn-item-pearson-baseline",
    label: "KNNBaseline, item-based, pearson-baseline (one fit; epochs ignored)",
    usesTf: false,
    run: async (train, validation, _epochs, rng) => timedKnnFit(createKnnBaseline({ basis: "item", similarity: "pearson-baseline" }), train, validation, rng),
  },
];

/** One k-NN fit as one epoch: its seconds, training ratings per second, and the validation RMSE of its predictions. */
async function timedKnnFit(model: ReturnType<typeof createKnnBasic>, train: Ratings, validation: Ratings, rng: Rng): Promise<BenchEpoch[]> {
  const history = await model.fit(train, { rng, progress: silentProgress });
  const validationRmse = validation.size > 0 ? rmse(model.predict(validation.users, validation.items), validation.values) : NaN;
  model.dispose();
  const seconds = history.trainSeconds;
  return [{ seconds, ratingsPerSecond: seconds > 0 ? train.size / seconds : Infinity, validationRmse }];
}
