/**
 * A two-stage recommender (Covington, Adams and Sargin 2016's candidate generation and ranking; Cheng et al.
 * 2016's Wide & Deep as the ranker): a retriever fitted on the training data returns each user's top `listLength`
 * items of the whole catalogue (exact, full-catalogue-retrieval.ts); a ranker re-orders the first `rerankDepth`.
 *
 * The ranker learns from the training data only, in the situation it serves: `carvedPerUser` training interactions
 * per user (the latest when there is one and timestamps, random ones otherwise) are carved out, a second retriever
 * is fitted without them and retrieves each user's top `rerankDepth`; the ranker learns the carved items found
 * there (label 1; plus `historyPositives` other training items, 0 by default, which serving never shows) against
 * `trainCandidates` random other items of that list (label 0: "shown but not chosen"). It sees the retriever's
 * evidence (retrieval-evidence.ts: rank bucket and per-user z-scored score) from the carved retriever at training
 * and from the full one at serving. A share `validationShare` of the users is kept out of the ranker's examples:
 * on them re-ranking is compared with retrieval alone against their carved items (never the test items). The test
 * items are never seen by either retriever or the ranker.
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
import type { PairEvidence } from "../models/wide-deep/pair-evidence";
import { retrievalEvidence } from "./retrieval-evidence";
import { catalogueScorerOf, retrieveTopK, type TopKLists } from "./full-catalogue-retrieval";
import type { ProgressReporter } from "./progress";
import type { RankingProtocol } from "./ranking-protocol";
import type { TrainingHistory } from "./training-history";

/** A ranker trained on labelled pairs (WideDeepRanker); `setEvidence`, when present, receives the retrieval evidence. */
export interface ExampleRanker extends ImplicitModel {
  setEvidence?(evidence: PairEvidence | null): void;
  fitExamples(train: Ratings, examples: LabelledPairs, options: ImplicitFitOptions): Promise<TrainingHistory>;
}

/** Sizes of the two stages. */
export interface TwoStageConfig {
  /** Items retrieved per user (the candidates), >= rerankDepth; e.g. 200. */
  listLength: number;
  /** Leading items of each list the ranker re-orders (1 .. listLength); e.g. 100. */
  rerankDepth: number;
  /** Retrieved-but-not-chosen items per user (drawn from the carved retriever's top rerankDepth) that train the ranker as negatives, >= 1. */
  trainCandidates: number;
  /** Training items per user besides the carved ones that train the ranker as positives, >= 0 (serving never shows them; default 0). */
  historyPositives: number;
  /** Training interactions carved per user for the ranker, >= 1 (default 1). */
  carvedPerUser?: number;
  /** Share of users whose carved items validate re-ranking instead of training the ranker, in [0, 1) (default 0). */
  validationShare?: number;
  /** Whether the ranker gets the retrieval evidence (default true). */
  useEvidence?: boolean;
}

/** Validates a TwoStageConfig, naming the field. */
export function checkTwoStageConfig(c: TwoStageConfig): void {
  for (const k of ["listLength", "rerankDepth", "trainCandidates", "historyPositives"] as const) {
    const min = k === "historyPositives" ? 0 : 1;
    if (!(Number.isInteger(c[k]) && c[k] >= min)) throw new RangeError(`TwoStageConfig.${k} must be an integer >= ${min}, got ${c[k]}`);
  }
  if (c.carvedPerUser !== undefined && !(Number.isInteger(c.carvedPerUser) && c.carvedPerUser >= 1)) throw new RangeError(`TwoStageConfig.carvedPerUser must be an integer >= 1, got ${c.carvedPerUser}`);
  if (c.validationShare !== undefined && !(c.validationShare >= 0 && c.validationShare < 1)) throw new RangeError(`TwoStageConfig.validationShare must be in [0, 1), got ${c.validationShare}`);
  if (c.rerankDepth > c.listLength) throw new RangeError(`TwoStageConfig.rerankDepth (${c.rerankDepth}) must not exceed listLength (${c.listLength})`);
}

/** `perUser` training interactions per user carved out of `train`: the latest when perUser is 1 and there are timestamps, random ones otherwise. */
export function carveTrainingHoldout(train: Ratings, rng: Rng, perUser = 1): TrainTest {
  return train.timestamps && perUser === 1 ? leaveLatestOneOut(train, { rng: rng }) : perUserHoldout(train, rng, { testPerUser: perUser });
}

