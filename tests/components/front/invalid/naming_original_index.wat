;; exported first, but the function names the definition, not the export
(component
  (type $r (record (field "a" u8)))
  (export $r-exported "r" (type $r))
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func $f (param "r" $r) (canon lift (core func $i "f")))
  (export "f" (func $f))
)
