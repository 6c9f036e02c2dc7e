/**
 * Wide & Deep as a ranker of implicit feedback (Cheng et al. 2016's setting: the probability that a shown item is
 * chosen): sigmoid(logit(u, i)) (wide-deep-net.ts) trained on the log loss of labelled (user, item, 0/1) examples.
 * Either `fitExamples` with given examples (the two-stage recommender's positives against retrieved-but-not-chosen
 * candidates, src/train/two-stage.ts), or `fit` on positives alone with `negatives` uniformly drawn items the user
 * has no interaction with per positive (drawn once per fit). Scores are logits (higher ranks first). With evidence
 * set (`setEvidence`, pair-evidence.ts: e.g. the retriever's rank bucket and normalised score) before fitting, the
 * linear part also weighs that evidence, and scoring uses whatever evidence is set then (the serving retrieval).
 */
import type { Ratings } from "../../data/ratings";
import { runEpochLoop } from "../../train/epoch-loop";
import type { TrainingHistory } from "../../train/training-history";
import type { CatalogueScorer, ImplicitFitOptions, ImplicitModel } from "../implicit-model";
import type { PairEvidence } from "./pair-evidence";
import { resolveWideDeepConfig, type WideDeepConfig, type WideDeepOverrides } from "./wide-deep-config";
import { WideDeepNet } from "./wide-deep-net";

/** Labelled training pairs, each of shape [n]. */
export interface LabelledPairs {
  users: Int32Array;
  items: Int32Array;
  /** 1 for a chosen item, 0 for a shown-but-not-chosen one. */
  labels: Float32Array;
}

/**
 * Each positive of `train` (label 1) followed by `negatives` items drawn uniformly from the items with at least one
 * training interaction that the user has no interaction with (label 0; redrawn up to 100 times). Items without
 * training interactions are never drawn, so they stay unseen (zero ID embedding, zero wide weights).
 */
export function uniformNegativeExamples(train: Ratings, negatives: number, rng: { int(n: number): number }): LabelledPairs {
  const seen = new Set<number>();
  const itemSeen = new Uint8Array(train.numItems);
  for (let k = 0; k < train.size; k++) {
    seen.add(train.users[k] * train.numItems + train.items[k]);
    itemSeen[train.items[k]] = 1;
  }
  const pool = Int32Array.from(Array.from(itemSeen).flatMap((s, i) => (s ? [i] : [])));
  const n = train.size * (1 + negatives);
  const out: LabelledPairs = { users: new Int32Array(n), items: new Int32Array(n), labels: new Float32Array(n) };
  let w = 0;
  for (let k = 0; k < train.size; k++) {
    const u = train.users[k];
    out.users[w] = u; out.items[w] = train.items[k]; out.labels[w++] = 1;
    for (let j = 0; j < negatives; j++) {
      let i = pool[rng.int(pool.length)];
      for (let tries = 0; seen.has(u * train.numItems + i) && tries < 100; tries++) i = pool[rng.int(pool.length)];
      out.users[w] = u; out.items[w] = i; out.labels[w++] = 0;
    }
  }
  return out;
}

/** Wide & Deep ranker (module comment). */
export class WideDeepRanker implements ImplicitModel, CatalogueScorer {
  readonly name: string;
  fittedIndexId: string | undefined = undefined;
  private net: WideDeepNet | null = null;
  private evidence: PairEvidence | null = null;

  constructor(readonly config: WideDeepConfig) {
    this.name = config.name;
  }

  /**
   * Sets the per-pair evidence used by the next fit (which sizes its coordinates) and by scoring; null removes it
   * from the next fit. A network fitted with evidence must be given evidence with the same number of buckets.
   */
  setEvidence(evidence: PairEvidence | null): void {
    this.evidence = evidence;
    if (this.net) this.net.evidence = evidence;
  }

  /** Trains on `train`'s positives against uniformly drawn negatives (config.negatives per positive). */
  async fit(train: Ratings, options: ImplicitFitOptions): Promise<TrainingHistory> {
    if (train.size === 0) throw new RangeError(`${this.name}: the training set is empty`);
    const rng = options.rng.fork();
    return this.fitExamples(train, uniformNegativeExamples(train, this.config.negatives, rng), options);
  }

