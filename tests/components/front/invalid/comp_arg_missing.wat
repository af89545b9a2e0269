(component
  (component $c (import "f" (func)))
  (instance (instantiate $c))
)
