/**
 * Tiny parameters for the smoke run of every notebook in `npm test`: enough to execute every cell quickly,
 * not to produce meaningful numbers. Every notebook in notebooks/ must have an entry here. The value
 * TINY_LIBIMSETI is replaced by the folder of a small LibimSeTi-format data set the test writes, so the heavy
 * notebooks run on a few thousand ratings (and the LibimSeTi path is exercised end to end).
 */
export const TINY_LIBIMSETI = "$TINY_LIBIMSETI";

const tiny = { DATASET: "libimseti", DATA_DIR: TINY_LIBIMSETI };

export const smokeParameters: Record<string, Record<string, string | number | boolean | number[]>> = {
  "beyond-the-talk.ipynb": { ...tiny, FOLDS: 2, EPOCHS: 2, K: 5, BLEND_LAMBDAS: [0.01] },
  "collaborative-filtering.ipynb": { ...tiny, FOLDS: 2, K: 5 },
  "data-exploration.ipynb": { BLOCK_USERS: 10, BLOCK_ITEMS: 10 },
  "logistic-mf.ipynb": { EPOCHS: 1, BUILD_EPOCHS: 2 },
  "candidate-generation.ipynb": { EPOCHS: 1, DIM: 4, LAYERS: [8], NEGATIVES: 16, TARGETS_PER_USER: 4, BATCH_USERS: 128 },
  "negative-sampling.ipynb": { EPOCHS: 1, DIM: 4, NEGATIVES: [1], BUILD_EPOCHS: 2 },
  "hybrid.ipynb": { ...tiny, LAYERS: [8], EMBEDDING_DIM: 4, EPOCHS: 2, BUILD_EPOCHS: 2 },
  "mlp.ipynb": { ...tiny, LAYERS: [8], EMBEDDING_DIM: 4, EPOCHS: 2, BUILD_EPOCHS: 2 },
  "ranking.ipynb": { MF_EPOCHS: 1, MF_DIM: 4, FACTOR_EPOCHS: 1, NEURAL_EPOCHS: 1, NEURAL_DIM: 2, EASE_LAMBDAS: [100, 1000], IALS_EPOCHS: 1, BLEND_SEEDS: 2, BLEND_STEP: 0.5 },
  "wide-and-deep.ipynb": { EPOCHS: 1, BASELINE_EPOCHS: 1, LAYERS: [4], EMBEDDING_DIM: 2, RANKER_EPOCHS: 1, LIST_LENGTH: 20, RERANK_DEPTH: 10, TRAIN_CANDIDATES: 5, HISTORY_POSITIVES: 1, CARVED_PER_USER: 2 },
  "matrix-factorization.ipynb": { EPOCHS: 2, TF_DIM: 4, BUILD_EPOCHS: 2, SWEEP_DIMS: [2, 4], SWEEP_REGS: [0.05], CV_FOLDS: 2, RECORD_RESULTS: true },
};
