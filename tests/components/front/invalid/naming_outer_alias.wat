;; a type imported by the enclosing component is not imported by the nested one
(component $outer
  (type $r (record (field "a" u8)))
  (import "r" (type $ri (eq $r)))
  (component
    (alias outer $outer $ri (type $t))
    (import "f" (func (param "r" $t)))
  )
)
