/**
 * A dense ReLU tower with one linear output unit, trained on squared error (or NCF's log loss), whose forward and
 * backward passes run as a handful of SIMD kernel calls (tower-kernels.wat) instead of about 150 TF.js ops per
 * batch: the fast path of the MLP rating model and the hybrid (Gindele 2018) and of NCF's MLP and NeuMF (He et al.,
 * "Neural collaborative filtering", WWW 2017).
 *
 *   h_0 = X, h_l = relu(h_{l-1} W_l + b_l), ŷ = h_L w + c + base,  loss = lossScale Σ_rows (ŷ - y)² / 2
 *
 * The caller writes X (rows of `inputWidth` floats), the per-row `base` and targets, and the weights; `run` returns
 * the unscaled loss sum and leaves the gradients of the loss with respect to X, every kernel and bias, and each row's output.
 * Backend-independent: the tower has its own WebAssembly memory and reads no tensors. Float32 throughout, like
 * TF.js; the products sum in a different order than TF.js's kernels, so results agree to rounding.
 *
 * Threads: with two (`FusedTowerOptions.threads`), a worker thread runs the same kernels on the same (shared)
 * memory, on half of the batch rows (forward, input gradients) and half of every weight gradient's rows and bias
 * gradient's columns (fused-tower-thread.ts); every number is computed by the same operations in the same order
 * as with one thread, so the results are the same bits.
 */
import { availableCores } from "./core-budget";
import { roundUp, towerLayout, type TowerLayerLayout, type TowerLayout } from "./fused-tower-layout";
import { PHASE_FORWARD, PHASE_INPUT_GRADIENTS, PHASE_WEIGHT_GRADIENTS, releaseTowerBinding, towerPhase, towerThread } from "./fused-tower-thread";
import { towerKernels, towerKernelsModule, towerMemory, type TowerKernels } from "./wasm/tower-kernels";
import type { WasmMemory } from "./wasm/wasm-api";

/** Where to write (or read) row k of a [rows, width] block: data[offset + k * stride + column]. */
export interface RowBlock {
  /** The tower's whole memory, as floats. */
  data: Float32Array;
  /** Index in `data` of row 0, column 0. */
  offset: number;
  /** Floats from one row to the next (the padded width). */
  stride: number;
}

/** The tower's loss: squared error (rating models) or the log loss of a logit (implicit models). */
export type TowerLoss = "squared" | "logistic";

/**
 * Threads of a tower pass: 1, 2 (a worker thread takes half of every batch of at least 8 rows) or "auto" (2 when
 * at least 2 cores are available to the process (core-budget.ts: the machine, RECSYS_CORES, reservations) and the batch's work reaches `PARALLEL_MIN_WORK`, else 1).
 */
export type TowerThreads = 1 | 2 | "auto";

/** Options of a fused tower. */
export interface FusedTowerOptions {
  /** Default: the environment variable RECSYS_TOWER_THREADS (1, 2 or auto) when set, else "auto". */
  threads?: TowerThreads;
}

/**
 * Smallest work of a batch, rows x Σ_layers inPadded x outPadded (multiply-adds of one product direction), for
 * which "auto" splits it over two threads: below it the three hand-offs of a pass cost more than they save
 * (measured with scripts/measure-fused-tower.ts; see environment.md).
 */
export const PARALLEL_MIN_WORK = 1 << 20;

/** RECSYS_TOWER_THREADS as a `TowerThreads` (undefined when unset); throws on any other value. */
export function towerThreadsFromEnv(env: NodeJS.ProcessEnv = process.env): TowerThreads | undefined {
  const v = env.RECSYS_TOWER_THREADS;
  if (v === undefined || v === "") return undefined;
  if (v === "1" || v === "2") return Number(v) as 1 | 2;
  if (v === "auto") return "auto";
  throw new RangeError(`RECSYS_TOWER_THREADS must be 1, 2 or auto, got ${JSON.stringify(v)}`);
}

/** Checks a `threads` setting, naming `owner` in the error. */
export function checkTowerThreads(threads: unknown, owner: string): void {
  if (threads !== undefined && threads !== 1 && threads !== 2 && threads !== "auto") {
    throw new RangeError(`${owner} must be 1, 2, "auto" or left out, got ${JSON.stringify(threads)}`);
  }
}

/**
 * Writes a layer's kernel (row-major [in, out]), its transpose and its bias into the tower's memory. A function of
 * its own (not a closure of setWeights): V8 deoptimised that closure about once per batch.
 */
function copyLayerWeights(f: Float32Array, l: TowerLayerLayout, w: ArrayLike<number>, b: ArrayLike<number>): void {
  const W = l.kernel / 4;
  const T = l.kernelT / 4;
  for (let i = 0; i < l.inWidth; i++) {
    for (let j = 0; j < l.outWidth; j++) {
      const v = w[i * l.outWidth + j];
      f[W + i * l.outPadded + j] = v;
      f[T + j * l.inPadded + i] = v;
    }
  }
  for (let j = 0; j < l.outWidth; j++) f[l.bias / 4 + j] = b[j];
}

