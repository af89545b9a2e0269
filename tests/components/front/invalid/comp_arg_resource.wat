(component
  (component $c
    (import "r" (type $r (sub resource)))
    (import "f" (func (param "x" (own $r)))))
  (import "r1" (type $r1 (sub resource)))
  (import "r2" (type $r2 (sub resource)))
  (import "g" (func $g (param "x" (own $r2))))
  (instance (instantiate $c (with "r" (type $r1)) (with "f" (func $g))))
)
