/**
 * A worker thread of DSGD (Gemulla, Nijkamp, Haas and Sismanis, "Large-scale matrix factorization with distributed
 * stochastic gradient descent", KDD 2011): it gathers its blocks of each epoch's ratings into a shared `SgdArena`
 * and runs the arena's WebAssembly SGD kernel on them, instantiated in the worker on the arena's memory. Its
 * source is built from `gatherRows.toString()` and evaluated with `new Worker(source, { eval: true })`, so it runs
 * the same way under tsx, compiled JavaScript and the tslab Jupyter kernel, with no worker script file to locate.
 * Memory ordering: the main thread publishes its writes with an `Atomics.store` before each request and the worker
 * acquires them with `Atomics.load` (and the other way round for the reply), so every non-atomic write of one side
 * (JavaScript or WebAssembly, on the same shared memory) happens-before the other side's reads.
 */
import { Worker } from "node:worker_threads";
import { gatherRows } from "./dsgd-blocks";
import type { SgdArena } from "./sgd-arena";
import type { RatingTriples, SgdStepSizes } from "./sgd-epoch";

/** What a worker thread works on during one training run; all arrays on SharedArrayBuffers (checked). */
export interface SgdWorkerBinding {
  /** The parameters and the partitioned triples, shared with the main thread (each thread gathers and runs only its own blocks). */
  arena: SgdArena;
  /** The training ratings (shared copies), read by the worker's gather. */
  ratings: RatingTriples;
  /** Each epoch's rows grouped by block (`splitByBlock`, written by the main thread), shape [ratings size]. */
  rows: Uint32Array;
}

/** One request to a worker: gather rows [gatherFrom, gatherTo) (skipped when equal), then run the kernel on [from, to). */
export interface SgdWorkerRun {
  gatherFrom: number;
  gatherTo: number;
  from: number;
  to: number;
}

/**
 * `fn`'s source text, checked to be one self-contained function named `name`: a single `function` keyword, no
 * arrow functions or classes, no `__`-prefixed helpers (esbuild's `__name`), no coverage counters, no
 * require/import and no `exports` (TypeScript's CommonJS output, as tslab compiles the library, reads a module's
 * exported constants as `exports.NAME`, which a worker does not have: the tower's worker once read a chunk size
 * as undefined there and silently computed nothing). Throws otherwise (see `sgdWorkerSource`; the fused tower's
 * worker, fused-tower-thread.ts, uses it too).
 */
export function selfContainedSource(fn: (...args: never[]) => unknown, name: string): string {
  const text = fn.toString();
  const functions = text.match(/\bfunction\b/g)?.length ?? 0;
  if (!text.startsWith(`function ${name}(`) || functions !== 1 || /=>|\bclass\b|\b__\w+|\bcov_\w+|\brequire\b|\bimport\b|\bexports\b/.test(text)) {
    throw new Error(`${name}.toString() is not a self-contained function, which a worker thread needs (helpers inserted by a bundler or coverage tool?): ${text.slice(0, 200)}`);
  }
  return text;
}

let sharedGather: typeof gatherRows | null = null;

/**
 * `gatherRows` compiled again from its source text, for the main thread's DSGD gathers, which run on
 * SharedArrayBuffer-backed arrays. V8 specialises a function to the arrays it has seen (feeding the former JavaScript
 * SGD kernel both plain and shared arrays, threads 1 and 2 in one process, made it about 40% slower), so each kind
 * of array gets its own function object. Same text, hence the same result.
 */
export function sharedArrayGather(): typeof gatherRows {
  sharedGather ??= new Function(`"use strict"; return (${selfContainedSource(gatherRows, "gatherRows")});`)() as typeof gatherRows;
  return sharedGather;
}

/**
 * The worker's CommonJS source: the text of `gatherRows` plus a message handler that instantiates the SGD kernel
 * module on the arena's memory at `bind`. Throws if the text is not a self-contained function, e.g. because a
 * bundler or coverage tool inserted helpers (esbuild's `__name`, istanbul's `cov_` counters) that do not exist
 * inside the worker.
 */
