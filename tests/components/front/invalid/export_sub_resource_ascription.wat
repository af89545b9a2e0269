(component
  (import "f" (func $f))
  (export "g" (func $f) (type (sub resource)))
)
