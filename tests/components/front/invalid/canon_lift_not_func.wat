(component
  (type $t u32)
  (core module $m (func (export "f")))
  (core instance $i (instantiate $m))
  (func (type $t) (canon lift (core func $i "f")))
)
