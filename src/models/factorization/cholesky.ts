/**
 * Cholesky factorisation and solve for small symmetric positive-definite systems over Float64Array, in place and
 * without allocation: the (k+1) x (k+1) normal equations of ALS (Golub and Van Loan, "Matrix Computations",
 * algorithm 4.2.1, the row-oriented Cholesky-Banachiewicz form).
 */

/**
 * Solves A x = b for symmetric positive-definite A (n x n, row-major, only the lower triangle is read).
 * `a` is overwritten by the Cholesky factor L (lower triangle, A = L Lᵀ) and `b` by the solution x.
 * Returns false, leaving `a` and `b` partly overwritten, when A is not numerically positive definite
 * (a pivot <= 0, or NaN).
 */
export function choleskySolveInPlace(a: Float64Array, b: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      if (i === j) {
        if (!(s > 0)) return false;
        a[ri + i] = Math.sqrt(s);
      } else {
        a[ri + j] = s / a[rj + j];
      }
    }
  }
  // Forward substitution L y = b.
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= a[ri + k] * b[k];
    b[i] = s / a[ri + i];
  }
  // Back substitution Lᵀ x = y.
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= a[k * n + i] * b[k];
    b[i] = s / a[i * n + i];
  }
  return true;
}
