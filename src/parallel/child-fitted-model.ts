/**
 * What is left in this process of a model fitted in a child process (evaluate-aside.ts): its name, configuration
 * and index, enough for result tables; its parameters stayed in the child, so it cannot predict.
 */
import type { FitOptions, RatingModel } from "../models/rating-model";
import type { TrainingHistory } from "../train/training-history";

/** A fitted model's name, config and index, without its parameters (see the module comment). */
export class ChildFittedModel implements RatingModel {
  constructor(
    readonly name: string,
    /** The configuration the child's model reported (`model.config`), for result rows. */
    readonly config: unknown,
    readonly fittedIndexId: string | undefined,
  ) {}

  /** Always throws: the model was fitted in another process. */
  fit(_train: unknown, _options: FitOptions): Promise<TrainingHistory> {
    return Promise.reject(new Error(`${this.name}: fitted in a child process (evaluateRatingModelsAside); build it again to fit it here`));
  }

  /** Always throws: the parameters stayed in the child process. */
  predict(): Float32Array {
    throw new Error(`${this.name} was fitted in a child process (evaluateRatingModelsAside): only its scores came back; fit it here with evaluateRatingModels to predict`);
  }

  /** Nothing to release. */
  dispose(): void {}
}
