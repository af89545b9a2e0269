;; an import may use only imported types, not exported ones
(component
  (type $r (record (field "a" u8)))
  (export $re "r" (type $r))
  (import "f" (func (param "r" $re)))
)
