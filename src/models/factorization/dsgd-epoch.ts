/**
 * One epoch of DSGD (Gemulla, Nijkamp, Haas and Sismanis, "Large-scale matrix factorization with distributed
 * stochastic gradient descent", KDD 2011) for biased matrix factorization on p threads. The epoch's shuffled
 * ratings are partitioned stably into the p x p blocks of `DsgdBlocking`: the main thread sorts the row numbers
 * by block, then thread g gathers the ratings of blocks (g, 0..p-1), exactly the blocks it will run. In sub-epoch
 * s = 0..p-1 thread g runs block (g, (g + s) mod p) with the WebAssembly SGD kernel (`SgdArena`, bit for bit
 * `sgdKernel`), in the shuffled order within the block;
 * thread 0 is the calling thread, threads 1..p-1 are `SgdWorker`s. Concurrent blocks share no user and no item
 * (so no row of the factor and bias tables), hence the result depends only on the seed and p, never on thread
 * timing. It differs from the single-threaded pass because ratings are visited stratum by stratum instead of in
 * the plain shuffled order.
 */
import type { Ratings } from "../../data/ratings";
import type { BiasedFactors } from "./biased-factors";
import { splitByBlock, stratumBlock, type DsgdBlocking } from "./dsgd-blocks";
import { copyIntoLayout, copyOutOfLayout, groupContiguousLayout, renumberRatings, type GroupLayout } from "./dsgd-layout";
import { SgdArena } from "./sgd-arena";
import { allocateTriples, type RatingTriples, type SgdStepSizes } from "./sgd-epoch";
import { SgdWorker, sharedArrayGather } from "./sgd-worker";

/** Creates `count` worker threads for one fit (terminate them with `terminateSgdWorkers`, in a `finally`). */
export function createSgdWorkers(count: number): SgdWorker[] {
  const workers: SgdWorker[] = [];
  try {
    for (let w = 0; w < count; w++) workers.push(new SgdWorker());
    return workers;
  } catch (error) {
    void terminateSgdWorkers(workers);
    throw error;
  }
}

/** Terminates every worker of a fit, waiting for all of them; never throws. */
export async function terminateSgdWorkers(workers: readonly SgdWorker[]): Promise<void> {
  await Promise.allSettled(workers.map((w) => w.terminate()));
}

/**
 * The DSGD epochs of one training run: parameters `f`, the training ratings, their blocking and p - 1 workers
 * (p = blocking.groups). The threads train a working copy of `f` in a shared `SgdArena`, in which every group's
 * users and items are contiguous (`dsgd-layout.ts`); `run` copies `f` in before an epoch and back out after it, so
 * `f` is always current between epochs (validation, snapshots, restores). Allocates the shared memory once and
 * binds the workers.
 */
export class DsgdEpochRunner {
  private readonly layout: GroupLayout;
  private readonly arena: SgdArena;
  private readonly ratings: RatingTriples;
  private readonly rows: Uint32Array;

  constructor(
    private readonly f: BiasedFactors,
    train: Ratings,
    private readonly blocking: DsgdBlocking,
    private readonly workers: readonly SgdWorker[],
  ) {
    const p = blocking.groups;
    if (workers.length !== p - 1) throw new RangeError(`DsgdEpochRunner: ${p} groups need ${p - 1} workers, got ${workers.length}`);
    if (blocking.rowBlock.length !== train.size) throw new RangeError(`DsgdEpochRunner: the blocking has ${blocking.rowBlock.length} ratings, train ${train.size}`);
    this.layout = groupContiguousLayout(blocking);
    this.arena = new SgdArena(f.numUsers, f.numItems, f.dim, f.mean, train.size);
    this.ratings = allocateTriples(train.size, true);
    renumberRatings(train.users.subarray(0, train.size), train.items.subarray(0, train.size), this.layout, this.ratings.users, this.ratings.items);
    this.ratings.values.set(train.values.subarray(0, train.size));
    this.rows = new Uint32Array(new SharedArrayBuffer(4 * train.size));
    for (const w of workers) w.bind({ arena: this.arena, ratings: this.ratings, rows: this.rows });
  }

  /** Sub-epochs per epoch (p), for progress. */
  get subEpochs(): number {
    return this.blocking.groups;
  }

  /**
   * One epoch over the ratings at rows `order` (the epoch loop's permutation) with step sizes `s`; calls
   * `onSubEpoch(s + 1)` after sub-epoch s. Returns Σ e² over the ratings (blocks summed in a fixed order).
   */
  async run(order: Uint32Array, s: SgdStepSizes, onSubEpoch: (done: number) => void): Promise<number> {
    const { arena, ratings: r, rows, workers } = this;
    const { factors: f, triples: t } = arena;
    const { groups: p, offsets } = this.blocking;
    const gatherRows = sharedArrayGather();
    splitByBlock(order, this.blocking, rows);
    copyIntoLayout(this.f, f, this.layout);
    let sse = 0;
    for (let sub = 0; sub < p; sub++) {
      const done = Promise.all(workers.map((w, k) => {
        const g = k + 1;
        const b = stratumBlock(p, sub, g);
        const gatherTo = sub === 0 ? offsets[(g + 1) * p] : 0;
        return w.run({ gatherFrom: sub === 0 ? offsets[g * p] : 0, gatherTo, from: offsets[b], to: offsets[b + 1] }, s);
      }));
      done.catch(() => {}); // observed by the await below; this only keeps a failure from counting as unhandled meanwhile
      if (sub === 0) gatherRows(rows, 0, offsets[p], r.users, r.items, r.values, t.users, t.items, t.values);
      const b = stratumBlock(p, sub, 0);
      const own = arena.pass(offsets[b], offsets[b + 1], s);
      const fromWorkers = await done;
      sse += own;
      for (const x of fromWorkers) sse += x;
      onSubEpoch(sub + 1);
    }
    copyOutOfLayout(f, this.f, this.layout);
    return sse;
  }
}
