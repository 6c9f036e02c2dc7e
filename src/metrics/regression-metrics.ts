/**
 * Rating-prediction error metrics: pure functions over typed arrays (no TensorFlow import).
 * Both arrays have shape [n]: `predicted[k]` is the prediction for the rating `actual[k]`.
 */

function checkPair(fn: string, predicted: ArrayLike<number>, actual: ArrayLike<number>): void {
  if (predicted.length !== actual.length) {
    throw new RangeError(`${fn}: predicted has ${predicted.length} values but actual has ${actual.length}`);
  }
  if (actual.length === 0) throw new RangeError(`${fn}: no ratings to score`);
}

/** Root mean squared error, sqrt(mean((p - r)^2)), in rating units. Throws on empty or mismatched input. */
export function rmse(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkPair("rmse", predicted, actual);
  let s = 0;
  for (let k = 0; k < actual.length; k++) {
    const d = predicted[k] - actual[k];
    s += d * d;
  }
  return Math.sqrt(s / actual.length);
}

/** Mean absolute error, mean(|p - r|), in rating units. Throws on empty or mismatched input. */
export function mae(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkPair("mae", predicted, actual);
  let s = 0;
  for (let k = 0; k < actual.length; k++) s += Math.abs(predicted[k] - actual[k]);
  return s / actual.length;
}
