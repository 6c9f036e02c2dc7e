;; SIMD kernels for the forward and backward pass of a dense ReLU tower (the MLP rating model's, see
;; src/backend/fused-tower.ts). The module imports a memory of its own, not TF.js's heap (the tower copies its
;; inputs in and its gradients out); every pointer is a byte offset into it. The memory is shared, so that a worker
;; thread can run the same module on the same tower (threads: 2 in fused-tower.ts, each thread on its own rows or
;; columns). All sizes are padded by the caller,
;; row counts to multiples of 4 and column counts to multiples of 8, with zeros in the padding: no tail loops.
;; Built into tower-kernels-binary.ts by `npm run build:wasm` (scripts/build-wasm-kernels.ts).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; C[M, N] (+)= A[M, K] B[K, N]: A's element (i, p) at a + 4 (i ars + p acs), B and C row-major with leading
  ;; dimensions ldb and ldc (in floats). M must be a multiple of 4 and N of 8 (callers pad); acc = 0 overwrites C.
  ;; A 4 x 8 block of C stays in eight registers while p runs over K: per p, two loads of B, four broadcasts of A.
  (func (export "gemm") (param $a i32) (param $ars i32) (param $acs i32) (param $b i32) (param $ldb i32)
      (param $c i32) (param $ldc i32) (param $M i32) (param $N i32) (param $K i32) (param $acc i32)
    (local $i i32) (local $j i32) (local $p i32) (local $pb i32) (local $pc i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local.set $ars (i32.shl (local.get $ars) (i32.const 2)))
    (local.set $acs (i32.shl (local.get $acs) (i32.const 2)))
    (local.set $ldb (i32.shl (local.get $ldb) (i32.const 2)))
    (local.set $ldc (i32.shl (local.get $ldc) (i32.const 2)))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $M)))
      (local.set $j (i32.const 0))
      (block $colsDone (loop $cols
        (br_if $colsDone (i32.ge_u (local.get $j) (local.get $N)))
        (local.set $pc (i32.add (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldc))) (i32.shl (local.get $j) (i32.const 2))))
        (if (local.get $acc)
          (then
            (local.set $c00 (v128.load offset=0 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 0)))))
            (local.set $c01 (v128.load offset=16 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 0)))))
            (local.set $c10 (v128.load offset=0 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 1)))))
            (local.set $c11 (v128.load offset=16 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 1)))))
            (local.set $c20 (v128.load offset=0 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 2)))))
            (local.set $c21 (v128.load offset=16 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 2)))))
            (local.set $c30 (v128.load offset=0 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 3)))))
            (local.set $c31 (v128.load offset=16 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 3)))))
          )
          (else
            (local.set $c00 (v128.const i32x4 0 0 0 0))
            (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0))
            (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0))
            (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0))
            (local.set $c31 (v128.const i32x4 0 0 0 0))
          ))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ars))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $ars)))
        (local.set $a2 (i32.add (local.get $a1) (local.get $ars)))
        (local.set $a3 (i32.add (local.get $a2) (local.get $ars)))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $p (local.get $K))
        (block $innerDone (loop $inner
          (br_if $innerDone (i32.eqz (local.get $p)))
          (local.set $b0 (v128.load (local.get $pb)))
          (local.set $b1 (v128.load offset=16 (local.get $pb)))
          (local.set $x (v128.load32_splat (local.get $a0)))
          (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load32_splat (local.get $a1)))
          (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load32_splat (local.get $a2)))
          (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $x (v128.load32_splat (local.get $a3)))
          (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $b0))))
          (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $b1))))
          (local.set $a0 (i32.add (local.get $a0) (local.get $acs)))
          (local.set $a1 (i32.add (local.get $a1) (local.get $acs)))
          (local.set $a2 (i32.add (local.get $a2) (local.get $acs)))
          (local.set $a3 (i32.add (local.get $a3) (local.get $acs)))
          (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))
          (local.set $p (i32.sub (local.get $p) (i32.const 1)))
          (br $inner)))
        (v128.store offset=0 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 0))) (local.get $c00))
        (v128.store offset=16 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 0))) (local.get $c01))
        (v128.store offset=0 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 1))) (local.get $c10))
        (v128.store offset=16 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 1))) (local.get $c11))
        (v128.store offset=0 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 2))) (local.get $c20))
        (v128.store offset=16 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 2))) (local.get $c21))
        (v128.store offset=0 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 3))) (local.get $c30))
        (v128.store offset=16 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 3))) (local.get $c31))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $cols)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $rows)))
  )

  ;; out[t] = a[t] + reg b[t] for t < m (float32 arrays), computed in float64 as JavaScript computes
  ;; `a[t] + reg * b[t]` and rounded to float32 once when stored (so the same bits as that loop), two at a time.
  (func $axpy64 (param $out i32) (param $a i32) (param $b i32) (param $m i32) (param $reg f64)
    (local $r v128) (local $t i32)
    (local.set $r (f64x2.splat (local.get $reg)))
    (block $pairsDone (loop $pairs
      (br_if $pairsDone (i32.lt_u (local.get $m) (i32.const 2)))
      (v128.store64_lane 0 (local.get $out)
        (f32x4.demote_f64x2_zero (f64x2.add
          (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $a)))
          (f64x2.mul (local.get $r) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $b)))))))
      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (local.set $a (i32.add (local.get $a) (i32.const 8)))
      (local.set $b (i32.add (local.get $b) (i32.const 8)))
      (local.set $m (i32.sub (local.get $m) (i32.const 2)))
      (br $pairs)))
    (if (local.get $m)
      (then (f32.store (local.get $out) (f32.demote_f64 (f64.add
        (f64.promote_f32 (f32.load (local.get $a)))
        (f64.mul (local.get $reg) (f64.promote_f32 (f32.load (local.get $b)))))))))
  )

  ;; The ID embeddings' gradients from the input gradient: for rows k < n of dX and X (rows `stride` floats apart),
  ;; outA[k, j] = dX[k, j] + reg X[k, j] and outB[k, j] = dX[k, dim + j] + reg X[k, dim + j] for j < dim (row-major
  ;; [n, dim] each; X holds the batch's rows p_u and q_i, so these are dP and dQ with their L2 terms).
  (func (export "id_grads") (param $dx i32) (param $x i32) (param $stride i32) (param $n i32) (param $dim i32) (param $reg f64) (param $outA i32) (param $outB i32)
    (local $k i32) (local $rowBytes i32) (local $half i32)
    (local.set $stride (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (call $axpy64 (local.get $outA) (local.get $dx) (local.get $x) (local.get $dim) (local.get $reg))
      (call $axpy64 (local.get $outB) (i32.add (local.get $dx) (local.get $rowBytes)) (i32.add (local.get $x) (local.get $rowBytes)) (local.get $dim) (local.get $reg))
      (local.set $outA (i32.add (local.get $outA) (local.get $rowBytes)))
      (local.set $outB (i32.add (local.get $outB) (local.get $rowBytes)))
      (local.set $dx (i32.add (local.get $dx) (local.get $stride)))
      (local.set $x (i32.add (local.get $x) (local.get $stride)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rows)))
  )

  ;; z[i, j] = act(z[i, j] + bias[j]) for i < M, j < N (N a multiple of 4, row stride N): act is ReLU when relu != 0.
  (func (export "bias_act") (param $z i32) (param $bias i32) (param $M i32) (param $N i32) (param $relu i32)
    (local $i i32) (local $j i32) (local $row i32) (local $rowBytes i32) (local $v v128)
    (local.set $rowBytes (i32.shl (local.get $N) (i32.const 2)))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $M)))
      (local.set $row (i32.add (local.get $z) (i32.mul (local.get $i) (local.get $rowBytes))))
      (local.set $j (i32.const 0))
      (block $colsDone (loop $cols
        (br_if $colsDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
        (local.set $v (f32x4.add (v128.load (i32.add (local.get $row) (local.get $j))) (v128.load (i32.add (local.get $bias) (local.get $j)))))
        (if (local.get $relu) (then (local.set $v (f32x4.max (local.get $v) (v128.const i32x4 0 0 0 0)))))
        (v128.store (i32.add (local.get $row) (local.get $j)) (local.get $v))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $cols)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))
  )

  ;; dz[k] = h[k] > 0 ? dz[k] : 0 for k < count (a multiple of 4): the gradient through a ReLU whose output is h.
  (func (export "relu_mask") (param $dz i32) (param $h i32) (param $count i32)
    (local $k i32) (local $end i32)
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
      (v128.store (i32.add (local.get $dz) (local.get $k))
        (v128.and (v128.load (i32.add (local.get $dz) (local.get $k)))
          (f32x4.gt (v128.load (i32.add (local.get $h) (local.get $k))) (v128.const i32x4 0 0 0 0))))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (br $each)))
  )

  ;; out[j] = sum over i < M of dz[i, j], for j < N (a multiple of 4), row stride ld floats: a bias gradient (or
;; the columns [j0, j0 + N) of one, with dz and out advanced by j0 floats).
  (func (export "col_sum") (param $dz i32) (param $M i32) (param $N i32) (param $ld i32) (param $out i32)
    (local $i i32) (local $j i32) (local $p i32) (local $rowBytes i32) (local $colBytes i32) (local $s v128)
    (local.set $rowBytes (i32.shl (local.get $ld) (i32.const 2)))
    (local.set $colBytes (i32.shl (local.get $N) (i32.const 2)))
    (block $colsDone (loop $cols
      (br_if $colsDone (i32.ge_u (local.get $j) (local.get $colBytes)))
      (local.set $s (v128.const i32x4 0 0 0 0))
      (local.set $p (i32.add (local.get $dz) (local.get $j)))
      (local.set $i (i32.const 0))
      (block $rowsDone (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $M)))
        (local.set $s (f32x4.add (local.get $s) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
      (v128.store (i32.add (local.get $out) (local.get $j)) (local.get $s))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $cols)))
  )
)
