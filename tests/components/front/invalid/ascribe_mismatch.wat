(component
  (import "f" (func $f (param "a" u32)))
  (export "g" (func $f) (func (param "a" u64)))
)
