;; alias forms and the inline alias sugar
(component $outer
  (type $t u32)
  (type $ft (func (param "a" $t)))
  (core module $cm)
  (import "i" (instance $i
    (export "f" (func (type $ft)))
    (export "t" (type (eq $t)))
    (export "inner" (instance
      (export "g" (func))))))
  (alias export $i "f" (func $f))
  (alias export $i "t" (type $it))
  (alias export $i "inner" (instance $inner))
  (alias export $inner "g" (func $g))
  (export "f2" (func $i "f"))
  (export "g2" (func $inner "g"))
  (component $nested
    (alias outer $outer $t (type $t2))
    (alias outer 1 $ft (type))
    (alias outer $outer $cm (core module $cm2))
    (alias outer 1 0 (type))
    (type (list $t))
    (import "x" (func (type $ft)))
  )
  (component $deeper
    (component $nested2)
    (component
      (alias outer $outer $t (type))
      (alias outer 2 $ft (type))
      (alias outer $deeper $nested2 (component))
    )
  )
  (instance (export "h" (func $i "f")))
  (core module $m2 (func (export "x")))
  (core instance $ci (instantiate $m2))
  (alias core export $ci "x" (core func $x))
  (core func (alias core export $ci "x"))
  (func $f3 (alias export $i "f"))
)
