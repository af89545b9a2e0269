(component
  (core module $m (memory (export "mem") 1) (func (export "f") (result i32) i32.const 0))
  (core instance $i (instantiate $m))
  (func (result string) (canon lift (core func $i "f") (memory (core memory $i "mem"))))
)
