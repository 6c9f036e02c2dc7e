;; The co-rating pass of k-NN's similarities for one row a (the JS reference is `forEachCoRatingRowJs` in
;; src/models/knn/co-rating-moments.ts) with exactly its float64 arithmetic: every partner b's sums receive the
;; same terms in the same order (entries p of row a ascending, then the later rows q of column y ascending), so
;; both give the same bits. Ratings are f32, read as f64. Pointers are byte offsets into the imported memory.
;; Built into knn-kernels-binary.ts by `npm run build:wasm`.
(module
  (import "env" "memory" (memory 1 65536))

  ;; Zeroes count, sumAB, sumAA, sumBB (and sumA, sumB when $linear) at [a + 1, n), then adds row a's co-rating
  ;; terms to every later row b. CSR rows: rowStart i32 [n + 1], rowCols i32, rowVals f32; columns: colStart,
  ;; colRows, colVals likewise; cursor i32 [columns] advanced past a. Returns 0, or 1 when columns is not the
  ;; transpose of rows.
  (func (export "co_rating_row")
      (param $a i32) (param $n i32) (param $rowStart i32) (param $rowCols i32) (param $rowVals i32)
      (param $colStart i32) (param $colRows i32) (param $colVals i32) (param $cursor i32)
      (param $count i32) (param $sumAB i32) (param $sumAA i32) (param $sumBB i32) (param $sumA i32) (param $sumB i32) (param $linear i32)
      (result i32)
    (local $from i32) (local $bytes i32) (local $p i32) (local $pEnd i32) (local $y i32) (local $ra f64) (local $at i32) (local $q i32) (local $end i32)
    (local $b i32) (local $rb f64) (local $cy i32)
    (local.set $from (i32.shl (i32.add (local.get $a) (i32.const 1)) (i32.const 3)))
    (local.set $bytes (i32.shl (i32.sub (i32.sub (local.get $n) (local.get $a)) (i32.const 1)) (i32.const 3)))
    (memory.fill (i32.add (local.get $count) (local.get $from)) (i32.const 0) (local.get $bytes))
    (memory.fill (i32.add (local.get $sumAB) (local.get $from)) (i32.const 0) (local.get $bytes))
    (memory.fill (i32.add (local.get $sumAA) (local.get $from)) (i32.const 0) (local.get $bytes))
    (memory.fill (i32.add (local.get $sumBB) (local.get $from)) (i32.const 0) (local.get $bytes))
    (if (local.get $linear) (then
      (memory.fill (i32.add (local.get $sumA) (local.get $from)) (i32.const 0) (local.get $bytes))
      (memory.fill (i32.add (local.get $sumB) (local.get $from)) (i32.const 0) (local.get $bytes))))
    (local.set $p (i32.load (i32.add (local.get $rowStart) (i32.shl (local.get $a) (i32.const 2)))))
    (local.set $pEnd (i32.load (i32.add (local.get $rowStart) (i32.shl (i32.add (local.get $a) (i32.const 1)) (i32.const 2)))))
    (block $done (loop $entries
      (br_if $done (i32.ge_s (local.get $p) (local.get $pEnd)))
      (local.set $y (i32.load (i32.add (local.get $rowCols) (i32.shl (local.get $p) (i32.const 2)))))
      (local.set $ra (f64.promote_f32 (f32.load (i32.add (local.get $rowVals) (i32.shl (local.get $p) (i32.const 2))))))
      (local.set $cy (i32.add (local.get $cursor) (i32.shl (local.get $y) (i32.const 2))))
      (local.set $at (i32.load (local.get $cy)))
      (i32.store (local.get $cy) (i32.add (local.get $at) (i32.const 1)))
      (if (i32.ne (i32.load (i32.add (local.get $colRows) (i32.shl (local.get $at) (i32.const 2)))) (local.get $a)) (then (return (i32.const 1))))
      (local.set $end (i32.load (i32.add (local.get $colStart) (i32.shl (i32.add (local.get $y) (i32.const 1)) (i32.const 2)))))
      (local.set $q (i32.add (local.get $at) (i32.const 1)))
      (block $qDone (loop $qs
        (br_if $qDone (i32.ge_s (local.get $q) (local.get $end)))
        (local.set $b (i32.shl (i32.load (i32.add (local.get $colRows) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 3)))
        (local.set $rb (f64.promote_f32 (f32.load (i32.add (local.get $colVals) (i32.shl (local.get $q) (i32.const 2))))))
        (f64.store (i32.add (local.get $count) (local.get $b)) (f64.add (f64.load (i32.add (local.get $count) (local.get $b))) (f64.const 1)))
        (f64.store (i32.add (local.get $sumAB) (local.get $b))
          (f64.add (f64.load (i32.add (local.get $sumAB) (local.get $b))) (f64.mul (local.get $ra) (local.get $rb))))
        (f64.store (i32.add (local.get $sumAA) (local.get $b))
          (f64.add (f64.load (i32.add (local.get $sumAA) (local.get $b))) (f64.mul (local.get $ra) (local.get $ra))))
        (f64.store (i32.add (local.get $sumBB) (local.get $b))
          (f64.add (f64.load (i32.add (local.get $sumBB) (local.get $b))) (f64.mul (local.get $rb) (local.get $rb))))
        (if (local.get $linear) (then
          (f64.store (i32.add (local.get $sumA) (local.get $b)) (f64.add (f64.load (i32.add (local.get $sumA) (local.get $b))) (local.get $ra)))
          (f64.store (i32.add (local.get $sumB) (local.get $b)) (f64.add (f64.load (i32.add (local.get $sumB) (local.get $b))) (local.get $rb)))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $qs)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $entries)))
    (i32.const 0))
)
