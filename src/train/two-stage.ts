/**
 * A two-stage recommender (Covington, Adams and Sargin 2016's candidate generation and ranking; Cheng et al.
 * 2016's Wide & Deep as the ranker): a retriever fitted on the training data returns each user's top `listLength`
 * items of the whole catalogue (exact, full-catalogue-retrieval.ts); a ranker re-orders the first `rerankDepth`.
 *
 * The ranker learns from the training data only: each user's latest training interaction (a random one without
 * timestamps) is carved out, a second retriever is fitted without it, and the ranker is trained on the carved item
 * and `historyPositives` other training items of the user (label 1) against the `trainCandidates` items that
 * retriever put first for the user and the user did not choose (label 0: "shown but not chosen"). The test items
 * are never seen by either retriever or the ranker.
 */
import { ratingsByUser } from "../data/rating-matrix";
import type { Ratings } from "../data/ratings";
import { leaveLatestOneOut } from "../data/splits/leave-latest-one-out";
import { perUserHoldout } from "../data/splits/per-user-holdout";
import type { TrainTest } from "../data/splits/train-test";
import { topKListMetrics } from "../metrics/top-k-list-metrics";
import type { ImplicitFitOptions, ImplicitModel } from "../models/implicit-model";
import type { LabelledPairs } from "../models/wide-deep/wide-deep-ranker";
import type { Rng } from "../random/rng";
import { catalogueScorerOf, retrieveTopK, type TopKLists } from "./full-catalogue-retrieval";
import type { ProgressReporter } from "./progress";
import type { RankingProtocol } from "./ranking-protocol";
import type { TrainingHistory } from "./training-history";

/** A ranker trained on labelled pairs (WideDeepRanker). */
export interface ExampleRanker extends ImplicitModel {
  fitExamples(train: Ratings, examples: LabelledPairs, options: ImplicitFitOptions): Promise<TrainingHistory>;
}

/** Sizes of the two stages. */
export interface TwoStageConfig {
  /** Items retrieved per user (the candidates), >= rerankDepth; e.g. 200. */
  listLength: number;
  /** Leading items of each list the ranker re-orders (1 .. listLength); e.g. 100. */
  rerankDepth: number;
  /** Retrieved-but-not-chosen items per user that train the ranker as negatives, >= 1. */
  trainCandidates: number;
  /** Training items per user besides the carved one that train the ranker as positives, >= 0. */
  historyPositives: number;
}

/** Validates a TwoStageConfig, naming the field. */
export function checkTwoStageConfig(c: TwoStageConfig): void {
  for (const k of ["listLength", "rerankDepth", "trainCandidates", "historyPositives"] as const) {
    const min = k === "historyPositives" ? 0 : 1;
    if (!(Number.isInteger(c[k]) && c[k] >= min)) throw new RangeError(`TwoStageConfig.${k} must be an integer >= ${min}, got ${c[k]}`);
  }
  if (c.rerankDepth > c.listLength) throw new RangeError(`TwoStageConfig.rerankDepth (${c.rerankDepth}) must not exceed listLength (${c.listLength})`);
}

/** Each user's latest training interaction (random one without timestamps) carved out of `train` (users with >= 2). */
export function carveTrainingHoldout(train: Ratings, rng: Rng): TrainTest {
  return train.timestamps ? leaveLatestOneOut(train, { rng: rng }) : perUserHoldout(train, rng, { testPerUser: 1 });
}

/**
 * The ranker's examples: for carved pair k (user u, item c) with retrieved row r of `lists` (lists.users[r] = u):
 * (u, c, 1), up to `historyPositives` distinct random items of u in `fitPart` (label 1), and every item of the row
 * other than c (label 0).
 */
export function rankerExamples(fitPart: Ratings, carved: Ratings, lists: TopKLists, historyPositives: number, rng: Rng): LabelledPairs {
  const rowOf = new Map<number, number>();
  lists.users.forEach((u, r) => rowOf.set(u, r));
  const byUser = ratingsByUser(fitPart);
  const users: number[] = [], items: number[] = [], labels: number[] = [];
  const push = (u: number, i: number, l: number): void => { users.push(u); items.push(i); labels.push(l); };
  for (let k = 0; k < carved.size; k++) {
    const u = carved.users[k], c = carved.items[k];
    const r = rowOf.get(u);
    if (r === undefined) throw new RangeError(`rankerExamples: carved user ${u} has no retrieved list`);
    push(u, c, 1);
    const from = byUser.offsets[u], n = byUser.offsets[u + 1] - from;
    const take = Math.min(historyPositives, n);
    const pool = Array.from(byUser.indices.subarray(from, from + n));
    for (let j = 0; j < take; j++) {
      const s = j + rng.int(n - j);
      [pool[j], pool[s]] = [pool[s], pool[j]];
      push(u, pool[j], 1);
    }
    for (let p = 0; p < lists.k; p++) {
      const i = lists.items[r * lists.k + p];
      if (i >= 0 && i !== c) push(u, i, 0);
    }
  }
  return { users: Int32Array.from(users), items: Int32Array.from(items), labels: Float32Array.from(labels) };
}

