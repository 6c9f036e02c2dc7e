/**
 * The notebook runs whose results come from the licensed data sets in `../shared/data` (never committed):
 * `npm run experiments:shared` records them all in results/; `npm run functional` reruns the ones marked
 * `functional` (quick enough for CI) and compares them with the committed results.
 */

/** One notebook run on a shared data set, and the metrics the functional check compares. */
export interface SharedExperiment {
  notebook: string;
  params: Record<string, string | number | boolean | number[] | string[]>;
  /** Data set name as recorded in the results entry. */
  dataset: string;
  /** Protocol text as recorded in the results entry (to pick the entry when a notebook records several). */
  protocol: string;
  /** Rerun by `npm run functional` (CI) and compared with the committed numbers. */
  functional: boolean;
  /** Metrics compared with the committed results, by model. */
  compare: { model: string; metric: string; tolerance: number }[];
}

/** The shared-data experiments, in the order `npm run experiments:shared` runs them. */
export const sharedExperiments: SharedExperiment[] = [
  {
    notebook: "notebooks/matrix-factorization.ipynb",
    params: { DATASET: "ml-100k", PRESET: "ml-100k", CV_FOLDS: 0 },
    dataset: "ml-100k",
    protocol: "random 80/20 split, 10% of train for early stopping",
    functional: true,
    compare: [
      { model: "Biased MF", metric: "rmse", tolerance: 0.005 },
      { model: "SGD MF", metric: "rmse", tolerance: 0.005 },
      { model: "Bias baseline", metric: "rmse", tolerance: 0.001 },
    ],
  },
  {
    notebook: "notebooks/matrix-factorization.ipynb",
    params: { DATASET: "ml-100k", PRESET: "ml-100k" },
    dataset: "ml-100k",
    protocol: "5-fold cross-validation, 10% of each training fold for early stopping",
    functional: false,
    compare: [{ model: "SGD MF", metric: "rmse", tolerance: 0.005 }],
  },
  {
    notebook: "notebooks/matrix-factorization.ipynb",
    params: { DATASET: "ml-1m", PRESET: "ml-1m" },
    dataset: "ml-1m",
    protocol: "5-fold cross-validation, 10% of each training fold for early stopping",
    functional: false,
    compare: [{ model: "SGD MF", metric: "rmse", tolerance: 0.005 }],
  },
  {
    notebook: "notebooks/collaborative-filtering.ipynb",
    params: { DATASET: "ml-100k" },
    dataset: "ml-100k",
    protocol: "5-fold cross-validation",
    functional: false,
    compare: [{ model: "KNNBaseline (user-based, msd)", metric: "rmse", tolerance: 0.002 }],
  },
  {
    notebook: "notebooks/collaborative-filtering.ipynb",
    params: { DATASET: "ml-1m" },
    dataset: "ml-1m",
    protocol: "5-fold cross-validation",
    functional: false,
    compare: [{ model: "KNNBaseline (user-based, msd)", metric: "rmse", tolerance: 0.002 }],
  },
  {
    notebook: "notebooks/beyond-the-talk.ipynb",
    params: { DATASET: "ml-100k" },
    dataset: "ml-100k",
    protocol: "5-fold cross-validation, 10% of each training fold for early stopping, blend probe 10% of the blend's training ratings",
    functional: false,
    compare: [{ model: "Blend", metric: "rmse", tolerance: 0.003 }],
  },
  {
    notebook: "notebooks/beyond-the-talk.ipynb",
    // SVD++ (about 3 min per fit on ml-1m here) and U-AutoRec are left out to keep the run near 20 minutes
    params: { DATASET: "ml-1m", INCLUDE_SVDPP: false, AUTOREC: "item" },
    dataset: "ml-1m",
    protocol: "5-fold cross-validation, 10% of each training fold for early stopping, blend probe 10% of the blend's training ratings",
    functional: false,
    compare: [{ model: "Blend", metric: "rmse", tolerance: 0.003 }],
  },
  {
    notebook: "notebooks/hybrid.ipynb",
    params: { DATASET: "ml-100k" },
    dataset: "ml-100k",
    protocol: "5 held-out ratings per user, 10% of train for early stopping",
    functional: false,
    compare: [{ model: "Biased MF", metric: "rmse", tolerance: 0.005 }],
  },
  {
    notebook: "notebooks/hybrid.ipynb",
    params: { DATASET: "ml-1m" },
    dataset: "ml-1m",
    protocol: "5 held-out ratings per user, 10% of train for early stopping",
    functional: false,
    compare: [{ model: "Biased MF", metric: "rmse", tolerance: 0.005 }],
  },
  {
    notebook: "notebooks/ranking.ipynb",
    params: { DATASET: "ml-1m-loo", PRESET: "rendle-ml1m", BLEND_MEMBERS: ["ease", "ials"], BLEND_SEEDS: 3 },
    dataset: "ml-1m-loo",
    protocol: "ml-1m-loo: NCF leave-one-out, 99 published negatives",
    functional: false,
    compare: [{ model: "Popularity", metric: "hr@10", tolerance: 0.001 }],
  },
  {
    notebook: "notebooks/logistic-mf.ipynb",
    params: { DATASET: "ml-100k" },
    dataset: "ml-100k",
    protocol: "ml-100k: leave-latest-one-out, 99 sampled negatives",
    functional: false,
    compare: [{ model: "Popularity", metric: "hr@10", tolerance: 0.001 }],
  },
  {
    notebook: "notebooks/candidate-generation.ipynb",
    params: { DATASET: "ml-1m-loo" },
    dataset: "ml-1m-loo",
    protocol: "ml-1m-loo: full catalogue, one held-out item per user",
    functional: false,
    compare: [{ model: "Popularity (full catalogue)", metric: "hr@10", tolerance: 0.001 }],
  },
  {
    notebook: "notebooks/candidate-generation.ipynb",
    params: { DATASET: "ml-100k" },
    dataset: "ml-100k",
    protocol: "ml-100k: full catalogue, one held-out item per user",
    functional: false,
    compare: [{ model: "Popularity (full catalogue)", metric: "hr@10", tolerance: 0.001 }],
  },
  {
    notebook: "notebooks/wide-and-deep.ipynb",
    params: { DATASET: "ml-100k" },
    dataset: "ml-100k",
    protocol: "5 held-out ratings per user, 10% of train for early stopping",
    functional: false,
    compare: [{ model: "Wide only", metric: "rmse", tolerance: 0.005 }],
  },
  {
    notebook: "notebooks/wide-and-deep.ipynb",
    params: { DATASET: "ml-1m", TASKS: "rating", INCLUDE_BASELINES: false, EPOCHS: 6 },
    dataset: "ml-1m",
    protocol: "5 held-out ratings per user, 10% of train for early stopping",
    functional: false,
    compare: [{ model: "Wide only", metric: "rmse", tolerance: 0.005 }],
  },
  {
    notebook: "notebooks/wide-and-deep.ipynb",
    params: { DATASET: "ml-1m-loo", RANKER_EPOCHS: 2 },
    dataset: "ml-1m-loo",
    protocol: "ml-1m-loo: full catalogue, one held-out item per user",
    functional: false,
    compare: [{ model: "EASE (retrieval alone) (full catalogue)", metric: "hr@10", tolerance: 0.001 }],
  },
];
