;; iALS's half step and Gram matrix (the JS reference is `ialsHalfStep` and `gramian` in
;; src/models/implicit/ials-half-step.ts, with `choleskySolveInPlace` from src/models/factorization/cholesky.ts),
;; float64, with exactly the reference's arithmetic, so both give the same bits: every sum adds its terms in the JS
;; order; the SIMD (f64x2) runs ACROSS independent outputs (two elements of one vector or of one matrix row), a lane
;; doing exactly what the JS does for its element; the dot products keep the JS's four partial sums
;; ((s0 + s1) + (s2 + s3), s_t over the indices t mod 4), s0 and s1 as the lanes of one vector, s2 and s3 of another.
;; (G v)_i reads G's column i instead of its row i: the same numbers, since `gramian` mirrors its lower triangle, so
;; two or four outputs load side by side; two consecutive entries of a row have their dot products computed side by
;; side, then out = (out + w0 y0) + w1 y1, the JS's two passes in one. Factor tables and confidences are float32,
;; promoted exactly to float64 (the half step's fixed side arrives promoted, as float64 rows); solved rows are
;; rounded back to float32 (f32.demote_f64, round to nearest even, as a Float32Array store).
;; WebAssembly never fuses a multiply and an add; f64.sqrt is correctly rounded, as Math.sqrt. Pointers are byte
;; offsets into the imported memory. Built into ials-kernels-binary.ts by `npm run build:wasm`.
(module
  (import "env" "memory" (memory 1 65536))

  ;; Solves A x = b in place (n x n at $a, row-major, lower triangle read; b [n] at $b); 0 when not positive definite.
  ;; (As in als-kernels.wat: Cholesky-Banachiewicz, then both substitutions, scalar, in the reference's order.)
  (func $cholesky (param $a i32) (param $b i32) (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $k i32) (local $ri i32) (local $rj i32) (local $s f64) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $factorDone (loop $rowsI
      (br_if $factorDone (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $ri (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
      (local.set $j (i32.const 0))
      (block $colsDone (loop $colsJ
        (br_if $colsDone (i32.gt_s (local.get $j) (local.get $i)))
        (local.set $rj (i32.add (local.get $a) (i32.mul (local.get $j) (local.get $rowBytes))))
        (local.set $s (f64.load (i32.add (local.get $ri) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $k (i32.const 0))
        (block $kDone (loop $ks
          (br_if $kDone (i32.ge_s (local.get $k) (local.get $j)))
          (local.set $s (f64.sub (local.get $s) (f64.mul
            (f64.load (i32.add (local.get $ri) (i32.shl (local.get $k) (i32.const 3))))
            (f64.load (i32.add (local.get $rj) (i32.shl (local.get $k) (i32.const 3)))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $ks)))
        (if (i32.eq (local.get $i) (local.get $j))
          (then
            (if (i32.eqz (f64.gt (local.get $s) (f64.const 0))) (then (return (i32.const 0))))
            (f64.store (i32.add (local.get $ri) (i32.shl (local.get $i) (i32.const 3))) (f64.sqrt (local.get $s))))
          (else
            (f64.store (i32.add (local.get $ri) (i32.shl (local.get $j) (i32.const 3)))
              (f64.div (local.get $s) (f64.load (i32.add (local.get $rj) (i32.shl (local.get $j) (i32.const 3))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $colsJ)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rowsI)))
    ;; forward substitution L y = b
    (local.set $i (i32.const 0))
    (block $fwdDone (loop $fwd
      (br_if $fwdDone (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $ri (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
      (local.set $s (f64.load (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $k (i32.const 0))
      (block $kDone2 (loop $ks2
        (br_if $kDone2 (i32.ge_s (local.get $k) (local.get $i)))
        (local.set $s (f64.sub (local.get $s) (f64.mul
          (f64.load (i32.add (local.get $ri) (i32.shl (local.get $k) (i32.const 3))))
          (f64.load (i32.add (local.get $b) (i32.shl (local.get $k) (i32.const 3)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $ks2)))
      (f64.store (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3)))
        (f64.div (local.get $s) (f64.load (i32.add (local.get $ri) (i32.shl (local.get $i) (i32.const 3))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $fwd)))
    ;; back substitution Lᵀ x = y
    (local.set $i (i32.sub (local.get $n) (i32.const 1)))
    (block $backDone (loop $back
      (br_if $backDone (i32.lt_s (local.get $i) (i32.const 0)))
      (local.set $s (f64.load (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $k (i32.add (local.get $i) (i32.const 1)))
      (block $kDone3 (loop $ks3
        (br_if $kDone3 (i32.ge_s (local.get $k) (local.get $n)))
        (local.set $s (f64.sub (local.get $s) (f64.mul
          (f64.load (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $k) (local.get $n)) (local.get $i)) (i32.const 3))))
          (f64.load (i32.add (local.get $b) (i32.shl (local.get $k) (i32.const 3)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $ks3)))
      (f64.store (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3)))
        (f64.div (local.get $s) (f64.load (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $i)) (i32.const 3))))))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $back)))
    (i32.const 1))

  ;; `dot32(fixed, yo, v, d)`: Σ_i y[i] v[i] (y and v float64; y a promoted float32 row) with the JS's four partial
  ;; sums: lanes (s0, s1) in $lo and (s2, s3) in $hi; the tail i >= d & ~3 goes to s0; then (s0 + s1) + (s2 + s3).
  (func $dot64 (param $y i32) (param $v i32) (param $d i32) (result f64)
    (local $j i32) (local $quadBytes i32) (local $bytes i32) (local $lo v128) (local $hi v128) (local $s0 f64)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $quadBytes (i32.shl (i32.and (local.get $d) (i32.const -4)) (i32.const 3)))
    (block $done (loop $quads
      (br_if $done (i32.ge_u (local.get $j) (local.get $quadBytes)))
      (local.set $lo (f64x2.add (local.get $lo) (f64x2.mul
        (v128.load (i32.add (local.get $y) (local.get $j))) (v128.load (i32.add (local.get $v) (local.get $j))))))
      (local.set $hi (f64x2.add (local.get $hi) (f64x2.mul
        (v128.load offset=16 (i32.add (local.get $y) (local.get $j))) (v128.load offset=16 (i32.add (local.get $v) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 32)))
      (br $quads)))
    (local.set $s0 (f64x2.extract_lane 0 (local.get $lo)))
    (block $tailDone (loop $tail
      (br_if $tailDone (i32.ge_u (local.get $j) (local.get $bytes)))
      (local.set $s0 (f64.add (local.get $s0) (f64.mul
        (f64.load (i32.add (local.get $y) (local.get $j))) (f64.load (i32.add (local.get $v) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $tail)))
    (f64.add
      (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $lo)))
      (f64.add (f64x2.extract_lane 0 (local.get $hi)) (f64x2.extract_lane 1 (local.get $hi)))))

  ;; out[i..] += w y[i..] for i < d (y and out float64): pairs, then a last odd one.
  (func $axpy64 (param $out i32) (param $y i32) (param $d i32) (param $w f64)
    (local $j i32) (local $pairBytes i32) (local $bytes i32) (local $wv v128) (local $at i32)
    (local.set $wv (f64x2.splat (local.get $w)))
    (local.set $bytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $pairBytes (i32.shl (i32.and (local.get $d) (i32.const -2)) (i32.const 3)))
    (block $done (loop $pairs
      (br_if $done (i32.ge_u (local.get $j) (local.get $pairBytes)))
      (local.set $at (i32.add (local.get $out) (local.get $j)))
      (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at))
        (f64x2.mul (local.get $wv) (v128.load (i32.add (local.get $y) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $pairs)))
    (if (i32.lt_u (local.get $j) (local.get $bytes)) (then
      (local.set $at (i32.add (local.get $out) (local.get $j)))
      (f64.store (local.get $at) (f64.add (f64.load (local.get $at))
        (f64.mul (local.get $w) (f64.load (i32.add (local.get $y) (local.get $j))))))))
  )

  ;; Two consecutive entries of `applyA`'s loop at once: their dots (y0·v, y1·v, each as $dot64) side by side, then
  ;; out = (out + w0 y0) + w1 y1 per element, the JS's two passes in one (w = c dot).
  (func $two_entries (param $out i32) (param $y0 i32) (param $y1 i32) (param $v i32) (param $d i32) (param $c0 f64) (param $c1 f64)
    (local $j i32) (local $quadBytes i32) (local $pairBytes i32) (local $bytes i32)
    (local $lo0 v128) (local $hi0 v128) (local $lo1 v128) (local $hi1 v128) (local $vlo v128) (local $vhi v128)
    (local $t0 f64) (local $t1 f64) (local $w0 f64) (local $w1 f64) (local $wv0 v128) (local $wv1 v128) (local $at i32)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $quadBytes (i32.shl (i32.and (local.get $d) (i32.const -4)) (i32.const 3)))
    (local.set $pairBytes (i32.shl (i32.and (local.get $d) (i32.const -2)) (i32.const 3)))
    (block $done (loop $quads
      (br_if $done (i32.ge_u (local.get $j) (local.get $quadBytes)))
      (local.set $vlo (v128.load (i32.add (local.get $v) (local.get $j))))
      (local.set $vhi (v128.load offset=16 (i32.add (local.get $v) (local.get $j))))
      (local.set $lo0 (f64x2.add (local.get $lo0) (f64x2.mul (v128.load (i32.add (local.get $y0) (local.get $j))) (local.get $vlo))))
      (local.set $hi0 (f64x2.add (local.get $hi0) (f64x2.mul (v128.load offset=16 (i32.add (local.get $y0) (local.get $j))) (local.get $vhi))))
      (local.set $lo1 (f64x2.add (local.get $lo1) (f64x2.mul (v128.load (i32.add (local.get $y1) (local.get $j))) (local.get $vlo))))
      (local.set $hi1 (f64x2.add (local.get $hi1) (f64x2.mul (v128.load offset=16 (i32.add (local.get $y1) (local.get $j))) (local.get $vhi))))
      (local.set $j (i32.add (local.get $j) (i32.const 32)))
      (br $quads)))
    (local.set $t0 (f64x2.extract_lane 0 (local.get $lo0)))
    (local.set $t1 (f64x2.extract_lane 0 (local.get $lo1)))
    (block $tailDone (loop $tail
      (br_if $tailDone (i32.ge_u (local.get $j) (local.get $bytes)))
      (local.set $t0 (f64.add (local.get $t0) (f64.mul
        (f64.load (i32.add (local.get $y0) (local.get $j))) (f64.load (i32.add (local.get $v) (local.get $j))))))
      (local.set $t1 (f64.add (local.get $t1) (f64.mul
        (f64.load (i32.add (local.get $y1) (local.get $j))) (f64.load (i32.add (local.get $v) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $tail)))
    (local.set $w0 (f64.mul (local.get $c0) (f64.add
      (f64.add (local.get $t0) (f64x2.extract_lane 1 (local.get $lo0)))
      (f64.add (f64x2.extract_lane 0 (local.get $hi0)) (f64x2.extract_lane 1 (local.get $hi0))))))
    (local.set $w1 (f64.mul (local.get $c1) (f64.add
      (f64.add (local.get $t1) (f64x2.extract_lane 1 (local.get $lo1)))
      (f64.add (f64x2.extract_lane 0 (local.get $hi1)) (f64x2.extract_lane 1 (local.get $hi1))))))
    (local.set $wv0 (f64x2.splat (local.get $w0)))
    (local.set $wv1 (f64x2.splat (local.get $w1)))
    (local.set $j (i32.const 0))
    (block $pDone (loop $pairs
      (br_if $pDone (i32.ge_u (local.get $j) (local.get $pairBytes)))
      (local.set $at (i32.add (local.get $out) (local.get $j)))
      (v128.store (local.get $at) (f64x2.add
        (f64x2.add (v128.load (local.get $at)) (f64x2.mul (local.get $wv0) (v128.load (i32.add (local.get $y0) (local.get $j)))))
        (f64x2.mul (local.get $wv1) (v128.load (i32.add (local.get $y1) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $pairs)))
    (if (i32.lt_u (local.get $j) (local.get $bytes)) (then
      (local.set $at (i32.add (local.get $out) (local.get $j)))
      (f64.store (local.get $at) (f64.add
        (f64.add (f64.load (local.get $at)) (f64.mul (local.get $w0) (f64.load (i32.add (local.get $y0) (local.get $j)))))
        (f64.mul (local.get $w1) (f64.load (i32.add (local.get $y1) (local.get $j))))))))
  )

  ;; `applyA`: out = A v for the CSR entries [from, to) of one row: first out[i] = α0 dot64(G row i, v) + λ v[i]
  ;; (four outputs at a time from G's columns, then two, then one from its row), then for each entry in turn
  ;; w = c dot32(y, v) and out += w y.
  (func $apply_a (param $g i32) (param $indices i32) (param $values i32) (param $from i32) (param $to i32)
      (param $fixed i32) (param $v i32) (param $lambda f64) (param $alpha0 f64) (param $d i32) (param $out i32)
    (local $i i32) (local $k i32) (local $d4 i32) (local $rowBytes i32) (local $col i32) (local $e i32) (local $yo i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $vk v128) (local $va v128) (local $vl v128)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64) (local $row i32)
    (local.set $d4 (i32.and (local.get $d) (i32.const -4)))
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $va (f64x2.splat (local.get $alpha0)))
    (local.set $vl (f64x2.splat (local.get $lambda)))
    ;; outputs i .. i + 3
    (block $quadsDone (loop $quads
      (br_if $quadsDone (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $d)))
      (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0))
      (local.set $a2 (v128.const i64x2 0 0)) (local.set $a3 (v128.const i64x2 0 0))
      (local.set $b0 (v128.const i64x2 0 0)) (local.set $b1 (v128.const i64x2 0 0))
      (local.set $b2 (v128.const i64x2 0 0)) (local.set $b3 (v128.const i64x2 0 0))
      (local.set $col (i32.add (local.get $g) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $k (i32.const 0))
      (block $kDone (loop $ks
        (br_if $kDone (i32.ge_s (local.get $k) (local.get $d4)))
        (local.set $vk (v128.load64_splat (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $col)) (local.get $vk))))
        (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (v128.load offset=16 (local.get $col)) (local.get $vk))))
        (local.set $col (i32.add (local.get $col) (local.get $rowBytes)))
        (local.set $vk (v128.load64_splat offset=8 (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load (local.get $col)) (local.get $vk))))
        (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (v128.load offset=16 (local.get $col)) (local.get $vk))))
        (local.set $col (i32.add (local.get $col) (local.get $rowBytes)))
        (local.set $vk (v128.load64_splat offset=16 (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load (local.get $col)) (local.get $vk))))
        (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (v128.load offset=16 (local.get $col)) (local.get $vk))))
        (local.set $col (i32.add (local.get $col) (local.get $rowBytes)))
        (local.set $vk (v128.load64_splat offset=24 (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load (local.get $col)) (local.get $vk))))
        (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (v128.load offset=16 (local.get $col)) (local.get $vk))))
        (local.set $col (i32.add (local.get $col) (local.get $rowBytes)))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $ks)))
      (block $tDone (loop $ts
        (br_if $tDone (i32.ge_s (local.get $k) (local.get $d)))
        (local.set $vk (v128.load64_splat (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $col)) (local.get $vk))))
        (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (v128.load offset=16 (local.get $col)) (local.get $vk))))
        (local.set $col (i32.add (local.get $col) (local.get $rowBytes)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $ts)))
      (local.set $row (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $k (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const 3))))
      (v128.store (local.get $row) (f64x2.add
        (f64x2.mul (local.get $va) (f64x2.add (f64x2.add (local.get $a0) (local.get $a1)) (f64x2.add (local.get $a2) (local.get $a3))))
        (f64x2.mul (local.get $vl) (v128.load (local.get $k)))))
      (v128.store offset=16 (local.get $row) (f64x2.add
        (f64x2.mul (local.get $va) (f64x2.add (f64x2.add (local.get $b0) (local.get $b1)) (f64x2.add (local.get $b2) (local.get $b3))))
        (f64x2.mul (local.get $vl) (v128.load offset=16 (local.get $k)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $quads)))
    ;; outputs i, i + 1
    (if (i32.le_s (i32.add (local.get $i) (i32.const 2)) (local.get $d)) (then
      (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0))
      (local.set $a2 (v128.const i64x2 0 0)) (local.set $a3 (v128.const i64x2 0 0))
      (local.set $col (i32.add (local.get $g) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $k (i32.const 0))
      (block $kDone2 (loop $ks2
        (br_if $kDone2 (i32.ge_s (local.get $k) (local.get $d4)))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $col))
          (v128.load64_splat (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3)))))))
        (local.set $col (i32.add (local.get $col) (local.get $rowBytes)))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load (local.get $col))
          (v128.load64_splat offset=8 (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3)))))))
        (local.set $col (i32.add (local.get $col) (local.get $rowBytes)))
        (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load (local.get $col))
          (v128.load64_splat offset=16 (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3)))))))
        (local.set $col (i32.add (local.get $col) (local.get $rowBytes)))
        (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load (local.get $col))
          (v128.load64_splat offset=24 (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3)))))))
        (local.set $col (i32.add (local.get $col) (local.get $rowBytes)))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $ks2)))
      (block $tDone2 (loop $ts2
        (br_if $tDone2 (i32.ge_s (local.get $k) (local.get $d)))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $col))
          (v128.load64_splat (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3)))))))
        (local.set $col (i32.add (local.get $col) (local.get $rowBytes)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $ts2)))
      (local.set $row (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))))
      (v128.store (local.get $row) (f64x2.add
        (f64x2.mul (local.get $va) (f64x2.add (f64x2.add (local.get $a0) (local.get $a1)) (f64x2.add (local.get $a2) (local.get $a3))))
        (f64x2.mul (local.get $vl) (v128.load (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const 3)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))))
    ;; a last odd output i, from G's row i, scalar
    (if (i32.lt_s (local.get $i) (local.get $d)) (then
      (local.set $row (i32.add (local.get $g) (i32.mul (local.get $i) (local.get $rowBytes))))
      (local.set $k (i32.const 0))
      (block $kDone3 (loop $ks3
        (br_if $kDone3 (i32.ge_s (local.get $k) (local.get $d4)))
        (local.set $col (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 3))))
        (local.set $e (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3))))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (local.get $col)) (f64.load (local.get $e)))))
        (local.set $s1 (f64.add (local.get $s1) (f64.mul (f64.load offset=8 (local.get $col)) (f64.load offset=8 (local.get $e)))))
        (local.set $s2 (f64.add (local.get $s2) (f64.mul (f64.load offset=16 (local.get $col)) (f64.load offset=16 (local.get $e)))))
        (local.set $s3 (f64.add (local.get $s3) (f64.mul (f64.load offset=24 (local.get $col)) (f64.load offset=24 (local.get $e)))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $ks3)))
      (block $tDone3 (loop $ts3
        (br_if $tDone3 (i32.ge_s (local.get $k) (local.get $d)))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul
          (f64.load (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 3))))
          (f64.load (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $ts3)))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) (f64.add
        (f64.mul (local.get $alpha0) (f64.add (f64.add (local.get $s0) (local.get $s1)) (f64.add (local.get $s2) (local.get $s3))))
        (f64.mul (local.get $lambda) (f64.load (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const 3)))))))))
    ;; the row's entries, in turn: two at a time, then a last odd one
    (local.set $e (local.get $from))
    (block $eDone (loop $es
      (br_if $eDone (i32.gt_s (i32.add (local.get $e) (i32.const 2)) (local.get $to)))
      (local.set $k (i32.add (local.get $indices) (i32.shl (local.get $e) (i32.const 2))))
      (local.set $row (i32.add (local.get $values) (i32.shl (local.get $e) (i32.const 2))))
      (call $two_entries (local.get $out)
        (i32.add (local.get $fixed) (i32.mul (i32.load (local.get $k)) (local.get $rowBytes)))
        (i32.add (local.get $fixed) (i32.mul (i32.load offset=4 (local.get $k)) (local.get $rowBytes)))
        (local.get $v) (local.get $d)
        (f64.promote_f32 (f32.load (local.get $row))) (f64.promote_f32 (f32.load offset=4 (local.get $row))))
      (local.set $e (i32.add (local.get $e) (i32.const 2)))
      (br $es)))
    (if (i32.lt_s (local.get $e) (local.get $to)) (then
      (local.set $yo (i32.add (local.get $fixed)
        (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $e) (i32.const 2)))) (local.get $rowBytes))))
      (call $axpy64 (local.get $out) (local.get $yo) (local.get $d)
        (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $e) (i32.const 2)))))
          (call $dot64 (local.get $yo) (local.get $v) (local.get $d))))))
  )

  ;; g[a][b] += ya y[b] for b <= a (y float32; grow = &g[a][0]): pairs of b, then a last odd one.
  (func $gram_one (param $grow i32) (param $y i32) (param $a i32) (param $ya f64)
    (local $b i32) (local $yv v128) (local $at i32)
    (local.set $yv (f64x2.splat (local.get $ya)))
    (block $bDone (loop $bs
      (br_if $bDone (i32.gt_s (i32.add (local.get $b) (i32.const 1)) (local.get $a)))
      (local.set $at (i32.add (local.get $grow) (i32.shl (local.get $b) (i32.const 3))))
      (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at))
        (f64x2.mul (local.get $yv) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $y) (i32.shl (local.get $b) (i32.const 2))))))))
      (local.set $b (i32.add (local.get $b) (i32.const 2)))
      (br $bs)))
    (if (i32.le_s (local.get $b) (local.get $a)) (then
      (local.set $at (i32.add (local.get $grow) (i32.shl (local.get $b) (i32.const 3))))
      (f64.store (local.get $at) (f64.add (f64.load (local.get $at))
        (f64.mul (local.get $ya) (f64.promote_f32 (f32.load (i32.add (local.get $y) (i32.shl (local.get $b) (i32.const 2)))))))))))

  ;; Two consecutive rows' terms at once: g[a][b] = (g[a][b] + ya0 y0[b]) + ya1 y1[b] for b <= a, the order of
  ;; adding them one row after the other.
  (func $gram_two (param $grow i32) (param $y0 i32) (param $y1 i32) (param $a i32) (param $ya0 f64) (param $ya1 f64)
    (local $b i32) (local $v0 v128) (local $v1 v128) (local $at i32)
    (local.set $v0 (f64x2.splat (local.get $ya0)))
    (local.set $v1 (f64x2.splat (local.get $ya1)))
    (block $bDone (loop $bs
      (br_if $bDone (i32.gt_s (i32.add (local.get $b) (i32.const 1)) (local.get $a)))
      (local.set $at (i32.add (local.get $grow) (i32.shl (local.get $b) (i32.const 3))))
      (v128.store (local.get $at) (f64x2.add
        (f64x2.add (v128.load (local.get $at))
          (f64x2.mul (local.get $v0) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $y0) (i32.shl (local.get $b) (i32.const 2)))))))
        (f64x2.mul (local.get $v1) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $y1) (i32.shl (local.get $b) (i32.const 2))))))))
      (local.set $b (i32.add (local.get $b) (i32.const 2)))
      (br $bs)))
    (if (i32.le_s (local.get $b) (local.get $a)) (then
      (local.set $at (i32.add (local.get $grow) (i32.shl (local.get $b) (i32.const 3))))
      (f64.store (local.get $at) (f64.add
        (f64.add (f64.load (local.get $at))
          (f64.mul (local.get $ya0) (f64.promote_f32 (f32.load (i32.add (local.get $y0) (i32.shl (local.get $b) (i32.const 2)))))))
        (f64.mul (local.get $ya1) (f64.promote_f32 (f32.load (i32.add (local.get $y1) (i32.shl (local.get $b) (i32.const 2)))))))))))

  ;; `gramian(factors, rows, dim)` into g f64 [dim * dim]: g = 0; for each row r in turn and each a with
  ;; y_ra != 0, g[a][b] += y_ra y_rb for b <= a; then the upper triangle mirrored. Rows two at a time (for each a,
  ;; both rows' terms, each only when its y_ra != 0, in row order), then a last odd one.
  (func (export "gramian") (param $f i32) (param $rows i32) (param $d i32) (param $g i32)
    (local $r i32) (local $o i32) (local $o1 i32) (local $a i32) (local $b i32) (local $ya f64) (local $ya1 f64) (local $row i32)
    (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (memory.fill (local.get $g) (i32.const 0) (i32.mul (local.get $d) (local.get $rowBytes)))
    (block $rDone (loop $rs
      (br_if $rDone (i32.gt_s (i32.add (local.get $r) (i32.const 2)) (local.get $rows)))
      (local.set $o (i32.add (local.get $f) (i32.shl (i32.mul (local.get $r) (local.get $d)) (i32.const 2))))
      (local.set $o1 (i32.add (local.get $o) (i32.shl (local.get $d) (i32.const 2))))
      (local.set $a (i32.const 0))
      (block $aDone (loop $as
        (br_if $aDone (i32.ge_s (local.get $a) (local.get $d)))
        (local.set $ya (f64.promote_f32 (f32.load (i32.add (local.get $o) (i32.shl (local.get $a) (i32.const 2))))))
        (local.set $ya1 (f64.promote_f32 (f32.load (i32.add (local.get $o1) (i32.shl (local.get $a) (i32.const 2))))))
        (local.set $row (i32.add (local.get $g) (i32.mul (local.get $a) (local.get $rowBytes))))
        (if (f64.ne (local.get $ya) (f64.const 0))
          (then
            (if (f64.ne (local.get $ya1) (f64.const 0))
              (then (call $gram_two (local.get $row) (local.get $o) (local.get $o1) (local.get $a) (local.get $ya) (local.get $ya1)))
              (else (call $gram_one (local.get $row) (local.get $o) (local.get $a) (local.get $ya)))))
          (else
            (if (f64.ne (local.get $ya1) (f64.const 0))
              (then (call $gram_one (local.get $row) (local.get $o1) (local.get $a) (local.get $ya1))))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $as)))
      (local.set $r (i32.add (local.get $r) (i32.const 2)))
      (br $rs)))
    (if (i32.lt_s (local.get $r) (local.get $rows)) (then
      (local.set $o (i32.add (local.get $f) (i32.shl (i32.mul (local.get $r) (local.get $d)) (i32.const 2))))
      (local.set $a (i32.const 0))
      (block $a2Done (loop $a2s
        (br_if $a2Done (i32.ge_s (local.get $a) (local.get $d)))
        (local.set $ya (f64.promote_f32 (f32.load (i32.add (local.get $o) (i32.shl (local.get $a) (i32.const 2))))))
        (if (f64.ne (local.get $ya) (f64.const 0)) (then
          (call $gram_one (i32.add (local.get $g) (i32.mul (local.get $a) (local.get $rowBytes))) (local.get $o) (local.get $a) (local.get $ya))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $a2s)))))
    ;; g[b][a] = g[a][b] for b < a
    (local.set $a (i32.const 0))
    (block $mDone (loop $ms
      (br_if $mDone (i32.ge_s (local.get $a) (local.get $d)))
      (local.set $b (i32.const 0))
      (block $m2Done (loop $m2s
        (br_if $m2Done (i32.ge_s (local.get $b) (local.get $a)))
        (f64.store (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $b) (local.get $d)) (local.get $a)) (i32.const 3)))
          (f64.load (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $a) (local.get $d)) (local.get $b)) (i32.const 3)))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $m2s)))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br $ms)))
  )

  ;; `ialsHalfStep` over `rows` CSR rows (offsets i32 [rows + 1], indices i32, values f32: the confidences) with the
  ;; fixed side's factors (f64 [* d], the float32 table promoted), solving the rows of `solved` (f32 [rows * d]) that have entries; lambdas f64
  ;; [rows] holds each row's λ_r, g f64 [d * d] the fixed side's `gramian`. `exact` 1: Cholesky solves (scratch a f64
  ;; [d * d], x f64 [d]); 0: `cgSteps` conjugate-gradient steps from the current row (scratch x, r, p, ap f64 [d]).
  ;; Returns -1, or the first row whose normal equations are not positive definite (exact only).
  (func (export "ials_half_step")
      (param $rows i32) (param $offsets i32) (param $indices i32) (param $values i32) (param $fixed i32) (param $solved i32)
      (param $lambdas i32) (param $g i32) (param $alpha0 f64) (param $d i32) (param $exact i32) (param $cgSteps i32)
      (param $a i32) (param $x i32) (param $r i32) (param $p i32) (param $ap i32) (result i32)
    (local $row i32) (local $from i32) (local $to i32) (local $e i32) (local $lambda f64) (local $xo i32) (local $yo i32)
    (local $i i32) (local $k i32) (local $dd i32) (local $c f64) (local $cy f64) (local $at i32) (local $vec v128)
    (local $rr f64) (local $pap f64) (local $alpha f64) (local $next f64) (local $beta f64) (local $step i32) (local $t f64)
    (local $vBytes i32) (local $av v128)
    (local.set $dd (i32.mul (local.get $d) (local.get $d)))
    (local.set $vBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $av (f64x2.splat (local.get $alpha0)))
    (block $rowsDone (loop $rowsLoop
      (br_if $rowsDone (i32.ge_s (local.get $row) (local.get $rows)))
      (local.set $from (i32.load (i32.add (local.get $offsets) (i32.shl (local.get $row) (i32.const 2)))))
      (local.set $to (i32.load offset=4 (i32.add (local.get $offsets) (i32.shl (local.get $row) (i32.const 2)))))
      (if (i32.ne (local.get $from) (local.get $to)) (then
        (local.set $lambda (f64.load (i32.add (local.get $lambdas) (i32.shl (local.get $row) (i32.const 3)))))
        (local.set $xo (i32.add (local.get $solved) (i32.shl (i32.mul (local.get $row) (local.get $d)) (i32.const 2))))
        (if (local.get $exact)
          (then
            ;; a = α0 G (pairs, then a last odd element); x = 0
            (local.set $k (i32.const 0))
            (block $cDone (loop $cs
              (br_if $cDone (i32.gt_s (i32.add (local.get $k) (i32.const 2)) (local.get $dd)))
              (v128.store (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3)))
                (f64x2.mul (local.get $av) (v128.load (i32.add (local.get $g) (i32.shl (local.get $k) (i32.const 3))))))
              (local.set $k (i32.add (local.get $k) (i32.const 2)))
              (br $cs)))
            (if (i32.lt_s (local.get $k) (local.get $dd)) (then
              (f64.store (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3)))
                (f64.mul (local.get $alpha0) (f64.load (i32.add (local.get $g) (i32.shl (local.get $k) (i32.const 3))))))))
            (memory.fill (local.get $x) (i32.const 0) (local.get $vBytes))
            ;; for each entry: cy = c y_i; x[i] += cy; a[i][j] += cy y_j for j <= i
            (local.set $e (local.get $from))
            (block $eDone (loop $es
              (br_if $eDone (i32.ge_s (local.get $e) (local.get $to)))
              (local.set $yo (i32.add (local.get $fixed)
                (i32.shl (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $e) (i32.const 2)))) (local.get $d)) (i32.const 3))))
              (local.set $c (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $e) (i32.const 2))))))
              (local.set $i (i32.const 0))
              (block $iDone (loop $is
                (br_if $iDone (i32.ge_s (local.get $i) (local.get $d)))
                (local.set $cy (f64.mul (local.get $c) (f64.load (i32.add (local.get $yo) (i32.shl (local.get $i) (i32.const 3))))))
                (local.set $at (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))
                (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (local.get $cy)))
                (call $axpy64 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $vBytes))) (local.get $yo) (i32.add (local.get $i) (i32.const 1)) (local.get $cy))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $is)))
              (local.set $e (i32.add (local.get $e) (i32.const 1)))
              (br $es)))
            (local.set $i (i32.const 0))
            (block $dDone (loop $ds
              (br_if $dDone (i32.ge_s (local.get $i) (local.get $d)))
              (local.set $at (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (i32.add (local.get $d) (i32.const 1))) (i32.const 3))))
              (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (local.get $lambda)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $ds)))
            (if (i32.eqz (call $cholesky (local.get $a) (local.get $x) (local.get $d))) (then (return (local.get $row)))))
          (else
            ;; conjugate gradient from the current row: x = solved row; r = b - A x; p = r
            (local.set $i (i32.const 0))
            (block $xDone (loop $xs
              (br_if $xDone (i32.ge_s (local.get $i) (local.get $d)))
              (f64.store (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))
                (f64.promote_f32 (f32.load (i32.add (local.get $xo) (i32.shl (local.get $i) (i32.const 2))))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $xs)))
            (call $apply_a (local.get $g) (local.get $indices) (local.get $values) (local.get $from) (local.get $to)
              (local.get $fixed) (local.get $x) (local.get $lambda) (local.get $alpha0) (local.get $d) (local.get $r))
            (local.set $i (i32.const 0))
            (block $nDone (loop $ns
              (br_if $nDone (i32.ge_s (local.get $i) (local.get $d)))
              (local.set $at (i32.add (local.get $r) (i32.shl (local.get $i) (i32.const 3))))
              (f64.store (local.get $at) (f64.neg (f64.load (local.get $at))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $ns)))
            (local.set $e (local.get $from))
            (block $bDone (loop $bs
              (br_if $bDone (i32.ge_s (local.get $e) (local.get $to)))
              (call $axpy64 (local.get $r)
                (i32.add (local.get $fixed)
                  (i32.shl (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $e) (i32.const 2)))) (local.get $d)) (i32.const 3)))
                (local.get $d)
                (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $e) (i32.const 2))))))
              (local.set $e (i32.add (local.get $e) (i32.const 1)))
              (br $bs)))
            (local.set $rr (f64.const 0))
            (local.set $i (i32.const 0))
            (block $rrDone (loop $rrs
              (br_if $rrDone (i32.ge_s (local.get $i) (local.get $d)))
              (local.set $t (f64.load (i32.add (local.get $r) (i32.shl (local.get $i) (i32.const 3)))))
              (local.set $rr (f64.add (local.get $rr) (f64.mul (local.get $t) (local.get $t))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $rrs)))
            (memory.copy (local.get $p) (local.get $r) (local.get $vBytes))
            (local.set $step (i32.const 0))
            (block $cgDone (loop $cg
              (br_if $cgDone (i32.ge_s (local.get $step) (local.get $cgSteps)))
              (br_if $cgDone (i32.eqz (f64.gt (local.get $rr) (f64.const 1e-20))))
              (call $apply_a (local.get $g) (local.get $indices) (local.get $values) (local.get $from) (local.get $to)
                (local.get $fixed) (local.get $p) (local.get $lambda) (local.get $alpha0) (local.get $d) (local.get $ap))
              (local.set $pap (f64.const 0))
              (local.set $i (i32.const 0))
              (block $papDone (loop $paps
                (br_if $papDone (i32.ge_s (local.get $i) (local.get $d)))
                (local.set $pap (f64.add (local.get $pap) (f64.mul
                  (f64.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 3))))
                  (f64.load (i32.add (local.get $ap) (i32.shl (local.get $i) (i32.const 3)))))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $paps)))
              (local.set $alpha (f64.div (local.get $rr) (local.get $pap)))
              (local.set $next (f64.const 0))
              (local.set $i (i32.const 0))
              (block $uDone (loop $us
                (br_if $uDone (i32.ge_s (local.get $i) (local.get $d)))
                (local.set $k (i32.shl (local.get $i) (i32.const 3)))
                (local.set $at (i32.add (local.get $x) (local.get $k)))
                (f64.store (local.get $at) (f64.add (f64.load (local.get $at))
                  (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $p) (local.get $k))))))
                (local.set $at (i32.add (local.get $r) (local.get $k)))
                (local.set $t (f64.sub (f64.load (local.get $at))
                  (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $ap) (local.get $k))))))
                (f64.store (local.get $at) (local.get $t))
                (local.set $next (f64.add (local.get $next) (f64.mul (local.get $t) (local.get $t))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $us)))
              (local.set $beta (f64.div (local.get $next) (local.get $rr)))
              (local.set $vec (f64x2.splat (local.get $beta)))
              (local.set $i (i32.const 0))
              (block $pDone (loop $ps
                (br_if $pDone (i32.gt_s (i32.add (local.get $i) (i32.const 2)) (local.get $d)))
                (local.set $k (i32.shl (local.get $i) (i32.const 3)))
                (v128.store (i32.add (local.get $p) (local.get $k)) (f64x2.add (v128.load (i32.add (local.get $r) (local.get $k)))
                  (f64x2.mul (local.get $vec) (v128.load (i32.add (local.get $p) (local.get $k))))))
                (local.set $i (i32.add (local.get $i) (i32.const 2)))
                (br $ps)))
              (if (i32.lt_s (local.get $i) (local.get $d)) (then
                (local.set $k (i32.shl (local.get $i) (i32.const 3)))
                (f64.store (i32.add (local.get $p) (local.get $k)) (f64.add (f64.load (i32.add (local.get $r) (local.get $k)))
                  (f64.mul (local.get $beta) (f64.load (i32.add (local.get $p) (local.get $k))))))))
              (local.set $rr (local.get $next))
              (local.set $step (i32.add (local.get $step) (i32.const 1)))
              (br $cg)))))
        ;; solved row = x, rounded to float32
        (local.set $i (i32.const 0))
        (block $sDone (loop $ss
          (br_if $sDone (i32.ge_s (local.get $i) (local.get $d)))
          (f32.store (i32.add (local.get $xo) (i32.shl (local.get $i) (i32.const 2)))
            (f32.demote_f64 (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $ss)))))
      (local.set $row (i32.add (local.get $row) (i32.const 1)))
      (br $rowsLoop)))
    (i32.const -1))
  ;; The observed part of `ialsObjective`: loss = Σ_k c_k (dot_k - 1)² over the triples (users i32, items i32, values
  ;; f32 [size]), dot_k = Σ_f U[u_k][f] I[i_k][f] one serial sum from f = 0, loss summed in k order from 0 as
  ;; loss + (c (dot - 1)) (dot - 1) (the JS's `loss += c * (dot - 1) * (dot - 1)`). Four triples at a time, each dot its
  ;; own scalar chain (U, I float32 [* d]).
  (func (export "observed_loss") (param $users i32) (param $items i32) (param $values i32) (param $size i32)
      (param $U i32) (param $I i32) (param $d i32) (result f64)
    (local $k i32) (local $f i32) (local $loss f64) (local $t f64) (local $c i32)
    (local $u0 i32) (local $u1 i32) (local $u2 i32) (local $u3 i32) (local $i0 i32) (local $i1 i32) (local $i2 i32) (local $i3 i32)
    (local $d0 f64) (local $d1 f64) (local $d2 f64) (local $d3 f64) (local $rowBytes i32) (local $at i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 2)))
    (block $quadsDone (loop $quads
      (br_if $quadsDone (i32.gt_s (i32.add (local.get $k) (i32.const 4)) (local.get $size)))
      (local.set $at (i32.add (local.get $users) (i32.shl (local.get $k) (i32.const 2))))
      (local.set $u0 (i32.add (local.get $U) (i32.mul (i32.load (local.get $at)) (local.get $rowBytes))))
      (local.set $u1 (i32.add (local.get $U) (i32.mul (i32.load offset=4 (local.get $at)) (local.get $rowBytes))))
      (local.set $u2 (i32.add (local.get $U) (i32.mul (i32.load offset=8 (local.get $at)) (local.get $rowBytes))))
      (local.set $u3 (i32.add (local.get $U) (i32.mul (i32.load offset=12 (local.get $at)) (local.get $rowBytes))))
      (local.set $at (i32.add (local.get $items) (i32.shl (local.get $k) (i32.const 2))))
      (local.set $i0 (i32.add (local.get $I) (i32.mul (i32.load (local.get $at)) (local.get $rowBytes))))
      (local.set $i1 (i32.add (local.get $I) (i32.mul (i32.load offset=4 (local.get $at)) (local.get $rowBytes))))
      (local.set $i2 (i32.add (local.get $I) (i32.mul (i32.load offset=8 (local.get $at)) (local.get $rowBytes))))
      (local.set $i3 (i32.add (local.get $I) (i32.mul (i32.load offset=12 (local.get $at)) (local.get $rowBytes))))
      (local.set $d0 (f64.const 0)) (local.set $d1 (f64.const 0)) (local.set $d2 (f64.const 0)) (local.set $d3 (f64.const 0))
      (local.set $f (i32.const 0))
      (block $fDone (loop $fs
        (br_if $fDone (i32.ge_s (local.get $f) (local.get $rowBytes)))
        (local.set $d0 (f64.add (local.get $d0) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $u0) (local.get $f))))
          (f64.promote_f32 (f32.load (i32.add (local.get $i0) (local.get $f)))))))
        (local.set $d1 (f64.add (local.get $d1) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $u1) (local.get $f))))
          (f64.promote_f32 (f32.load (i32.add (local.get $i1) (local.get $f)))))))
        (local.set $d2 (f64.add (local.get $d2) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $u2) (local.get $f))))
          (f64.promote_f32 (f32.load (i32.add (local.get $i2) (local.get $f)))))))
        (local.set $d3 (f64.add (local.get $d3) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $u3) (local.get $f))))
          (f64.promote_f32 (f32.load (i32.add (local.get $i3) (local.get $f)))))))
        (local.set $f (i32.add (local.get $f) (i32.const 4)))
        (br $fs)))
      (local.set $at (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 2))))
      (local.set $t (f64.sub (local.get $d0) (f64.const 1)))
      (local.set $loss (f64.add (local.get $loss) (f64.mul (f64.mul (f64.promote_f32 (f32.load (local.get $at))) (local.get $t)) (local.get $t))))
      (local.set $t (f64.sub (local.get $d1) (f64.const 1)))
      (local.set $loss (f64.add (local.get $loss) (f64.mul (f64.mul (f64.promote_f32 (f32.load offset=4 (local.get $at))) (local.get $t)) (local.get $t))))
      (local.set $t (f64.sub (local.get $d2) (f64.const 1)))
      (local.set $loss (f64.add (local.get $loss) (f64.mul (f64.mul (f64.promote_f32 (f32.load offset=8 (local.get $at))) (local.get $t)) (local.get $t))))
      (local.set $t (f64.sub (local.get $d3) (f64.const 1)))
      (local.set $loss (f64.add (local.get $loss) (f64.mul (f64.mul (f64.promote_f32 (f32.load offset=12 (local.get $at))) (local.get $t)) (local.get $t))))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $quads)))
    (block $tailDone (loop $tail
      (br_if $tailDone (i32.ge_s (local.get $k) (local.get $size)))
      (local.set $u0 (i32.add (local.get $U) (i32.mul (i32.load (i32.add (local.get $users) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rowBytes))))
      (local.set $i0 (i32.add (local.get $I) (i32.mul (i32.load (i32.add (local.get $items) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rowBytes))))
      (local.set $d0 (f64.const 0))
      (local.set $f (i32.const 0))
      (block $f2Done (loop $f2s
        (br_if $f2Done (i32.ge_s (local.get $f) (local.get $rowBytes)))
        (local.set $d0 (f64.add (local.get $d0) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $u0) (local.get $f))))
          (f64.promote_f32 (f32.load (i32.add (local.get $i0) (local.get $f)))))))
        (local.set $f (i32.add (local.get $f) (i32.const 4)))
        (br $f2s)))
      (local.set $t (f64.sub (local.get $d0) (f64.const 1)))
      (local.set $loss (f64.add (local.get $loss) (f64.mul (f64.mul
        (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 2))))) (local.get $t)) (local.get $t))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $tail)))
    (local.get $loss))

  ;; Per row r of F (float32 [rows * d]): quad[r] = Σ_a F[r][a] s_a with s_a = Σ_b G[a][b] F[r][b] (one serial sum
  ;; from b = 0, G's column a read for its row: G symmetric), and norm[r] = Σ_a F[r][a]², both summed from a = 0 (the
  ;; user loop of `ialsObjective`); s (f64 [d]) is scratch. The s_a four at a time, then two, then one.
  (func (export "row_quads") (param $F i32) (param $rows i32) (param $d i32) (param $g i32) (param $quad i32) (param $norm i32) (param $s i32)
    (local $r i32) (local $o i32) (local $a i32) (local $b i32) (local $col i32) (local $rowBytes i32) (local $fb v128)
    (local $lo v128) (local $hi v128) (local $q f64) (local $n f64) (local $y f64)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (block $rDone (loop $rs
      (br_if $rDone (i32.ge_s (local.get $r) (local.get $rows)))
      (local.set $o (i32.add (local.get $F) (i32.shl (i32.mul (local.get $r) (local.get $d)) (i32.const 2))))
      (local.set $a (i32.const 0))
      (block $aDone (loop $as
        (br_if $aDone (i32.gt_s (i32.add (local.get $a) (i32.const 4)) (local.get $d)))
        (local.set $lo (v128.const i64x2 0 0)) (local.set $hi (v128.const i64x2 0 0))
        (local.set $col (i32.add (local.get $g) (i32.shl (local.get $a) (i32.const 3))))
        (local.set $b (i32.const 0))
        (block $bDone (loop $bs
          (br_if $bDone (i32.ge_s (local.get $b) (local.get $d)))
          (local.set $fb (f64x2.splat (f64.promote_f32 (f32.load (i32.add (local.get $o) (i32.shl (local.get $b) (i32.const 2)))))))
          (local.set $lo (f64x2.add (local.get $lo) (f64x2.mul (v128.load (local.get $col)) (local.get $fb))))
          (local.set $hi (f64x2.add (local.get $hi) (f64x2.mul (v128.load offset=16 (local.get $col)) (local.get $fb))))
          (local.set $col (i32.add (local.get $col) (local.get $rowBytes)))
          (local.set $b (i32.add (local.get $b) (i32.const 1)))
          (br $bs)))
        (v128.store (i32.add (local.get $s) (i32.shl (local.get $a) (i32.const 3))) (local.get $lo))
        (v128.store offset=16 (i32.add (local.get $s) (i32.shl (local.get $a) (i32.const 3))) (local.get $hi))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (br $as)))
      (if (i32.le_s (i32.add (local.get $a) (i32.const 2)) (local.get $d)) (then
        (local.set $lo (v128.const i64x2 0 0))
        (local.set $col (i32.add (local.get $g) (i32.shl (local.get $a) (i32.const 3))))
        (local.set $b (i32.const 0))
        (block $b2Done (loop $b2s
          (br_if $b2Done (i32.ge_s (local.get $b) (local.get $d)))
          (local.set $lo (f64x2.add (local.get $lo) (f64x2.mul (v128.load (local.get $col))
            (f64x2.splat (f64.promote_f32 (f32.load (i32.add (local.get $o) (i32.shl (local.get $b) (i32.const 2)))))))))
          (local.set $col (i32.add (local.get $col) (local.get $rowBytes)))
          (local.set $b (i32.add (local.get $b) (i32.const 1)))
          (br $b2s)))
        (v128.store (i32.add (local.get $s) (i32.shl (local.get $a) (i32.const 3))) (local.get $lo))
        (local.set $a (i32.add (local.get $a) (i32.const 2)))))
      (if (i32.lt_s (local.get $a) (local.get $d)) (then
        (local.set $q (f64.const 0))
        (local.set $col (i32.add (local.get $g) (i32.mul (local.get $a) (local.get $rowBytes))))
        (local.set $b (i32.const 0))
        (block $b3Done (loop $b3s
          (br_if $b3Done (i32.ge_s (local.get $b) (local.get $d)))
          (local.set $q (f64.add (local.get $q) (f64.mul (f64.load (i32.add (local.get $col) (i32.shl (local.get $b) (i32.const 3))))
            (f64.promote_f32 (f32.load (i32.add (local.get $o) (i32.shl (local.get $b) (i32.const 2))))))))
          (local.set $b (i32.add (local.get $b) (i32.const 1)))
          (br $b3s)))
        (f64.store (i32.add (local.get $s) (i32.shl (local.get $a) (i32.const 3))) (local.get $q))))
      (local.set $q (f64.const 0))
      (local.set $n (f64.const 0))
      (local.set $a (i32.const 0))
      (block $sumDone (loop $sums
        (br_if $sumDone (i32.ge_s (local.get $a) (local.get $d)))
        (local.set $y (f64.promote_f32 (f32.load (i32.add (local.get $o) (i32.shl (local.get $a) (i32.const 2))))))
        (local.set $q (f64.add (local.get $q) (f64.mul (local.get $y) (f64.load (i32.add (local.get $s) (i32.shl (local.get $a) (i32.const 3)))))))
        (local.set $n (f64.add (local.get $n) (f64.mul (local.get $y) (local.get $y))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $sums)))
      (f64.store (i32.add (local.get $quad) (i32.shl (local.get $r) (i32.const 3))) (local.get $q))
      (f64.store (i32.add (local.get $norm) (i32.shl (local.get $r) (i32.const 3))) (local.get $n))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rs)))
  )
)
