(component
  (type $t u32)
  (import "f" (func (type $t)))
)
