;; The two row loops of logistic MF's gradient half-step (the JS reference is `accumulateLogisticGradient` in
;; src/models/implicit/logistic-mf.ts) over a list of (row, column) pairs, with f64x2 SIMD and exactly the JS
;; float64 arithmetic on float32 parameters, so both give the same bits:
;;   pair_dots:  out[p] = A[rows[p]] . B[cols[p]] as `dotRows` (row-kernels.ts) computes it: four partial sums
;;               s0..s3 over elements stepping by 4 (kept as lanes (s0, s1) and (s2, s3)), the dim % 4 tail added
;;               to s0, combined as ((s0 + s1) + s2) + s3;
;;   pair_axpy:  G[rows[p]] += w[p] * S[cols[p]] for p in order (`addScaledRow`), elementwise, two at a time.
;; WebAssembly never fuses a multiply and an add. A, B, S: f32 tables [* dim]; G: f64 [* dim]; rows, cols: i32
;; [count]; out, w: f64 [count]. Every pointer is a byte offset into the imported memory, 16-byte aligned.
;; Built into implicit-kernels-binary.ts by `npm run build:wasm` (scripts/build-wasm-kernels.ts).
(module
  (import "env" "memory" (memory 1 65536))

  (func (export "pair_dots")
      (param $A i32) (param $B i32) (param $dim i32) (param $rows i32) (param $cols i32) (param $count i32) (param $out i32)
    (local $p i32) (local $rowBytes i32) (local $quadBytes i32) (local $x i32) (local $y i32) (local $xQuad i32) (local $xEnd i32)
    (local $s01 v128) (local $s23 v128) (local $s0 f64)
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $quadBytes (i32.shl (i32.and (local.get $dim) (i32.const -4)) (i32.const 2)))
    (block $done (loop $pairs
      (br_if $done (i32.ge_s (local.get $p) (local.get $count)))
      (local.set $x (i32.add (local.get $A)
        (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $p) (i32.const 2)))) (local.get $rowBytes))))
      (local.set $y (i32.add (local.get $B)
        (i32.mul (i32.load (i32.add (local.get $cols) (i32.shl (local.get $p) (i32.const 2)))) (local.get $rowBytes))))
      (local.set $xQuad (i32.add (local.get $x) (local.get $quadBytes)))
      (local.set $xEnd (i32.add (local.get $x) (local.get $rowBytes)))
      (local.set $s01 (v128.const i64x2 0 0))
      (local.set $s23 (v128.const i64x2 0 0))
      (block $quadsDone (loop $quads
        (br_if $quadsDone (i32.ge_u (local.get $x) (local.get $xQuad)))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul
          (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $x)))
          (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $y))))))
        (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul
          (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $x)))
          (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $y))))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $quads)))
      (local.set $s0 (f64x2.extract_lane 0 (local.get $s01)))
      (block $tailDone (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $x) (local.get $xEnd)))
        (local.set $s0 (f64.add (local.get $s0)
          (f64.mul (f64.promote_f32 (f32.load (local.get $x))) (f64.promote_f32 (f32.load (local.get $y))))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (br $tail)))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 3)))
        (f64.add
          (f64.add (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $s01))) (f64x2.extract_lane 0 (local.get $s23)))
          (f64x2.extract_lane 1 (local.get $s23))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $pairs))))

  (func (export "pair_axpy")
      (param $G i32) (param $S i32) (param $dim i32) (param $rows i32) (param $cols i32) (param $w i32) (param $count i32)
    (local $p i32) (local $g i32) (local $s i32) (local $gPair i32) (local $gEnd i32) (local $wv v128) (local $ws f64)
    (block $done (loop $pairs
      (br_if $done (i32.ge_s (local.get $p) (local.get $count)))
      (local.set $ws (f64.load (i32.add (local.get $w) (i32.shl (local.get $p) (i32.const 3)))))
      (local.set $wv (f64x2.splat (local.get $ws)))
      (local.set $g (i32.add (local.get $G) (i32.shl
        (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $p) (i32.const 2)))) (local.get $dim)) (i32.const 3))))
      (local.set $s (i32.add (local.get $S) (i32.shl
        (i32.mul (i32.load (i32.add (local.get $cols) (i32.shl (local.get $p) (i32.const 2)))) (local.get $dim)) (i32.const 2))))
      (local.set $gPair (i32.add (local.get $g) (i32.shl (i32.and (local.get $dim) (i32.const -2)) (i32.const 3))))
      (local.set $gEnd (i32.add (local.get $g) (i32.shl (local.get $dim) (i32.const 3))))
      (block $twosDone (loop $twos
        (br_if $twosDone (i32.ge_u (local.get $g) (local.get $gPair)))
        (v128.store (local.get $g) (f64x2.add (v128.load (local.get $g))
          (f64x2.mul (local.get $wv) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $s))))))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $s (i32.add (local.get $s) (i32.const 8)))
        (br $twos)))
      (if (i32.lt_u (local.get $g) (local.get $gEnd))
        (then (f64.store (local.get $g) (f64.add (f64.load (local.get $g))
          (f64.mul (local.get $ws) (f64.promote_f32 (f32.load (local.get $s))))))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $pairs))))
)
