/**
 * The second thread of a fused tower (./fused-tower.ts, `threads: 2`): one worker thread per process, started at
 * the first two-thread pass and unref'd (it never keeps a process alive), which instantiates the tower kernels'
 * module on the tower's shared WebAssembly memory and runs its share of each pass. The work of a pass is split in
 * three phases (`towerPhase`, the same function text in both threads), each over parts that share no output and
 * sum in the same order as one thread, so the result is the same bits:
 *
 *   0  forward, rows [from, to) through every layer;
 *   1  the input gradients (each layer's delta and dX), rows [from, to): a row's deltas depend only on that row;
 *   2  the kernel gradients dW = Hᵀ Δ by rows of dW (each thread half of every layer's, each element still the sum
 *      over all batch rows in order) and the bias gradients (column sums) by columns.
 *
 * The main thread writes a request into a small control block (an Int32Array on a SharedArrayBuffer), wakes the
 * worker with Atomics.notify, does its own part and waits with Atomics.wait (allowed in Node's main thread) until
 * the worker has stored the request's number. Memory ordering: every request and reply ends with an Atomics.store
 * that the other side reads with Atomics.load, so the plain and WebAssembly writes of one side happen-before the
 * other side's reads. At most one request is outstanding. The worker stays bound to one tower at a time; another
 * tower's first pass, or the collection of the bound tower, sends it a release request first.
 */
import { Worker } from "node:worker_threads";
import { selfContainedSource } from "../models/factorization/sgd-worker";
import type { TowerLayerLayout } from "./fused-tower-layout";
import type { TowerKernels } from "./wasm/tower-kernels";
import type { WasmMemory } from "./wasm/wasm-api";

/** Forward pass of rows [from, to). */
export const PHASE_FORWARD = 0;
/** Input gradients (deltas, dX) of rows [from, to). */
export const PHASE_INPUT_GRADIENTS = 1;
/** Kernel and bias gradients over all rows, half `part` (0 or 1) of each, or all of them (part -1). */
export const PHASE_WEIGHT_GRADIENTS = 2;
/** Worker only: drop the bound tower and wait for the next binding. */
const PHASE_RELEASE = 3;

/** The control block's slots. */
const SEQ = 0;
const DONE = 1;
const PHASE = 2;
const FROM = 3;
const TO = 4;
const ROWS = 5;
const PART = 6;
const ERROR = 7;
const WORKER_ROWS = 8;
const READY = 9;
/** 1 while the worker sleeps in Atomics.wait on SEQ (the main thread then must notify it). */
const WORKER_SLEEPING = 10;
/** 1 while the main thread sleeps in Atomics.wait on DONE (the worker then must notify it). */
const MAIN_SLEEPING = 11;
const CONTROL_SLOTS = 16;

/**
 * Polls of the other thread's slot before going to sleep in Atomics.wait (about 0.1-0.3 ms): the three phases of a
 * pass follow each other closely, and waking a sleeping thread costs a system call on each side and the
 * scheduler's wake-up latency (measured: a third of the tower's time on small batches), so a thread that is about
 * to be asked again stays awake briefly. A thread only notifies the other when that one sleeps (its flag, set
 * before Atomics.wait re-checks the slot: with sequentially consistent atomics no wake-up is lost).
 */
const SPIN_POLLS = 20_000;

/** How long the first two-thread pass waits for the worker to start before falling back to one thread. */
const START_TIMEOUT_MS = 20_000;
/** How long a request may take before the main thread gives up (a batch takes milliseconds). */
const REQUEST_TIMEOUT_MS = 300_000;

/**
 * One phase of a tower pass on `k` (see the module comment): rows [from, to) for phases 0 and 1 (multiples of 4),
 * over the first `R` rows (a multiple of 4) for phase 2, whose `part` is 0 (the lower half of every kernel
 * gradient's rows and bias gradient's columns), 1 (the upper half) or -1 (all). Pointers are byte offsets.
 * Self-contained (its text is the worker's copy): no arrow functions, helpers or imports.
 */
