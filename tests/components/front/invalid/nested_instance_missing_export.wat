(component
  (import "i" (instance $err
    (export "error" (type (sub resource)))))
  (component $c
    (import "e" (instance $e
      (export "error" (type (sub resource)))
      (export "drop-it" (func (param "e" (own 0)))))))
  (instance (instantiate $c (with "e" (instance $err))))
)
