;; a variant inside an option, in a parameter
(component
  (type $shape (variant (case "dot") (case "disc" f32)))
  (core module $m (func (export "f") (param i32 i32 f32)))
  (core instance $i (instantiate $m))
  (func $f (param "s" (option $shape)) (canon lift (core func $i "f")))
  (export "f" (func $f))
)
