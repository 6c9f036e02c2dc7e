/**
 * Membership of (row, column) pairs of a sparse matrix in O(1): one bit per cell of the rows x cols grid, row
 * after row (row r's bits start at r * cols). Used where a hot loop asks "has user u interacted with item i?"
 * millions of times per epoch (negative sampling), instead of a binary search in the CSR row.
 * Memory: rows * cols / 8 bytes; `pairBitset` declines (returns null) above `maxBytes`.
 */
import type { SparseRows } from "./rating-matrix";

/** Largest bitset `pairBitset` builds by default: 64 MiB (ml-1m's 6040 x 3706 grid takes 2.8 MB). */
export const DEFAULT_MAX_BITSET_BYTES = 64 * 1024 * 1024;

/** A bit per (row, column) cell: bit `r * cols + c` is set when row r has column c. */
export class PairBitset {
  /** The bits, 32 per word, shape [ceil(rows * cols / 32)]. */
  readonly words: Uint32Array;

  constructor(readonly rows: number, readonly cols: number) {
    this.words = new Uint32Array(Math.ceil((rows * cols) / 32));
  }

  /** Sets the bit of (row, col); callers keep both in range. */
  add(row: number, col: number): void {
    const bit = row * this.cols + col;
    this.words[bit >>> 5] |= 1 << (bit & 31);
  }

  /** True when (row, col) was added; false for any row >= rows (a row the matrix does not have). */
  has(row: number, col: number): boolean {
    if (row >= this.rows) return false;
    const bit = row * this.cols + col;
    return (this.words[bit >>> 5] & (1 << (bit & 31))) !== 0;
  }
}

/**
 * The bitset of every entry of `m`, or null when it would take more than `maxBytes` (callers then fall back to
 * `findInRow`). Bit indices stay below 2^53, so row * cols is exact.
 */
export function pairBitset(m: SparseRows, maxBytes = DEFAULT_MAX_BITSET_BYTES): PairBitset | null {
  if ((m.rows * m.cols) / 8 > maxBytes) return null;
  const set = new PairBitset(m.rows, m.cols);
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.offsets[r]; k < m.offsets[r + 1]; k++) set.add(r, m.indices[k]);
  }
  return set;
}
