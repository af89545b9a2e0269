;; an exported record whose field is an unexported record
(component
  (type $inner (record (field "a" u8)))
  (type $outer (record (field "in" $inner)))
  (export "outer" (type $outer))
)
