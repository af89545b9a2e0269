(component
  (core module $m (func (export "f")))
  (core instance $i (instantiate $m))
  (alias core export $i "f" (core func $f))
  (core instance (export "a" (func $f)) (export "a" (func $f)))
)
