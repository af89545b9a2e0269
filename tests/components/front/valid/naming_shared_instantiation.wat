;; types without resources are the same in every instantiation: exporting the
;; first instance names the second's record too
(component
  (component $c
    (type $r (record (field "a" u8)))
    (export "r" (type $r))
  )
  (instance $one (instantiate $c))
  (instance $two (instantiate $c))
  (export "one" (instance $one))
  (alias export $two "r" (type $r2))
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func $f (param "r" $r2) (canon lift (core func $i "f")))
  (export "f" (func $f))
)
