/**
 * The child process of `evaluateRatingModelsAside` (evaluate-aside.ts): receives one job over the IPC channel
 * (structured clone), builds each recipe's model, fits and scores it exactly as `evaluateRatingModels` does with the
 * generator the parent forked for it, sends back names, configs, metrics and histories, and exits. It exits too
 * when the parent goes away (the channel closes).
 *
 * Usage (internal): node --import tsx src/parallel/evaluation-child.ts, forked with serialization "advanced".
 */
import { initBackend } from "../backend/select-backend";
import { Rng } from "../random/rng";
import { silentProgress } from "../train/progress";
import { evaluateRatingModelsWith } from "../train/evaluate-rating-models";
import type { AsideJob, AsideReply } from "./evaluate-aside";
import { buildRatingModel } from "./model-recipes";

async function run(job: AsideJob): Promise<AsideReply> {
  try {
    await initBackend(); // the same choice as the parent's: RECSYS_BACKEND is inherited, the default order is the same
    const models = job.recipes.map(buildRatingModel);
    const evaluations = await evaluateRatingModelsWith(models, job.seeds.map((s) => new Rng(s)), {
      train: job.train, validation: job.validation, test: job.test, progress: silentProgress,
    });
    const results = evaluations.map((e) => ({
      name: e.model.name,
      config: (e.model as { config?: unknown }).config,
      fittedIndexId: e.model.fittedIndexId,
      metrics: e.metrics,
      history: e.history,
      trainSeconds: e.trainSeconds,
    }));
    evaluations.forEach((e) => e.model.dispose());
    return { ok: true, results };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

process.on("disconnect", () => process.exit(0));
process.once("message", (job: AsideJob) => {
  void run(job).then((reply) => process.send!(reply, () => process.exit(0)));
});
