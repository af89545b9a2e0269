(component
  (core module $m (import "x" "f" (func (param i32))))
  (core module $n (func (export "f")))
  (core instance $a (instantiate $n))
  (core instance (instantiate $m (with "x" (instance $a))))
)