export function towerPhase(k: TowerKernels, layers: readonly TowerLayerLayout[], input: number, inputGrad: number, phase: number, from: number, to: number, R: number, part: number): void {
  const L = layers.length;
  const m = to - from;
  if (phase === 0) {
    let x = input;
    for (let n = 0; n < L; n++) {
      const l = layers[n];
      const out = l.output + 4 * from * l.outPadded;
      k.gemm(x + 4 * from * l.inPadded, l.inPadded, 1, l.kernel, l.outPadded, out, l.outPadded, m, l.outPadded, l.inPadded, 0);
      k.bias_act(out, l.bias, m, l.outPadded, l.relu ? 1 : 0);
      x = l.output;
    }
  } else if (phase === 1) {
    for (let n = L - 1; n >= 0; n--) {
      const l = layers[n];
      const dIn = (n === 0 ? inputGrad : layers[n - 1].delta) + 4 * from * l.inPadded;
      k.gemm(l.delta + 4 * from * l.outPadded, l.outPadded, 1, l.kernelT, l.inPadded, dIn, l.inPadded, m, l.inPadded, l.outPadded, 0);
      if (n > 0) k.relu_mask(dIn, layers[n - 1].output + 4 * from * l.inPadded, m * l.inPadded);
    }
  } else if (phase === 2) {
    for (let n = 0; n < L; n++) {
      const l = layers[n];
      const h = n === 0 ? input : layers[n - 1].output;
      const i0 = part === 1 ? l.inPadded / 2 : 0;
      const i1 = part === 0 ? l.inPadded / 2 : l.inPadded;
      // dW = Hᵀ Δ in chunks of batch rows whose slices of H and Δ fit the L1 cache (fused-tower-layout.ts,
      // WEIGHT_GRADIENT_CHUNK_BYTES); each element still sums its rows in order (the running sum is stored and
      // reloaded as float32 between chunks: the same bits).
      const chunk = l.gradientChunkRows;
      for (let p0 = 0; p0 < R; p0 += chunk) {
        k.gemm(h + 4 * (p0 * l.inPadded + i0), 1, l.inPadded, l.delta + 4 * p0 * l.outPadded, l.outPadded, l.kernelGrad + 4 * i0 * l.outPadded, l.outPadded, i1 - i0, l.outPadded, Math.min(chunk, R - p0), p0 > 0 ? 1 : 0);
      }
      const j0 = part === 1 ? l.outPadded / 2 : 0;
      const j1 = part === 0 ? l.outPadded / 2 : l.outPadded;
      k.col_sum(l.delta + 4 * j0, R, j1 - j0, l.outPadded, l.biasGrad + 4 * j0);
    }
  } else {
    throw new RangeError("towerPhase: unknown phase " + phase);
  }
}

/** The worker's CommonJS source: `towerPhase`'s text and a loop that serves the control block's requests. */
export function towerWorkerSource(): string {
  return `"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const ctl = workerData.control;
const towerPhase = ${selfContainedSource(towerPhase, "towerPhase")};
let last = 0;
function poll(last) {
  let seq = Atomics.load(ctl, ${SEQ});
  for (let s = 0; seq === last && s < ${SPIN_POLLS}; s++) seq = Atomics.load(ctl, ${SEQ});
  return seq;
}
function serve(t) {
  for (;;) {
    const seq = poll(last);
    if (seq === last) {
      Atomics.store(ctl, ${WORKER_SLEEPING}, 1);
      Atomics.wait(ctl, ${SEQ}, last);
      Atomics.store(ctl, ${WORKER_SLEEPING}, 0);
      continue;
    }
    last = seq;
    const phase = Atomics.load(ctl, ${PHASE});
    if (phase === ${PHASE_RELEASE}) {
      Atomics.store(ctl, ${DONE}, seq);
      Atomics.notify(ctl, ${DONE});
      return;
    }
    try {
      if (t === null) throw new Error("no tower bound");
      const from = Atomics.load(ctl, ${FROM});
      const to = Atomics.load(ctl, ${TO});
      towerPhase(t.kernels, t.layers, t.input, t.inputGrad, phase, from, to, Atomics.load(ctl, ${ROWS}), Atomics.load(ctl, ${PART}));
      if (phase === ${PHASE_FORWARD}) Atomics.add(ctl, ${WORKER_ROWS}, to - from);
    } catch (error) {
      Atomics.store(ctl, ${ERROR}, 1);
      console.error("FusedTower worker thread:", (error && error.stack) || error);
    }
    Atomics.store(ctl, ${DONE}, seq);
    if (Atomics.load(ctl, ${MAIN_SLEEPING}) === 1) Atomics.notify(ctl, ${DONE});
  }
}
parentPort.on("message", (m) => {
  let t = null;
  try {
    const kernels = new WebAssembly.Instance(m.module, { env: { memory: m.memory } }).exports;
    t = { kernels, layers: m.layers, input: m.input, inputGrad: m.inputGrad };
  } catch (error) {
    console.error("FusedTower worker thread: cannot bind the tower:", (error && error.stack) || error);
  }
  serve(t);
});
Atomics.store(ctl, ${READY}, 1);
Atomics.notify(ctl, ${READY});
`;
}

/** What the worker needs of a tower: the compiled module, the shared memory and the layout's offsets. */
export interface TowerBinding {
  module: object;
  memory: WasmMemory;
  layers: readonly TowerLayerLayout[];
  input: number;
  inputGrad: number;
}