let nextTowerId = 1;
/** Releases the worker thread's binding to a tower that has been collected (so its memory can be freed). */
const unbindOnCollect = new FinalizationRegistry<number>(releaseTowerBinding);

/** A fused tower for inputs of width `inputWidth`, ReLU layers `hidden` and batches of up to `maxBatch` rows. */
export class FusedTower {
  /** Where the buffers are in the tower's memory (byte offsets, padded sizes). */
  readonly layout: TowerLayout;
  /** X, to be filled by the caller (columns past `inputWidth` are zero and must stay so). */
  readonly input: RowBlock;
  /** dLoss/dX after `run`, same layout as `input`. */
  readonly inputGradient: RowBlock;
  /** Per-row offset of the output and the targets, written by the caller ([maxBatch] views). */
  readonly base: Float32Array;
  readonly targets: Float32Array;
  /** dLoss/dŷ of each row after `run` ([maxBatch] view). */
  readonly outputGradient: Float32Array;
  /** The threads setting (see `TowerThreads`). */
  readonly threads: TowerThreads;
  /** Passes run so far on two threads (for tests and measurements). */
  parallelPasses = 0;
  private readonly kernels: TowerKernels;
  private readonly f32: Float32Array;
  private readonly memory: WasmMemory;
  private readonly id = nextTowerId++;
  private registered = false;

  constructor(readonly inputWidth: number, readonly hidden: readonly number[], readonly maxBatch: number, options: FusedTowerOptions = {}) {
    checkTowerThreads(options.threads, "FusedTower threads");
    this.threads = options.threads ?? towerThreadsFromEnv() ?? "auto";
    const layout = towerLayout(inputWidth, hidden, maxBatch);
    this.layout = layout;
    const memory = towerMemory(layout.bytes);
    this.memory = memory;
    this.kernels = towerKernels(memory);
    this.f32 = new Float32Array(memory.buffer);
    const stride = layout.layers[0].inPadded;
    this.input = { data: this.f32, offset: layout.input / 4, stride };
    this.inputGradient = { data: this.f32, offset: layout.inputGrad / 4, stride };
    this.base = this.f32.subarray(layout.base / 4, layout.base / 4 + maxBatch);
    this.targets = this.f32.subarray(layout.targets / 4, layout.targets / 4 + maxBatch);
    this.outputGradient = this.f32.subarray(layout.outputGrad / 4, layout.outputGrad / 4 + maxBatch);
  }

  /**
   * Copies the weights in: `kernels[l]` row-major [in_l, out_l] and `biases[l]` [out_l] for every hidden layer and
   * then the output layer ([last width, 1] and [1]).
   */
  setWeights(kernels: ArrayLike<number>[], biases: ArrayLike<number>[]): void {
    const layers = this.layout.layers;
    if (kernels.length !== layers.length || biases.length !== layers.length) {
      throw new RangeError(`FusedTower.setWeights: expected ${layers.length} kernels and biases, got ${kernels.length} and ${biases.length}`);
    }
    for (let k = 0; k < layers.length; k++) {
      const l = layers[k];
      const w = kernels[k];
      const b = biases[k];
      if (w.length !== l.inWidth * l.outWidth || b.length !== l.outWidth) {
        throw new RangeError(`FusedTower.setWeights: layer ${k} needs a [${l.inWidth}, ${l.outWidth}] kernel and [${l.outWidth}] bias, got ${w.length} and ${b.length} values`);
      }
      copyLayerWeights(this.f32, l, w, b);
    }
  }

