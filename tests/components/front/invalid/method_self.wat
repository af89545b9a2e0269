(component
  (import "r" (type $r (sub resource)))
  (import "[method]r.m" (func (param "x" u32)))
)
