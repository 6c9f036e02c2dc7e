/**
 * The notebook runs whose results come from the licensed data sets in `../shared/data` (never committed):
 * `npm run experiments:shared` records them in results/, `npm run functional` reruns them and compares.
 */

/** One notebook run on a shared data set, and the metrics the functional check compares. */
export interface SharedExperiment {
  notebook: string;
  params: Record<string, string | number | boolean>;
  /** Results entry key: data set and protocol as written by the notebook. */
  dataset: string;
  /** Metrics compared with the committed results, by model. */
  compare: { model: string; metric: string; tolerance: number }[];
}

/** The shared-data experiments, in the order they run. */
export const sharedExperiments: SharedExperiment[] = [
  {
    notebook: "notebooks/matrix-factorization.ipynb",
    params: { DATASET: "ml-100k" },
    dataset: "ml-100k",
    compare: [
      { model: "Biased MF", metric: "rmse", tolerance: 0.005 },
      { model: "Bias baseline", metric: "rmse", tolerance: 0.001 },
    ],
  },
];
