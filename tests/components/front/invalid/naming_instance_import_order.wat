;; inside an imported instance a function may use only types exported before it
(component
  (import "api" (instance
    (type $r (record (field "a" u8)))
    (export "get" (func (result $r)))
    (export "r" (type (eq $r)))
  ))
)
