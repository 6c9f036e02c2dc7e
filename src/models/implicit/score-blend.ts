/**
 * A linear blend of ranking models, the implicit-feedback counterpart of the Netflix prize's blends (Töscher,
 * Jahrer and Bell 2009; Koren 2009): score(u, i) = Σ_m w_m z_m(u, i), where z_m(u, i) is member m's score of item i
 * standardised over user u's whole catalogue row, (s_m(u, i) - mean_u) / sd_u (score-normalisation.ts).
 *
 * Why the catalogue and not the candidates being ranked: a z-score over the items of one `score` call would make a
 * pair's score depend on which other pairs happen to share the call (and on batch boundaries); over the catalogue
 * it is a function of (user, item) alone, the same under a sampled and a full-catalogue protocol. So every member
 * must be a CatalogueScorer (EASE, iALS and the other factorization models are), and so is the blend.
 *
 * Weights: fixed (`config.weights`), or chosen in `fit` on a validation holdout carved from the training data
 * (by default validationProtocol: one interaction per user + 99 negatives; another holdout, such as each user's
 * latest timestamped interaction, can be passed to the constructor): the members are fitted on the rest, every
 * point of a simplex grid is scored (blend-weight-search.ts), and the members with a non-zero winning weight are
 * refitted on all of `train`. `fit` receives only the training data, so the search cannot see a test split.
 */
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import type { RankingProtocol } from "../../train/ranking-protocol";
import { candidateZScores, searchBlendWeights, type BlendGridPoint } from "../../train/blend-weight-search";
import { validationProtocol } from "../../train/ncf-protocol";
import type { TrainingHistory } from "../../train/training-history";
import type { CatalogueScorer, ImplicitFitOptions, ImplicitModel } from "../implicit-model";
import { singleStepRankingHistory } from "../popularity-model";
import { normalisedCatalogueRows } from "./score-normalisation";

/** Builds the validation holdout of the weight search from the training data (default: validationProtocol). */
export type BlendHoldout = (train: Ratings, rng: Rng) => RankingProtocol;

/** A blend member: an implicit model that can score its whole catalogue. */
export type BlendMember = ImplicitModel & CatalogueScorer;

/** Blend settings. */
export interface ScoreBlendConfig {
  /** Label in tables; default "Blend". */
  name: string;
  /** Fixed weights (>= 0, not all 0, one per member), or null (default) to choose them on validation in `fit`. */
  weights: number[] | null;
  /** Grid step of the weight search over the simplex (1/step an integer); default 0.05. */
  step: number;
  /** Cutoff K of the validation HR@K / NDCG@K; default 10. */
  k: number;
  /** Validation metric that picks the weights; default "ndcg". */
  select: "ndcg" | "hr";
}

/** Defaults: weights searched on validation NDCG@10 over a grid of step 0.05. */
export const defaultScoreBlendConfig: ScoreBlendConfig = { name: "Blend", weights: null, step: 0.05, k: 10, select: "ndcg" };

/** What the last weight search saw: the validation protocol's name and every grid point's scores. */
export interface BlendSearchRecord {
  validation: string;
  grid: BlendGridPoint[];
  best: BlendGridPoint;
}

/** The blend (module comment). */
export class ScoreBlendModel implements ImplicitModel, CatalogueScorer {
  readonly name: string;
  fittedIndexId: string | undefined = undefined;
  /** Weights of the last fit (or the fixed ones); empty before fit. */
  weights: number[] = [];
  /** The last weight search (null with fixed weights or before fit). */
  search: BlendSearchRecord | null = null;
  private fitted = false;

  /** `holdout` builds the weight search's validation split from the training data (default validationProtocol). */
  constructor(readonly members: readonly BlendMember[], readonly config: ScoreBlendConfig, private readonly holdout: BlendHoldout = (t, r) => validationProtocol(t, r)) {
    if (members.length === 0) throw new RangeError("ScoreBlendModel: no members");
    if (config.weights !== null) checkWeights(config.weights, members.length);
    this.name = config.name;
  }

