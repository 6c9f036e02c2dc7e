/**
 * The one dense product the blocked Cholesky factorisation and inverse (spd-inverse.ts) are built from:
 * C += alpha * A Bᵀ over row-major Float64Array blocks addressed by offset and row stride (leading dimension), so
 * sub-blocks of one n x n matrix can be operands and result at once. Cache-blocked (the inner dimension in chunks
 * of KC, the columns of C in chunks of NC, so a chunk of B stays in L2) with a 4 x 4 register-blocked inner kernel
 * (16 accumulators; every loaded value feeds four multiply-adds). No allocation.
 */

/** Inner-dimension chunk: a 4-row stripe of A (4 x KC doubles) stays in L1. */
const KC = 256;
/** Column chunk of C: NC rows of B x KC (128 KiB) stay in L2. */
const NC = 64;

/** A row-major block of a Float64Array: element (r, c) is `data[offset + r * stride + c]`. */
export interface DenseBlock {
  data: Float64Array;
  offset: number;
  /** Distance between consecutive rows (the leading dimension), >= the block's width. */
  stride: number;
}

/** The signature of gemmNT, so that a WebAssembly kernel (wasm-dense-arena.ts) can stand in for it. */
export type GemmNT = (alpha: number, a: DenseBlock, b: DenseBlock, c: DenseBlock, m: number, n: number, k: number) => void;

/**
 * C[r][s] += alpha * sum_{p < k} A[r][p] * B[s][p] for r < m, s < n (C is m x n, A is m x k, B is n x k).
 * C must not overlap the parts of A and B that are read. Callers guarantee every index is in range.
 */
export function gemmNT(alpha: number, a: DenseBlock, b: DenseBlock, c: DenseBlock, m: number, n: number, k: number): void {
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = Math.min(KC, k - p0);
    for (let s0 = 0; s0 < n; s0 += NC) {
      const nc = Math.min(NC, n - s0);
      kernelBlock(alpha, a.data, a.offset + p0, a.stride, b.data, b.offset + s0 * b.stride + p0, b.stride, c.data, c.offset + s0, c.stride, m, nc, kc);
    }
  }
}

/** One cache block: C (m x n at co, stride ldc) += alpha * A (m x k) Bᵀ (B is n x k). */
function kernelBlock(
  alpha: number, a: Float64Array, ao: number, lda: number, b: Float64Array, bo: number, ldb: number,
  c: Float64Array, co: number, ldc: number, m: number, n: number, k: number,
): void {
  const m4 = m & ~3;
  const n4 = n & ~3;
  for (let r = 0; r < m4; r += 4) {
    const a0 = ao + r * lda;
    const a1 = a0 + lda;
    const a2 = a1 + lda;
    const a3 = a2 + lda;
    for (let s = 0; s < n4; s += 4) {
      const b0 = bo + s * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = a[a0 + p];
        const x1 = a[a1 + p];
        const x2 = a[a2 + p];
        const x3 = a[a3 + p];
        const y0 = b[b0 + p];
        const y1 = b[b1 + p];
        const y2 = b[b2 + p];
        const y3 = b[b3 + p];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      const q0 = co + r * ldc + s;
      const q1 = q0 + ldc;
      const q2 = q1 + ldc;
      const q3 = q2 + ldc;
      c[q0] += alpha * c00; c[q0 + 1] += alpha * c01; c[q0 + 2] += alpha * c02; c[q0 + 3] += alpha * c03;
      c[q1] += alpha * c10; c[q1 + 1] += alpha * c11; c[q1 + 2] += alpha * c12; c[q1 + 3] += alpha * c13;
      c[q2] += alpha * c20; c[q2 + 1] += alpha * c21; c[q2 + 2] += alpha * c22; c[q2 + 3] += alpha * c23;
      c[q3] += alpha * c30; c[q3 + 1] += alpha * c31; c[q3 + 2] += alpha * c32; c[q3 + 3] += alpha * c33;
    }
    for (let s = n4; s < n; s++) {
      for (let rr = r; rr < r + 4; rr++) c[co + rr * ldc + s] += alpha * dot(a, ao + rr * lda, b, bo + s * ldb, k);
    }
  }
  for (let r = m4; r < m; r++) {
    for (let s = 0; s < n; s++) c[co + r * ldc + s] += alpha * dot(a, ao + r * lda, b, bo + s * ldb, k);
  }
}

/** Dot product of a[ao .. ao+k) and b[bo .. bo+k). */
export function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, k: number): number {
  let s0 = 0;
  let s1 = 0;
  const k2 = k & ~1;
  let p = 0;
  for (; p < k2; p += 2) {
    s0 += a[ao + p] * b[bo + p];
    s1 += a[ao + p + 1] * b[bo + p + 1];
  }
  if (p < k) s0 += a[ao + p] * b[bo + p];
  return s0 + s1;
}
