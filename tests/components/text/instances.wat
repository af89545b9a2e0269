;; component instances: instantiation with arguments, bundles of exports
(component
  (import "f" (func $f))
  (import "t" (type $t (sub resource)))
  (component $inner
    (import "x" (func))
    (import "y" (type (sub resource)))
    (export "z" (func 0)))
  (component $empty)
  (instance $a (instantiate $inner (with "x" (func $f)) (with "y" (type $t))))
  (instance $b (instantiate $empty))
  (instance $c (export "a" (func $f)) (export "b" (type $t)) (export "c" (instance $b))
    (export "d" (component $empty)))
  (instance (instantiate $inner (with "x" (func $a "z")) (with "y" (type $t))))
  (instance $d (instantiate $inner
    (with "x" (func $f)) (with "y" (type $t))))
  (core module $m)
  (instance (export "m" (core module $m)))
  (instance $nested (instantiate $inner (with "x" (func $c "a")) (with "y" (type $c "b"))))
  (export "inst" (instance $a))
)
