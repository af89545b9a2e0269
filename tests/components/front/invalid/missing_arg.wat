(component
  (core module $m (import "x" "f" (func)))
  (core instance (instantiate $m))
)