export function sgdWorkerSource(): string {
  return `"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const sync = workerData.sync;
const gatherRows = ${selfContainedSource(gatherRows, "gatherRows")};
let t = null;
parentPort.on("message", (m) => {
  if (m.kind === "bind") {
    t = m;
    t.sgdPass = new WebAssembly.Instance(m.at.module, { env: { memory: m.at.memory } }).exports.sgd_pass;
    return;
  }
  let reply;
  try {
    if (Atomics.load(sync, 0) !== m.id || t === null) throw new Error("request " + m.id + " arrived out of order or before bind");
    const a = t.at;
    gatherRows(t.rows, m.gatherFrom, m.gatherTo, t.users, t.items, t.values, t.toUsers, t.toItems, t.toValues);
    const sse = t.sgdPass(a.T, a.B, a.numUsers, a.dim, a.mean, a.users, a.items, a.values, m.from, m.to, m.lr, m.lrBias, m.reg, m.regBias);
    reply = { id: m.id, sse };
  } catch (error) {
    reply = { id: m.id, error: String((error && error.stack) || error) };
  }
  Atomics.store(sync, 1, m.id);
  parentPort.postMessage(reply);
});
`;
}

interface Pending {
  id: number;
  resolve: (sse: number) => void;
  reject: (error: Error) => void;
}

/**
 * One worker thread of a fit: `bind` the shared arrays of a training run, then `run` gathers and kernel passes,
 * one at a time; `terminate` at the end of the fit. A crash of the worker rejects the pending run
 * (and every later one); worker errors never go unhandled.
 */
export class SgdWorker {
  private readonly worker: Worker;
  /** [0]: id of the latest request (main thread writes); [1]: id of the latest reply (worker writes). */
  private readonly sync = new Int32Array(new SharedArrayBuffer(8));
  private pending: Pending | null = null;
  private failure: Error | null = null;
  private lastId = 0;
  private terminated = false;

  /** Starts the thread (no tsx or other loader flags: the source is plain JavaScript). */
  constructor() {
    this.worker = new Worker(sgdWorkerSource(), { eval: true, workerData: { sync: this.sync }, execArgv: [] });
    this.worker.on("message", (m: { id: number; sse?: number; error?: string }) => this.settle(m));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("messageerror", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`SGD worker thread exited (code ${code})`)));
  }

  /** Points the worker at the arrays of one training run (see `SgdWorkerBinding`). */
  bind(b: SgdWorkerBinding): void {
    const { arena, ratings: r } = b;
    const out = arena.triples;
    const shared = { users: r.users, items: r.items, values: r.values, rows: b.rows, toUsers: out.users, toItems: out.items, toValues: out.values };
    for (const [name, a] of Object.entries(shared)) {
      if (!(a.buffer instanceof SharedArrayBuffer)) throw new TypeError(`SgdWorker.bind: ${name} is not on a SharedArrayBuffer`);
    }
    this.worker.postMessage({ kind: "bind", ...shared, at: arena.address });
  }

  /** Runs request `r` in the worker (gather into the arena, then its SGD kernel with step sizes `s`); resolves to the block's Σ e². One at a time. */
  run(r: SgdWorkerRun, s: SgdStepSizes): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new Error("SgdWorker.run: the previous run has not finished"));
    const id = ++this.lastId;
    return new Promise<number>((resolve, reject) => {
      this.pending = { id, resolve, reject };
      Atomics.store(this.sync, 0, id);
      this.worker.postMessage({ kind: "run", id, ...r, lr: s.learningRate, lrBias: s.biasLearningRate, reg: s.regFactors, regBias: s.regBias });
    });
  }

  /** Stops the thread; a run still pending is rejected. Safe to call more than once. */
  async terminate(): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    this.fail(new Error("SGD worker thread terminated"));
    await this.worker.terminate();
  }

  private settle(m: { id: number; sse?: number; error?: string }): void {
    const p = this.pending;
    if (!p || m.id !== p.id || Atomics.load(this.sync, 1) !== m.id) {
      this.fail(new Error(`SGD worker thread: unexpected reply ${m.id} (pending ${p?.id})`));
      return;
    }
    this.pending = null;
    if (m.error !== undefined) p.reject(new Error(`SGD worker thread failed: ${m.error}`));
    else p.resolve(m.sse!);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const p = this.pending;
    this.pending = null;
    p?.reject(this.failure);
  }
}
