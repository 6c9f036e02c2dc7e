/**
 * Neighbourhood collaborative filtering with Surprise's exact rules (Hug, "Surprise: a Python library for
 * recommender systems", JOSS 2020; `surprise/prediction_algorithms/knns.py`): for a target (u, i), user-based,
 * the neighbours are the users who rated i, the k most similar to u with positive similarity, and
 *   KNNBasic     r̂ = Σ sim·r_vi / Σ sim
 *   KNNWithMeans r̂ = μ_u + Σ sim·(r_vi - μ_v) / Σ sim
 *   KNNBaseline  r̂ = b_ui + Σ sim·(r_vi - b_vi) / Σ sim   (Koren, TKDD 2010, eq. 3)
 * and symmetrically item-based (neighbours: items u rated, most similar to i).
 */
import { assertPairsInRange } from "../../data/index-identity";
import { ratingsByItem, ratingsByUser, type SparseRows } from "../../data/rating-matrix";
import { meanRating, type Ratings, type RatingScale } from "../../data/ratings";
import { singleStepHistory, type TrainingHistory } from "../../train/training-history";
import type { BiasBaselineConfig, BiasBaselineModel } from "../bias-baseline";
import { clipToScale, type FitOptions, type RatingModel } from "../rating-model";
import { baselineResiduals, fitUnclippedBaseline } from "./baseline-residuals";
import { defaultKnnConfig, needsBaseline, validateKnnConfig, type KnnConfig, type KnnKind } from "./knn-config";
import { checkSimilarityMemory } from "./knn-memory";
import { computeSimilarityMatrix, type SimilarityMatrix } from "./similarity-matrix";
import { TopKNeighbours } from "./top-k-neighbours";

/** Surprise's class name of each aggregation rule. */
const CLASS_NAMES: Record<KnnKind, string> = { basic: "KNNBasic", means: "KNNWithMeans", baseline: "KNNBaseline" };

/** What `fit` learns. */
interface FittedKnn {
  mean: number;
  scale: RatingScale;
  /** Ratings per user / item in training (0: unseen). */
  userCounts: Int32Array;
  itemCounts: Int32Array;
  /** Rows: the other side (items for user-based); columns: neighbours; values: what is averaged. */
  neighbours: SparseRows;
  similarity: SimilarityMatrix;
  /** μ_x per neighbour entity (KNNWithMeans). */
  rowMeans: Float64Array | null;
  /** Unclipped ALS baseline (KNNBaseline). */
  baseline: BiasBaselineModel | null;
}

/**
 * KNNBasic, KNNWithMeans or KNNBaseline (config.kind), user- or item-based, with a dense similarity matrix.
 * Fallbacks, as in Surprise: an unseen user or item gives the global mean (basic, means) or the baseline with the
 * unseen side's bias 0 (baseline); fewer than max(minK, 1) positive-similarity neighbours give the global mean
 * (basic), μ_u or μ_i of the target (means), or b_ui (baseline). Predictions are clipped to the scale.
 * Neighbours are taken in ascending index order, so among equal similarities at the k-th place the lower index
 * wins. A pair that is itself a training rating counts the target among its own neighbours (similarity 1), as
 * in Surprise, so the training RMSE in the history is optimistic. Memory: 4 n² bytes for n users (items), refused
 * above config.maxSimilarityBytes before anything is built (knn-memory.ts).
 */
export class KnnModel implements RatingModel {
  readonly name: string;
  private fitted: FittedKnn | null = null;

  constructor(readonly config: KnnConfig) {
    validateKnnConfig(config);
    this.name = `${CLASS_NAMES[config.kind]} (${config.basis}-based, ${config.similarity})`;
  }

  /** indexId of the ratings of the last fit (see index-identity.ts); predicting ratings of another index is refused. */
  fittedIndexId: string | undefined = undefined;

  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    const start = performance.now();
    if (train.size === 0) throw new RangeError("KnnModel.fit: the training set is empty");
    this.dispose();
    const c = this.config;
    checkSimilarityMemory(c.basis, train.numUsers, train.numItems, c.maxSimilarityBytes);
    const userBased = c.basis === "user";
    const byUser = ratingsByUser(train);
    const byItem = ratingsByItem(train);
    const rows = userBased ? byUser : byItem;
    const baseline = needsBaseline(c) ? await fitUnclippedBaseline(train, c.baseline, options.rng) : null;
    const residuals = baseline ? baselineResiduals(train, baseline) : null;

    let similarity: SimilarityMatrix;
    if (c.similarity === "pearson-baseline") {
      const res = { ...train, values: residuals! };
      const resRows = userBased ? ratingsByUser(res) : ratingsByItem(res);
      similarity = computeSimilarityMatrix(resRows, userBased ? ratingsByItem(res) : ratingsByUser(res), c.similarity, c);
    } else {
      similarity = computeSimilarityMatrix(rows, userBased ? byItem : byUser, c.similarity, c);
    }

