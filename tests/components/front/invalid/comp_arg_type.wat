(component
  (component $c (import "f" (func (param "x" u32))))
  (import "g" (func $g (param "x" u64)))
  (instance (instantiate $c (with "f" (func $g))))
)
