/**
 * The working memory of SGD MF's WebAssembly kernel (src/backend/wasm/sgd-kernels.wat): one shared
 * WebAssembly.Memory holding the parameters being trained and the epoch's gathered rating triples, so the kernel
 * reads and writes both in place, on the calling thread and on DSGD worker threads alike. Callers copy their
 * parameters in before an epoch and out after it (a few MB, small beside an epoch's SGD steps).
 */
import { sgdKernels, sgdKernelsModule, sgdMemory, type SgdKernels, type WasmMemory } from "../../backend/wasm/sgd-kernels";
import { BiasedFactors } from "./biased-factors";
import type { RatingTriples, SgdStepSizes } from "./sgd-epoch";

/** Where a thread finds an arena: its memory, the compiled kernel module and the byte offsets of its arrays. */
export interface SgdArenaAddress {
  /** The shared WebAssembly.Memory. */
  memory: WasmMemory;
  /** The compiled module of sgd-kernels.wat (worker threads instantiate it on `memory`). */
  module: object;
  /** Byte offsets of T, B, users, items and values in the memory. */
  T: number;
  B: number;
  users: number;
  items: number;
  values: number;
  numUsers: number;
  dim: number;
  mean: number;
}

/** Rounds a byte count up to a multiple of 16 (v128 alignment). */
const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/**
 * Parameters of shape `numUsers` x `numItems` x `dim` with global mean `mean`, and room for `size` rating triples,
 * in one shared WebAssembly memory, with the SGD kernel instantiated on it. Layout (byte offsets, 16-aligned):
 * factors f64 [(numUsers + numItems) * dim], biases f64 [numUsers + numItems], users i32 [size], items i32
 * [size], values f32 [size].
 */
export class SgdArena {
  /** The parameters, as views of the memory (zero at first). */
  readonly factors: BiasedFactors;
  /** The triples the kernel steps through, as views of the memory; shapes [size]. */
  readonly triples: RatingTriples;
  /** The memory, module and offsets, for worker threads (`SgdWorker.bind`). */
  readonly address: SgdArenaAddress;
  private readonly kernels: SgdKernels;

  constructor(numUsers: number, numItems: number, dim: number, mean: number, readonly size: number) {
    const rows = numUsers + numItems;
    const T = 0;
    const B = align16(T + 8 * rows * dim);
    const users = align16(B + 8 * rows);
    const items = align16(users + 4 * size);
    const values = align16(items + 4 * size);
    const memory = sgdMemory(values + 4 * size);
    const buffer = memory.buffer;
    this.factors = new BiasedFactors(numUsers, numItems, dim, mean, {
      factors: new Float64Array(buffer, T, rows * dim),
      biases: new Float64Array(buffer, B, rows),
    });
    this.triples = { users: new Int32Array(buffer, users, size), items: new Int32Array(buffer, items, size), values: new Float32Array(buffer, values, size) };
    const module = sgdKernelsModule();
    this.address = { memory, module, T, B, users, items, values, numUsers, dim, mean };
    this.kernels = sgdKernels(module, memory);
  }

  /**
   * The SGD step (`sgdKernel` of sgd-epoch.ts, bit for bit) over the arena's triples [from, to), in that order,
   * updating the arena's parameters in place. Returns Σ e² over those ratings (squared rating units).
   */
  pass(from: number, to: number, s: SgdStepSizes): number {
    if (!(from >= 0 && from <= to && to <= this.size)) throw new RangeError(`SgdArena.pass: [${from}, ${to}) is outside [0, ${this.size})`);
    const a = this.address;
    return this.kernels.sgd_pass(
      a.T, a.B, a.numUsers, a.dim, a.mean, a.users, a.items, a.values, from, to,
      s.learningRate, s.biasLearningRate, s.regFactors, s.regBias,
    );
  }
}
