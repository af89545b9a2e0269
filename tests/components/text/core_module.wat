;; nested core modules, core instances, inline exports, core aliases
(component $c
  (core module $m
    (func (export "f") (param i32) (result i32) local.get 0)
    (memory (export "mem") 1)
    (global (export "g") i32 (i32.const 7))
    (table (export "t") 1 funcref))
  (core module $n
    (import "m" "f" (func (param i32) (result i32)))
    (import "m" "mem" (memory 1)))
  (core instance $mi (instantiate $m))
  (core instance $ni (instantiate $n (with "m" (instance $mi))))
  (core instance $bundle
    (export "f" (func $mi "f"))
    (export "mem" (memory $mi "mem")))
  (core instance (instantiate $n (with "m" (instance $bundle))))
  (core instance (instantiate $n
    (with "m" (instance (export "f" (func $mi "f")) (export "mem" (memory $mi "mem"))))))
  (alias core export $mi "f" (core func $f))
  (alias core export $mi "mem" (core memory $mem))
  (alias core export $mi "g" (core global $g))
  (alias core export $mi "t" (core table $t))
  (core instance (export "f2" (func $f)) (export "m2" (memory $mem))
    (export "g2" (global $g)) (export "t2" (table $t)))
  (core module $exported (export "m"))
  (export "mod" (core module $m))
)
