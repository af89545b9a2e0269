(component
  (import "wasi:io/error@0.2.12" (instance $err
    (export "error" (type (sub resource)))
    (export "drop-it" (func (param "e" (own 0))))))
  (component $c
    (import "e" (instance $e
      (export "error" (type (sub resource)))
      (export "drop-it" (func (param "e" (own 0))))))
    (alias export $e "error" (type $er))
    (import "keep" (func (param "e" (borrow $er))))
    (export "again-error" (type $er)))
  (alias export $err "error" (type $error))
  (import "keep" (func $keep (param "e" (borrow $error))))
  (instance $i (instantiate $c (with "e" (instance $err)) (with "keep" (func $keep))))
  (export "out" (instance $i))
)