    const rowMeans = c.kind === "means" ? meansOfRows(rows) : null;
    let aggregated = train.values;
    if (c.kind === "baseline") aggregated = residuals!;
    if (rowMeans) {
      const basisOf = userBased ? train.users : train.items;
      aggregated = new Float32Array(train.size);
      for (let k = 0; k < train.size; k++) aggregated[k] = train.values[k] - rowMeans[basisOf[k]];
    }
    const forNeighbours = { ...train, values: aggregated };
    this.fitted = {
      mean: meanRating(train),
      scale: train.scale,
      userCounts: rowLengths(byUser),
      itemCounts: rowLengths(byItem),
      neighbours: userBased ? ratingsByItem(forNeighbours) : ratingsByUser(forNeighbours),
      similarity,
      rowMeans,
      baseline: c.kind === "baseline" ? baseline : null,
    };
    if (baseline && c.kind !== "baseline") baseline.dispose();
    return singleStepHistory(this, train, options, start);
  }

  predict(users: Int32Array, items: Int32Array): Float32Array {
    const f = this.fitted;
    if (!f) throw new Error(`${this.name}: predict called before fit`);
    if (users.length !== items.length) throw new RangeError("predict: users and items differ in length");
    assertPairsInRange(`${this.name}.predict`, users, items, f.userCounts.length, f.itemCounts.length);
    const { kind, basis, minK } = this.config;
    const userBased = basis === "user";
    const base = f.baseline ? f.baseline.predict(users, items) : null;
    const top = new TopKNeighbours(this.config.k);
    const { offsets, indices, values } = f.neighbours;
    const sim = f.similarity.values;
    const n = f.similarity.size;
    const out = new Float32Array(users.length);
    for (let q = 0; q < users.length; q++) {
      const u = users[q];
      const i = items[q];
      const known = f.userCounts[u] > 0 && f.itemCounts[i] > 0;
      if (!known) {
        out[q] = base ? base[q] : f.mean;
        continue;
      }
      const x = userBased ? u : i;
      const y = userBased ? i : u;
      const fallback = kind === "basic" ? f.mean : kind === "means" ? f.rowMeans![x] : base![q];
      top.clear();
      const row = x * n;
      for (let p = offsets[y]; p < offsets[y + 1]; p++) {
        const s = sim[row + indices[p]];
        if (s > 0) top.offer(s, values[p]);
      }
      if (top.size === 0 || top.size < minK) {
        out[q] = fallback;
        continue;
      }
      const weighted = top.sumWeighted() / top.sumSims();
      out[q] = kind === "basic" ? weighted : fallback + weighted;
    }
    return clipToScale(out, f.scale.min, f.scale.max);
  }

  dispose(): void {
    this.fitted?.baseline?.dispose();
    this.fitted = null;
  }
}

function rowLengths(m: SparseRows): Int32Array {
  const out = new Int32Array(m.rows);
  for (let r = 0; r < m.rows; r++) out[r] = m.offsets[r + 1] - m.offsets[r];
  return out;
}

function meansOfRows(m: SparseRows): Float64Array {
  const out = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let s = 0;
    for (let p = m.offsets[r]; p < m.offsets[r + 1]; p++) s += m.values[p];
    out[r] = m.offsets[r + 1] > m.offsets[r] ? s / (m.offsets[r + 1] - m.offsets[r]) : 0;
  }
  return out;
}

/** Partial k-NN configuration; `baseline` may itself be partial. */
export type KnnConfigInput = Partial<Omit<KnnConfig, "baseline">> & { baseline?: Partial<BiasBaselineConfig> };

/** Creates a k-NN model; unspecified fields take `defaultKnnConfig` (Surprise's KNNBasic defaults). */
export function createKnn(config: KnnConfigInput = {}): KnnModel {
  return new KnnModel({ ...defaultKnnConfig, ...config, baseline: { ...defaultKnnConfig.baseline, ...config.baseline } });
}

/** Surprise's KNNBasic: weighted mean of the neighbours' ratings (defaults: user-based, MSD, k 40). */
export function createKnnBasic(config: Omit<KnnConfigInput, "kind"> = {}): KnnModel {
  return createKnn({ ...config, kind: "basic" });
}

/** Surprise's KNNWithMeans ("Centered k-NN"): mean-centred neighbours' ratings. */
export function createKnnWithMeans(config: Omit<KnnConfigInput, "kind"> = {}): KnnModel {
  return createKnn({ ...config, kind: "means" });
}

/** Surprise's KNNBaseline ("k-NN Baseline"): baseline-centred neighbours' ratings (try pearson-baseline, item-based). */
export function createKnnBaseline(config: Omit<KnnConfigInput, "kind"> = {}): KnnModel {
  return createKnn({ ...config, kind: "baseline" });
}
