/**
 * An n x n float64 matrix and a scratch buffer on one WebAssembly memory, with the SIMD product kernel of
 * dense-kernels.wat as a GemmNT: what invertSpdInPlace needs to run its products in WebAssembly (about twice the
 * speed of the JavaScript gemmNT here). Blocks outside the arena's memory fall back to the JavaScript kernel.
 */
import { denseKernels } from "../../backend/wasm/dense-kernels";
import { gemmNT, type DenseBlock, type GemmNT } from "./dense-gemm-nt";

/** Inner-dimension and column chunks of the cache blocking (as in dense-gemm-nt.ts; NC even). */
const KC = 256;
const NC = 64;

/** The matrix, the scratch buffer and the product kernel over them. */
export interface DenseArena {
  /** n x n, row-major, zero-initialised. */
  readonly matrix: Float64Array;
  /** `scratchDoubles` doubles after the matrix, zero-initialised. */
  readonly scratch: Float64Array;
  /** C += alpha A Bᵀ through the wasm kernel when all three blocks live in this arena. */
  readonly gemm: GemmNT;
}

/** Allocates an arena for an n x n matrix plus `scratchDoubles` doubles; a RangeError naming `owner` above 4 GiB. */
export function wasmDenseArena(n: number, scratchDoubles: number, owner: string): DenseArena {
  const { memory, kernels } = denseKernels((n * n + scratchDoubles) * 8, owner);
  const buffer = memory.buffer;
  const matrix = new Float64Array(buffer, 0, n * n);
  const scratch = new Float64Array(buffer, n * n * 8, scratchDoubles);
  const bytes = (x: DenseBlock, element: number): number => x.data.byteOffset + element * 8;
  const gemm: GemmNT = (alpha, a, b, c, m, nn, k) => {
    if (a.data.buffer !== buffer || b.data.buffer !== buffer || c.data.buffer !== buffer) return gemmNT(alpha, a, b, c, m, nn, k);
    const m4 = m & ~3;
    const n2 = nn & ~1;
    if (m4 > 0 && n2 > 0) {
      for (let p0 = 0; p0 < k; p0 += KC) {
        const kc = Math.min(KC, k - p0);
        for (let s0 = 0; s0 < n2; s0 += NC) {
          kernels.gemm_nt_4x2(
            alpha, bytes(a, a.offset + p0), a.stride, bytes(b, b.offset + s0 * b.stride + p0), b.stride,
            bytes(c, c.offset + s0), c.stride, m4, Math.min(NC, n2 - s0), kc,
          );
        }
      }
    }
    if (m4 < m) gemmNT(alpha, { ...a, offset: a.offset + m4 * a.stride }, b, { ...c, offset: c.offset + m4 * c.stride }, m - m4, nn, k);
    if (n2 < nn && m4 > 0) gemmNT(alpha, a, { ...b, offset: b.offset + n2 * b.stride }, { ...c, offset: c.offset + n2 }, m4, nn - n2, k);
  };
  return { matrix, scratch, gemm };
}
