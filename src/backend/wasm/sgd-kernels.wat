;; The SGD step of biased matrix factorization (the JS reference is `sgdKernel` in
;; src/models/factorization/sgd-epoch.ts), with f64x2 SIMD and exactly the JS kernel's float64 arithmetic: the same
;; operations in the same order, so both give the same bits. The dot product keeps the JS kernel's four partial
;; sums as two pairs of lanes, (d0, d1) and (d2, d3), over elements stepping by 4, adds the dim % 4 tail to d0 and
;; combines them as (d0 + d1) + (d2 + d3); the updates are elementwise, so pairing them changes nothing.
;; WebAssembly never fuses a multiply and an add. The memory is imported and shared, so that DSGD worker threads
;; run the same module on the same parameters. Every pointer is a byte offset into it. Built into
;; sgd-kernels-binary.ts by `npm run build:wasm` (scripts/build-wasm-kernels.ts).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; For k in [from, to): u = users[k], i = numUsers + items[k] (row of item items[k]), then
  ;;   e = values[k] - (mean + B[u] + B[i] + T[u] . T[i])
  ;;   B[u] += lrBias (e - regBias B[u]);  B[i] += lrBias (e - regBias B[i])
  ;;   T[u] += lr (e T[i] - reg T[u]);     T[i] += lr (e T[u] - reg T[i])   (both from the old rows)
  ;; and returns the sum of e^2. T: f64 [(numUsers + numItems) * dim] at $T; B: f64 [numUsers + numItems] at $B;
  ;; users, items: i32 and values: f32, each [to] at their pointers. Pointers 8-byte aligned, T 16-byte aligned.
  (func (export "sgd_pass")
      (param $T i32) (param $B i32) (param $numUsers i32) (param $dim i32) (param $mean f64)
      (param $users i32) (param $items i32) (param $values i32) (param $from i32) (param $to i32)
      (param $lr f64) (param $lrBias f64) (param $reg f64) (param $regBias f64)
      (result f64)
    (local $k i32) (local $rowBytes i32) (local $quadBytes i32) (local $pairBytes i32)
    (local $u i32) (local $i i32) (local $bu i32) (local $bi i32) (local $x i32) (local $y i32) (local $xQuad i32) (local $xPair i32) (local $xEnd i32)
    (local $d01 v128) (local $d23 v128) (local $d0 f64) (local $bU f64) (local $bI f64) (local $e f64) (local $sse f64)
    (local $p v128) (local $q v128) (local $ev v128) (local $lrv v128) (local $regv v128) (local $ps f64) (local $qs f64)
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 3)))
    (local.set $quadBytes (i32.shl (i32.and (local.get $dim) (i32.const -4)) (i32.const 3)))
    (local.set $pairBytes (i32.shl (i32.and (local.get $dim) (i32.const -2)) (i32.const 3)))
    (local.set $lrv (f64x2.splat (local.get $lr)))
    (local.set $regv (f64x2.splat (local.get $reg)))
    (local.set $k (local.get $from))
    (block $done (loop $ratings
      (br_if $done (i32.ge_s (local.get $k) (local.get $to)))
      ;; $u, $i: rows of the user and the item; $bu, $bi: addresses of their biases; then $u, $i: addresses of their rows
      (local.set $u (i32.load (i32.add (local.get $users) (i32.shl (local.get $k) (i32.const 2)))))
      (local.set $i (i32.add (local.get $numUsers) (i32.load (i32.add (local.get $items) (i32.shl (local.get $k) (i32.const 2))))))
      (local.set $bu (i32.add (local.get $B) (i32.shl (local.get $u) (i32.const 3))))
      (local.set $bi (i32.add (local.get $B) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $bU (f64.load (local.get $bu)))
      (local.set $bI (f64.load (local.get $bi)))
      (local.set $u (i32.add (local.get $T) (i32.mul (local.get $u) (local.get $rowBytes))))
      (local.set $i (i32.add (local.get $T) (i32.mul (local.get $i) (local.get $rowBytes))))
      ;; dot product: (d0, d1) += T[x, x+1] T[y, y+1]; (d2, d3) += T[x+2, x+3] T[y+2, y+3]; then the tail into d0
      (local.set $d01 (v128.const i64x2 0 0))
      (local.set $d23 (v128.const i64x2 0 0))
      (local.set $x (local.get $u))
      (local.set $y (local.get $i))
      (local.set $xQuad (i32.add (local.get $u) (local.get $quadBytes)))
      (local.set $xEnd (i32.add (local.get $u) (local.get $rowBytes)))
      (block $dotDone (loop $dot
        (br_if $dotDone (i32.ge_u (local.get $x) (local.get $xQuad)))
        (local.set $d01 (f64x2.add (local.get $d01) (f64x2.mul (v128.load (local.get $x)) (v128.load (local.get $y)))))
        (local.set $d23 (f64x2.add (local.get $d23) (f64x2.mul (v128.load offset=16 (local.get $x)) (v128.load offset=16 (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $y (i32.add (local.get $y) (i32.const 32)))
        (br $dot)))
      (local.set $d0 (f64x2.extract_lane 0 (local.get $d01)))
      (block $tailDone (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $x) (local.get $xEnd)))
        (local.set $d0 (f64.add (local.get $d0) (f64.mul (f64.load (local.get $x)) (f64.load (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $y (i32.add (local.get $y) (i32.const 8)))
        (br $tail)))
      ;; e = values[k] - (mean + bU + bI + ((d0 + d1) + (d2 + d3)))
      (local.set $e (f64.sub
        (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 2)))))
        (f64.add
          (f64.add (f64.add (local.get $mean) (local.get $bU)) (local.get $bI))
          (f64.add
            (f64.add (local.get $d0) (f64x2.extract_lane 1 (local.get $d01)))
            (f64.add (f64x2.extract_lane 0 (local.get $d23)) (f64x2.extract_lane 1 (local.get $d23)))))))
      (local.set $sse (f64.add (local.get $sse) (f64.mul (local.get $e) (local.get $e))))
      ;; biases: b + lrBias (e - regBias b)
      (f64.store (local.get $bu)
        (f64.add (local.get $bU) (f64.mul (local.get $lrBias) (f64.sub (local.get $e) (f64.mul (local.get $regBias) (local.get $bU))))))
      (f64.store (local.get $bi)
        (f64.add (local.get $bI) (f64.mul (local.get $lrBias) (f64.sub (local.get $e) (f64.mul (local.get $regBias) (local.get $bI))))))
      ;; factors, two elements at a time: p + lr (e q - reg p) and q + lr (e p - reg q), then the odd last element
      (local.set $ev (f64x2.splat (local.get $e)))
      (local.set $x (local.get $u))
      (local.set $y (local.get $i))
      (local.set $xPair (i32.add (local.get $u) (local.get $pairBytes)))
      (block $pairsDone (loop $pairs
        (br_if $pairsDone (i32.ge_u (local.get $x) (local.get $xPair)))
        (local.set $p (v128.load (local.get $x)))
        (local.set $q (v128.load (local.get $y)))
        (v128.store (local.get $x) (f64x2.add (local.get $p)
          (f64x2.mul (local.get $lrv) (f64x2.sub (f64x2.mul (local.get $ev) (local.get $q)) (f64x2.mul (local.get $regv) (local.get $p))))))
        (v128.store (local.get $y) (f64x2.add (local.get $q)
          (f64x2.mul (local.get $lrv) (f64x2.sub (f64x2.mul (local.get $ev) (local.get $p)) (f64x2.mul (local.get $regv) (local.get $q))))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $pairs)))
      (if (i32.lt_u (local.get $x) (local.get $xEnd))
        (then
          (local.set $ps (f64.load (local.get $x)))
          (local.set $qs (f64.load (local.get $y)))
          (f64.store (local.get $x) (f64.add (local.get $ps)
            (f64.mul (local.get $lr) (f64.sub (f64.mul (local.get $e) (local.get $qs)) (f64.mul (local.get $reg) (local.get $ps))))))
          (f64.store (local.get $y) (f64.add (local.get $qs)
            (f64.mul (local.get $lr) (f64.sub (f64.mul (local.get $e) (local.get $ps)) (f64.mul (local.get $reg) (local.get $qs))))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $ratings)))
    (local.get $sse))
)
