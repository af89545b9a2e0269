(component
  (core module $m
    (func (export "boom") (result i32) unreachable)
    (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0))))
  (core instance $i (instantiate $m))
  (func (export "boom") (result u32) (canon lift (core func $i "boom")))
  (func (export "div") (param "x" u32) (result u32) (canon lift (core func $i "div")))
)