  /**
   * Trains on the labelled pairs `examples` (all of `train`'s index space); `train` gives the index space, the side
   * features and which users and items are seen (unseen ones keep zero ID embeddings).
   */
  async fitExamples(train: Ratings, examples: LabelledPairs, options: ImplicitFitOptions): Promise<TrainingHistory> {
    this.dispose();
    const size = examples.labels.length;
    if (size === 0) throw new RangeError(`${this.name}: no training examples`);
    if (examples.users.length !== size || examples.items.length !== size) throw new RangeError(`${this.name}.fitExamples: users, items and labels differ in length`);
    this.checkPairs("fitExamples", examples.users, examples.items, train.numUsers, train.numItems);
    const net = new WideDeepNet(this.config, train, options.rng.fork(), "logistic", 0, "WideDeepConfig", this.evidence ? this.evidence.buckets : 0);
    net.evidence = this.evidence;
    this.net = net;
    this.fittedIndexId = train.indexId;
    const bs = this.config.batchSize;
    const trainer = {
      batchesPerEpoch: Math.ceil(size / bs),
      runEpoch: (order: Uint32Array, onBatch: (done: number) => void): number => {
        let sum = 0;
        for (let from = 0, batch = 0; from < size; from += bs, batch++) {
          const rows = order.subarray(from, Math.min(from + bs, size));
          sum += net.trainBatch(Int32Array.from(rows, (r) => examples.users[r]), Int32Array.from(rows, (r) => examples.items[r]), Float32Array.from(rows, (r) => examples.labels[r]));
          onBatch(batch + 1);
        }
        return sum;
      },
      snapshot: () => net.snapshot(),
      restore: (s: ReturnType<WideDeepNet["snapshot"]>) => net.restore(s),
      release: (s: ReturnType<WideDeepNet["snapshot"]>) => net.release(s),
    };
    return runEpochLoop(this.name, trainer, size, options, this.config);
  }

  private checkPairs(what: string, users: Int32Array, items: Int32Array, nu: number, ni: number): void {
    if (users.length !== items.length) throw new RangeError(`${this.name}.${what}: users (${users.length}) and items (${items.length}) differ in length`);
    for (let k = 0; k < users.length; k++) {
      if (!(users[k] >= 0 && users[k] < nu)) throw new RangeError(`${this.name}.${what}: users[${k}] = ${users[k]} outside [0, ${nu})`);
      if (!(items[k] >= 0 && items[k] < ni)) throw new RangeError(`${this.name}.${what}: items[${k}] = ${items[k]} outside [0, ${ni})`);
    }
  }

  /** Logits of pairs (users[k], items[k]), shape [n]. */
  score(users: Int32Array, items: Int32Array): Float32Array {
    if (!this.net) throw new Error(`${this.name}: score called before fit`);
    const [nu, ni] = this.net.space.shape;
    this.checkPairs("score", users, items, nu, ni);
    return this.net.outputs(users, items);
  }

  /** Number of items scored per user (CatalogueScorer); throws before fit. */
  catalogueSize(): number {
    if (!this.net) throw new Error(`${this.name}: catalogueSize called before fit`);
    return this.net.space.shape[1];
  }

  /** Logits of every item for each of `users`, row r at out[r * n .. (r + 1) * n) (CatalogueScorer). */
  scoreCatalogue(users: Int32Array, out: Float32Array): void {
    const n = this.catalogueSize();
    if (out.length < users.length * n) throw new RangeError(`${this.name}.scoreCatalogue: out has ${out.length} entries, needs ${users.length} x ${n}`);
    const u = new Int32Array(users.length * n);
    const it = new Int32Array(users.length * n);
    for (let r = 0; r < users.length; r++) for (let i = 0; i < n; i++) { u[r * n + i] = users[r]; it[r * n + i] = i; }
    out.set(this.score(u, it));
  }

  /** The fitted network; throws before fit. */
  network(): WideDeepNet {
    if (!this.net) throw new Error(`${this.name}: network called before fit`);
    return this.net;
  }

  /** Frees the network's tensors. */
  dispose(): void {
    this.net?.dispose();
    this.net = null;
  }
}

/** Creates a Wide & Deep ranker; unspecified fields take defaultWideDeepConfig; `features` narrows the deep part's side-feature columns. */
export function createWideDeepRanker(config: WideDeepOverrides = {}, features?: { userColumns?: readonly string[] | "all"; itemColumns?: readonly string[] | "all" }): WideDeepRanker {
  const merged = features ? { ...config, deep: { ...config.deep, features: { ...config.deep?.features, ...features } } } : config;
  return new WideDeepRanker(resolveWideDeepConfig(merged, "WideDeepConfig"));
}
