(component
  (import "i" (instance $err
    (export "error" (type (sub resource)))
    (export "other" (type (sub resource)))
    (export "drop-it" (func (param "e" (own 1))))))
  (component $c
    (import "e" (instance $e
      (export "error" (type (sub resource)))
      (export "drop-it" (func (param "e" (own 0)))))))
  (instance (instantiate $c (with "e" (instance $err))))
)