/** The process's tower worker thread (see the module comment). */
class TowerThread {
  private readonly control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS));
  private readonly worker: Worker;
  private seq = 0;
  private bound: number | null = null;

  /** Starts the worker and waits (up to START_TIMEOUT_MS) until it is ready; throws if it is not. */
  constructor() {
    this.worker = new Worker(towerWorkerSource(), { eval: true, workerData: { control: this.control }, execArgv: [] });
    this.worker.unref();
    this.worker.on("error", (error) => console.error("FusedTower worker thread failed:", error));
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Atomics.load(this.control, READY) === 0) {
      const left = deadline - Date.now();
      if (left <= 0) {
        void this.worker.terminate();
        throw new Error(`the worker thread did not start within ${START_TIMEOUT_MS / 1000} s`);
      }
      Atomics.wait(this.control, READY, 0, Math.min(left, 100));
    }
  }

  /** Rows the worker has run forward since the process started (a check that it does work). */
  get workerRows(): number {
    return Atomics.load(this.control, WORKER_ROWS);
  }

  /** Binds the worker to tower `id` unless it is bound to it already (releasing the previous tower first). */
  bind(id: number, binding: () => TowerBinding): void {
    if (this.bound === id) return;
    if (this.bound !== null) this.wait(this.post(PHASE_RELEASE, 0, 0, 0, 0));
    this.bound = null;
    const b = binding();
    this.worker.postMessage({ module: b.module, memory: b.memory, layers: b.layers, input: b.input, inputGrad: b.inputGrad });
    this.bound = id;
  }

  /** Drops the worker's binding to tower `id` (so its memory can be freed), if it is the bound one. */
  release(id: number): void {
    if (this.bound !== id) return;
    this.wait(this.post(PHASE_RELEASE, 0, 0, 0, 0));
    this.bound = null;
  }

  /** Sends a request to the worker (the previous one must have been waited for); returns its number. */
  post(phase: number, from: number, to: number, rows: number, part: number): number {
    const c = this.control;
    Atomics.store(c, PHASE, phase);
    Atomics.store(c, FROM, from);
    Atomics.store(c, TO, to);
    Atomics.store(c, ROWS, rows);
    Atomics.store(c, PART, part);
    const seq = ++this.seq;
    Atomics.store(c, SEQ, seq);
    if (Atomics.load(c, WORKER_SLEEPING) === 1) Atomics.notify(c, SEQ);
    return seq;
  }

  /** Waits until the worker has finished request `seq` (requests finish in order); throws if it failed or takes longer than REQUEST_TIMEOUT_MS. */
  wait(seq: number): void {
    const c = this.control;
    if (pollDone(c, seq)) return this.checkError();
    const deadline = Date.now() + REQUEST_TIMEOUT_MS;
    while (Atomics.load(c, DONE) < seq) {
      if (Date.now() > deadline) throw new Error(`FusedTower: the worker thread did not answer request ${seq} within ${REQUEST_TIMEOUT_MS / 1000} s`);
      Atomics.store(c, MAIN_SLEEPING, 1);
      Atomics.wait(c, DONE, seq - 1, 1000);
      Atomics.store(c, MAIN_SLEEPING, 0);
    }
    this.checkError();
  }

  /** Throws (once) if the worker reported a failed request. */
  private checkError(): void {
    const c = this.control;
    if (Atomics.load(c, ERROR) !== 0) {
      Atomics.store(c, ERROR, 0);
      throw new Error("FusedTower: the worker thread failed (its error is on stderr)");
    }
  }
}

/**
 * Polls `control`'s DONE slot up to SPIN_POLLS times; true once request `seq` is done. A function of its own so
 * that V8 optimises the poll loop alone (inlined in `wait`, the rarely taken sleeping path after it had no type
 * feedback and deoptimised the whole function about once per pass).
 */
function pollDone(control: Int32Array, seq: number): boolean {
  for (let s = 0; s < SPIN_POLLS; s++) if (Atomics.load(control, DONE) >= seq) return true;
  return Atomics.load(control, DONE) >= seq;
}

/** undefined: not started yet; null: failed to start (towers then run on one thread). */
let thread: TowerThread | null | undefined;

/** The process's tower worker thread, started on first use; null if it cannot start (warned once). */
export function towerThread(): TowerThread | null {
  if (thread === undefined) {
    try {
      thread = new TowerThread();
    } catch (error) {
      thread = null;
      console.warn(`FusedTower: running on one thread (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return thread;
}

/** Drops the worker thread's binding to tower `id` if it is bound to it (never starts the thread). */
export function releaseTowerBinding(id: number): void {
  thread?.release(id);
}

/** Rows that the tower worker thread has run forward in this process (0 before it has started). */
export function towerWorkerRows(): number {
  return thread ? thread.workerRows : 0;
}

export type { TowerThread };
