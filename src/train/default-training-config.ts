/**
 * Default training-loop settings, overridden per model and from notebook parameters.
 */
import type { TrainingConfig } from "./optimizer";

/** Adam on the mean batch loss, 40 epochs (the talk's setting), early stopping after 5 flat epochs. */
export const defaultTrainingConfig: TrainingConfig = {
  epochs: 40,
  batchSize: 1024,
  optimizer: "adam",
  learningRate: 0.001,
  lossReduction: "mean",
  patience: 5,
  minDelta: 0.0001,
};