  /** Chooses the weights on validation data carved from `train` (unless fixed), then fits the members on `train`. */
  async fit(train: Ratings, options: ImplicitFitOptions): Promise<TrainingHistory> {
    const start = performance.now();
    this.dispose();
    this.search = null;
    let weights = this.config.weights;
    if (weights === null) {
      const validation = this.holdout(train, options.rng.fork());
      for (const m of this.members) await m.fit(validation.train, { rng: options.rng.fork(), progress: options.progress });
      const cache = candidateZScores(this.members, validation);
      const found = searchBlendWeights(cache, validation, { k: this.config.k, step: this.config.step, select: this.config.select, rng: options.rng.fork() });
      for (const m of this.members) m.dispose();
      this.search = { validation: validation.name, grid: found.grid, best: found.best };
      weights = found.best.weights;
    }
    for (let m = 0; m < this.members.length; m++) {
      if (weights[m] > 0) await this.members[m].fit(train, { rng: options.rng.fork(), progress: options.progress });
    }
    this.weights = weights.slice();
    this.fittedIndexId = train.indexId;
    this.fitted = true;
    return singleStepRankingHistory(this.name, train, options.validator, start);
  }

  /** Items per user (the members' common catalogue size); throws before fit. */
  catalogueSize(): number {
    if (!this.fitted) throw new Error(`${this.name}: catalogueSize called before fit`);
    return this.members[this.weights.findIndex((w) => w > 0)].catalogueSize();
  }

  /** Blended catalogue rows of `users` into `out` (shape [users.length, catalogueSize()]). */
  scoreCatalogue(users: Int32Array, out: Float32Array): void {
    const n = this.catalogueSize();
    if (out.length < users.length * n) throw new RangeError(`${this.name}.scoreCatalogue: out has ${out.length} entries, needs ${users.length} x ${n}`);
    out.fill(0, 0, users.length * n);
    const chunk = 64;
    const buf = new Float32Array(Math.min(chunk, users.length) * n);
    for (let m = 0; m < this.members.length; m++) {
      const w = this.weights[m];
      if (w === 0) continue;
      if (this.members[m].catalogueSize() !== n) throw new RangeError(`${this.name}: member ${this.members[m].name} scores ${this.members[m].catalogueSize()} items, expected ${n}`);
      for (let s = 0; s < users.length; s += chunk) {
        const part = users.subarray(s, Math.min(users.length, s + chunk));
        normalisedCatalogueRows(this.members[m], part, buf);
        const o = s * n;
        for (let j = 0; j < part.length * n; j++) out[o + j] += w * buf[j];
      }
    }
  }

  /** Scores of pairs (users[k], items[k]); consecutive pairs of one user share one catalogue row. */
  score(users: Int32Array, items: Int32Array): Float32Array {
    if (users.length !== items.length) throw new RangeError(`${this.name}.score: users (${users.length}) and items (${items.length}) differ in length`);
    const n = this.catalogueSize();
    const row = new Float32Array(n);
    const one = new Int32Array(1);
    const out = new Float32Array(users.length);
    for (let k = 0; k < users.length; k++) {
      if (k === 0 || users[k] !== users[k - 1]) {
        one[0] = users[k];
        this.scoreCatalogue(one, row);
      }
      const i = items[k];
      if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new RangeError(`${this.name}.score: items[${k}] = ${i} outside [0, ${n})`);
      out[k] = row[i];
    }
    return out;
  }

  /** Releases every member. */
  dispose(): void {
    for (const m of this.members) m.dispose();
    this.fitted = false;
  }
}

/** Throws unless `weights` has `count` finite entries >= 0, not all 0. */
function checkWeights(weights: readonly number[], count: number): void {
  if (weights.length !== count) throw new RangeError(`ScoreBlendConfig.weights has ${weights.length} entries for ${count} members`);
  weights.forEach((w, j) => {
    if (!(Number.isFinite(w) && w >= 0)) throw new RangeError(`ScoreBlendConfig.weights[${j}] must be a finite number >= 0, got ${w}`);
  });
  if (!weights.some((w) => w > 0)) throw new RangeError("ScoreBlendConfig.weights are all 0");
}

/** Creates a blend of `members`; unspecified settings take `defaultScoreBlendConfig`; `holdout` as in the constructor. */
export function createScoreBlend(members: readonly BlendMember[], config: Partial<ScoreBlendConfig> = {}, holdout?: BlendHoldout): ScoreBlendModel {
  return new ScoreBlendModel(members, { ...defaultScoreBlendConfig, ...config }, holdout);
}
