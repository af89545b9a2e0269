(component
  (core module $m (func (export "d")))
  (core instance $i (instantiate $m))
  (type (resource (rep i32) (dtor (func $i "d"))))
)
