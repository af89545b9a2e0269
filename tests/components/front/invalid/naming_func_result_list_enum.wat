;; the unnamed enum is inside a list in the result
(component
  (type $color (enum "red" "green"))
  (core module $m (memory (export "mem") 1) (func (export "f") (result i32) unreachable))
  (core instance $i (instantiate $m))
  (func $f (result (list $color)) (canon lift (core func $i "f") (memory $i "mem")))
  (export "f" (func $f))
)
