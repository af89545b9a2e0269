(component
  (import "f" (func $f))
  (core module $m (func (export "p")))
  (core instance $i (instantiate $m))
  (core func (canon lower (func $f) (post-return (core func $i "p"))))
)
