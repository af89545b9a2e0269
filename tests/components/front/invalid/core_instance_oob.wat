(component
  (import "i" (instance $i))
  (alias core export 0 "x" (core func))
)
