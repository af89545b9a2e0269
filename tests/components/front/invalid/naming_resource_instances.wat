;; each instantiation defines its own resource: exporting the first instance
;; names the first one's, not the second's
(component
  (component $c
    (type $r (resource (rep i32)))
    (export "r" (type $r))
  )
  (instance $one (instantiate $c))
  (instance $two (instantiate $c))
  (export "one" (instance $one))
  (alias export $two "r" (type $r2))
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func $f (param "x" (own $r2)) (canon lift (core func $i "f")))
  (export "f" (func $f))
)
