(component
  (import "a" (func $f))
  (export "b" (func $f))
  (export "b" (func $f))
)
