;; BPR-MF's SGD pass (the JS reference is `bprStep` in src/models/implicit/bpr-mf.ts, stepped as its trainer
;; does), with f64x2 SIMD and exactly the JS arithmetic: float32 parameters read as float64, every formula's
;; float64 operations in the same order, results rounded to float32 when stored, so both give the same bits.
;; Each dot product is `dotRows`'s: four partial sums over elements stepping by 4 (lanes (s0, s1), (s2, s3)), the
;; dim % 4 tail added to s0, combined as ((s0 + s1) + s2) + s3. exp and log1p are imported (Math.exp,
;; Math.log1p). WebAssembly never fuses a multiply and an add. Pointers are byte offsets into the imported memory.
;; Built into bpr-kernels-binary.ts by `npm run build:wasm`.
(module
  (import "env" "memory" (memory 1 65536))
  (import "env" "exp" (func $exp (param f64) (result f64)))
  (import "env" "log1p" (func $log1p (param f64) (result f64)))

  ;; dotRows(A, a, B, b, dim) for f32 rows at byte addresses a and b
  (func $dot (param $x i32) (param $y i32) (param $dim i32) (result f64)
    (local $xQuad i32) (local $xEnd i32) (local $s01 v128) (local $s23 v128) (local $s0 f64)
    (local.set $xQuad (i32.add (local.get $x) (i32.shl (i32.and (local.get $dim) (i32.const -4)) (i32.const 2))))
    (local.set $xEnd (i32.add (local.get $x) (i32.shl (local.get $dim) (i32.const 2))))
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
    (f64.add (f64.add (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $s01))) (f64x2.extract_lane 0 (local.get $s23)))
      (f64x2.extract_lane 1 (local.get $s23))))

  ;; One LearnBPR step on (u, i, j); returns -ln σ(x_uij) before the step. keepU/I/J = 1 - lr reg of each group.
  (func $step (param $W i32) (param $H i32) (param $Bi i32) (param $dim i32) (param $u i32) (param $i i32) (param $j i32)
      (param $lr f64) (param $keepU f64) (param $keepI f64) (param $keepJ f64) (param $regBias f64) (result f64)
    (local $wo i32) (local $io i32) (local $jo i32) (local $woPair i32) (local $woEnd i32) (local $bi i32) (local $bj i32)
    (local $x f64) (local $z f64) (local $e f64) (local $loss f64) (local $step f64) (local $b f64)
    (local $wv v128) (local $hiv v128) (local $hjv v128) (local $stepv v128) (local $kUv v128) (local $kIv v128) (local $kJv v128)
    (local $w f64) (local $hi f64) (local $hj f64)
    (local.set $wo (i32.add (local.get $W) (i32.shl (i32.mul (local.get $u) (local.get $dim)) (i32.const 2))))
    (local.set $io (i32.add (local.get $H) (i32.shl (i32.mul (local.get $i) (local.get $dim)) (i32.const 2))))
    (local.set $jo (i32.add (local.get $H) (i32.shl (i32.mul (local.get $j) (local.get $dim)) (i32.const 2))))
    (local.set $bi (i32.add (local.get $Bi) (i32.shl (local.get $i) (i32.const 2))))
    (local.set $bj (i32.add (local.get $Bi) (i32.shl (local.get $j) (i32.const 2))))
    ;; x = b_i - b_j + w_u . h_i - w_u . h_j
    (local.set $x (f64.sub
      (f64.add (f64.sub (f64.promote_f32 (f32.load (local.get $bi))) (f64.promote_f32 (f32.load (local.get $bj))))
        (call $dot (local.get $wo) (local.get $io) (local.get $dim)))
      (call $dot (local.get $wo) (local.get $jo) (local.get $dim))))
    (local.set $z (call $exp (f64.neg (f64.abs (local.get $x)))))
    (local.set $e (select
      (f64.div (local.get $z) (f64.add (f64.const 1) (local.get $z)))
      (f64.div (f64.const 1) (f64.add (f64.const 1) (local.get $z)))
      (f64.ge (local.get $x) (f64.const 0))))
    (local.set $loss (f64.add
      (select (f64.neg (local.get $x)) (f64.const 0) (f64.lt (local.get $x) (f64.const 0)))
      (call $log1p (local.get $z))))
    (local.set $step (f64.mul (local.get $lr) (local.get $e)))
    (local.set $stepv (f64x2.splat (local.get $step)))
    (local.set $kUv (f64x2.splat (local.get $keepU)))
    (local.set $kIv (f64x2.splat (local.get $keepI)))
    (local.set $kJv (f64x2.splat (local.get $keepJ)))
    (local.set $woPair (i32.add (local.get $wo) (i32.shl (i32.and (local.get $dim) (i32.const -2)) (i32.const 2))))
    (local.set $woEnd (i32.add (local.get $wo) (i32.shl (local.get $dim) (i32.const 2))))
    (block $pairsDone (loop $pairs
      (br_if $pairsDone (i32.ge_u (local.get $wo) (local.get $woPair)))
      (local.set $wv (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $wo))))
      (local.set $hiv (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $io))))
      (local.set $hjv (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $jo))))
      (v128.store64_lane 0 (local.get $wo) (f32x4.demote_f64x2_zero (f64x2.add (f64x2.mul (local.get $kUv) (local.get $wv))
        (f64x2.mul (local.get $stepv) (f64x2.sub (local.get $hiv) (local.get $hjv))))))
      (v128.store64_lane 0 (local.get $io) (f32x4.demote_f64x2_zero (f64x2.add (f64x2.mul (local.get $kIv) (local.get $hiv))
        (f64x2.mul (local.get $stepv) (local.get $wv)))))
      (v128.store64_lane 0 (local.get $jo) (f32x4.demote_f64x2_zero (f64x2.sub (f64x2.mul (local.get $kJv) (local.get $hjv))
        (f64x2.mul (local.get $stepv) (local.get $wv)))))
      (local.set $wo (i32.add (local.get $wo) (i32.const 8)))
      (local.set $io (i32.add (local.get $io) (i32.const 8)))
      (local.set $jo (i32.add (local.get $jo) (i32.const 8)))
      (br $pairs)))
    (if (i32.lt_u (local.get $wo) (local.get $woEnd))
      (then
        (local.set $w (f64.promote_f32 (f32.load (local.get $wo))))
        (local.set $hi (f64.promote_f32 (f32.load (local.get $io))))
        (local.set $hj (f64.promote_f32 (f32.load (local.get $jo))))
        (f32.store (local.get $wo) (f32.demote_f64 (f64.add (f64.mul (local.get $keepU) (local.get $w))
          (f64.mul (local.get $step) (f64.sub (local.get $hi) (local.get $hj))))))
        (f32.store (local.get $io) (f32.demote_f64 (f64.add (f64.mul (local.get $keepI) (local.get $hi)) (f64.mul (local.get $step) (local.get $w)))))
        (f32.store (local.get $jo) (f32.demote_f64 (f64.sub (f64.mul (local.get $keepJ) (local.get $hj)) (f64.mul (local.get $step) (local.get $w)))))))
    ;; b_i += lr (e - regBias b_i); b_j += lr (-e - regBias b_j)
    (local.set $b (f64.promote_f32 (f32.load (local.get $bi))))
    (f32.store (local.get $bi) (f32.demote_f64 (f64.add (local.get $b)
      (f64.mul (local.get $lr) (f64.sub (local.get $e) (f64.mul (local.get $regBias) (local.get $b)))))))
    (local.set $b (f64.promote_f32 (f32.load (local.get $bj))))
    (f32.store (local.get $bj) (f32.demote_f64 (f64.add (local.get $b)
      (f64.mul (local.get $lr) (f64.sub (f64.neg (local.get $e)) (f64.mul (local.get $regBias) (local.get $b)))))))
    (local.get $loss))

  ;; For t in [0, count): k = order[t]: a step on (users[k], items[k], neg[t n + s]) for s < n. Returns loss plus
  ;; every step's loss, added in step order.
  (func (export "bpr_pass")
      (param $W i32) (param $H i32) (param $Bi i32) (param $dim i32)
      (param $users i32) (param $items i32) (param $order i32) (param $neg i32) (param $count i32) (param $n i32)
      (param $lr f64) (param $keepU f64) (param $keepI f64) (param $keepJ f64) (param $regBias f64) (param $loss f64) (result f64)
    (local $t i32) (local $k i32) (local $u i32) (local $i i32) (local $s i32) (local $sEnd i32)
    (block $done (loop $positives
      (br_if $done (i32.ge_s (local.get $t) (local.get $count)))
      (local.set $k (i32.shl (i32.load (i32.add (local.get $order) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 2)))
      (local.set $u (i32.load (i32.add (local.get $users) (local.get $k))))
      (local.set $i (i32.load (i32.add (local.get $items) (local.get $k))))
      (local.set $s (i32.mul (local.get $t) (local.get $n)))
      (local.set $sEnd (i32.add (local.get $s) (local.get $n)))
      (block $negsDone (loop $negs
        (br_if $negsDone (i32.ge_s (local.get $s) (local.get $sEnd)))
        (local.set $loss (f64.add (local.get $loss) (call $step (local.get $W) (local.get $H) (local.get $Bi) (local.get $dim)
          (local.get $u) (local.get $i) (i32.load (i32.add (local.get $neg) (i32.shl (local.get $s) (i32.const 2))))
          (local.get $lr) (local.get $keepU) (local.get $keepI) (local.get $keepJ) (local.get $regBias))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $negs)))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br $positives)))
    (local.get $loss))
)
