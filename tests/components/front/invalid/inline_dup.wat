(component
  (import "f" (func $f))
  (instance (export "a" (func $f)) (export "a" (func $f)))
)
