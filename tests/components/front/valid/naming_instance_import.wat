;; an imported instance names its type exports, for its later exports and for
;; what this component exports
(component
  (import "api" (instance $api
    (type $r (record (field "a" u8)))
    (export "r" (type $re (eq $r)))
    (type $box (record (field "r" $re)))
    (export "box" (type $boxe (eq $box)))
    (export "open" (func (param "b" $boxe) (result $re)))
  ))
  (alias export $api "box" (type $box))
  (export "box" (type $box))
  (import "other" (func (param "b" (option $box))))
)
