(component
  (import "f" (func $f (result string)))
  (core module $m (memory (export "mem") 1) (func (export "r") (param i32) (result i32) local.get 0))
  (core instance $i (instantiate $m))
  (core func (canon lower (func $f) (memory (core memory $i "mem")) (realloc (core func $i "r"))))
)
