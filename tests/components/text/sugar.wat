;; inline imports and exports, inline aliases, outer aliases the parser inserts
(component $top
  (func $f (import "f") (param "x" u32) (result u32))
  (func (import "g") (type 0))
  (instance $i (import "i") (export "h" (func (param "s" string))))
  (component $c (import "c") (import "x" (func (param "s" string))))
  (core module $m (import "m") (export "run" (func)))
  (type $u (export "u") u32)
  (func (export "f-again") (export "f-twice") (alias export $i "h"))
  (instance (export "i-again") (instantiate $c (with "x" (func $i "h"))))
  (core module $inner-m (func (export "run")))
  (component $user
    (core instance (instantiate $inner-m))
    (import "g" (func $g (param "s" string)))
    (instance (instantiate $c (with "x" (func $g))))
    (type (list $u))
    (component
      (type (option $u))
      (import "h" (instance $h (export "t" (type (eq $u)))))
      (alias export $h "t" (type $ht))
      (type (list $ht))))
  (component $e (export "e"))
)
