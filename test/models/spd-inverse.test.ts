import { test } from "node:test";
import assert from "node:assert/strict";
import { CHOLESKY_BLOCK, choleskyInPlace } from "../../src/models/factorization/blocked-cholesky";
import { gemmNT } from "../../src/models/factorization/dense-gemm-nt";
import { invertSpdInPlace } from "../../src/models/factorization/spd-inverse";
import { Rng } from "../../src/random/rng";

/** A random SPD matrix X Xᵀ + 0.5 I (n x n, row-major) from `seed`. */
function randomSpd(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const x = Float64Array.from({ length: n * n }, () => rng.next() - 0.5);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = i === j ? 0.5 : 0;
      for (let k = 0; k < n; k++) s += x[i * n + k] * x[j * n + k];
      a[i * n + j] = s;
    }
  }
  return a;
}

test("gemmNT matches the naive product on shapes that are not multiples of the 4 x 4 kernel or the cache blocks", () => {
  const rng = new Rng(3);
  for (const [m, n, k] of [[1, 1, 1], [5, 7, 3], [9, 70, 300], [4, 4, 257]]) {
    const lda = k + 2;
    const ldb = k + 1;
    const ldc = n + 3;
    const a = Float64Array.from({ length: m * lda }, () => rng.next() - 0.5);
    const b = Float64Array.from({ length: n * ldb }, () => rng.next() - 0.5);
    const c = Float64Array.from({ length: m * ldc }, () => rng.next());
    const expected = c.slice();
    for (let r = 0; r < m; r++) for (let s = 0; s < n; s++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[r * lda + p] * b[s * ldb + p];
      expected[r * ldc + s] += -2 * sum;
    }
    gemmNT(-2, { data: a, offset: 0, stride: lda }, { data: b, offset: 0, stride: ldb }, { data: c, offset: 0, stride: ldc }, m, n, k);
    for (let q = 0; q < c.length; q++) assert.ok(Math.abs(c[q] - expected[q]) < 1e-12, `${m}x${n}x${k} entry ${q}: ${c[q]} vs ${expected[q]}`);
  }
});

test("the blocked Cholesky factor reproduces A = L Lᵀ across block boundaries", () => {
  const n = CHOLESKY_BLOCK * 2 + 3;
  const a = randomSpd(n, 5);
  const l = a.slice();
  choleskyInPlace(l, n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    let s = 0;
    for (let k = 0; k <= j; k++) s += l[i * n + k] * l[j * n + k];
    assert.ok(Math.abs(s - a[i * n + j]) < 1e-10, `(${i}, ${j})`);
  }
});

test("a hand-computed 2 x 2 inverse: [[4, 2], [2, 3]]⁻¹ = [[3, -2], [-2, 4]] / 8", () => {
  const a = Float64Array.from([4, 2, 2, 3]);
  invertSpdInPlace(a, 2);
  assert.deepEqual(Array.from(a, (v) => Math.round(v * 8 * 1e12) / 1e12), [3, -2, -2, 4]);
});

test("A A⁻¹ = I and A⁻¹ is symmetric for sizes around the block width", () => {
  for (const n of [1, 3, 63, 64, 65, 130]) {
    const a = randomSpd(n, n);
    const p = a.slice();
    invertSpdInPlace(p, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k] * p[k * n + j];
        assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 1e-9, `n=${n} (A A⁻¹)[${i}][${j}] = ${s}`);
        assert.equal(p[i * n + j], p[j * n + i]);
      }
    }
  }
});

test("a matrix that is not positive definite is an error naming the owner and the pivot", () => {
  const a = Float64Array.from([1, 2, 2, 1]); // eigenvalues 3 and -1
  assert.throws(() => invertSpdInPlace(a, 2, "EASE.fit"), /EASE\.fit: the matrix is not positive definite \(pivot 1 is -3\)/);
  assert.throws(() => choleskyInPlace(new Float64Array(3), 2), /fewer than n² = 4/);
});
