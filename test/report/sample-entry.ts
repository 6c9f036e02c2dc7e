/** A small, complete `ResultEntry` for the results-store tests (data set name and RMSE chosen by the caller). */
import type { ResultEntry } from "../../src/report/result-entry";

/** An entry of the matrix-factorization notebook for `dataset` with Biased MF at `rmse`. */
export function sampleEntry(dataset: string, rmse: number, notebook = "matrix-factorization"): ResultEntry {
  return {
    notebook,
    title: "MF",
    dataset: { name: dataset, ratings: 100, users: 10, items: 20 },
    protocol: "random 80/20 split",
    seed: 1,
    parameters: { DIM: 8 },
    rows: [{ model: "Biased MF", metrics: { rmse, mae: 0.7 }, epochs: 12, trainSeconds: 1.25 }],
    environment: { backend: "wasm (SIMD)", tfjs: "4.22.0", node: "v20", cpu: "2 x test", os: "Linux", commit: "abc" },
    finishedAt: "2026-01-01T00:00:00.000Z",
    totalSeconds: 3,
  };
}
