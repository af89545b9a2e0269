;; an exported instance whose function uses a record the instance does not export
(component
  (type $r (record (field "a" u8)))
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func $f (param "r" $r) (canon lift (core func $i "f")))
  (instance $api (export "f" (func $f)))
  (export "api" (instance $api))
)
