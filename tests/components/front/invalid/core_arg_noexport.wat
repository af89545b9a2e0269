(component
  (core module $m (import "x" "f" (func)))
  (core module $n)
  (core instance $a (instantiate $n))
  (core instance (instantiate $m (with "x" (instance $a))))
)
