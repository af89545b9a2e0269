;; a type aliased out of an instance that is not exported is not named here
(component
  (component $c
    (type $r (record (field "a" u8)))
    (export "r" (type $r))
  )
  (instance $ci (instantiate $c))
  (alias export $ci "r" (type $r))
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func $f (param "r" $r) (canon lift (core func $i "f")))
  (export "f" (func $f))
)
