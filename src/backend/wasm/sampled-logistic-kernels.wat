;; Sampled-logistic MF's SGD pass (the JS reference is `sampledLogisticStep` in
;; src/models/implicit/sampled-logistic-mf.ts, stepped as its trainer does), with f64x2 SIMD and exactly the JS
;; arithmetic: float32 parameters read as float64, every formula's float64 operations in the same order, results
;; rounded to float32 when stored, so both give the same bits. The score's dot product is `dotRows`'s: four
;; partial sums s0..s3 over elements stepping by 4 (lanes (s0, s1) and (s2, s3)), the dim % 4 tail added to s0,
;; combined as ((s0 + s1) + s2) + s3. exp and log1p are imported (JavaScript's Math.exp and Math.log1p, so the
;; same values). WebAssembly never fuses a multiply and an add. Pointers are byte offsets into the imported
;; memory, tables 16-byte aligned. Built into sampled-logistic-kernels-binary.ts by `npm run build:wasm`.
(module
  (import "env" "memory" (memory 1 65536))
  (import "env" "exp" (func $exp (param f64) (result f64)))
  (import "env" "log1p" (func $log1p (param f64) (result f64)))

  ;; One step on (u, i) with label y (1 or 0); returns the step's loss softplus(s) - y s (before the step).
  ;;   g = y - σ(s);  p_u, q_i ← keep p + step q, keep q + step p (old values; step = lr g, keep = 1 - lr reg);
  ;;   b_u, b_i, b ← b + lr (g - reg b)
  (func $step (param $P i32) (param $Q i32) (param $UB i32) (param $IB i32) (param $GB i32) (param $dim i32)
      (param $u i32) (param $i i32) (param $y f64) (param $lr f64) (param $reg f64) (result f64)
    (local $x i32) (local $z i32) (local $xQuad i32) (local $xPair i32) (local $xEnd i32) (local $ub i32) (local $ib i32)
    (local $s01 v128) (local $s23 v128) (local $s0 f64) (local $s f64) (local $e f64) (local $sig f64) (local $loss f64) (local $g f64)
    (local $step f64) (local $keep f64) (local $stepv v128) (local $keepv v128) (local $pv v128) (local $qv v128) (local $ps f64) (local $qs f64) (local $b f64)
    (local.set $x (i32.add (local.get $P) (i32.shl (i32.mul (local.get $u) (local.get $dim)) (i32.const 2))))
    (local.set $z (i32.add (local.get $Q) (i32.shl (i32.mul (local.get $i) (local.get $dim)) (i32.const 2))))
    (local.set $xQuad (i32.add (local.get $x) (i32.shl (i32.and (local.get $dim) (i32.const -4)) (i32.const 2))))
    (local.set $xEnd (i32.add (local.get $x) (i32.shl (local.get $dim) (i32.const 2))))
    (local.set $ub (i32.add (local.get $UB) (i32.shl (local.get $u) (i32.const 2))))
    (local.set $ib (i32.add (local.get $IB) (i32.shl (local.get $i) (i32.const 2))))
    ;; dot product
    (block $quadsDone (loop $quads
      (br_if $quadsDone (i32.ge_u (local.get $x) (local.get $xQuad)))
      (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul
        (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $x)))
        (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $z))))))
      (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul
        (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $x)))
        (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $z))))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $z (i32.add (local.get $z) (i32.const 16)))
      (br $quads)))
    (local.set $s0 (f64x2.extract_lane 0 (local.get $s01)))
    (block $tailDone (loop $tail
      (br_if $tailDone (i32.ge_u (local.get $x) (local.get $xEnd)))
      (local.set $s0 (f64.add (local.get $s0)
        (f64.mul (f64.promote_f32 (f32.load (local.get $x))) (f64.promote_f32 (f32.load (local.get $z))))))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (local.set $z (i32.add (local.get $z) (i32.const 4)))
      (br $tail)))
    ;; s = b + b_u + b_i + dot
    (local.set $s (f64.add
      (f64.add (f64.add (f64.promote_f32 (f32.load (local.get $GB))) (f64.promote_f32 (f32.load (local.get $ub))))
        (f64.promote_f32 (f32.load (local.get $ib))))
      (f64.add (f64.add (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $s01))) (f64x2.extract_lane 0 (local.get $s23)))
        (f64x2.extract_lane 1 (local.get $s23)))))
    (local.set $e (call $exp (f64.neg (f64.abs (local.get $s)))))
    (local.set $sig (select
      (f64.div (f64.const 1) (f64.add (f64.const 1) (local.get $e)))
      (f64.div (local.get $e) (f64.add (f64.const 1) (local.get $e)))
      (f64.ge (local.get $s) (f64.const 0))))
    (local.set $loss (f64.sub
      (f64.add (select (local.get $s) (f64.const 0) (f64.gt (local.get $s) (f64.const 0))) (call $log1p (local.get $e)))
      (f64.mul (local.get $y) (local.get $s))))
    (local.set $g (f64.sub (local.get $y) (local.get $sig)))
    (local.set $step (f64.mul (local.get $lr) (local.get $g)))
    (local.set $keep (f64.sub (f64.const 1) (f64.mul (local.get $lr) (local.get $reg))))
    (local.set $stepv (f64x2.splat (local.get $step)))
    (local.set $keepv (f64x2.splat (local.get $keep)))
    ;; factors, two elements at a time, then an odd last element
    (local.set $x (i32.add (local.get $P) (i32.shl (i32.mul (local.get $u) (local.get $dim)) (i32.const 2))))
    (local.set $z (i32.add (local.get $Q) (i32.shl (i32.mul (local.get $i) (local.get $dim)) (i32.const 2))))
    (local.set $xPair (i32.add (local.get $x) (i32.shl (i32.and (local.get $dim) (i32.const -2)) (i32.const 2))))
    (block $pairsDone (loop $pairs
      (br_if $pairsDone (i32.ge_u (local.get $x) (local.get $xPair)))
      (local.set $pv (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $x))))
      (local.set $qv (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $z))))
      (v128.store64_lane 0 (local.get $x) (f32x4.demote_f64x2_zero
        (f64x2.add (f64x2.mul (local.get $keepv) (local.get $pv)) (f64x2.mul (local.get $stepv) (local.get $qv)))))
      (v128.store64_lane 0 (local.get $z) (f32x4.demote_f64x2_zero
        (f64x2.add (f64x2.mul (local.get $keepv) (local.get $qv)) (f64x2.mul (local.get $stepv) (local.get $pv)))))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (local.set $z (i32.add (local.get $z) (i32.const 8)))
      (br $pairs)))
    (if (i32.lt_u (local.get $x) (local.get $xEnd))
      (then
        (local.set $ps (f64.promote_f32 (f32.load (local.get $x))))
        (local.set $qs (f64.promote_f32 (f32.load (local.get $z))))
        (f32.store (local.get $x) (f32.demote_f64 (f64.add (f64.mul (local.get $keep) (local.get $ps)) (f64.mul (local.get $step) (local.get $qs)))))
        (f32.store (local.get $z) (f32.demote_f64 (f64.add (f64.mul (local.get $keep) (local.get $qs)) (f64.mul (local.get $step) (local.get $ps)))))))
    ;; biases
    (local.set $b (f64.promote_f32 (f32.load (local.get $ub))))
    (f32.store (local.get $ub) (f32.demote_f64 (f64.add (local.get $b)
      (f64.mul (local.get $lr) (f64.sub (local.get $g) (f64.mul (local.get $reg) (local.get $b)))))))
    (local.set $b (f64.promote_f32 (f32.load (local.get $ib))))
    (f32.store (local.get $ib) (f32.demote_f64 (f64.add (local.get $b)
      (f64.mul (local.get $lr) (f64.sub (local.get $g) (f64.mul (local.get $reg) (local.get $b)))))))
    (local.set $b (f64.promote_f32 (f32.load (local.get $GB))))
    (f32.store (local.get $GB) (f32.demote_f64 (f64.add (local.get $b)
      (f64.mul (local.get $lr) (f64.sub (local.get $g) (f64.mul (local.get $reg) (local.get $b)))))))
    (local.get $loss))

  ;; For t in [0, count): k = order[t], u = users[k]: a step on (u, items[k], 1), then on (u, neg[t n + s], 0) for
  ;; s < n. Returns loss plus every step's loss, added in step order.
  (func (export "sampled_logistic_pass")
      (param $P i32) (param $Q i32) (param $UB i32) (param $IB i32) (param $GB i32) (param $dim i32)
      (param $users i32) (param $items i32) (param $order i32) (param $neg i32) (param $count i32) (param $n i32)
      (param $lr f64) (param $reg f64) (param $loss f64) (result f64)
    (local $t i32) (local $k i32) (local $u i32) (local $s i32) (local $sEnd i32)
    (block $done (loop $positives
      (br_if $done (i32.ge_s (local.get $t) (local.get $count)))
      (local.set $k (i32.load (i32.add (local.get $order) (i32.shl (local.get $t) (i32.const 2)))))
      (local.set $u (i32.load (i32.add (local.get $users) (i32.shl (local.get $k) (i32.const 2)))))
      (local.set $loss (f64.add (local.get $loss) (call $step (local.get $P) (local.get $Q) (local.get $UB) (local.get $IB) (local.get $GB) (local.get $dim)
        (local.get $u) (i32.load (i32.add (local.get $items) (i32.shl (local.get $k) (i32.const 2)))) (f64.const 1) (local.get $lr) (local.get $reg))))
      (local.set $s (i32.mul (local.get $t) (local.get $n)))
      (local.set $sEnd (i32.add (local.get $s) (local.get $n)))
      (block $negsDone (loop $negs
        (br_if $negsDone (i32.ge_s (local.get $s) (local.get $sEnd)))
        (local.set $loss (f64.add (local.get $loss) (call $step (local.get $P) (local.get $Q) (local.get $UB) (local.get $IB) (local.get $GB) (local.get $dim)
          (local.get $u) (i32.load (i32.add (local.get $neg) (i32.shl (local.get $s) (i32.const 2)))) (f64.const 0) (local.get $lr) (local.get $reg))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $negs)))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br $positives)))
    (local.get $loss))
)
