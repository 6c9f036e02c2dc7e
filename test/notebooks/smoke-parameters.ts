/**
 * Tiny parameters for the smoke run of every notebook in `npm test`: enough to execute every cell quickly,
 * not to produce meaningful numbers. Every notebook in notebooks/ must have an entry here.
 */
export const smokeParameters: Record<string, Record<string, string | number | boolean>> = {
  "data-exploration.ipynb": { BLOCK_USERS: 10, BLOCK_ITEMS: 10 },
  "matrix-factorization.ipynb": { EPOCHS: 2, DIM: 4, RECORD_RESULTS: true },
};
