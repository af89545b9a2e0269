;; the record is exported, but only after the function that uses it
(component
  (type $r (record (field "a" u8)))
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func $f (param "r" $r) (canon lift (core func $i "f")))
  (export "f" (func $f))
  (export "r" (type $r))
)