/** Lists whose first `depth` items of every row are re-ordered by `ranker`'s scores (descending; ties keep retrieval order). */
export function rerankLists(lists: TopKLists, ranker: Pick<ImplicitModel, "score">, depth: number): TopKLists {
  const start = performance.now();
  const k = lists.k;
  const d = Math.min(depth, k);
  const items = lists.items.slice();
  const scores = lists.scores.slice();
  const pu: number[] = [], pi: number[] = [], at: number[] = [];
  for (let r = 0; r < lists.users.length; r++) {
    for (let p = 0; p < d; p++) {
      const i = lists.items[r * k + p];
      if (i >= 0) { pu.push(lists.users[r]); pi.push(i); at.push(r * k + p); }
    }
  }
  const s = ranker.score(Int32Array.from(pu), Int32Array.from(pi));
  const byPos = new Float32Array(lists.items.length).fill(-Infinity);
  at.forEach((pos, j) => { byPos[pos] = s[j]; });
  for (let r = 0; r < lists.users.length; r++) {
    const base = r * k;
    const order = Array.from({ length: d }, (_, p) => p).filter((p) => lists.items[base + p] >= 0);
    order.sort((a, b) => byPos[base + b] - byPos[base + a] || a - b);
    order.forEach((p, q) => { items[base + q] = lists.items[base + p]; scores[base + q] = byPos[base + p]; });
  }
  return { users: lists.users, k, items, scores, seconds: lists.seconds + (performance.now() - start) / 1000 };
}

/** Options of runTwoStage. */
export interface TwoStageOptions {
  /** A new, unfitted retriever (called twice: on the carved training data and on all of it). */
  retriever: () => ImplicitModel;
  /** The rankers to train (fitted here, each on the same examples) and compare. */
  rankers: ExampleRanker[];
  config: TwoStageConfig;
  /** Cutoffs of the full-catalogue metrics (each <= listLength). */
  k: readonly number[];
  rng: Rng;
  progress?: ProgressReporter;
}

/** One ranker's re-ranking. */
export interface RerankResult {
  /** Full-catalogue metrics of the re-ranked lists. */
  metrics: Record<string, number>;
  /** The re-ranked lists (rows in protocol.users order). */
  lists: TopKLists;
  /** The ranker's training history. */
  history: TrainingHistory;
  /** Seconds of the ranker's training and of re-ranking every list. */
  trainSeconds: number;
  rerankSeconds: number;
}

/** What runTwoStage measured. */
export interface TwoStageResult {
  /** Full-catalogue metrics of the retrieved lists ("hr@10", "ndcg@10", "recall@50", ...). */
  retrieval: Record<string, number>;
  /** The lists of the retriever fitted on all training data (rows in protocol.users order). */
  lists: TopKLists;
  /** One entry per ranker, in options.rankers order. */
  reranked: RerankResult[];
  /** The retriever fitted on all training data (the caller disposes it). */
  retrieverModel: ImplicitModel;
  /** The number of ranker examples, and the share of carved items the carved retriever found in its list. */
  rankerExamples: number;
  carvedRecall: number;
  /** Seconds: retrieval of all evaluated users; fitting the carved retriever and building the examples. */
  seconds: { retrieval: number; examples: number };
}

/** The two stages on a full-catalogue protocol (module comment): train on `protocol.train` only, evaluate on its test items. */
export async function runTwoStage(protocol: RankingProtocol, options: TwoStageOptions): Promise<TwoStageResult> {
  const { config, rng } = options;
  checkTwoStageConfig(config);
  if (!protocol.excluded) throw new RangeError(`runTwoStage: ${protocol.name} is not a full-catalogue protocol (it has no excluded items)`);
  const train = protocol.train;
  const t0 = performance.now();
  const carved = carveTrainingHoldout(train, rng.fork());
  const first = options.retriever();
  await first.fit(carved.train, { rng: rng.fork(), progress: options.progress });
  const carvedUsers = Int32Array.from(new Set(carved.test.users));
  const trainLists = retrieveTopK(catalogueScorerOf(first, train.numItems), carvedUsers, { k: config.trainCandidates, exclude: ratingsByUser(carved.train) });
  first.dispose();
  let found = 0;
  const rowOf = new Map<number, number>();
  carvedUsers.forEach((u, r) => rowOf.set(u, r));
  for (let k = 0; k < carved.test.size; k++) {
    const r = rowOf.get(carved.test.users[k])!;
    if (trainLists.items.subarray(r * trainLists.k, (r + 1) * trainLists.k).includes(carved.test.items[k])) found++;
  }
  const examples = rankerExamples(carved.train, carved.test, trainLists, config.historyPositives, rng.fork());
  const t1 = performance.now();
  const retrieverModel = options.retriever();
  await retrieverModel.fit(train, { rng: rng.fork(), progress: options.progress });
  const lists = retrieveTopK(catalogueScorerOf(retrieverModel, train.numItems), protocol.users, { k: config.listLength, exclude: protocol.excluded });
  const metric = (l: TopKLists) => topKListMetrics({ items: l.items, listLength: l.k }, protocol.relevantOffsets, protocol.relevantItems, options.k);
  const reranked: RerankResult[] = [];
  for (const ranker of options.rankers) {
    const r0 = performance.now();
    const history = await ranker.fitExamples(train, examples, { rng: rng.fork(), progress: options.progress });
    const r1 = performance.now();
    const out = rerankLists(lists, ranker, config.rerankDepth);
    reranked.push({ metrics: metric(out), lists: out, history, trainSeconds: (r1 - r0) / 1000, rerankSeconds: (performance.now() - r1) / 1000 });
  }
  return {
    retrieval: metric(lists),
    lists,
    reranked,
    retrieverModel,
    rankerExamples: examples.labels.length,
    carvedRecall: carved.test.size > 0 ? found / carved.test.size : 0,
    seconds: { retrieval: lists.seconds, examples: (t1 - t0) / 1000 },
  };
}
