/**
 * Fits implicit-feedback models on a ranking protocol's training interactions and scores their rankings of the
 * held-out items: the comparison every implicit-feedback notebook makes.
 */
import { assertFittedOn, assertSameIndex } from "../data/index-identity";
import type { ImplicitModel } from "../models/implicit-model";
import type { Rng } from "../random/rng";
import type { ProgressReporter } from "./progress";
import { validationProtocol } from "./ncf-protocol";
import { evaluateRanking, expectedSampledMetrics, rankingValidator, type RankTestItemsOptions } from "./ranking-evaluation";
import type { RankingProtocol } from "./ranking-protocol";
import type { TrainingHistory } from "./training-history";

/** One model's outcome: ranking metrics on the test protocol, history and fit time. */
export interface ImplicitEvaluation {
  model: ImplicitModel;
  /** e.g. { "hr@10": 0.71, "ndcg@10": 0.43 }. */
  metrics: Record<string, number>;
  history: TrainingHistory;
  trainSeconds: number;
}

/** Settings of `evaluateImplicitModels`. */
export interface ImplicitEvaluationOptions {
  /** Seeded generator: validation carve-out, each model's own fork, tie-breaks. */
  rng: Rng;
  /** Cutoff of HR@K and NDCG@K; default 10. */
  k?: number;
  /** Carve a validation protocol (latest interaction + 99 negatives per user) from the training data for early stopping. */
  earlyStopping?: boolean;
  progress?: ProgressReporter;
  /** How the test ranking treats repeated negatives (see RankTestItemsOptions); default "drop". */
  repeatedNegatives?: RankTestItemsOptions["repeatedNegatives"];
  /**
   * How ties are broken in the test ranking: "random" (default; one seeded draw) or "expected" (the exact mean over
   * random tie orders, expectedSampledMetrics; sampled protocols with one relevant item per user only).
   */
  ties?: "random" | "expected";
}

/**
 * Fits each model in turn (on the protocol's training data, or on what is left after the validation carve-out)
 * and evaluates HR@K and NDCG@K on the protocol's held-out items.
 */
export async function evaluateImplicitModels(models: ImplicitModel[], protocol: RankingProtocol, options: ImplicitEvaluationOptions): Promise<ImplicitEvaluation[]> {
  assertSameIndex("evaluateImplicitModels", { "protocol.train": protocol.train, "protocol.test": protocol.test });
  const k = options.k ?? 10;
  const validation = options.earlyStopping ? validationProtocol(protocol.train, options.rng.fork()) : undefined;
  const train = validation ? validation.train : protocol.train;
  const out: ImplicitEvaluation[] = [];
  for (const model of models) {
    const rng = options.rng.fork();
    const validator = validation ? rankingValidator(model, validation, { k, rng: rng.fork() }) : undefined;
    const history = await model.fit(train, { rng, validator, progress: options.progress });
    assertFittedOn(model, protocol.test, "the protocol's test interactions");
    const tieRng = options.rng.fork();
    const metrics = options.ties === "expected"
      ? expectedSampledMetrics(model, protocol, { k, repeatedNegatives: options.repeatedNegatives })
      : evaluateRanking(model, protocol, { k, rng: tieRng, repeatedNegatives: options.repeatedNegatives });
    out.push({ model, metrics: { [`hr@${k}`]: metrics[`hr@${k}`], [`ndcg@${k}`]: metrics[`ndcg@${k}`] }, history, trainSeconds: history.trainSeconds });
  }
  return out;
}
