(component
  (import "a" (func))
  (import "a" (func))
)
