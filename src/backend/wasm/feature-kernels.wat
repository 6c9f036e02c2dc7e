;; The side features of a fused MLP step (Gindele 2018's MLP with metadata) on TF.js's wasm heap: the feature
;; vectors written into the tower's input rows and the gradients of the feature tables, the loops of
;; src/models/features/feature-gradients.ts (embedderValues, embedderTableGradients) over heap arrays, with the
;; same float64 arithmetic rounded to float32 where that JavaScript stores into a Float32Array, so the same bits.
;; Every pointer is a byte offset into the backend's heap; rows of the input block are `stride` floats apart and
;; an embedder's column starts at float `col`. Built into feature-kernels-binary.ts by `npm run build:wasm`.
(module
  (import "env" "memory" (memory 1))

  ;; out[k, col .. col + dim) = table[slot[entities[k]]] for k < n: a categorical column's embedding.
  (func (export "categorical_rows") (param $table i32) (param $dim i32) (param $slot i32) (param $entities i32) (param $n i32)
      (param $out i32) (param $stride i32) (param $col i32)
    (local $k i32) (local $j i32) (local $src i32) (local $dst i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $stride (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $dst (i32.add (local.get $out) (i32.shl (local.get $col) (i32.const 2))))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (local.set $src (i32.add (local.get $table) (i32.mul (local.get $rowBytes)
        (i32.load (i32.add (local.get $slot) (i32.shl (i32.load (i32.add (local.get $entities) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 2)))))))
      (local.set $j (i32.const 0))
      (block $copied (loop $copy
        (br_if $copied (i32.ge_u (local.get $j) (local.get $rowBytes)))
        (f32.store (i32.add (local.get $dst) (local.get $j)) (f32.load (i32.add (local.get $src) (local.get $j))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $copy)))
      (local.set $dst (i32.add (local.get $dst) (local.get $stride)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rows)))
  )

  ;; out[k, col .. col + dim) = Σ_l w_l table[l] over the labels l < labels whose weight
  ;; w_l = weights[entities[k] labels + l] is not 0, in label order from 0 (float64 sums rounded to float32 after
  ;; each label, as `out[at + j] += w * table[...]` on a Float32Array): a bag column's weighted mean.
  (func (export "bag_rows") (param $table i32) (param $dim i32) (param $weights i32) (param $labels i32) (param $entities i32)
      (param $n i32) (param $out i32) (param $stride i32) (param $col i32)
    (local $k i32) (local $l i32) (local $j i32) (local $w f64) (local $wrow i32) (local $dst i32) (local $src i32) (local $at i32)
    (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $stride (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $dst (i32.add (local.get $out) (i32.shl (local.get $col) (i32.const 2))))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (local.set $j (i32.const 0))
      (block $cleared (loop $clear
        (br_if $cleared (i32.ge_u (local.get $j) (local.get $rowBytes)))
        (f32.store (i32.add (local.get $dst) (local.get $j)) (f32.const 0))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $clear)))
      (local.set $wrow (i32.add (local.get $weights) (i32.shl (i32.mul (local.get $labels)
        (i32.load (i32.add (local.get $entities) (i32.shl (local.get $k) (i32.const 2))))) (i32.const 2))))
      (local.set $l (i32.const 0))
      (block $labelsDone (loop $label
        (br_if $labelsDone (i32.ge_u (local.get $l) (local.get $labels)))
        (local.set $w (f64.promote_f32 (f32.load (i32.add (local.get $wrow) (i32.shl (local.get $l) (i32.const 2))))))
        (if (f64.ne (local.get $w) (f64.const 0))
          (then
            (local.set $src (i32.add (local.get $table) (i32.mul (local.get $l) (local.get $rowBytes))))
            (local.set $j (i32.const 0))
            (block $added (loop $add
              (br_if $added (i32.ge_u (local.get $j) (local.get $rowBytes)))
              (local.set $at (i32.add (local.get $dst) (local.get $j)))
              (f32.store (local.get $at) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load (local.get $at)))
                (f64.mul (local.get $w) (f64.promote_f32 (f32.load (i32.add (local.get $src) (local.get $j))))))))
              (local.set $j (i32.add (local.get $j) (i32.const 4)))
              (br $add)))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $label)))
      (local.set $dst (i32.add (local.get $dst) (local.get $stride)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rows)))
  )

  ;; s + Σ_k Σ_{j < width} x[k, col + j]² in float64, row by row and j by j (the squared learned norm).
  (func (export "row_squares") (param $x i32) (param $n i32) (param $stride i32) (param $col i32) (param $width i32) (param $s f64) (result f64)
    (local $k i32) (local $j i32) (local $row i32) (local $v f64) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $width) (i32.const 2)))
    (local.set $stride (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $row (i32.add (local.get $x) (i32.shl (local.get $col) (i32.const 2))))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (local.set $j (i32.const 0))
      (block $rowDone (loop $each
        (br_if $rowDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
        (local.set $v (f64.promote_f32 (f32.load (i32.add (local.get $row) (local.get $j)))))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $v) (local.get $v))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $each)))
      (local.set $row (i32.add (local.get $row) (local.get $stride)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rows)))
    (local.get $s)
  )

  ;; grad[slot[entities[k]], j] += dx[k, col + j] + reg x[k, col + j] for k < n, j < dim, in k order (float64,
  ;; rounded to float32 at each store): a categorical table's gradient with its L2 term.
  (func (export "categorical_grads") (param $grad i32) (param $dim i32) (param $slot i32) (param $entities i32) (param $n i32)
      (param $dx i32) (param $x i32) (param $stride i32) (param $col i32) (param $reg f64)
    (local $k i32) (local $j i32) (local $dst i32) (local $g i32) (local $v i32) (local $at i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $stride (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $g (i32.add (local.get $dx) (i32.shl (local.get $col) (i32.const 2))))
    (local.set $v (i32.add (local.get $x) (i32.shl (local.get $col) (i32.const 2))))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (local.set $dst (i32.add (local.get $grad) (i32.mul (local.get $rowBytes)
        (i32.load (i32.add (local.get $slot) (i32.shl (i32.load (i32.add (local.get $entities) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 2)))))))
      (local.set $j (i32.const 0))
      (block $rowDone (loop $each
        (br_if $rowDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
        (local.set $at (i32.add (local.get $dst) (local.get $j)))
        (f32.store (local.get $at) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load (local.get $at)))
          (f64.add (f64.promote_f32 (f32.load (i32.add (local.get $g) (local.get $j))))
            (f64.mul (local.get $reg) (f64.promote_f32 (f32.load (i32.add (local.get $v) (local.get $j)))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $each)))
      (local.set $g (i32.add (local.get $g) (local.get $stride)))
      (local.set $v (i32.add (local.get $v) (local.get $stride)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rows)))
  )

  ;; grad[l, j] += w_l (dx[k, col + j] + reg x[k, col + j]) for k < n, the labels l with a nonzero weight
  ;; w_l = weights[entities[k] labels + l] in label order, j < dim (float64, rounded to float32 at each store): a
  ;; bag table's gradient with its L2 term.
  (func (export "bag_grads") (param $grad i32) (param $dim i32) (param $weights i32) (param $labels i32) (param $entities i32)
      (param $n i32) (param $dx i32) (param $x i32) (param $stride i32) (param $col i32) (param $reg f64)
    (local $k i32) (local $l i32) (local $j i32) (local $w f64) (local $wrow i32) (local $dst i32) (local $g i32) (local $v i32)
    (local $at i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $stride (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $g (i32.add (local.get $dx) (i32.shl (local.get $col) (i32.const 2))))
    (local.set $v (i32.add (local.get $x) (i32.shl (local.get $col) (i32.const 2))))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (local.set $wrow (i32.add (local.get $weights) (i32.shl (i32.mul (local.get $labels)
        (i32.load (i32.add (local.get $entities) (i32.shl (local.get $k) (i32.const 2))))) (i32.const 2))))
      (local.set $l (i32.const 0))
      (block $labelsDone (loop $label
        (br_if $labelsDone (i32.ge_u (local.get $l) (local.get $labels)))
        (local.set $w (f64.promote_f32 (f32.load (i32.add (local.get $wrow) (i32.shl (local.get $l) (i32.const 2))))))
        (if (f64.ne (local.get $w) (f64.const 0))
          (then
            (local.set $dst (i32.add (local.get $grad) (i32.mul (local.get $l) (local.get $rowBytes))))
            (local.set $j (i32.const 0))
            (block $added (loop $add
              (br_if $added (i32.ge_u (local.get $j) (local.get $rowBytes)))
              (local.set $at (i32.add (local.get $dst) (local.get $j)))
              (f32.store (local.get $at) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load (local.get $at)))
                (f64.mul (local.get $w) (f64.add (f64.promote_f32 (f32.load (i32.add (local.get $g) (local.get $j))))
                  (f64.mul (local.get $reg) (f64.promote_f32 (f32.load (i32.add (local.get $v) (local.get $j))))))))))
              (local.set $j (i32.add (local.get $j) (i32.const 4)))
              (br $add)))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $label)))
      (local.set $g (i32.add (local.get $g) (local.get $stride)))
      (local.set $v (i32.add (local.get $v) (local.get $stride)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rows)))
  )
)
