/**
 * Where a fused dense tower (./fused-tower.ts) keeps its buffers in its WebAssembly memory: byte offsets of every
 * weight, activation and gradient, with rows padded to multiples of 4 and columns to multiples of 8 (what the
 * kernels of tower-kernels.wat require). Pure arithmetic, no memory of its own.
 */

/** Rounds `n` up to a multiple of `m`. */
/**
 * Bytes of H and Δ that one call of a kernel gradient's product dW = Hᵀ Δ reads (fused-tower-thread.ts, phase 2):
 * the batch rows are taken in chunks whose slices of H and Δ fit the L1 data cache (32 KiB on this project's
 * machines) with room for the 4 x 8 block of dW being summed. In one call over all rows both operands stream from
 * L2 once per block of dW (about 21 GFLOP/s over 1,024 rows); in chunks the product runs 25-35% faster
 * (scripts/measure-fused-tower.ts; environment.md). Each element still sums its rows in order: the same bits.
 */
export const WEIGHT_GRADIENT_CHUNK_BYTES = 24 * 1024;

export function roundUp(n: number, m: number): number {
  return Math.ceil(n / m) * m;
}

/** One layer's buffers (byte offsets) and padded sizes. */
export interface TowerLayerLayout {
  /** Unpadded input and output widths. */
  inWidth: number;
  outWidth: number;
  /** Padded widths (multiples of 8). */
  inPadded: number;
  outPadded: number;
  /** ReLU on the output (hidden layers) or identity (the output layer). */
  relu: boolean;
  /** Kernel W [inPadded, outPadded], its transpose [outPadded, inPadded], bias [outPadded]. */
  kernel: number;
  kernelT: number;
  bias: number;
  /** The layer's output, [maxRows, outPadded]. */
  output: number;
  /** dLoss/d(pre-activation output) of the layer, [maxRows, outPadded] (kept for every layer: see fused-tower.ts). */
  delta: number;
  /** Gradients of the kernel [inPadded, outPadded] and of the bias [outPadded]. */
  kernelGrad: number;
  biasGrad: number;
  /** Batch rows per call of the kernel gradient's product (see `WEIGHT_GRADIENT_CHUNK_BYTES`). */
  gradientChunkRows: number;
}

/** The whole memory plan of a tower. */
export interface TowerLayout {
  /** Rows the buffers hold (the batch size rounded up to 4). */
  maxRows: number;
  /** Input X [maxRows, layers[0].inPadded] and its gradient, same shape. */
  input: number;
  inputGrad: number;
  /** Per-row offset added to the output (e.g. mean and biases) and the target, [maxRows] each. */
  base: number;
  targets: number;
  /** dLoss/dŷ of each row after a pass, [maxRows]. */
  outputGrad: number;
  /** Room for gradients taken out of dX's leading columns (`FusedTower.idGradients`), [maxRows, inPadded]. */
  columnGrads: number;
  layers: TowerLayerLayout[];
  /** Bytes of memory needed. */
  bytes: number;
}

/**
 * The layout of a tower on inputs of width `inputWidth` with ReLU layers `hidden` and one linear output unit, for
 * batches of up to `maxBatch` rows.
 */
export function towerLayout(inputWidth: number, hidden: readonly number[], maxBatch: number): TowerLayout {
  for (const [what, n] of [["inputWidth", inputWidth], ["maxBatch", maxBatch], ...hidden.map((h, k) => [`layers[${k}]`, h] as const)] as const) {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`towerLayout: ${what} must be an integer >= 1, got ${n}`);
  }
  let next = 0;
  const take = (floats: number): number => {
    const at = next;
    next += roundUp(floats, 4) * 4; // 16-byte aligned
    return at;
  };
  const maxRows = roundUp(maxBatch, 4);
  const widths = [inputWidth, ...hidden, 1];
  const input = take(maxRows * roundUp(inputWidth, 8));
  const inputGrad = take(maxRows * roundUp(inputWidth, 8));
  const base = take(maxRows);
  const targets = take(maxRows);
  const outputGrad = take(maxRows);
  const columnGrads = take(maxRows * roundUp(inputWidth, 8));
  const layers = widths.slice(1).map((outWidth, k): TowerLayerLayout => {
    const inWidth = widths[k];
    const inPadded = roundUp(inWidth, 8);
    const outPadded = roundUp(outWidth, 8);
    return {
      inWidth,
      outWidth,
      inPadded,
      outPadded,
      relu: k < hidden.length,
      kernel: take(inPadded * outPadded),
      kernelT: take(inPadded * outPadded),
      bias: take(outPadded),
      output: take(maxRows * outPadded),
      delta: take(maxRows * outPadded),
      kernelGrad: take(inPadded * outPadded),
      biasGrad: take(outPadded),
      gradientChunkRows: Math.max(8, Math.floor(WEIGHT_GRADIENT_CHUNK_BYTES / (4 * (inPadded + outPadded)))),
    };
  });
  return { maxRows, input, inputGrad, base, targets, outputGrad, columnGrads, layers, bytes: next };
}
