;; exporting an instance names its type exports, also when aliased from the
;; instance's own index
(component
  (type $r (record (field "a" u8)))
  (instance $types (export "r" (type $r)))
  (export "types" (instance $types))
  (alias export $types "r" (type $ra))
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func $f (param "r" $ra) (canon lift (core func $i "f")))
  (export "f" (func $f))
  (type $e (enum "x"))
  (export $ee "e" (type $e))
  (instance $inline (export "e" (type $ee)))
  (alias export $inline "e" (type $ea))
  (func $g (param "e" $ea) (canon lift (core func $i "f")))
  (export "g" (func $g))
)
