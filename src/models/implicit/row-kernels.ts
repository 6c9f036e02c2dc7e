/**
 * Inner loops over factor rows stored row-major in flat typed arrays (row r of a table with `dim` columns is
 * `table[r*dim .. r*dim + dim)`): dot products, the paired SGD update of a user row and an item row, and gradient
 * accumulation. Unrolled by four (V8 does not vectorise; independent accumulators keep the FPU busy), with a
 * scalar tail for any `dim`. No allocation; callers guarantee the offsets are in range.
 */

/** Dot product of rows a[ao .. ao+dim) and b[bo .. bo+dim). */
export function dotRows(a: Float32Array, ao: number, b: Float32Array, bo: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end4 = dim & ~3;
  let f = 0;
  for (; f < end4; f += 4) {
    s0 += a[ao + f] * b[bo + f];
    s1 += a[ao + f + 1] * b[bo + f + 1];
    s2 += a[ao + f + 2] * b[bo + f + 2];
    s3 += a[ao + f + 3] * b[bo + f + 3];
  }
  for (; f < dim; f++) s0 += a[ao + f] * b[bo + f];
  return s0 + s1 + s2 + s3;
}

/**
 * The simultaneous SGD update of a user row p = a[ao..) and an item row q = b[bo..) for a loss whose derivative
 * with respect to the pair's dot product is -g: p ← p + lr (g q - reg p), q ← q + lr (g p - reg q), both from the
 * old values. `step` = lr * g and `keep` = 1 - lr * reg.
 */
export function sgdPairUpdate(a: Float32Array, ao: number, b: Float32Array, bo: number, dim: number, step: number, keep: number): void {
  const end4 = dim & ~3;
  let f = 0;
  for (; f < end4; f += 4) {
    const p0 = a[ao + f];
    const p1 = a[ao + f + 1];
    const p2 = a[ao + f + 2];
    const p3 = a[ao + f + 3];
    const q0 = b[bo + f];
    const q1 = b[bo + f + 1];
    const q2 = b[bo + f + 2];
    const q3 = b[bo + f + 3];
    a[ao + f] = keep * p0 + step * q0;
    a[ao + f + 1] = keep * p1 + step * q1;
    a[ao + f + 2] = keep * p2 + step * q2;
    a[ao + f + 3] = keep * p3 + step * q3;
    b[bo + f] = keep * q0 + step * p0;
    b[bo + f + 1] = keep * q1 + step * p1;
    b[bo + f + 2] = keep * q2 + step * p2;
    b[bo + f + 3] = keep * q3 + step * p3;
  }
  for (; f < dim; f++) {
    const p = a[ao + f];
    const q = b[bo + f];
    a[ao + f] = keep * p + step * q;
    b[bo + f] = keep * q + step * p;
  }
}

/** Gradient accumulation: grad[go .. go+dim) += w * src[so .. so+dim). */
export function addScaledRow(grad: Float64Array, go: number, w: number, src: Float32Array, so: number, dim: number): void {
  const end4 = dim & ~3;
  let f = 0;
  for (; f < end4; f += 4) {
    grad[go + f] += w * src[so + f];
    grad[go + f + 1] += w * src[so + f + 1];
    grad[go + f + 2] += w * src[so + f + 2];
    grad[go + f + 3] += w * src[so + f + 3];
  }
  for (; f < dim; f++) grad[go + f] += w * src[so + f];
}
