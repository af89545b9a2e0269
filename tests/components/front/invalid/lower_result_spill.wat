(component
  (import "f" (func $f (result (tuple u32 u32))))
  (core func (canon lower (func $f)))
)