/**
 * The ranker's examples. For each user of `carved` with retrieved row r of `lists` (lists.users[r] = u), when
 * `users` is given only those in it: each carved item found among the row's first `depth` items (label 1), and
 * when there is one, up to `historyPositives` distinct random items of u in `fitPart` (label 1) and up to
 * `negatives` distinct random items of the row's first `depth` that are not carved (label 0). Users whose carved
 * items were not retrieved give no examples (the ranker only ever re-orders retrieved items).
 */
export function rankerExamples(
  fitPart: Ratings, carved: Ratings, lists: TopKLists, config: { depth: number; negatives: number; historyPositives: number }, rng: Rng, users?: ReadonlySet<number>,
): LabelledPairs {
  const rowOf = new Map<number, number>();
  lists.users.forEach((u, r) => rowOf.set(u, r));
  const carvedOf = new Map<number, number[]>();
  for (let k = 0; k < carved.size; k++) {
    const u = carved.users[k];
    if (users && !users.has(u)) continue;
    if (!carvedOf.has(u)) carvedOf.set(u, []);
    carvedOf.get(u)!.push(carved.items[k]);
  }
  const byUser = ratingsByUser(fitPart);
  const out = { users: [] as number[], items: [] as number[], labels: [] as number[] };
  const push = (u: number, i: number, l: number): void => { out.users.push(u); out.items.push(i); out.labels.push(l); };
  const draw = (pool: number[], take: number): number[] => {
    for (let j = 0; j < take; j++) { const s = j + rng.int(pool.length - j); [pool[j], pool[s]] = [pool[s], pool[j]]; }
    return pool.slice(0, take);
  };
  const d = Math.min(config.depth, lists.k);
  for (const [u, chosen] of carvedOf) {
    const r = rowOf.get(u);
    if (r === undefined) throw new RangeError(`rankerExamples: carved user ${u} has no retrieved list`);
    const row = Array.from(lists.items.subarray(r * lists.k, r * lists.k + d)).filter((i) => i >= 0);
    const found = chosen.filter((c) => row.includes(c));
    if (found.length === 0) continue;
    for (const c of found) push(u, c, 1);
    const from = byUser.offsets[u], n = byUser.offsets[u + 1] - from;
    for (const i of draw(Array.from(byUser.indices.subarray(from, from + n)), Math.min(config.historyPositives, n))) push(u, i, 1);
    const others = row.filter((i) => !chosen.includes(i));
    for (const i of draw(others, Math.min(config.negatives, others.length))) push(u, i, 0);
  }
  return { users: Int32Array.from(out.users), items: Int32Array.from(out.items), labels: Float32Array.from(out.labels) };
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
  /** The number of ranker examples, and the share of carved items the carved retriever found in its top rerankDepth. */
  rankerExamples: number;
  carvedRecall: number;
  /**
   * The validation users' carved items against the carved retriever's top rerankDepth (metrics at the cutoffs
   * <= rerankDepth): retrieval alone and each ranker's re-ranking (options.rankers order); null when validationShare is 0.
   */
  validation: { users: number; retrieval: Record<string, number>; reranked: Record<string, number>[] } | null;
  /** Seconds: retrieval of all evaluated users; fitting the carved retriever and building the examples. */
  seconds: { retrieval: number; examples: number };
}

