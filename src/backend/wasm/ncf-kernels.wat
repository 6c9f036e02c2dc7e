;; The per-row loops of NCF's fused step (src/models/ncf/ncf-fused-gradients.ts) on TF.js's wasm backend: GMF's
;; terms and gradients, and the copies of the MLP tower's input rows and of their gradients. The
;; module imports the backend's own memory: every pointer is a byte offset of a tensor (or scratch tensor) in that
;; heap. GMF's arithmetic is the JavaScript loops' exactly: float32 values promoted to float64, products and sums in
;; float64 in the same order (two lanes of f64x2 at a time, summed lane by lane), each float32 result rounded once
;; from float64. Built into ncf-kernels-binary.ts by `npm run build:wasm` (scripts/build-wasm-kernels.ts).
(module
  (import "env" "memory" (memory 1))

  ;; out[k] (float64) = Σ_j (h[j] P[users[k], j]) Q[items[k], j] for k < n, j = 0 .. dim - 1 in order, from 0.
  (func (export "gmf_terms") (param $P i32) (param $Q i32) (param $h i32) (param $users i32) (param $items i32) (param $n i32) (param $dim i32) (param $out i32)
    (local $k i32) (local $p i32) (local $q i32) (local $j i32) (local $rowBytes i32) (local $end2 i32) (local $z f64) (local $v v128)
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $end2 (i32.shl (i32.and (local.get $dim) (i32.const -2)) (i32.const 2)))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (local.set $p (i32.add (local.get $P) (i32.mul (i32.load (i32.add (local.get $users) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rowBytes))))
      (local.set $q (i32.add (local.get $Q) (i32.mul (i32.load (i32.add (local.get $items) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rowBytes))))
      (local.set $z (f64.const 0))
      (local.set $j (i32.const 0))
      (block $pairsDone (loop $pairs
        (br_if $pairsDone (i32.ge_u (local.get $j) (local.get $end2)))
        (local.set $v (f64x2.mul
          (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $h) (local.get $j))))
                     (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (local.get $j)))))
          (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $q) (local.get $j))))))
        (local.set $z (f64.add (f64.add (local.get $z) (f64x2.extract_lane 0 (local.get $v))) (f64x2.extract_lane 1 (local.get $v))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $pairs)))
      (if (i32.lt_u (local.get $j) (local.get $rowBytes))
        (then (local.set $z (f64.add (local.get $z)
          (f64.mul (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $h) (local.get $j))))
                            (f64.promote_f32 (f32.load (i32.add (local.get $p) (local.get $j)))))
                   (f64.promote_f32 (f32.load (i32.add (local.get $q) (local.get $j)))))))))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))) (local.get $z))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rows)))
  )

  ;; GMF's gradients from the output gradient g (float32, [n]): for k < n and j < dim, with p = P[users[k]] and
  ;; q = Q[items[k]], dP[k, j] = (g[k] h[j]) q[j], dQ[k, j] = (g[k] h[j]) p[j] ([n, dim] each), and the fusion
  ;; weights' gradient kgrad[j] = Σ_k (g[k] p[j]) q[j], accumulated row by row in float32 ([dim], zeroed first).
  (func (export "gmf_grads") (param $P i32) (param $Q i32) (param $h i32) (param $users i32) (param $items i32) (param $g i32) (param $n i32) (param $dim i32)
    (param $dP i32) (param $dQ i32) (param $kgrad i32)
    (local $k i32) (local $p i32) (local $q i32) (local $dp i32) (local $dq i32) (local $j i32) (local $rowBytes i32) (local $end2 i32)
    (local $gk f64) (local $vg v128) (local $vh v128) (local $vp v128) (local $vq v128) (local $gh v128) (local $kg f64)
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $end2 (i32.shl (i32.and (local.get $dim) (i32.const -2)) (i32.const 2)))
    (memory.fill (local.get $kgrad) (i32.const 0) (local.get $rowBytes))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (local.set $p (i32.add (local.get $P) (i32.mul (i32.load (i32.add (local.get $users) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rowBytes))))
      (local.set $q (i32.add (local.get $Q) (i32.mul (i32.load (i32.add (local.get $items) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rowBytes))))
      (local.set $dp (i32.add (local.get $dP) (i32.mul (local.get $k) (local.get $rowBytes))))
      (local.set $dq (i32.add (local.get $dQ) (i32.mul (local.get $k) (local.get $rowBytes))))
      (local.set $gk (f64.promote_f32 (f32.load (i32.add (local.get $g) (i32.shl (local.get $k) (i32.const 2))))))
      (local.set $vg (f64x2.splat (local.get $gk)))
      (local.set $j (i32.const 0))
      (block $pairsDone (loop $pairs
        (br_if $pairsDone (i32.ge_u (local.get $j) (local.get $end2)))
        (local.set $vh (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $h) (local.get $j)))))
        (local.set $vp (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (local.get $j)))))
        (local.set $vq (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $q) (local.get $j)))))
        (local.set $gh (f64x2.mul (local.get $vg) (local.get $vh)))
        (v128.store64_lane 0 (i32.add (local.get $dp) (local.get $j)) (f32x4.demote_f64x2_zero (f64x2.mul (local.get $gh) (local.get $vq))))
        (v128.store64_lane 0 (i32.add (local.get $dq) (local.get $j)) (f32x4.demote_f64x2_zero (f64x2.mul (local.get $gh) (local.get $vp))))
        (v128.store64_lane 0 (i32.add (local.get $kgrad) (local.get $j)) (f32x4.demote_f64x2_zero
          (f64x2.add (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $kgrad) (local.get $j))))
                     (f64x2.mul (f64x2.mul (local.get $vg) (local.get $vp)) (local.get $vq)))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $pairs)))
      (if (i32.lt_u (local.get $j) (local.get $rowBytes))
        (then
          (local.set $vh (f64x2.splat (f64.promote_f32 (f32.load (i32.add (local.get $h) (local.get $j))))))
          (local.set $vp (f64x2.splat (f64.promote_f32 (f32.load (i32.add (local.get $p) (local.get $j))))))
          (local.set $vq (f64x2.splat (f64.promote_f32 (f32.load (i32.add (local.get $q) (local.get $j))))))
          (local.set $gh (f64x2.mul (local.get $vg) (local.get $vh)))
          (f32.store (i32.add (local.get $dp) (local.get $j)) (f32.demote_f64 (f64x2.extract_lane 0 (f64x2.mul (local.get $gh) (local.get $vq)))))
          (f32.store (i32.add (local.get $dq) (local.get $j)) (f32.demote_f64 (f64x2.extract_lane 0 (f64x2.mul (local.get $gh) (local.get $vp)))))
          (local.set $kg (f64.add (f64.promote_f32 (f32.load (i32.add (local.get $kgrad) (local.get $j))))
            (f64x2.extract_lane 0 (f64x2.mul (f64x2.mul (local.get $vg) (local.get $vp)) (local.get $vq)))))
          (f32.store (i32.add (local.get $kgrad) (local.get $j)) (f32.demote_f64 (local.get $kg)))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rows)))
  )

  ;; Copies `bytes` bytes (a multiple of 4) from src to dst, 16 at a time, then 4 at a time.
  (func $copy (param $dst i32) (param $src i32) (param $bytes i32)
    (local $j i32) (local $end16 i32)
    (local.set $end16 (i32.and (local.get $bytes) (i32.const -16)))
    (block $simdDone (loop $simd
      (br_if $simdDone (i32.ge_u (local.get $j) (local.get $end16)))
      (v128.store (i32.add (local.get $dst) (local.get $j)) (v128.load (i32.add (local.get $src) (local.get $j))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $simd)))
    (block $tailDone (loop $tail
      (br_if $tailDone (i32.ge_u (local.get $j) (local.get $bytes)))
      (f32.store (i32.add (local.get $dst) (local.get $j)) (f32.load (i32.add (local.get $src) (local.get $j))))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $tail)))
  )

  ;; The MLP input rows of a batch: row k of out (stride floats, stride >= 2 dim) = [U[users[k]], I[items[k]], 0 ...].
  (func (export "gather_pairs") (param $U i32) (param $I i32) (param $users i32) (param $items i32) (param $n i32) (param $dim i32) (param $out i32) (param $stride i32)
    (local $k i32) (local $o i32) (local $rowBytes i32) (local $strideBytes i32)
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $strideBytes (i32.shl (local.get $stride) (i32.const 2)))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (local.set $o (i32.add (local.get $out) (i32.mul (local.get $k) (local.get $strideBytes))))
      (call $copy (local.get $o)
        (i32.add (local.get $U) (i32.mul (i32.load (i32.add (local.get $users) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rowBytes)))
        (local.get $rowBytes))
      (call $copy (i32.add (local.get $o) (local.get $rowBytes))
        (i32.add (local.get $I) (i32.mul (i32.load (i32.add (local.get $items) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rowBytes)))
        (local.get $rowBytes))
      (memory.fill (i32.add (local.get $o) (i32.shl (local.get $rowBytes) (i32.const 1))) (i32.const 0)
        (i32.sub (local.get $strideBytes) (i32.shl (local.get $rowBytes) (i32.const 1))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rows)))
  )

  ;; The inverse split of the input gradient: dU[k] = src row k's first dim floats, dI[k] the next dim ([n, dim] each).
  (func (export "split_pairs") (param $src i32) (param $n i32) (param $dim i32) (param $stride i32) (param $dU i32) (param $dI i32)
    (local $k i32) (local $o i32) (local $rowBytes i32) (local $strideBytes i32)
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $strideBytes (i32.shl (local.get $stride) (i32.const 2)))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (local.set $o (i32.add (local.get $src) (i32.mul (local.get $k) (local.get $strideBytes))))
      (call $copy (i32.add (local.get $dU) (i32.mul (local.get $k) (local.get $rowBytes))) (local.get $o) (local.get $rowBytes))
      (call $copy (i32.add (local.get $dI) (i32.mul (local.get $k) (local.get $rowBytes))) (i32.add (local.get $o) (local.get $rowBytes)) (local.get $rowBytes))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rows)))
  )
)
