(component
  (export "b" (func 3))
)
