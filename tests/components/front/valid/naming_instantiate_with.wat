;; instantiation arguments stand for the nested component's imports: a type
;; and a resource this component exported name what the instance's exports use
(component
  (component $c
    (type $r (record (field "a" u8)))
    (import "r" (type $ri (eq $r)))
    (import "res" (type $res (sub resource)))
    (type $wrap (record (field "r" $ri)))
    (export $wrap-e "wrap" (type $wrap))
    (core module $m (func (export "f") (param i32) (result i32) unreachable))
    (core instance $i (instantiate $m))
    (func $f (param "w" $wrap-e) (result (own $res)) (canon lift (core func $i "f")))
    (export "make" (func $f))
  )
  (type $r (record (field "a" u8)))
  (export $re "r" (type $r))
  (type $res (resource (rep i32)))
  (export $res-e "res" (type $res))
  (instance $ci (instantiate $c (with "r" (type $re)) (with "res" (type $res-e))))
  (export "wrap" (type $ci "wrap"))
  (export "ci" (instance $ci))
)
