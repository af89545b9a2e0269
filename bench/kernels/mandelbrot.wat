;; Floating-point kernel: points of an n x n grid over [-2,1] x [-1.5,1.5]
;; that stay bounded for 200 iterations of z = z^2 + c (f64 mul/add/compare).
(module
  (func (export "mandelbrot") (param $n i32) (result i32)
    (local $px i32) (local $py i32) (local $it i32) (local $inside i32)
    (local $cr f64) (local $ci f64) (local $zr f64) (local $zi f64) (local $t f64)
    (local $step f64)
    (local.set $step (f64.div (f64.const 3) (f64.convert_i32_u (local.get $n))))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $py) (local.get $n)))
        (local.set $ci (f64.sub (f64.mul (f64.convert_i32_u (local.get $py)) (local.get $step))
                                (f64.const 1.5)))
        (local.set $px (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $px) (local.get $n)))
            (local.set $cr (f64.sub (f64.mul (f64.convert_i32_u (local.get $px)) (local.get $step))
                                    (f64.const 2)))
            (local.set $zr (f64.const 0))
            (local.set $zi (f64.const 0))
            (local.set $it (i32.const 0))
            (block $escaped
              (loop $iterate
                (br_if $escaped (f64.gt (f64.add (f64.mul (local.get $zr) (local.get $zr))
                                                 (f64.mul (local.get $zi) (local.get $zi)))
                                        (f64.const 4)))
                (local.set $t (f64.add (f64.sub (f64.mul (local.get $zr) (local.get $zr))
                                                (f64.mul (local.get $zi) (local.get $zi)))
                                       (local.get $cr)))
                (local.set $zi (f64.add (f64.mul (f64.mul (f64.const 2) (local.get $zr))
                                                 (local.get $zi))
                                        (local.get $ci)))
                (local.set $zr (local.get $t))
                (local.set $it (i32.add (local.get $it) (i32.const 1)))
                (br_if $iterate (i32.lt_u (local.get $it) (i32.const 200)))
                (local.set $inside (i32.add (local.get $inside) (i32.const 1)))))
            (local.set $px (i32.add (local.get $px) (i32.const 1)))
            (br $cols)))
        (local.set $py (i32.add (local.get $py) (i32.const 1)))
        (br $rows)))
    (local.get $inside)))
