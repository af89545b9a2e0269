;; an exported function's parameter is a record never exported
(component
  (type $point (record (field "x" s32) (field "y" s32)))
  (core module $m (func (export "f") (param i32 i32)))
  (core instance $i (instantiate $m))
  (func $f (param "p" $point) (canon lift (core func $i "f")))
  (export "f" (func $f))
)
