(component
  (component $c (import "f" (func)))
  (import "g" (instance $g))
  (instance (instantiate $c (with "f" (instance $g))))
)
