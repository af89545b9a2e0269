(component
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func (param "a" u32) (result u32) (canon lift (core func $i "f")))
)
