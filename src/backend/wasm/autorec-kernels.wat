;; SIMD kernels of AutoRec's sparse forward and backward passes (src/models/autorec/wasm-autorec-arena.ts) and of a
;; dense Adam step, on a memory of their own. Pointers are byte offsets; k (hidden units) must be a multiple of 4 and
;; every float32 vector starts on a 16-byte boundary. Rows are in CSR form: entries offsets[row] .. offsets[row + 1]
;; of indices (int32 column) and values (float32 rating). The sigmoid between the passes runs in JavaScript
;; (WebAssembly has no exp). Built into autorec-kernels-binary.ts by `npm run build:wasm`.
(module
  (import "env" "memory" (memory 1))

  ;; y[0..k) += a x[0..k) (kBytes = 4k, a multiple of 16).
  (func $axpy (param $y i32) (param $x i32) (param $a f32) (param $kBytes i32)
    (local $j i32) (local $va v128)
    (local.set $va (f32x4.splat (local.get $a)))
    (block $done (loop $simd
      (br_if $done (i32.ge_u (local.get $j) (local.get $kBytes)))
      (v128.store (i32.add (local.get $y) (local.get $j))
        (f32x4.add (v128.load (i32.add (local.get $y) (local.get $j)))
          (f32x4.mul (local.get $va) (v128.load (i32.add (local.get $x) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $simd)))
  )

  ;; Σ x[h] y[h] over h < k, four partial sums added at the end.
  (func $dot (param $x i32) (param $y i32) (param $kBytes i32) (result f32)
    (local $j i32) (local $acc v128)
    (block $done (loop $simd
      (br_if $done (i32.ge_u (local.get $j) (local.get $kBytes)))
      (local.set $acc (f32x4.add (local.get $acc)
        (f32x4.mul (v128.load (i32.add (local.get $x) (local.get $j))) (v128.load (i32.add (local.get $y) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $simd)))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
      (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc))))
  )

  ;; out = μ + Σ_q values[q] Vᵀ[indices[q]] over the row's entries: the hidden pre-activation (k floats).
  (func (export "encode_row") (param $enc i32) (param $mu i32) (param $offsets i32) (param $indices i32) (param $values i32)
    (param $row i32) (param $k i32) (param $out i32)
    (local $q i32) (local $end i32) (local $kBytes i32) (local $j i32)
    (local.set $kBytes (i32.shl (local.get $k) (i32.const 2)))
    (block $copied (loop $copy
      (br_if $copied (i32.ge_u (local.get $j) (local.get $kBytes)))
      (v128.store (i32.add (local.get $out) (local.get $j)) (v128.load (i32.add (local.get $mu) (local.get $j))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $copy)))
    (local.set $q (i32.load (i32.add (local.get $offsets) (i32.shl (local.get $row) (i32.const 2)))))
    (local.set $end (i32.load (i32.add (local.get $offsets) (i32.shl (i32.add (local.get $row) (i32.const 1)) (i32.const 2)))))
    (block $done (loop $entries
      (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
      (call $axpy (local.get $out)
        (i32.add (local.get $enc) (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $q) (i32.const 2)))) (local.get $kBytes)))
        (f32.load (i32.add (local.get $values) (i32.shl (local.get $q) (i32.const 2))))
        (local.get $kBytes))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $entries)))
  )

  ;; For each entry (j, r) of the row, given the activations act (k floats): o = b_j + W_j · act, e = o - r;
  ;; gb_j += 2e; gW_j += 2e act; back += 2e W_j (back is zeroed first). Returns Σ e² (float64).
  (func (export "decode_backward_row") (param $dec i32) (param $b i32) (param $gdec i32) (param $gb i32)
    (param $offsets i32) (param $indices i32) (param $values i32) (param $row i32) (param $k i32) (param $act i32) (param $back i32)
    (result f64)
    (local $q i32) (local $end i32) (local $kBytes i32) (local $j i32) (local $col i32) (local $w i32) (local $gw i32)
    (local $e f32) (local $g f32) (local $vg v128) (local $a v128) (local $sse f64)
    (local.set $kBytes (i32.shl (local.get $k) (i32.const 2)))
    (block $zeroed (loop $zero
      (br_if $zeroed (i32.ge_u (local.get $j) (local.get $kBytes)))
      (v128.store (i32.add (local.get $back) (local.get $j)) (v128.const i32x4 0 0 0 0))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $zero)))
    (local.set $q (i32.load (i32.add (local.get $offsets) (i32.shl (local.get $row) (i32.const 2)))))
    (local.set $end (i32.load (i32.add (local.get $offsets) (i32.shl (i32.add (local.get $row) (i32.const 1)) (i32.const 2)))))
    (block $done (loop $entries
      (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
      (local.set $col (i32.load (i32.add (local.get $indices) (i32.shl (local.get $q) (i32.const 2)))))
      (local.set $w (i32.add (local.get $dec) (i32.mul (local.get $col) (local.get $kBytes))))
      (local.set $gw (i32.add (local.get $gdec) (i32.mul (local.get $col) (local.get $kBytes))))
      (local.set $e (f32.sub
        (f32.add (f32.load (i32.add (local.get $b) (i32.shl (local.get $col) (i32.const 2)))) (call $dot (local.get $w) (local.get $act) (local.get $kBytes)))
        (f32.load (i32.add (local.get $values) (i32.shl (local.get $q) (i32.const 2))))))
      (local.set $sse (f64.add (local.get $sse) (f64.mul (f64.promote_f32 (local.get $e)) (f64.promote_f32 (local.get $e)))))
      (local.set $g (f32.mul (f32.const 2) (local.get $e)))
      (f32.store (i32.add (local.get $gb) (i32.shl (local.get $col) (i32.const 2)))
        (f32.add (f32.load (i32.add (local.get $gb) (i32.shl (local.get $col) (i32.const 2)))) (local.get $g)))
      (local.set $vg (f32x4.splat (local.get $g)))
      (local.set $j (i32.const 0))
      (block $rowDone (loop $simd
        (br_if $rowDone (i32.ge_u (local.get $j) (local.get $kBytes)))
        (local.set $a (v128.load (i32.add (local.get $act) (local.get $j))))
        (v128.store (i32.add (local.get $gw) (local.get $j))
          (f32x4.add (v128.load (i32.add (local.get $gw) (local.get $j))) (f32x4.mul (local.get $vg) (local.get $a))))
        (v128.store (i32.add (local.get $back) (local.get $j))
          (f32x4.add (v128.load (i32.add (local.get $back) (local.get $j)))
            (f32x4.mul (local.get $vg) (v128.load (i32.add (local.get $w) (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $simd)))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $entries)))
    (local.get $sse)
  )

  ;; gVᵀ[j] += r back for each entry (j, r) of the row (back: d loss / d pre-activation, k floats).
  (func (export "encoder_backward_row") (param $genc i32) (param $offsets i32) (param $indices i32) (param $values i32)
    (param $row i32) (param $k i32) (param $back i32)
    (local $q i32) (local $end i32) (local $kBytes i32)
    (local.set $kBytes (i32.shl (local.get $k) (i32.const 2)))
    (local.set $q (i32.load (i32.add (local.get $offsets) (i32.shl (local.get $row) (i32.const 2)))))
    (local.set $end (i32.load (i32.add (local.get $offsets) (i32.shl (i32.add (local.get $row) (i32.const 1)) (i32.const 2)))))
    (block $done (loop $entries
      (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
      (call $axpy
        (i32.add (local.get $genc) (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $q) (i32.const 2)))) (local.get $kBytes)))
        (local.get $back)
        (f32.load (i32.add (local.get $values) (i32.shl (local.get $q) (i32.const 2))))
        (local.get $kBytes))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $entries)))
  )

  ;; Dense Adam on n4 parameters (a multiple of 4): g = grad + l2 θ for the first `penalised` (a multiple of 4),
  ;; grad alone after; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²; θ -= step1 m / (√v invRootC2 + eps). grad is
  ;; zeroed as it is read (the next batch accumulates into it without a separate pass over it).
  (func (export "adam_dense") (param $theta i32) (param $grad i32) (param $m i32) (param $v i32) (param $n4 i32) (param $penalised i32)
    (param $l2 f32) (param $step1 f32) (param $invRootC2 f32) (param $eps f32) (param $b1 f32) (param $b2 f32)
    (local $j i32) (local $end i32) (local $pend i32) (local $vl2 v128) (local $g v128) (local $mv v128) (local $vv v128) (local $t v128)
    (local.set $end (i32.shl (local.get $n4) (i32.const 2)))
    (local.set $pend (i32.shl (local.get $penalised) (i32.const 2)))
    (block $done (loop $simd
      (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
      (local.set $vl2 (f32x4.splat (select (local.get $l2) (f32.const 0) (i32.lt_u (local.get $j) (local.get $pend)))))
      (local.set $t (v128.load (i32.add (local.get $theta) (local.get $j))))
      (local.set $g (f32x4.add (v128.load (i32.add (local.get $grad) (local.get $j))) (f32x4.mul (local.get $vl2) (local.get $t))))
      (v128.store (i32.add (local.get $grad) (local.get $j)) (v128.const i32x4 0 0 0 0))
      (local.set $mv (f32x4.add (f32x4.mul (f32x4.splat (local.get $b1)) (v128.load (i32.add (local.get $m) (local.get $j))))
        (f32x4.mul (f32x4.splat (f32.sub (f32.const 1) (local.get $b1))) (local.get $g))))
      (local.set $vv (f32x4.add (f32x4.mul (f32x4.splat (local.get $b2)) (v128.load (i32.add (local.get $v) (local.get $j))))
        (f32x4.mul (f32x4.splat (f32.sub (f32.const 1) (local.get $b2))) (f32x4.mul (local.get $g) (local.get $g)))))
      (v128.store (i32.add (local.get $m) (local.get $j)) (local.get $mv))
      (v128.store (i32.add (local.get $v) (local.get $j)) (local.get $vv))
      (v128.store (i32.add (local.get $theta) (local.get $j))
        (f32x4.sub (local.get $t)
          (f32x4.div (f32x4.mul (f32x4.splat (local.get $step1)) (local.get $mv))
            (f32x4.add (f32x4.mul (f32x4.sqrt (local.get $vv)) (f32x4.splat (local.get $invRootC2))) (f32x4.splat (local.get $eps))))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $simd)))
  )
)
