/**
 * Memory guard of the k-NN models: their dense similarity matrix takes 4 n² bytes for n users (user-based) or
 * items (item-based), which grows past the machine's memory long before the ratings do (25,000 users: 2.5 GB).
 * The size is estimated before anything is allocated and refused above `KnnConfig.maxSimilarityBytes`.
 */

/** Default of KnnConfig.maxSimilarityBytes: 1 GB (10^9 bytes; ml-1m's 6,040 users need 146 MB). */
export const DEFAULT_MAX_SIMILARITY_BYTES = 1e9;

/** Bytes of the dense Float32 similarity matrix of `n` entities: 4 n². */
export function similarityMatrixBytes(n: number): number {
  return 4 * n * n;
}

/** "2.50 GB", "146 MB", "40 kB" (decimal units). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e3).toFixed(1)} kB`;
}

/**
 * Throws a RangeError when the similarity matrix of the chosen basis (`numUsers` or `numItems` entities) would
 * exceed `maxBytes`, stating its size, the other basis's size and the config fields that change it.
 */
export function checkSimilarityMemory(basis: "user" | "item", numUsers: number, numItems: number, maxBytes: number): void {
  const n = basis === "user" ? numUsers : numItems;
  const bytes = similarityMatrixBytes(n);
  if (bytes <= maxBytes) return;
  const other = basis === "user" ? "item" : "user";
  const m = basis === "user" ? numItems : numUsers;
  throw new RangeError(
    `KnnModel.fit: the ${basis}-based similarity matrix of ${n.toLocaleString("en-US")} ${basis}s would take ${formatBytes(bytes)} ` +
      `(4 bytes x ${n.toLocaleString("en-US")}²), above KnnConfig.maxSimilarityBytes = ${formatBytes(maxBytes)}; ` +
      `use basis: "${other}" (${m.toLocaleString("en-US")} ${other}s: ${formatBytes(similarityMatrixBytes(m))}) or raise maxSimilarityBytes`,
  );
}
