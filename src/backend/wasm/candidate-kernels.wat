;; Kernels of the YouTube-DNN candidate generator's sampled-softmax head (src/models/candidate/sampled-softmax.ts) on
;; TF.js's wasm backend: the module imports the backend's memory and every pointer is a byte offset of a tensor in
;; that heap. Every operation is the one TF.js's own kernels do, rounded to float32 where they round, so the results
;; are theirs to the bit: exp is musl's expf (Arm optimized-routines: binary64 steps, one rounding to float32), which
;; the wasm backend's Exp kernel calls. Built into candidate-kernels-binary.ts by `npm run build:wasm`.
(module
  (import "env" "memory" (memory 1))

  ;; expf(x) as musl computes it; $tab: the 32 words T[i] of exp2f_data.c (2^(i/32) minus i << 47), i64 each.
  (func $expf (param $x f32) (param $tab i32) (result f32)
    (local $z f64) (local $kd f64) (local $r f64) (local $ki i64) (local $s f64) (local $y f64)
    ;; Below -0x1.9fe368p6 the result is 0 (musl's underflow branch), NaN stays NaN, above 0x1.62e42ep6 infinity.
    (if (i32.eqz (f32.ge (local.get $x) (f32.const -0x1.9fe368p6)))
      (then (return (select (local.get $x) (f32.const 0) (f32.ne (local.get $x) (local.get $x))))))
    (if (f32.gt (local.get $x) (f32.const 0x1.62e42ep6)) (then (return (f32.const inf))))
    (local.set $z (f64.mul (f64.const 0x1.71547652b82fep+5) (f64.promote_f32 (local.get $x))))
    (local.set $kd (f64.add (local.get $z) (f64.const 0x1.8p+52)))
    (local.set $ki (i64.reinterpret_f64 (local.get $kd)))
    (local.set $kd (f64.sub (local.get $kd) (f64.const 0x1.8p+52)))
    (local.set $r (f64.sub (local.get $z) (local.get $kd)))
    (local.set $s (f64.reinterpret_i64 (i64.add
      (i64.load (i32.add (local.get $tab) (i32.shl (i32.and (i32.wrap_i64 (local.get $ki)) (i32.const 31)) (i32.const 3))))
      (i64.shl (local.get $ki) (i64.const 47)))))
    ;; y = (C0 r + C1) r² + (C2 r + 1), then y s, with C = 0x1.c6af84b912394p-5 / 32³, 0x1.ebfce50fac4f3p-3 / 32²,
    ;; 0x1.62e42ff0c52d6p-1 / 32 (exact scalings by powers of two).
    (local.set $y (f64.add (f64.mul (local.get $r) (f64.const 0x1.62e42ff0c52d6p-6)) (f64.const 1)))
    (local.set $y (f64.add
      (f64.mul (f64.add (f64.mul (local.get $r) (f64.const 0x1.c6af84b912394p-20)) (f64.const 0x1.ebfce50fac4f3p-13))
        (f64.mul (local.get $r) (local.get $r)))
      (local.get $y)))
    (f32.demote_f64 (f64.mul (local.get $y) (local.get $s)))
  )

  ;; musl's general path for two binary64 lanes (the arguments of $expf4), before the rounding to float32: each lane
  ;; the same binary64 operations as $expf's, in the same order.
  (func $expf2 (param $x v128) (param $tab i32) (result v128)
    (local $z v128) (local $kd v128) (local $r v128) (local $t v128)
    (local.set $z (f64x2.mul (f64x2.splat (f64.const 0x1.71547652b82fep+5)) (local.get $x)))
    (local.set $kd (f64x2.add (local.get $z) (f64x2.splat (f64.const 0x1.8p+52))))
    (local.set $t (i64x2.splat (i64.load (i32.add (local.get $tab)
      (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $kd))) (i32.const 31)) (i32.const 3))))))
    (local.set $t (i64x2.replace_lane 1 (local.get $t) (i64.load (i32.add (local.get $tab)
      (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $kd))) (i32.const 31)) (i32.const 3))))))
    (local.set $t (i64x2.add (local.get $t) (i64x2.shl (local.get $kd) (i32.const 47))))
    (local.set $kd (f64x2.sub (local.get $kd) (f64x2.splat (f64.const 0x1.8p+52))))
    (local.set $r (f64x2.sub (local.get $z) (local.get $kd)))
    (f64x2.mul
      (f64x2.add
        (f64x2.mul
          (f64x2.add (f64x2.mul (local.get $r) (f64x2.splat (f64.const 0x1.c6af84b912394p-20))) (f64x2.splat (f64.const 0x1.ebfce50fac4f3p-13)))
          (f64x2.mul (local.get $r) (local.get $r)))
        (f64x2.add (f64x2.mul (local.get $r) (f64x2.splat (f64.const 0x1.62e42ff0c52d6p-6))) (f64x2.splat (f64.const 1))))
      (local.get $t))
  )

  ;; $expf on four float32 lanes: the general path two lanes at a time, then musl's special cases by lane (0 below
  ;; the underflow threshold, NaN kept, infinity above the overflow threshold).
  (func $expf4 (param $x v128) (param $tab i32) (result v128)
    (local $y v128)
    (local.set $y (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
      (f32x4.demote_f64x2_zero (call $expf2 (f64x2.promote_low_f32x4 (local.get $x)) (local.get $tab)))
      (f32x4.demote_f64x2_zero (call $expf2 (f64x2.promote_low_f32x4
        (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x))) (local.get $tab)))))
    (local.set $y (v128.bitselect (local.get $y)
      (v128.bitselect (local.get $x) (f32x4.splat (f32.const 0)) (f32x4.ne (local.get $x) (local.get $x)))
      (f32x4.ge (local.get $x) (f32x4.splat (f32.const -0x1.9fe368p6)))))
    (v128.bitselect (f32x4.splat (f32.const inf)) (local.get $y) (f32x4.gt (local.get $x) (f32x4.splat (f32.const 0x1.62e42ep6))))
  )

  ;; For each row r < n: z = [pos[r], neg[r, m] + off(r, m) for m < k] with off = -1e9 where drawn[m] = targets[r]
  ;; (an accidental hit) and negLogQ[m] otherwise; then, as TF.js's max, sub, exp, sum (in order, float32) and div:
  ;; first[r] = z_0 - max, sums[r] = Σ exp(z - max), probs[r, :] = exp(z - max) / sums[r] ([n, k + 1]).
  (func (export "softmax_first_rows") (param $pos i32) (param $neg i32) (param $targets i32) (param $drawn i32) (param $negLogQ i32)
    (param $n i32) (param $k i32) (param $probs i32) (param $sums i32) (param $first i32) (param $tab i32)
    (local $r i32) (local $m i32) (local $t i32) (local $row i32) (local $src i32) (local $z f32) (local $max f32) (local $e f32)
    (local $sum f32) (local $j i32) (local $rowBytes i32) (local $end4 i32) (local $vsum v128) (local $e4 v128)
    (local.set $rowBytes (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 2)))
    (local.set $end4 (i32.shl (i32.and (i32.add (local.get $k) (i32.const 1)) (i32.const -4)) (i32.const 2)))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
      (local.set $t (i32.load (i32.add (local.get $targets) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $row (i32.add (local.get $probs) (i32.mul (local.get $r) (local.get $rowBytes))))
      (local.set $src (i32.add (local.get $neg) (i32.shl (i32.mul (local.get $r) (local.get $k)) (i32.const 2))))
      (local.set $max (f32.load (i32.add (local.get $pos) (i32.shl (local.get $r) (i32.const 2)))))
      ;; Corrected logits into probs[r, 1..k] and their maximum.
      (local.set $m (i32.const 0))
      (block $zDone (loop $zs
        (br_if $zDone (i32.ge_u (local.get $m) (local.get $k)))
        (local.set $z (f32.add (f32.load (i32.add (local.get $src) (i32.shl (local.get $m) (i32.const 2))))
          (select (f32.const -1e9) (f32.load (i32.add (local.get $negLogQ) (i32.shl (local.get $m) (i32.const 2))))
            (i32.eq (i32.load (i32.add (local.get $drawn) (i32.shl (local.get $m) (i32.const 2)))) (local.get $t)))))
        (f32.store (i32.add (local.get $row) (i32.shl (i32.add (local.get $m) (i32.const 1)) (i32.const 2))) (local.get $z))
        (if (f32.gt (local.get $z) (local.get $max)) (then (local.set $max (local.get $z))))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $zs)))
      (local.set $z (f32.sub (f32.load (i32.add (local.get $pos) (i32.shl (local.get $r) (i32.const 2)))) (local.get $max)))
      (f32.store (i32.add (local.get $first) (i32.shl (local.get $r) (i32.const 2))) (local.get $z))
      (local.set $e (call $expf (local.get $z) (local.get $tab)))
      (f32.store (local.get $row) (local.get $e))
      (local.set $sum (f32.add (f32.const 0) (local.get $e)))
      ;; exp(z - max) four at a time (SIMD), each added to the running float32 sum in order; then the tail.
      (local.set $m (i32.const 1))
      (block $e4Done (loop $e4s
        (br_if $e4Done (i32.gt_u (i32.add (local.get $m) (i32.const 3)) (local.get $k)))
        (local.set $j (i32.add (local.get $row) (i32.shl (local.get $m) (i32.const 2))))
        (local.set $e4 (call $expf4 (f32x4.sub (v128.load (local.get $j)) (f32x4.splat (local.get $max))) (local.get $tab)))
        (v128.store (local.get $j) (local.get $e4))
        (local.set $sum (f32.add (local.get $sum) (f32x4.extract_lane 0 (local.get $e4))))
        (local.set $sum (f32.add (local.get $sum) (f32x4.extract_lane 1 (local.get $e4))))
        (local.set $sum (f32.add (local.get $sum) (f32x4.extract_lane 2 (local.get $e4))))
        (local.set $sum (f32.add (local.get $sum) (f32x4.extract_lane 3 (local.get $e4))))
        (local.set $m (i32.add (local.get $m) (i32.const 4)))
        (br $e4s)))
      (block $eDone (loop $es
        (br_if $eDone (i32.gt_u (local.get $m) (local.get $k)))
        (local.set $j (i32.add (local.get $row) (i32.shl (local.get $m) (i32.const 2))))
        (local.set $e (call $expf (f32.sub (f32.load (local.get $j)) (local.get $max)) (local.get $tab)))
        (f32.store (local.get $j) (local.get $e))
        (local.set $sum (f32.add (local.get $sum) (local.get $e)))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $es)))
      (f32.store (i32.add (local.get $sums) (i32.shl (local.get $r) (i32.const 2))) (local.get $sum))
      ;; probs = e / sum, four lanes at a time (each lane one float32 division, as the scalar one).
      (local.set $vsum (f32x4.splat (local.get $sum)))
      (local.set $j (i32.const 0))
      (block $dDone (loop $ds
        (br_if $dDone (i32.ge_u (local.get $j) (local.get $end4)))
        (v128.store (i32.add (local.get $row) (local.get $j)) (f32x4.div (v128.load (i32.add (local.get $row) (local.get $j))) (local.get $vsum)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $ds)))
      (block $tDone (loop $ts
        (br_if $tDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
        (f32.store (i32.add (local.get $row) (local.get $j)) (f32.div (f32.load (i32.add (local.get $row) (local.get $j))) (local.get $sum)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $ts)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows)))
  )

  ;; The gradient (p - e_0) * scale of the rows of probs ([n, k + 1]), split: gPos[r] = (p[r, 0] - 1) * scale and
  ;; gNeg[r, m] = p[r, 1 + m] * scale ([n, k]), float32 as TF.js's sub and mul.
  (func (export "softmax_first_grad") (param $probs i32) (param $n i32) (param $k i32) (param $scale f32) (param $gPos i32) (param $gNeg i32)
    (local $r i32) (local $row i32) (local $dst i32) (local $j i32) (local $bytes i32) (local $end4 i32) (local $vs v128)
    (local.set $vs (f32x4.splat (local.get $scale)))
    (local.set $bytes (i32.shl (local.get $k) (i32.const 2)))
    (local.set $end4 (i32.shl (i32.and (local.get $k) (i32.const -4)) (i32.const 2)))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
      (local.set $row (i32.add (local.get $probs) (i32.mul (local.get $r) (i32.add (local.get $bytes) (i32.const 4)))))
      (f32.store (i32.add (local.get $gPos) (i32.shl (local.get $r) (i32.const 2)))
        (f32.mul (f32.sub (f32.load (local.get $row)) (f32.const 1)) (local.get $scale)))
      (local.set $row (i32.add (local.get $row) (i32.const 4)))
      (local.set $dst (i32.add (local.get $gNeg) (i32.mul (local.get $r) (local.get $bytes))))
      (local.set $j (i32.const 0))
      (block $vDone (loop $vs4
        (br_if $vDone (i32.ge_u (local.get $j) (local.get $end4)))
        (v128.store (i32.add (local.get $dst) (local.get $j)) (f32x4.mul (v128.load (i32.add (local.get $row) (local.get $j))) (local.get $vs)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $vs4)))
      (block $tDone (loop $ts
        (br_if $tDone (i32.ge_u (local.get $j) (local.get $bytes)))
        (f32.store (i32.add (local.get $dst) (local.get $j)) (f32.mul (f32.load (i32.add (local.get $row) (local.get $j))) (local.get $scale)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $ts)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows)))
  )
;; TF.js 4.22's Adam step (AdamOptimizer.applyGradients) on n parameters, each operation one float32 rounding as its
  ;; kernels round it: m' = m b1 + g c1, v' = v b2 + g² c2 (in place), out = (m'/a1) / (√(v'/a2) + eps) · negLr + w,
  ;; with c = 1 - b and a = 1 - b^t as TF.js computes them in float32, negLr = -lr. Four lanes at a time (each lane the
  ;; scalar operation), then a scalar tail.
  (func (export "adam_step") (param $w i32) (param $m i32) (param $v i32) (param $g i32) (param $out i32) (param $n i32)
    (param $b1 f32) (param $c1 f32) (param $b2 f32) (param $c2 f32) (param $a1 f32) (param $a2 f32) (param $eps f32) (param $negLr f32)
    (local $j i32) (local $bytes i32) (local $end4 i32) (local $gv v128) (local $mv v128) (local $vv v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local $vb1 v128) (local $vc1 v128) (local $vb2 v128) (local $vc2 v128) (local $va1 v128) (local $va2 v128) (local $veps v128) (local $vlr v128)
    (local.set $vb1 (f32x4.splat (local.get $b1)))
    (local.set $vc1 (f32x4.splat (local.get $c1)))
    (local.set $vb2 (f32x4.splat (local.get $b2)))
    (local.set $vc2 (f32x4.splat (local.get $c2)))
    (local.set $va1 (f32x4.splat (local.get $a1)))
    (local.set $va2 (f32x4.splat (local.get $a2)))
    (local.set $veps (f32x4.splat (local.get $eps)))
    (local.set $vlr (f32x4.splat (local.get $negLr)))
    (local.set $bytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $vDone (loop $vs4
      (br_if $vDone (i32.ge_u (local.get $j) (local.get $end4)))
      (local.set $gv (v128.load (i32.add (local.get $g) (local.get $j))))
      (local.set $mv (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $j))) (local.get $vb1)) (f32x4.mul (local.get $gv) (local.get $vc1))))
      (local.set $vv (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $j))) (local.get $vb2))
        (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $vc2))))
      (v128.store (i32.add (local.get $m) (local.get $j)) (local.get $mv))
      (v128.store (i32.add (local.get $v) (local.get $j)) (local.get $vv))
      (v128.store (i32.add (local.get $out) (local.get $j))
        (f32x4.add
          (f32x4.mul
            (f32x4.div (f32x4.div (local.get $mv) (local.get $va1))
              (f32x4.add (f32x4.sqrt (f32x4.div (local.get $vv) (local.get $va2))) (local.get $veps)))
            (local.get $vlr))
          (v128.load (i32.add (local.get $w) (local.get $j)))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $vs4)))
    (block $tDone (loop $ts
      (br_if $tDone (i32.ge_u (local.get $j) (local.get $bytes)))
      (local.set $gs (f32.load (i32.add (local.get $g) (local.get $j))))
      (local.set $ms (f32.add (f32.mul (f32.load (i32.add (local.get $m) (local.get $j))) (local.get $b1)) (f32.mul (local.get $gs) (local.get $c1))))
      (local.set $vs (f32.add (f32.mul (f32.load (i32.add (local.get $v) (local.get $j))) (local.get $b2))
        (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $c2))))
      (f32.store (i32.add (local.get $m) (local.get $j)) (local.get $ms))
      (f32.store (i32.add (local.get $v) (local.get $j)) (local.get $vs))
      (f32.store (i32.add (local.get $out) (local.get $j))
        (f32.add
          (f32.mul
            (f32.div (f32.div (local.get $ms) (local.get $a1))
              (f32.add (f32.sqrt (f32.div (local.get $vs) (local.get $a2))) (local.get $eps)))
            (local.get $negLr))
          (f32.load (i32.add (local.get $w) (local.get $j)))))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $ts)))
  )
)
