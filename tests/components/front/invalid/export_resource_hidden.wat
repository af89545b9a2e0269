(component
  (import "r" (type $r (sub resource)))
  (type $r2 (resource (rep i32)))
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func $f (param "x" (own $r2)) (canon lift (core func $i "f")))
  (export "f" (func $f))
)
