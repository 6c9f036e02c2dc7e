;; One half of an ALS-WR iteration (the JS reference is `alsHalfStep` in src/models/factorization/als-half-step.ts,
;; with `choleskySolveInPlace` from cholesky.ts) with exactly its float64 arithmetic: the same operations in the
;; same order, so both give the same bits. Only the accumulation of Σ z zᵀ is paired (f64x2 over columns q, q+1 of
;; one matrix row: each element still adds its terms in rating order); the Cholesky factorisation and both
;; substitutions are scalar, in the reference's order. WebAssembly never fuses a multiply and an add; f64.sqrt is
;; correctly rounded, as Math.sqrt. Pointers are byte offsets into the imported memory.
;; Built into als-kernels-binary.ts by `npm run build:wasm`.
(module
  (import "env" "memory" (memory 1 65536))

  ;; Solves A x = b in place (n x n at $a, row-major, lower triangle read; b [n] at $b); 0 when not positive definite.
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

  ;; alsHalfStep over `rows` CSR rows (offsets i32 [rows + 1], indices i32, values f32) with the fixed side's
  ;; Y f64 [* dim] and d f64, solving X f64 [rows * dim] and c f64 [rows]; scratch a f64 [(dim+1)²], b f64 [dim+1].
  ;; Returns -1, or the first row whose system is not positive definite.
  (func (export "als_half_step")
      (param $rows i32) (param $offsets i32) (param $indices i32) (param $values i32)
      (param $Y i32) (param $d i32) (param $X i32) (param $c i32) (param $a i32) (param $b i32)
      (param $dim i32) (param $mean f64) (param $regFactors f64) (param $regBias f64) (result i32)
    (local $r i32) (local $e i32) (local $end i32) (local $count i32) (local $n1 i32) (local $j i32) (local $yo i32) (local $t f64)
    (local $p i32) (local $q i32) (local $row i32) (local $yp f64) (local $ypv v128) (local $last i32) (local $k i32) (local $cnt f64)
    (local.set $n1 (i32.add (local.get $dim) (i32.const 1)))
    (local.set $last (i32.add (local.get $a) (i32.shl (i32.mul (local.get $dim) (local.get $n1)) (i32.const 3))))
    (block $done (loop $rowsLoop
      (br_if $done (i32.ge_s (local.get $r) (local.get $rows)))
      (local.set $e (i32.load (i32.add (local.get $offsets) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $end (i32.load (i32.add (local.get $offsets) (i32.shl (i32.add (local.get $r) (i32.const 1)) (i32.const 2)))))
      (local.set $count (i32.sub (local.get $end) (local.get $e)))
      (if (i32.gt_s (local.get $count) (i32.const 0)) (then
        (memory.fill (local.get $a) (i32.const 0) (i32.shl (i32.mul (local.get $n1) (local.get $n1)) (i32.const 3)))
        (memory.fill (local.get $b) (i32.const 0) (i32.shl (local.get $n1) (i32.const 3)))
        (block $ratingsDone (loop $ratings
          (br_if $ratingsDone (i32.ge_s (local.get $e) (local.get $end)))
          (local.set $j (i32.load (i32.add (local.get $indices) (i32.shl (local.get $e) (i32.const 2)))))
          (local.set $yo (i32.add (local.get $Y) (i32.shl (i32.mul (local.get $j) (local.get $dim)) (i32.const 3))))
          (local.set $t (f64.sub
            (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $e) (i32.const 2))))) (local.get $mean))
            (f64.load (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 3))))))
          (local.set $p (i32.const 0))
          (block $pDone (loop $ps
            (br_if $pDone (i32.ge_s (local.get $p) (local.get $dim)))
            (local.set $yp (f64.load (i32.add (local.get $yo) (i32.shl (local.get $p) (i32.const 3)))))
            (local.set $ypv (f64x2.splat (local.get $yp)))
            (local.set $row (i32.add (local.get $a) (i32.shl (i32.mul (local.get $p) (local.get $n1)) (i32.const 3))))
            ;; q in [0, p]: pairs, then a last odd one
            (local.set $q (i32.const 0))
            (block $qDone (loop $qs
              (br_if $qDone (i32.gt_s (i32.add (local.get $q) (i32.const 1)) (local.get $p)))
              (v128.store (i32.add (local.get $row) (i32.shl (local.get $q) (i32.const 3)))
                (f64x2.add (v128.load (i32.add (local.get $row) (i32.shl (local.get $q) (i32.const 3))))
                  (f64x2.mul (local.get $ypv) (v128.load (i32.add (local.get $yo) (i32.shl (local.get $q) (i32.const 3)))))))
              (local.set $q (i32.add (local.get $q) (i32.const 2)))
              (br $qs)))
            (if (i32.le_s (local.get $q) (local.get $p)) (then
              (f64.store (i32.add (local.get $row) (i32.shl (local.get $q) (i32.const 3)))
                (f64.add (f64.load (i32.add (local.get $row) (i32.shl (local.get $q) (i32.const 3))))
                  (f64.mul (local.get $yp) (f64.load (i32.add (local.get $yo) (i32.shl (local.get $q) (i32.const 3)))))))))
            (f64.store (i32.add (local.get $b) (i32.shl (local.get $p) (i32.const 3)))
              (f64.add (f64.load (i32.add (local.get $b) (i32.shl (local.get $p) (i32.const 3)))) (f64.mul (local.get $t) (local.get $yp))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $ps)))
          ;; bias row: a[last + q] += Y[q]; a[last + dim] += 1; b[dim] += t
          (local.set $q (i32.const 0))
          (block $lDone (loop $ls
            (br_if $lDone (i32.ge_s (local.get $q) (local.get $dim)))
            (f64.store (i32.add (local.get $last) (i32.shl (local.get $q) (i32.const 3)))
              (f64.add (f64.load (i32.add (local.get $last) (i32.shl (local.get $q) (i32.const 3))))
                (f64.load (i32.add (local.get $yo) (i32.shl (local.get $q) (i32.const 3))))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $ls)))
          (local.set $k (i32.add (local.get $last) (i32.shl (local.get $dim) (i32.const 3))))
          (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (f64.const 1)))
          (local.set $k (i32.add (local.get $b) (i32.shl (local.get $dim) (i32.const 3))))
          (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (local.get $t)))
          (local.set $e (i32.add (local.get $e) (i32.const 1)))
          (br $ratings)))
        ;; ridge terms
        (local.set $cnt (f64.convert_i32_s (local.get $count)))
        (local.set $p (i32.const 0))
        (block $diagDone (loop $diag
          (br_if $diagDone (i32.ge_s (local.get $p) (local.get $dim)))
          (local.set $k (i32.add (local.get $a) (i32.shl (i32.mul (local.get $p) (i32.add (local.get $n1) (i32.const 1))) (i32.const 3))))
          (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (f64.mul (local.get $cnt) (local.get $regFactors))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $diag)))
        (local.set $k (i32.add (local.get $last) (i32.shl (local.get $dim) (i32.const 3))))
        (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (f64.mul (local.get $cnt) (local.get $regBias))))
        (if (i32.eqz (call $cholesky (local.get $a) (local.get $b) (local.get $n1))) (then (return (local.get $r))))
        (memory.copy (i32.add (local.get $X) (i32.shl (i32.mul (local.get $r) (local.get $dim)) (i32.const 3))) (local.get $b)
          (i32.shl (local.get $dim) (i32.const 3)))
        (f64.store (i32.add (local.get $c) (i32.shl (local.get $r) (i32.const 3)))
          (f64.load (i32.add (local.get $b) (i32.shl (local.get $dim) (i32.const 3)))))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rowsLoop)))
    (i32.const -1))
)
