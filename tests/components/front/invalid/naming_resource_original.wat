;; the resource is exported, but the handle names its definition
(component
  (type $r (resource (rep i32)))
  (export "r" (type $r))
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func $f (param "x" (borrow $r)) (canon lift (core func $i "f")))
  (export "f" (func $f))
)
