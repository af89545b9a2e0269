;; a component instantiated with this component's unexported resource:
;; its function, re-exported, mentions that resource
(component
  (component $c
    (import "r" (type $r (sub resource)))
    (core module $m (func (export "f") (result i32) unreachable))
    (core instance $i (instantiate $m))
    (func $f (result (own $r)) (canon lift (core func $i "f")))
    (export "make" (func $f))
  )
  (type $r (resource (rep i32)))
  (instance $ci (instantiate $c (with "r" (type $r))))
  (alias export $ci "make" (func $make))
  (export "make" (func $make))
)
