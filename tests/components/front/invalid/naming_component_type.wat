;; the rule holds inside a component type too
(component
  (type (component
    (type $r (record (field "a" u8)))
    (export "f" (func (param "r" $r)))
  ))
)
