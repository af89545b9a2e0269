(component
  (type (instance
    (export "i" (instance (export "f" (func))))
    (alias export 0 "f" (func))))
)
