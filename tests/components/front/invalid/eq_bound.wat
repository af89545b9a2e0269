(component
  (import "r" (type $r (sub resource)))
  (import "s" (type (eq 7)))
)
