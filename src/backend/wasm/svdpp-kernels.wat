;; The vector loops of SVD++'s and timeSVD++'s user-grouped SGD epoch (the JS reference is svdppEpoch in
;; src/models/factorization/svdpp-epoch.ts), float64, with exactly the JS loops' arithmetic: the elementwise loops
;; run two lanes at a time (f64x2; a lane is the JS element's operations), and the dot product is summed in the JS
;; order (one scalar sum from d = 0), so both give the same bits. WebAssembly never fuses a multiply and an add.
;; Pointers are byte offsets into the module's own memory; rows are `dim` float64s; `indices` are int32 item
;; numbers. Built into svdpp-kernels-binary.ts by `npm run build:wasm`.
(module
  (import "env" "memory" (memory 1))

  ;; z = norm Σ_{e in [from, to)} y[indices[e]]: z zeroed, each row added in turn, then scaled.
  (func (export "implicit_sum") (param $z i32) (param $y i32) (param $indices i32) (param $from i32) (param $to i32) (param $dim i32) (param $norm f64)
    (local $e i32) (local $row i32) (local $j i32) (local $bytes i32) (local $pairBytes i32) (local $vn v128)
    (local.set $bytes (i32.shl (local.get $dim) (i32.const 3)))
    (local.set $pairBytes (i32.shl (i32.and (local.get $dim) (i32.const -2)) (i32.const 3)))
    (block $z0 (loop $zero
      (br_if $z0 (i32.ge_u (local.get $j) (local.get $bytes)))
      (f64.store (i32.add (local.get $z) (local.get $j)) (f64.const 0))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $zero)))
    (local.set $e (local.get $from))
    (block $done (loop $rows
      (br_if $done (i32.ge_s (local.get $e) (local.get $to)))
      (local.set $row (i32.add (local.get $y) (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $e) (i32.const 2)))) (local.get $bytes))))
      (local.set $j (i32.const 0))
      (block $pd (loop $pairs
        (br_if $pd (i32.ge_u (local.get $j) (local.get $pairBytes)))
        (v128.store (i32.add (local.get $z) (local.get $j))
          (f64x2.add (v128.load (i32.add (local.get $z) (local.get $j))) (v128.load (i32.add (local.get $row) (local.get $j)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $pairs)))
      (if (i32.lt_u (local.get $j) (local.get $bytes)) (then
        (f64.store (i32.add (local.get $z) (local.get $j))
          (f64.add (f64.load (i32.add (local.get $z) (local.get $j))) (f64.load (i32.add (local.get $row) (local.get $j)))))))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (br $rows)))
    (local.set $vn (f64x2.splat (local.get $norm)))
    (local.set $j (i32.const 0))
    (block $sd (loop $scale
      (br_if $sd (i32.ge_u (local.get $j) (local.get $pairBytes)))
      (v128.store (i32.add (local.get $z) (local.get $j)) (f64x2.mul (v128.load (i32.add (local.get $z) (local.get $j))) (local.get $vn)))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $scale)))
    (if (i32.lt_u (local.get $j) (local.get $bytes)) (then
      (f64.store (i32.add (local.get $z) (local.get $j)) (f64.mul (f64.load (i32.add (local.get $z) (local.get $j))) (local.get $norm)))))
  )

  ;; Σ_d q[d] (p[d] + z[d]), summed from d = 0 in one scalar sum (the JS order).
  (func (export "dot_pz") (param $q i32) (param $p i32) (param $z i32) (param $dim i32) (result f64)
    (local $j i32) (local $bytes i32) (local $dot f64)
    (local.set $bytes (i32.shl (local.get $dim) (i32.const 3)))
    (block $done (loop $d
      (br_if $done (i32.ge_u (local.get $j) (local.get $bytes)))
      (local.set $dot (f64.add (local.get $dot)
        (f64.mul (f64.load (i32.add (local.get $q) (local.get $j)))
          (f64.add (f64.load (i32.add (local.get $p) (local.get $j))) (f64.load (i32.add (local.get $z) (local.get $j)))))))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $d)))
    (local.get $dot)
  )

  ;; For every d, from the old p[d], q[d]: p[d] = p + lr (e q - reg p); q[d] = q + lr (e (p + z[d]) - reg q);
  ;; g[d] += en q.
  (func (export "update_pq") (param $p i32) (param $q i32) (param $z i32) (param $g i32) (param $dim i32)
    (param $e f64) (param $en f64) (param $lr f64) (param $reg f64)
    (local $j i32) (local $bytes i32) (local $pairBytes i32) (local $pv v128) (local $qv v128)
    (local $ve v128) (local $ven v128) (local $vlr v128) (local $vreg v128) (local $ps f64) (local $qs f64)
    (local.set $bytes (i32.shl (local.get $dim) (i32.const 3)))
    (local.set $pairBytes (i32.shl (i32.and (local.get $dim) (i32.const -2)) (i32.const 3)))
    (local.set $ve (f64x2.splat (local.get $e)))
    (local.set $ven (f64x2.splat (local.get $en)))
    (local.set $vlr (f64x2.splat (local.get $lr)))
    (local.set $vreg (f64x2.splat (local.get $reg)))
    (block $pd (loop $pairs
      (br_if $pd (i32.ge_u (local.get $j) (local.get $pairBytes)))
      (local.set $pv (v128.load (i32.add (local.get $p) (local.get $j))))
      (local.set $qv (v128.load (i32.add (local.get $q) (local.get $j))))
      (v128.store (i32.add (local.get $p) (local.get $j))
        (f64x2.add (local.get $pv) (f64x2.mul (local.get $vlr) (f64x2.sub (f64x2.mul (local.get $ve) (local.get $qv)) (f64x2.mul (local.get $vreg) (local.get $pv))))))
      (v128.store (i32.add (local.get $q) (local.get $j))
        (f64x2.add (local.get $qv) (f64x2.mul (local.get $vlr)
          (f64x2.sub (f64x2.mul (local.get $ve) (f64x2.add (local.get $pv) (v128.load (i32.add (local.get $z) (local.get $j))))) (f64x2.mul (local.get $vreg) (local.get $qv))))))
      (v128.store (i32.add (local.get $g) (local.get $j))
        (f64x2.add (v128.load (i32.add (local.get $g) (local.get $j))) (f64x2.mul (local.get $ven) (local.get $qv))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $pairs)))
    (if (i32.lt_u (local.get $j) (local.get $bytes)) (then
      (local.set $ps (f64.load (i32.add (local.get $p) (local.get $j))))
      (local.set $qs (f64.load (i32.add (local.get $q) (local.get $j))))
      (f64.store (i32.add (local.get $p) (local.get $j))
        (f64.add (local.get $ps) (f64.mul (local.get $lr) (f64.sub (f64.mul (local.get $e) (local.get $qs)) (f64.mul (local.get $reg) (local.get $ps))))))
      (f64.store (i32.add (local.get $q) (local.get $j))
        (f64.add (local.get $qs) (f64.mul (local.get $lr)
          (f64.sub (f64.mul (local.get $e) (f64.add (local.get $ps) (f64.load (i32.add (local.get $z) (local.get $j))))) (f64.mul (local.get $reg) (local.get $qs))))))
      (f64.store (i32.add (local.get $g) (local.get $j))
        (f64.add (f64.load (i32.add (local.get $g) (local.get $j))) (f64.mul (local.get $en) (local.get $qs))))))
  )

  ;; For every e in [from, to) and d: y[indices[e]][d] += lr (g[d] - shrink y[indices[e]][d]); then g = 0.
  (func (export "y_step") (param $y i32) (param $indices i32) (param $from i32) (param $to i32) (param $g i32) (param $dim i32)
    (param $lr f64) (param $shrink f64)
    (local $e i32) (local $row i32) (local $j i32) (local $bytes i32) (local $pairBytes i32) (local $yv v128)
    (local $vlr v128) (local $vs v128) (local $ys f64)
    (local.set $bytes (i32.shl (local.get $dim) (i32.const 3)))
    (local.set $pairBytes (i32.shl (i32.and (local.get $dim) (i32.const -2)) (i32.const 3)))
    (local.set $vlr (f64x2.splat (local.get $lr)))
    (local.set $vs (f64x2.splat (local.get $shrink)))
    (local.set $e (local.get $from))
    (block $done (loop $rows
      (br_if $done (i32.ge_s (local.get $e) (local.get $to)))
      (local.set $row (i32.add (local.get $y) (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $e) (i32.const 2)))) (local.get $bytes))))
      (local.set $j (i32.const 0))
      (block $pd (loop $pairs
        (br_if $pd (i32.ge_u (local.get $j) (local.get $pairBytes)))
        (local.set $yv (v128.load (i32.add (local.get $row) (local.get $j))))
        (v128.store (i32.add (local.get $row) (local.get $j))
          (f64x2.add (local.get $yv) (f64x2.mul (local.get $vlr) (f64x2.sub (v128.load (i32.add (local.get $g) (local.get $j))) (f64x2.mul (local.get $vs) (local.get $yv))))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $pairs)))
      (if (i32.lt_u (local.get $j) (local.get $bytes)) (then
        (local.set $ys (f64.load (i32.add (local.get $row) (local.get $j))))
        (f64.store (i32.add (local.get $row) (local.get $j))
          (f64.add (local.get $ys) (f64.mul (local.get $lr) (f64.sub (f64.load (i32.add (local.get $g) (local.get $j))) (f64.mul (local.get $shrink) (local.get $ys))))))))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (br $rows)))
    (local.set $j (i32.const 0))
    (block $gd (loop $zero
      (br_if $gd (i32.ge_u (local.get $j) (local.get $bytes)))
      (f64.store (i32.add (local.get $g) (local.get $j)) (f64.const 0))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $zero)))
  )

  ;; p += norm y[indices[e]] for each e in [from, to) in turn (the JS order of withImplicitFactors).
  (func (export "add_scaled_rows") (param $p i32) (param $y i32) (param $indices i32) (param $from i32) (param $to i32) (param $dim i32) (param $norm f64)
    (local $e i32) (local $row i32) (local $j i32) (local $bytes i32) (local $pairBytes i32) (local $vn v128)
    (local.set $bytes (i32.shl (local.get $dim) (i32.const 3)))
    (local.set $pairBytes (i32.shl (i32.and (local.get $dim) (i32.const -2)) (i32.const 3)))
    (local.set $vn (f64x2.splat (local.get $norm)))
    (local.set $e (local.get $from))
    (block $done (loop $rows
      (br_if $done (i32.ge_s (local.get $e) (local.get $to)))
      (local.set $row (i32.add (local.get $y) (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $e) (i32.const 2)))) (local.get $bytes))))
      (local.set $j (i32.const 0))
      (block $pd (loop $pairs
        (br_if $pd (i32.ge_u (local.get $j) (local.get $pairBytes)))
        (v128.store (i32.add (local.get $p) (local.get $j))
          (f64x2.add (v128.load (i32.add (local.get $p) (local.get $j))) (f64x2.mul (local.get $vn) (v128.load (i32.add (local.get $row) (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $pairs)))
      (if (i32.lt_u (local.get $j) (local.get $bytes)) (then
        (f64.store (i32.add (local.get $p) (local.get $j))
          (f64.add (f64.load (i32.add (local.get $p) (local.get $j))) (f64.mul (local.get $norm) (f64.load (i32.add (local.get $row) (local.get $j))))))))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (br $rows)))
  )
)
