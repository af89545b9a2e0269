(component
  (core module $m (func (export "f") (param i32 i32)))
  (core instance $i (instantiate $m))
  (func (param "a" string) (canon lift (core func $i "f")))
)