  /**
   * Forward and backward pass over the first `rows` rows of the input; `lossScale` multiplies the loss (1 for a
   * summed loss, 1 / rows for a mean). Loss "squared" (default): returns Σ(ŷ - y)² over the rows (unscaled,
   * float64 sum; the loss is lossScale Σ(ŷ - y)² / 2). Loss "logistic": ŷ is a logit z, the targets are labels
   * y in {0, 1}, the loss is lossScale Σ(softplus(z) - y z) (binary cross-entropy, NCF's log loss) and the return
   * value is that sum unscaled.
   */
  run(rows: number, lossScale: number, loss: TowerLoss = "squared"): number {
    if (!(Number.isInteger(rows) && rows >= 1 && rows <= this.maxBatch)) throw new RangeError(`FusedTower.run: rows must be an integer in [1, ${this.maxBatch}], got ${rows}`);
    const { layout, kernels: k, f32: f } = this;
    const R = roundUp(rows, 4);
    const layers = layout.layers;
    const inStride = layers[0].inPadded;
    f.fill(0, layout.input / 4 + rows * inStride, layout.input / 4 + R * inStride); // padding rows: no effect on gradients
    const thread = this.useTwoThreads(R) ? towerThread() : null;
    if (thread) {
      thread.bind(this.id, () => ({ module: towerKernelsModule(), memory: this.memory, layers, input: layout.input, inputGrad: layout.inputGrad }));
      if (!this.registered) unbindOnCollect.register(this, this.id);
      this.registered = true;
      this.parallelPasses++;
    }
    const half = roundUp(R / 2, 4);
    /** Phase `phase` of the pass: on two threads the worker takes rows [half, R) or part 1, else all here. */
    const phase = (phase: number): void => {
      if (!thread) {
        towerPhase(k, layers, layout.input, layout.inputGrad, phase, 0, R, R, -1);
        return;
      }
      const request = thread.post(phase, half, R, R, 1);
      try {
        towerPhase(k, layers, layout.input, layout.inputGrad, phase, 0, half, R, 0);
      } finally {
        thread.wait(request); // never leave a request outstanding
      }
    };
    phase(PHASE_FORWARD);
    const last = layers[layers.length - 1];
    const out = last.output / 4;
    const width = last.outPadded;
    const dz = last.delta / 4;
    f.fill(0, dz, dz + R * width);
    let sse = 0;
    for (let i = 0; i < rows; i++) {
      const z = f[out + i * width] + this.base[i];
      const y = this.targets[i];
      let e: number;
      if (loss === "logistic") {
        // softplus(z) - y z and σ(z) - y, with the one exp(-z) shared when z > 0 (the same values)
        if (z > 0) {
          const x = Math.exp(-z);
          sse += z + Math.log1p(x) - y * z;
          e = 1 / (1 + x) - y;
        } else {
          sse += Math.log1p(Math.exp(z)) - y * z;
          e = 1 / (1 + Math.exp(-z)) - y;
        }
      } else {
        e = z - y;
        sse += e * e;
      }
      const g = e * lossScale;
      this.outputGradient[i] = g;
      f[dz + i * width] = g;
    }
    phase(PHASE_INPUT_GRADIENTS);
    phase(PHASE_WEIGHT_GRADIENTS);
    return sse;
  }

  /** Whether a pass over `R` (padded) rows runs on two threads. */
  private useTwoThreads(R: number): boolean {
    if (this.threads === 1 || R < 8) return false;
    if (this.threads === 2) return true;
    let work = 0;
    for (const l of this.layout.layers) work += l.inPadded * l.outPadded;
    return R * work >= PARALLEL_MIN_WORK && availableCores() >= 2;
  }

  /**
   * After `run`: the gradients of the two ID embeddings whose rows fill the input's first 2·dim columns, with their
   * L2 terms: dP = dX[:, :dim] + reg X[:, :dim] and dQ = dX[:, dim:2·dim] + reg X[:, dim:2·dim] over the first `rows`
   * rows, row-major [rows, dim] each (computed in float64 and rounded once, the bits of that JavaScript loop). Views
   * into the tower's memory, overwritten by the next call: copy them to keep them.
   */
  idGradients(rows: number, dim: number, reg: number): { dP: Float32Array; dQ: Float32Array } {
    if (!(Number.isInteger(rows) && rows >= 1 && rows <= this.maxBatch)) throw new RangeError(`FusedTower.idGradients: rows must be an integer in [1, ${this.maxBatch}], got ${rows}`);
    if (!(Number.isInteger(dim) && dim >= 1 && 2 * dim <= this.inputWidth)) throw new RangeError(`FusedTower.idGradients: dim must be an integer in [1, ${Math.floor(this.inputWidth / 2)}], got ${dim}`);
    const { layout } = this;
    const outA = layout.columnGrads;
    const outB = outA + 4 * rows * dim;
    this.kernels.id_grads(layout.inputGrad, layout.input, this.input.stride, rows, dim, reg, outA, outB);
    return { dP: this.f32.subarray(outA / 4, outA / 4 + rows * dim), dQ: this.f32.subarray(outB / 4, outB / 4 + rows * dim) };
  }

  /** After `run`: the gradient of layer `layer`'s kernel, row-major [in, out] (a new array). */
  kernelGradient(layer: number): Float32Array {
    const l = this.layout.layers[layer];
    const out = new Float32Array(l.inWidth * l.outWidth);
    const G = l.kernelGrad / 4;
    for (let i = 0; i < l.inWidth; i++) out.set(this.f32.subarray(G + i * l.outPadded, G + i * l.outPadded + l.outWidth), i * l.outWidth);
    return out;
  }

  /** After `run`: the gradient of layer `layer`'s bias, [out] (a new array). */
  biasGradient(layer: number): Float32Array {
    const l = this.layout.layers[layer];
    return this.f32.slice(l.biasGrad / 4, l.biasGrad / 4 + l.outWidth);
  }
}