/** The two stages on a full-catalogue protocol (module comment): train on `protocol.train` only, evaluate on its test items. */
export async function runTwoStage(protocol: RankingProtocol, options: TwoStageOptions): Promise<TwoStageResult> {
  const { config, rng } = options;
  checkTwoStageConfig(config);
  if (!protocol.excluded) throw new RangeError(`runTwoStage: ${protocol.name} is not a full-catalogue protocol (it has no excluded items)`);
  const train = protocol.train;
  const depth = config.rerankDepth;
  const useEvidence = config.useEvidence ?? true;
  const t0 = performance.now();
  const carved = carveTrainingHoldout(train, rng.fork(), config.carvedPerUser ?? 1);
  const first = options.retriever();
  await first.fit(carved.train, { rng: rng.fork(), progress: options.progress });
  const carvedUsers = Int32Array.from(new Set(carved.test.users));
  const trainLists = retrieveTopK(catalogueScorerOf(first, train.numItems), carvedUsers, { k: depth, exclude: ratingsByUser(carved.train) });
  first.dispose();
  const carvedOf = new Map<number, number[]>();
  for (let k = 0; k < carved.test.size; k++) {
    const u = carved.test.users[k];
    if (!carvedOf.has(u)) carvedOf.set(u, []);
    carvedOf.get(u)!.push(carved.test.items[k]);
  }
  let found = 0;
  carvedUsers.forEach((u, r) => {
    const row = trainLists.items.subarray(r * depth, (r + 1) * depth);
    for (const c of carvedOf.get(u)!) if (row.includes(c)) found++;
  });
  // Validation users: a random share of the carved users, kept out of the ranker's examples.
  const share = config.validationShare ?? 0;
  const order = Array.from(carvedUsers);
  const vrng = rng.fork();
  for (let j = order.length - 1; j > 0; j--) { const s = vrng.int(j + 1); [order[j], order[s]] = [order[s], order[j]]; }
  const validationUsers = new Set(order.slice(0, Math.round(share * order.length)));
  const fitUsers = new Set(order.filter((u) => !validationUsers.has(u)));
  const examples = rankerExamples(carved.train, carved.test, trainLists, { depth: depth, negatives: config.trainCandidates, historyPositives: config.historyPositives }, rng.fork(), fitUsers);
  const trainEvidence = useEvidence ? retrievalEvidence(trainLists, depth) : null;
  const validation = validationUsers.size > 0 ? validationSetup(trainLists, carvedOf, validationUsers, options.k.filter((k) => k <= depth)) : null;
  const t1 = performance.now();
  const retrieverModel = options.retriever();
  await retrieverModel.fit(train, { rng: rng.fork(), progress: options.progress });
  const lists = retrieveTopK(catalogueScorerOf(retrieverModel, train.numItems), protocol.users, { k: config.listLength, exclude: protocol.excluded });
  const serveEvidence = useEvidence ? retrievalEvidence(lists, depth) : null;
  const metric = (l: TopKLists) => topKListMetrics({ items: l.items, listLength: l.k }, protocol.relevantOffsets, protocol.relevantItems, options.k);
  const reranked: RerankResult[] = [];
  const validated: Record<string, number>[] = [];
  for (const ranker of options.rankers) {
    const r0 = performance.now();
    ranker.setEvidence?.(trainEvidence);
    const history = await ranker.fitExamples(train, examples, { rng: rng.fork(), progress: options.progress });
    if (validation) validated.push(validation.metrics(rerankLists(validation.lists, ranker, depth)));
    ranker.setEvidence?.(serveEvidence);
    const r1 = performance.now();
    const out = rerankLists(lists, ranker, depth);
    reranked.push({ metrics: metric(out), lists: out, history, trainSeconds: (r1 - r0) / 1000, rerankSeconds: (performance.now() - r1) / 1000 });
  }
  return {
    retrieval: metric(lists),
    lists,
    reranked,
    retrieverModel,
    rankerExamples: examples.labels.length,
    carvedRecall: carved.test.size > 0 ? found / carved.test.size : 0,
    validation: validation ? { users: validationUsers.size, retrieval: validation.metrics(validation.lists), reranked: validated } : null,
    seconds: { retrieval: lists.seconds, examples: (t1 - t0) / 1000 },
  };
}

/** The validation users' rows of `lists` and the metrics of a list set against their carved items at cutoffs `k`. */
function validationSetup(lists: TopKLists, carvedOf: Map<number, number[]>, users: Set<number>, k: readonly number[]) {
  const rows: number[] = [];
  lists.users.forEach((u, r) => { if (users.has(u)) rows.push(r); });
  const sub: TopKLists = {
    users: Int32Array.from(rows, (r) => lists.users[r]), k: lists.k, seconds: 0,
    items: Int32Array.from(rows.flatMap((r) => Array.from(lists.items.subarray(r * lists.k, (r + 1) * lists.k)))),
    scores: Float32Array.from(rows.flatMap((r) => Array.from(lists.scores.subarray(r * lists.k, (r + 1) * lists.k)))),
  };
  const offsets = [0];
  const relevant: number[] = [];
  for (const u of sub.users) { relevant.push(...carvedOf.get(u)!); offsets.push(relevant.length); }
  const ro = Int32Array.from(offsets), ri = Int32Array.from(relevant);
  return { lists: sub, metrics: (l: TopKLists) => topKListMetrics({ items: l.items, listLength: l.k }, ro, ri, k) };
}
