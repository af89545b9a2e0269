(component
  (import "a-b" (func))
  (import "A-B" (func))
)
