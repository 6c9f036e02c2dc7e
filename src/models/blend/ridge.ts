/**
 * Closed-form ridge regression with an unpenalised intercept over typed arrays: the linear blend of the Netflix
 * prize (Töscher, Jahrer and Bell, "The BigChaos solution to the Netflix Grand Prize", 2009; Koren, "The BellKor
 * solution to the Netflix Grand Prize", 2009), which regresses probe ratings on the members' probe predictions.
 * Small m (members) and large n (probe ratings): the m x m normal equations are built in one pass and solved by
 * Cholesky.
 */
import type { Rng } from "../../random/rng";
import { choleskySolveInPlace } from "../factorization/cholesky";

/** A fitted ridge regression ŷ = intercept + Σ_j weights[j] · x_j. */
export interface RidgeFit {
  /** Intercept (rating units). */
  intercept: number;
  /** One weight per column (member), length m. */
  weights: Float64Array;
  /** The penalty the fit used (per rating, see `fitRidge`). */
  lambda: number;
}

/**
 * Minimises (1/n) Σ_r (y_r − b − Σ_j w_j x_rj)² + λ ‖w‖² over b and w, in closed form: with the columns and y
 * centred on their means, (XᶜᵀXᶜ / n + λ I) w = Xᶜᵀyᶜ / n and b = ȳ − x̄ · w. `columns` holds m arrays of
 * length n (member j's prediction per probe rating); `y` the n probe ratings. λ >= 0 is per rating, so it means
 * the same for a probe of any size. Throws a RangeError naming the parameter on mismatched lengths, an empty probe,
 * a negative λ, or when the system is singular (λ = 0 with collinear columns: use λ > 0).
 */
export function fitRidge(columns: ArrayLike<number>[], y: ArrayLike<number>, lambda: number, rows?: ArrayLike<number>): RidgeFit {
  const m = columns.length;
  const n = rows ? rows.length : y.length;
  if (m === 0) throw new RangeError("fitRidge: columns is empty (a blend needs at least one member)");
  if (n === 0) throw new RangeError("fitRidge: no rows to fit (the probe set is empty)");
  if (!(lambda >= 0 && Number.isFinite(lambda))) throw new RangeError(`fitRidge: lambda must be a finite number >= 0, got ${lambda}`);
  columns.forEach((c, j) => {
    if (c.length !== y.length) throw new RangeError(`fitRidge: columns[${j}] has ${c.length} entries but y has ${y.length}`);
  });
  const row = (k: number): number => (rows ? rows[k] : k);
  const meanX = new Float64Array(m);
  let meanY = 0;
  for (let k = 0; k < n; k++) {
    const r = row(k);
    meanY += y[r];
    for (let j = 0; j < m; j++) meanX[j] += columns[j][r];
  }
  meanY /= n;
  for (let j = 0; j < m; j++) meanX[j] /= n;
  const a = new Float64Array(m * m);
  const b = new Float64Array(m);
  const x = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    const r = row(k);
    for (let j = 0; j < m; j++) x[j] = columns[j][r] - meanX[j];
    const yc = y[r] - meanY;
    for (let i = 0; i < m; i++) {
      b[i] += x[i] * yc;
      for (let j = 0; j <= i; j++) a[i * m + j] += x[i] * x[j];
    }
  }
  for (let i = 0; i < m; i++) {
    b[i] /= n;
    for (let j = 0; j <= i; j++) a[i * m + j] /= n;
    a[i * m + i] += lambda;
  }
  if (!choleskySolveInPlace(a, b, m)) {
    throw new RangeError(`fitRidge: the normal equations are singular at lambda ${lambda} (collinear or constant members); use lambda > 0`);
  }
  let intercept = meanY;
  for (let j = 0; j < m; j++) intercept -= meanX[j] * b[j];
  return { intercept, weights: b, lambda };
}

/** ŷ_r = intercept + Σ_j w_j · columns[j][r] for every r, shape [n]. */
export function applyRidge(fit: RidgeFit, columns: ArrayLike<number>[], n: number): Float64Array {
  if (columns.length !== fit.weights.length) throw new RangeError(`applyRidge: ${columns.length} columns for ${fit.weights.length} weights`);
  const out = new Float64Array(n).fill(fit.intercept);
  for (let j = 0; j < columns.length; j++) {
    const c = columns[j];
    const w = fit.weights[j];
    for (let r = 0; r < n; r++) out[r] += w * c[r];
  }
  return out;
}

/** One λ candidate's cross-validated mean squared error on the probe (rating units squared). */
export interface LambdaScore {
  lambda: number;
  mse: number;
}

/**
 * Picks λ among `lambdas` by `folds`-fold cross-validation inside the probe (seeded folds from `rng`), then fits on
 * the whole probe with it. Returns the fit and every candidate's score (Infinity for a λ whose system is singular,
 * e.g. 0 with collinear members). A single candidate is fitted directly.
 */
export function fitRidgeSelectLambda(
  columns: ArrayLike<number>[],
  y: ArrayLike<number>,
  lambdas: readonly number[],
  rng: Rng,
  folds = 5,
): { fit: RidgeFit; scores: LambdaScore[] } {
  if (lambdas.length === 0) throw new RangeError("fitRidgeSelectLambda: lambdas is empty");
  if (lambdas.length === 1) return { fit: fitRidge(columns, y, lambdas[0]), scores: [] };
  if (!(Number.isInteger(folds) && folds >= 2)) throw new RangeError(`fitRidgeSelectLambda: folds must be an integer >= 2, got ${folds}`);
  const n = y.length;
  if (n < folds) throw new RangeError(`fitRidgeSelectLambda: ${n} probe ratings cannot make ${folds} folds`);
  const perm = rng.permutation(n);
  const scores: LambdaScore[] = lambdas.map((lambda) => ({ lambda, mse: 0 }));
  for (let f = 0; f < folds; f++) {
    const inFold = (k: number) => k % folds === f;
    const trainRows: number[] = [];
    const testRows: number[] = [];
    for (let k = 0; k < n; k++) (inFold(k) ? testRows : trainRows).push(perm[k]);
    for (const s of scores) {
      if (s.mse === Infinity) continue;
      let fit: RidgeFit;
      try {
        fit = fitRidge(columns, y, s.lambda, trainRows);
      } catch (e) {
        if (!(e instanceof RangeError && /singular/.test(e.message))) throw e;
        s.mse = Infinity; // λ = 0 on collinear members: the candidate is out
        continue;
      }
      for (const r of testRows) {
        let p = fit.intercept;
        for (let j = 0; j < columns.length; j++) p += fit.weights[j] * columns[j][r];
        s.mse += (y[r] - p) ** 2 / n;
      }
    }
  }
  let best = scores[0];
  for (const s of scores) if (s.mse < best.mse) best = s;
  return { fit: fitRidge(columns, y, best.lambda), scores };
}
